// `tsecret demo`: a narrated run of Docker's first-secret walkthrough on a throwaway state, so a new
// user sees what tsecret does without touching their own state. Not a docker command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { Engine } from '../engine/client.js';
import type { IOStreams } from '../iostreams/iostreams.js';
import { type CommandSpec, noArgs } from './command.js';

interface DemoStep {
  say: string;
  /** `$CID` stands for the value the last `capture` step printed, as `$(...)` would in a shell. */
  argv: string[];
  stdin?: string;
  /** The step's trimmed output becomes $CID for the following steps. */
  capture?: true;
}

const SECRET_TEXT = 'This is my first secured secret\n';

const STEPS: DemoStep[] = [
  { say: 'Make this node a one-node swarm manager.', argv: ['swarm', 'init', '--advertise-addr', '127.0.0.1'] },
  {
    say: 'Store a secret from standard input (echo "This is my first secured secret" | ...).',
    argv: ['secret', 'create', 'my_first_secured_secret', '-'],
    stdin: SECRET_TEXT,
  },
  { say: 'List secrets: the value itself is never shown.', argv: ['secret', 'ls'] },
  { say: 'Inspect it: metadata only, never the data.', argv: ['secret', 'inspect', 'my_first_secured_secret'] },
  { say: 'The same, for humans.', argv: ['secret', 'inspect', '--pretty', 'my_first_secured_secret'] },
  {
    say: 'Names are unique, ignoring case: a second one is refused.',
    argv: ['secret', 'create', 'MY_FIRST_SECURED_SECRET', '-'],
    stdin: SECRET_TEXT,
  },
  {
    say: 'Give it to a service: each task container gets it as a file under /run/secrets.',
    argv: ['service', 'create', '--name', 'nginx', '--secret', 'my_first_secured_secret', 'nginx:latest'],
  },
  { say: "The service's task, on this node.", argv: ['service', 'ps', 'nginx'] },
  { say: "The task's container.", argv: ['ps', '--filter', 'name=nginx', '-q'], capture: true },
  {
    say: 'Read the secret from inside the container (the one place its value is shown).',
    argv: ['container', 'exec', '$CID', 'cat', '/run/secrets/my_first_secured_secret'],
  },
  { say: 'A secret that a service uses cannot be removed.', argv: ['secret', 'rm', 'my_first_secured_secret'] },
  {
    say: 'Take it away from the service: the task is replaced and the file is gone.',
    argv: ['service', 'update', '--secret-rm', 'my_first_secured_secret', 'nginx'],
  },
  { say: 'The old task is shut down; a new one runs.', argv: ['service', 'ps', 'nginx'] },
  { say: 'Now it can be removed.', argv: ['secret', 'rm', 'my_first_secured_secret'] },
  { say: 'Remove the service with its tasks and containers.', argv: ['service', 'rm', 'nginx'] },
  { say: 'Leave the swarm: the last manager leaving erases all swarm state.', argv: ['swarm', 'leave', '--force'] },
];

/** The whole command line, handed in by root.ts: it lists this command, so this file cannot import it. */
export type RunCli = (argv: string[], io: IOStreams, makeEngine: () => Engine) => Promise<number>;

export async function runDemo(io: IOStreams, runCli: RunCli): Promise<void> {
  // Imported here so the demo's extra modules stay off every other command's start-up path.
  const { localEngineFor } = await import('../engine/local/factory.js');
  const dir = mkdtempSync(join(tmpdir(), 'tsecret-demo-'));
  const statePath = join(dir, 'state.json');
  try {
    io.stdout.write(`tsecret demo: the first-secret walkthrough, on a throwaway state in ${dir}\n`);
    let captured = '';
    for (const step of STEPS) {
      const shown = step.argv.map((a) => (/^[\w./:=$-]+$/.test(a) ? a : `'${a}'`)).join(' ');
      const pipe = step.stdin ? `echo ${JSON.stringify(step.stdin.trimEnd())} | ` : '';
      const assign = step.capture ? 'CID=$(' : '';
      io.stdout.write(`\n# ${step.say}\n$ ${assign}${pipe}tsecret ${shown}${assign ? ')' : ''}\n`);
      const out: Buffer[] = [];
      const collect = new Writable({
        write(chunk: Buffer, _encoding, done) {
          out.push(Buffer.from(chunk));
          done();
        },
      });
      const stdout = step.capture ? collect : io.stdout;
      // field by field: the step reads its own stdin, not the process's (no readStdinSync)
      const stepIO: IOStreams = {
        stdin: Readable.from(step.stdin ? [Buffer.from(step.stdin)] : []),
        stdinIsTTY: false,
        stdout,
        stdoutIsTTY: false,
        stderr: io.stdout,
        stderrIsTTY: io.stderrIsTTY,
        terminalColumns: io.terminalColumns,
        env: io.env,
        cwd: io.cwd,
        now: io.now,
      };
      const argv = step.argv.map((a) => (a === '$CID' ? captured : a));
      const code = await runCli(argv, stepIO, () => localEngineFor(statePath, io));
      if (step.capture) {
        captured = Buffer.concat(out).toString().trim();
        io.stdout.write(`$ echo $CID\n${captured}\n`);
      }
      if (code !== 0) io.stdout.write(`(exit code ${code})\n`);
    }
    io.stdout.write('\nDone. Your own state was not touched; run `tsecret swarm init` to start one.\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const demoCommand = (runCli: RunCli): CommandSpec => ({
  use: 'demo',
  short: 'Run the first-secret walkthrough on a throwaway state',
  own: true,
  args: noArgs,
  run: ({ io }) => runDemo(io, runCli),
});
