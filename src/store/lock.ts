// An inter-process lock around read-modify-write of the state, so parallel invocations never lose
// an update. A lock file created with O_EXCL names its owner's pid; a lock whose owner is gone (killed
// mid-command) is broken at once, under a short-lived guard so two breakers cannot both win.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { sleepSync } from '../go/time/sleep.js';

/** How long a command waits for a live holder before giving up. */
const WAIT_LIMIT_MS = 60_000;
/** A lock file still empty after this long was left by a process killed between create and write. */
const EMPTY_LOCK_GRACE_MS = 2_000;
/** The breaker's guard is held for microseconds; older than this, its holder died. */
const GUARD_STALE_MS = 2_000;

export class LockTimeoutError extends Error {}

export function withLock<T>(lockPath: string, fn: () => T): T {
  acquire(lockPath);
  try {
    return fn();
  } finally {
    release(lockPath);
  }
}

function ownerRecord(): string {
  return `${process.pid}\n${hostname()}\n`;
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, ownerRecord());
  } finally {
    closeSync(fd);
  }
  return true;
}

function acquire(path: string): void {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let delay = 2;
  for (;;) {
    if (tryCreate(path)) return;
    const holder = readHolder(path);
    if (holder && isStale(holder) && breakStale(path, holder.record)) continue;
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`timed out waiting for the state lock ${path}${holder?.pid ? ` held by process ${holder.pid}` : ''}`);
    }
    sleepSync(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

interface Holder {
  record: string;
  pid?: number;
  host?: string;
  mtimeMs: number;
}

function readHolder(path: string): Holder | undefined {
  try {
    const record = readFileSync(path, 'utf8');
    const mtimeMs = statSync(path).mtimeMs;
    const [pid, host] = record.split('\n');
    return { record, pid: Number(pid) || undefined, host, mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function isStale(holder: Holder): boolean {
  if (!holder.pid) return Date.now() - holder.mtimeMs > EMPTY_LOCK_GRACE_MS;
  // A lock from another host (a shared state dir) cannot be judged by pid; only its own host breaks it.
  if (holder.host && holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the stale lock if it is still the one judged stale; true when the way is clear. */
function breakStale(path: string, staleRecord: string): boolean {
  const guard = `${path}.break`;
  if (!tryCreate(guard)) {
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      /* the guard went away on its own */
    }
    return false;
  }
  try {
    // A fresh owner may have taken the lock since it was judged: only the stale record goes.
    const now = readHolder(path);
    if (now && now.record === staleRecord) unlinkSync(path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

function release(path: string): void {
  try {
    if (readFileSync(path, 'utf8') === ownerRecord()) unlinkSync(path);
  } catch {
    /* already gone */
  }
}
