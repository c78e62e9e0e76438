// Remembered unlocks. A real manager, once unlocked (or made with --autolock), stays unlocked until
// its daemon restarts, holding the DEK in memory. tsecret has no daemon, so an unlock is remembered
// in a session file: $XDG_RUNTIME_DIR/tsecret/<hash of the state path>.json (0600, in a 0700 dir),
// holding the unwrapped DEK and the unlock key. XDG_RUNTIME_DIR is a per-login tmpfs that logout and
// reboot empty, which plays the manager's restart. Without XDG_RUNTIME_DIR, $TMPDIR/tsecret-<uid>
// ($TMPDIR or /tmp; emptied at reboot) is used. A session is only honoured for the key it was made for (keyId).
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { inWords } from './file-errors.js';
import { makeDirs, readRegularFile } from './safe-fs.js';

/** A session is one short line of JSON. */
const SESSION_CAP = 64 << 10;

export interface Session {
  version: 1;
  /** The state file the session unlocks (for people looking at the directory). */
  state: string;
  /** The key file's keyId this DEK belongs to. */
  keyId: string;
  /** The wrapping (WrappedKey.id) the unlock key below opens. */
  wrapId: string;
  /** The unwrapped DEK, base64. */
  dataKey: string;
  unlockKey: string;
}

/** The directory sessions live in, from the environment. */
export function sessionDirFor(env: NodeJS.ProcessEnv): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && isAbsolute(runtime)) return join(runtime, 'tsecret');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const tmp = env.TMPDIR && isAbsolute(env.TMPDIR) ? env.TMPDIR : tmpdir();
  return join(tmp, `tsecret-${uid}`);
}

/** One session per state file, named by a hash of its canonical path. */
export function sessionPathFor(dir: string, statePath: string): string {
  let canonical = statePath;
  try {
    canonical = join(realpathSync(dirname(statePath)), basename(statePath));
  } catch {
    /* the directory does not exist yet */
  }
  return join(dir, `${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}.json`);
}

/** The session at path, or undefined when there is none or it is not private to this user. */
export function readSession(path: string): Session | undefined {
  let text: string | undefined;
  try {
    if (!isPrivate(path, 'file')) return undefined;
    text = readRegularFile(path, 'session file', SESSION_CAP)?.toString('utf8');
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as Partial<Session>;
    if (
      s.version !== 1 ||
      typeof s.keyId !== 'string' ||
      typeof s.wrapId !== 'string' ||
      typeof s.dataKey !== 'string' ||
      typeof s.unlockKey !== 'string'
    ) {
      return undefined;
    }
    if (Buffer.from(s.dataKey, 'base64').length !== 32) return undefined;
    return s as Session;
  } catch {
    return undefined;
  }
}

/** Writes a session; throws when the session directory cannot be made private. */
export function writeSession(path: string, session: Session): void {
  const dir = dirname(path);
  makeDirs(dir, 0o700);
  if (!isPrivate(dir, 'dir')) throw new Error(`${dir} is not a directory only this user can read`);
  writeFileAtomic(path, `${JSON.stringify(session)}\n`, { mode: 0o600 });
  try {
    sweepSessions(dir, path);
  } catch {
    /* best effort: a leftover session unlocks nothing that still exists */
  }
}

/**
 * Removes the sessions of states whose directory is gone (a deleted throwaway state, as scripts and
 * CI make them): their keys unlock nothing any more, and nothing else would ever remove them.
 */
function sweepSessions(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!/^[0-9a-f]{32}\.json$/.test(name) || path === keep) continue;
    const state = readSession(path)?.state;
    if (typeof state === 'string' && isAbsolute(state) && !existsSync(dirname(state))) removeSession(path);
  }
}

export function removeSession(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* none was written, or it is gone */
  }
}

/** Not a symlink, owned by this user, no access for group or others. */
function isPrivate(path: string, kind: 'file' | 'dir'): boolean {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(path);
  } catch (err) {
    throw inWords(err, path, 'lstat');
  }
  if (kind === 'dir' ? !st.isDirectory() : !st.isFile()) return false;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
  return process.platform === 'win32' || (st.mode & 0o077) === 0;
}
