// The build runs this once, in-process, before it saves the bundle's V8 code cache (see
// bin/tsecret.cjs): whatever these commands compile is in the cache, so the same code paths start
// without compiling later. The tutorial's commands, on a throwaway state; stacks are left out, as
// the compose loader would make the cache (read by every command) twice the size for one command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli/root.js';
import { localEngineFor } from './engine/local/factory.js';
import { testStreams } from './iostreams/test.js';

const WORKLOAD: Array<[string, string?]> = [
  ['swarm init --advertise-addr 127.0.0.1'],
  ['secret create my_secret -', 'warm-up\n'],
  ['secret create --label env=dev other_secret -', 'warm-up\n'],
  ['secret ls'],
  ['secret ls -q'],
  ['secret ls --format {{.Name}}:{{.Labels}}'],
  ['secret inspect my_secret'],
  ['secret inspect --pretty my_secret'],
  ['service create --name web --secret my_secret --secret source=other_secret,target=other nginx:latest'],
  ['service ls'],
  ['service ps web'],
  ['service inspect --pretty web'],
  ['ps'],
  ['exec $CID cat /run/secrets/my_secret'],
  ['service update --secret-rm other_secret web'],
  ['secret rm other_secret'],
  ['service rm web'],
  ['secret ls --help'],
  ['swarm leave --force'],
];

export async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsecret-warm-up-'));
  try {
    const statePath = join(dir, 'state.json');
    let containerId = '';
    for (const [line, stdin] of WORKLOAD) {
      const { io, stdout, stderr } = testStreams({ stdin, env: { NO_COLOR: '1' }, cwd: dir, now: () => Date.now() });
      const args = line.split(' ').map((word) => (word === '$CID' ? containerId : word));
      const code = await runCli(args, io, () => localEngineFor(statePath, io));
      if (code !== 0) throw new Error(`warm-up: tsecret ${line}: exit ${code}: ${stderr.text().trim()}`);
      if (line === 'ps') containerId = stdout.text().split('\n')[1]?.split(' ')[0] ?? '';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
