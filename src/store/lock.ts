// An inter-process lock around read-modify-write of the state, so parallel invocations never lose
// an update, even from different PID namespaces (containers of one pod, a CI job and its sidecar:
// one volume, one hostname, separate pids).
//
// The lock is a file created with O_EXCL and held open for as long as it is held. It names its
// holder: pid, the process's start time, its PID namespace (/proc/self/ns/pid), the kernel's boot id
// and the hostname. Whether a holder is gone is decided only where that is sound:
// - same kernel and same PID namespace: the pid is checked with kill(pid, 0), and its start time
//   in /proc, so a pid reused by an unrelated process is not taken for the holder. A killed holder's
//   lock is broken at once.
// - anywhere else (another namespace, another host on a shared volume, a record without an
//   identity): a pid means nothing there, so the lock is a lease. The holder renews it by touching
//   the file's mtime as it works; a lock not renewed for LEASE_MS is broken.
// A holder checks that the lock file is still the one it created (the inode it holds open) just
// before it commits, so a holder that lost its lease (stopped for seconds) fails instead of
// overwriting a newer state. Anything at the lock path that tsecret did not make (a directory, a
// link, a FIFO) is refused at once with a message that says what to remove.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  openSync,
  readFileSync,
  readlinkSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { sleepSync } from '../go/time/sleep.js';
import { inWords, StoreFileError } from './file-errors.js';
import { kindOf, lstatOrUndefined, readRegularFile, shellWord } from './safe-fs.js';

/** How long a command waits for a live holder before giving up. */
const WAIT_LIMIT_MS = 60_000;
/** A lock whose holder cannot be checked by pid is broken when it has not been renewed for this long. */
export const LEASE_MS = 5_000;
/** A lock file still empty after this long was left by a process killed between create and write. */
const EMPTY_LOCK_GRACE_MS = 2_000;
/** How often a lock held across asynchronous steps is renewed. */
const RENEW_EVERY_MS = 1_000;
/** The breaker's guard is held for microseconds; older than this, its holder died. */
const GUARD_STALE_MS = 2_000;
/** A lock record is one short line. */
const RECORD_CAP = 4096;

const CREATE_EXCL = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export class LockTimeoutError extends StoreFileError {}

/** The lock was broken while this process held it: nothing it had not committed was written. */
export class LockLostError extends StoreFileError {}

/** Who holds a lock, as written in the lock file. */
export interface LockRecord {
  pid: number;
  /** The process's start time (/proc/<pid>/stat field 22), to tell it from a later process with its pid. */
  start?: string;
  /** The PID namespace its pid belongs to (the link text of /proc/self/ns/pid). */
  pidns?: string;
  /** /proc/sys/kernel/random/boot_id: one per running kernel. */
  boot?: string;
  host: string;
  /** Random per acquisition. */
  token: string;
}

interface Me extends LockRecord {
  /** /proc is this process's PID namespace's, so /proc/<pid> of a recorded pid is that process. */
  procIsOurs: boolean;
}

let me: Me | undefined;

