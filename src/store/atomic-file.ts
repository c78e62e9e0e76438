// Crash-safe file replacement: write a temp file, fsync it, rename it over the target, fsync the
// directory. A crash at any point leaves either the old file or the new one, never a torn one; a
// failed write (a full disk) removes its temp file. Failures are reported in words, naming the
// target rather than the temp file.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inWords } from './file-errors.js';

const CREATE_EXCL = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface AtomicWriteOptions {
  mode?: number;
  /** Runs just before the rename that commits (the lock holder's last check). */
  beforeCommit?: () => void;
}

export function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, CREATE_EXCL, opts.mode ?? 0o600);
  } catch (err) {
    throw inWords(err, path, 'open');
  }
  let op = 'write';
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    op = 'sync';
    fsyncSync(fd);
    op = 'close';
    closeSync(fd);
    fd = -1;
    opts.beforeCommit?.();
    op = 'rename';
    renameSync(tmp, path);
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* the rename happened after all, or the temp file is gone */
    }
    throw inWords(err, path, op);
  }
  fsyncDir(dirname(path));
}

export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (err) {
    throw inWords(err, dir, 'open');
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    // some filesystems cannot sync a directory; the rename is done either way
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw inWords(err, dir, 'sync');
  } finally {
    closeSync(fd);
  }
}
