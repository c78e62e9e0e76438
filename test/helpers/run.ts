// Runs tsecret in-process with injected streams, clock and state, or as the built CLI in a child
// process; both return what a user sees: stdout, stderr and the exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/root.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { testStreams } from '../../src/iostreams/test.js';
import { resolveStatePath } from '../../src/store/paths.js';

export interface Result {
  stdout: string;
  stderr: string;
  exit: number;
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The installed entry point (package.json bin): it loads the bundle, dist/tsecret.cjs. */
export const builtCli = join(repoRoot, 'bin', 'tsecret.cjs');

export function tempDir(prefix = 'tsecret-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Session {
  statePath: string;
  dir: string;
  /** The frozen clock (ms); tests move it forward to check "N minutes ago" texts. */
  clock: { now: number };
  run(
    args: string[] | string,
    opts?: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; columns?: number; tty?: boolean },
  ): Promise<Result>;
}

const split = (args: string[] | string): string[] => (typeof args === 'string' ? args.split(' ').filter(Boolean) : args);

/** A fresh state in a temp dir, and a runner that calls the CLI in-process. */
export function session(): Session {
  const dir = tempDir();
  const statePath = join(dir, 'state', 'state.json');
  const clock = { now: Date.parse('2026-11-28T10:00:00Z') };
  return {
    statePath,
    dir,
    clock,
    async run(args, opts = {}) {
      const env = { ...process.env, TSECRET_STATE: statePath, NO_COLOR: undefined, ...opts.env };
      const { io, stdout, stderr } = testStreams({ ...opts, env, cwd: dir, now: () => clock.now });
      const exit = await runCli(split(args), io, (g) => localEngineFor(resolveStatePath(g.state, env, dir), io));
      return { stdout: stdout.text(), stderr: stderr.text(), exit };
    },
  };
}

/**
 * Runs the built CLI as a child process, as `node -- bin/tsecret.cjs` (the `--`: see
 * bin/tsecret.cjs), or with `viaBin` through the same file's shebang, as a user runs it.
 */
export function spawnCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string | Buffer; cwd?: string; viaBin?: boolean } = {},
): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const [command, argv] = opts.viaBin ? [builtCli, args] : [process.execPath, ['--', builtCli, ...args]];
    const child = spawn(command, argv, {
      env: { ...process.env, ...opts.env },
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        exit: code ?? 128 + (signal ? 9 : 0),
      }),
    );
    child.stdin.end(opts.stdin ?? '');
  });
}
