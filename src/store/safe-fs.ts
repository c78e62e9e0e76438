// The state directory's trust model, and reads that cannot be turned against tsecret.
//
// Like ssh with ~/.ssh, tsecret only uses a state directory that no one else can change: a
// directory owned by the user (or root) that group and others cannot write. Inside it nothing is
// followed: the state, key, lock and payload paths are opened with O_NOFOLLOW or checked with
// lstat, so a link planted there can neither redirect a write nor make tsecret delete files
// elsewhere. Files are read only when they are regular files of a bounded size, opened
// non-blocking so a FIFO cannot hang a command.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { inWords, StoreFileError } from './file-errors.js';

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** What a path is, in words, for messages. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A path as a shell word, for the fixes messages suggest. */
export const shellWord = (path: string): string => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);

const sizeText = (bytes: number): string => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${bytes / 1024} KiB`);

/** lstat, or undefined when nothing is there; other failures in words. */
export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inWords(err, path, 'lstat');
  }
}

/** Refuses anything at path but a regular file (a link is not followed); fine when nothing is there. */
export function requireRegularOrAbsent(path: string, what: string): void {
  const st = lstatOrUndefined(path);
  if (st && !st.isFile()) throw notRegular(path, what, st);
}

function notRegular(path: string, what: string, st: Stats): StoreFileError {
  if (st.isSymbolicLink()) {
    return new StoreFileError(
      `${what} ${path} is a symbolic link: tsecret follows no links in its state directory; put the file itself there, or remove the link`,
    );
  }
  return new StoreFileError(`${what} ${path} is ${kindOf(st)}, not a regular file`);
}

/**
 * The regular file at path, read whole without following a link; undefined when nothing is there.
 * Anything else (a FIFO, a device, a directory, a link) or more than cap bytes is refused in one line.
 */
export function readRegularFile(path: string, what: string, cap: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'ENXIO') {
      const st = lstatOrUndefined(path);
      if (st && !st.isFile()) throw notRegular(path, what, st);
    }
    throw inWords(err, path, 'open');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path, what, st);
    if (st.size > cap) throw tooLarge(path, what, cap);
    // one byte more than the size, to see a file that grows while it is read
    let buf = Buffer.allocUnsafe(st.size + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > cap) throw tooLarge(path, what, cap);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, cap + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) return buf.subarray(0, length);
      length += n;
    }
  } catch (err) {
    throw inWords(err, path, 'read');
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (path: string, what: string, cap: number): StoreFileError =>
  new StoreFileError(`${what} ${path} is larger than ${sizeText(cap)}, more than tsecret ever writes: is it the right file?`);

const currentUid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * A directory tsecret may keep state in: a directory (a link to one is followed only when
 * followLink, as for the state directory a user names), owned by this user or root, which group
 * and others cannot write. Returns false when it does not exist; refuses anything else in one
 * line that names the path and the fix.
 */
export function checkTrustedDir(dir: string, role: string, followLink: boolean): boolean {
  let st: Stats;
  try {
    st = followLink ? statSync(dir) : lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw inWords(err, dir, followLink ? 'stat' : 'lstat');
  }
  if (st.isSymbolicLink()) {
    throw new StoreFileError(
      `refusing ${role} ${dir}: it is a symbolic link, and tsecret follows no links in its state directory; move it aside`,
    );
  }
  if (!st.isDirectory()) throw new StoreFileError(`refusing ${role} ${dir}: it is ${kindOf(st)}, not a directory`);
  const uid = currentUid();
  if (uid === undefined) return true;
  if (st.uid !== uid && st.uid !== 0) {
    throw new StoreFileError(`refusing ${role} ${dir}: it is owned by uid ${st.uid}, not by you (uid ${uid}); use a directory of your own`);
  }
  if (st.mode & 0o022) {
    const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
    // a shared directory such as /tmp (sticky, or someone else's) is not to be chmodded: use another
    const fix =
      st.mode & 0o1000 || st.uid !== uid
        ? 'keep the state in a directory of your own (mkdir -m 700 DIR, then --state DIR/state.json)'
        : `make it yours alone with chmod go-w ${shellWord(dir)}`;
    throw new StoreFileError(`refusing ${role} ${dir}: group or others can write in it (mode ${mode}); ${fix}`);
  }
  return true;
}

/**
 * mkdir -p: each missing directory made in turn with mode, the first failure in words. (Node's
 * recursive mkdir reports a read-only parent as ENOENT of the whole path, and loops for ever
 * under /proc.)
 */
export function makeDirs(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let path = dir; ; path = dirname(path)) {
    let st: Stats | undefined;
    try {
      st = statSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw inWords(err, path, 'stat');
    }
    if (st) {
      if (!st.isDirectory()) throw new StoreFileError(`mkdir ${dir}: ${path} is ${kindOf(st)}, not a directory`);
      break;
    }
    missing.push(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) continue;
      throw inWords(err, path, 'mkdir');
    }
  }
}