function readProc(path: string, link = false): string | undefined {
  try {
    return link ? readlinkSync(path) : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function procStat(pid: number | 'self'): string[] | undefined {
  const text = readProc(`/proc/${pid}/stat`);
  if (!text) return undefined;
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function identity(): Me {
  if (me) return me;
  const host = hostname();
  const linux = process.platform === 'linux';
  const procIsOurs = linux && readProc('/proc/self', true) === String(process.pid);
  me = {
    pid: process.pid,
    // field 22 (starttime) is the 20th after the name; only meaningful when /proc is our namespace's
    start: procIsOurs ? procStat('self')?.[19] : undefined,
    // no PID namespaces off Linux: the host is the namespace
    pidns: linux ? readProc('/proc/self/ns/pid', true) : `${process.platform}:${host}`,
    boot: linux ? readProc('/proc/sys/kernel/random/boot_id')?.trim() : undefined,
    host,
    token: '',
    procIsOurs,
  };
  return me;
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<LockRecord> & { tsecret?: unknown };
    if (
      r.tsecret !== 'lock' ||
      !Number.isSafeInteger(r.pid) ||
      (r.pid as number) <= 0 ||
      typeof r.host !== 'string' ||
      typeof r.token !== 'string'
    )
      return undefined;
    const opt = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return { pid: r.pid as number, start: opt(r.start), pidns: opt(r.pidns), boot: opt(r.boot), host: r.host, token: r.token };
  } catch {
    // an older tsecret's "pid\nhost\n", or a file killed half-written: judged by its lease
    return undefined;
  }
}

/** A lock this process holds. */
export class HeldLock {
  private renewing: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly file: Stats,
  ) {}

  /** Renews the lease. */
  renew(): void {
    const now = Date.now() / 1000;
    try {
      futimesSync(this.fd, now, now);
    } catch {
      /* the lease runs out and assertHeld says so */
    }
  }

  /** Renews the lease every second while asynchronous steps run under the lock. */
  keepRenewing(): void {
    this.renewing ??= setInterval(() => this.renew(), RENEW_EVERY_MS);
    this.renewing.unref();
  }

  /** Throws LockLostError when the lock file is no longer the one this process created. */
  assertHeld(): void {
    this.renew();
    if (!this.stillOurs()) {
      throw new LockLostError(
        `the state lock ${this.path} was taken over while this command ran (it was not renewed for ${LEASE_MS / 1000} s); nothing was changed, run the command again`,
      );
    }
  }

  release(): void {
    if (this.renewing) clearInterval(this.renewing);
    try {
      if (this.stillOurs()) unlinkSync(this.path);
    } catch {
      /* already gone */
    }
    closeSync(this.fd);
  }

  private stillOurs(): boolean {
    const now = lstatOrUndefined(this.path);
    return now !== undefined && now.ino === this.file.ino && now.dev === this.file.dev;
  }
}

export interface LockOptions {
  /** Called once when the lock record cannot be written for want of space; true: try again. */
  onNoSpace?: () => boolean;
}

export function withLock<T>(lockPath: string, fn: (lock: HeldLock) => T, opts: LockOptions = {}): T {
  const lock = acquireLock(lockPath, opts);
  try {
    return fn(lock);
  } finally {
    lock.release();
  }
}

export function acquireLock(path: string, opts: LockOptions = {}): HeldLock {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let delay = 2;
  for (;;) {
    const held = tryCreate(path, opts);
    if (held) return held;
    const holder = readHolder(path);
    if (!holder) continue; // released between the two looks
    if (isStale(holder) && breakStale(path, holder)) continue;
    if (Date.now() > deadline) {
      const who = holder.record ? `process ${holder.record.pid} on ${holder.record.host}` : 'an unknown process';
      throw new LockTimeoutError(
        `timed out after ${WAIT_LIMIT_MS / 1000} s waiting for the state lock ${path}, held by ${who}; if no tsecret command is running, remove it: rm ${shellWord(path)}`,
      );
    }
    sleepSync(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

function tryCreate(path: string, opts: LockOptions): HeldLock | undefined {
  let fd: number;
  try {
    fd = openSync(path, CREATE_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw inWords(err, path, 'open');
  }
  const record = Buffer.from(
    `${JSON.stringify({ tsecret: 'lock', ...identity(), procIsOurs: undefined, token: randomBytes(8).toString('hex') })}\n`,
  );
  try {
    writeRecord(fd, record, opts);
    return new HeldLock(path, fd, fstatSync(fd));
  } catch (err) {
    closeSync(fd);
    unlinkSync(path);
    throw inWords(err, path, 'write');
  }
}

function writeRecord(fd: number, record: Buffer, opts: LockOptions): void {
  try {
    writeSync(fd, record);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!(code === 'ENOSPC' || code === 'EDQUOT') || !opts.onNoSpace?.()) throw err;
    writeSync(fd, record);
  }
}

interface Holder {
  text: string;
  record?: LockRecord;
  file: Stats;
}

/** The lock file's holder; undefined when the lock is gone. Anything but a regular file is refused. */
function readHolder(path: string): Holder | undefined {
  const file = lstatOrUndefined(path);
  if (!file) return undefined;
  if (!file.isFile()) {
    throw new StoreFileError(
      `the state lock ${path} is ${kindOf(file)}, not a lock file tsecret made; if no tsecret command is running, remove it: rm ${file.isDirectory() ? '-r ' : ''}${shellWord(path)}`,
    );
  }
  let text = '';
  try {
    text = readRegularFile(path, 'lock file', RECORD_CAP)?.toString('utf8') ?? '';
  } catch (err) {
    if (!(err instanceof StoreFileError) || (err as StoreFileError).code) throw err;
    // larger than any record: not one of ours, judged by its age
  }
  return { text, record: parseRecord(text), file };
}

/** Whether the holder is known to be gone; see the header for when a pid can be trusted. */
function isStale(holder: Holder): boolean {
  const r = holder.record;
  const self = identity();
  const sameKernel = r?.boot && self.boot ? r.boot === self.boot : r?.host === self.host;
  if (r && sameKernel && r.pidns !== undefined && r.pidns === self.pidns) return !isRunning(r, self);
  const age = Date.now() - holder.file.mtimeMs;
  return age > (holder.text === '' ? EMPTY_LOCK_GRACE_MS : LEASE_MS);
}

/** The recorded process still runs (a zombie does not; a reused pid is another process). */
function isRunning(r: LockRecord, self: Me): boolean {
  try {
    process.kill(r.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (!self.procIsOurs) return true;
  const stat = procStat(r.pid);
  if (!stat) return true;
  if (stat[0] === 'Z' || stat[0] === 'X') return false;
  return r.start === undefined || stat[19] === r.start;
}

/** Removes the stale lock if it is still the one judged stale; true when the way is clear. */
function breakStale(path: string, judged: Holder): boolean {
  const guard = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(guard, CREATE_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw inWords(err, guard, 'open');
    const st = lstatOrUndefined(guard);
    if (st && !st.isFile()) {
      throw new StoreFileError(
        `the state lock's guard ${guard} is ${kindOf(st)}, not a file tsecret made; if no tsecret command is running, remove it: rm ${st.isDirectory() ? '-r ' : ''}${shellWord(guard)}`,
      );
    }
    // a breaker killed while it held the guard (it holds it for microseconds)
    if (st && Date.now() - st.mtimeMs > GUARD_STALE_MS) {
      try {
        unlinkSync(guard);
      } catch {
        /* another breaker removed it */
      }
    }
    return false;
  }
  try {
    // a fresh owner may have taken the lock since, or the holder renewed it: only the stale lock goes
    const now = readHolder(path);
    if (now && now.file.ino === judged.file.ino && now.file.dev === judged.file.dev && now.text === judged.text && isStale(now))
      unlinkSync(path);
    return true;
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}
