// A fresh store for the hostile-conditions suites: a private temp directory, the state below it,
// the session directory beside it, and the built CLI bound to them with a deadline.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir } from '../helpers/run.js';
import { type BoundedOptions, type BoundedResult, runWithin } from './checks.js';

export const INIT = ['swarm', 'init', '--advertise-addr', '127.0.0.1'];

/** Generous: it tells a hang (a minute's lock wait, a blocked read) from a slow, shared machine. */
export const DEADLINE_MS = 20_000;

export interface Store {
  dir: string;
  statePath: string;
  env: NodeJS.ProcessEnv;
  /** The built CLI on this store, killed at the deadline. */
  run(args: string[], opts?: BoundedOptions & { ms?: number }): Promise<BoundedResult>;
  /** The same, and it must succeed quietly. */
  ok(args: string[], stdin?: string | Buffer): Promise<BoundedResult>;
}

export function storeIn(dir: string, statePath = join(dir, 'state', 'state.json')): Store {
  const env = { TSECRET_STATE: statePath, XDG_RUNTIME_DIR: join(dir, 'run') };
  const run: Store['run'] = (args, opts = {}) =>
    runWithin(opts.ms ?? DEADLINE_MS, args, { cwd: dir, ...opts, env: { ...env, ...opts.env } });
  return {
    dir,
    statePath,
    env,
    run,
    async ok(args, stdin) {
      const r = await run(args, { stdin });
      expect(r, args.join(' ')).toMatchObject({ exit: 0, stderr: '', timedOut: false });
      return r;
    },
  };
}

export const freshStore = (): Store => storeIn(tempDir('tsecret-hostile-'));

/** One line on stderr, nothing on stdout, exit 1, in time, and no raw Node or V8 text. */
export function expectOneLineError(r: BoundedResult, label: string): void {
  expect(r.timedOut, `${label}: still running at the deadline`).toBe(false);
  expect({ exit: r.exit, stdout: r.stdout }, `${label}: ${r.stderr}`).toEqual({ exit: 1, stdout: '' });
  expect(r.stderr.endsWith('\n') && !r.stderr.slice(0, -1).includes('\n'), `${label}: not one line: ${JSON.stringify(r.stderr)}`).toBe(
    true,
  );
  expect(r.stderr, label).not.toMatch(RAW_TEXT);
}

/** What Node and V8 say, which a user must never see. */
export const RAW_TEXT =
  /\bE[A-Z]{3,}\b: |\b(?:EACCES|EROFS|ENOSPC|EISDIR|ENOTDIR|ELOOP|ENOENT|EEXIST|EPERM|ENXIO)\b|illegal operation|Invalid string length|Cannot create a string longer|Maximum call stack|heap out of memory|^\s+at /m;

/** Whether this process may make PID namespaces (root, or a permissive container). */
export const canUnshare = (): boolean => spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/** Whether this process may mount filesystems (a tmpfs of a given size for a full disk). */
export function canMountTmpfs(): boolean {
  const dir = tempDir('tsecret-mount-probe-');
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  return ok;
}
