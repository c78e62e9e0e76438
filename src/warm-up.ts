// The build runs this once, in-process, before it saves each chunk's V8 code cache (see
// scripts/build.mjs): whatever these commands compile is in the caches, so the same code paths
// start without compiling later. The tutorial's commands, on a throwaway state. A chunk's cache
// is read only by the commands that load that chunk, so the stack commands' compose loader costs
// the other commands nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandSpec } from './cli/command.js';
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
  ['stack deploy --resolve-image never -c compose.yml app'],
  ['stack ls'],
  ['stack services app'],
  ['stack ps app'],
  ['stack rm app'],
  ['secret ls --help'],
  ['swarm leave --force'],
];

/** tree: the command tree as a run builds it (main.ts commandTree), so its code is in the caches too. */
export async function warmUp(tree?: CommandSpec): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsecret-warm-up-'));
  try {
    const statePath = join(dir, 'state.json');
    writeFileSync(
      join(dir, 'compose.yml'),
      'version: "3.8"\nservices:\n  web:\n    image: nginx:latest\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./compose.yml\n',
    );
    let containerId = '';
    for (const [line, stdin] of WORKLOAD) {
      const { io, stdout, stderr } = testStreams({ stdin, env: { NO_COLOR: '1' }, cwd: dir, now: () => Date.now() });
      const args = line.split(' ').map((word) => (word === '$CID' ? containerId : word));
      const code = await runCli(args, io, () => localEngineFor(statePath, io), tree);
      if (code !== 0) throw new Error(`warm-up: tsecret ${line}: exit ${code}: ${stderr.text().trim()}`);
      if (line === 'ps') containerId = stdout.text().split('\n')[1]?.split(' ')[0] ?? '';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
