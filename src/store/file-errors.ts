// The store's file failures in words: one line naming the operation, the path and the cause, as
// Go's *PathError reads ("open /x/state.json: permission denied") and docker's CLI prints its own
// file errors. Node's texts ("EACCES: permission denied, open '/x'") never reach a user.

/** A failure the store explains in one line; the CLI prints the message as it is, exit 1. */
export class StoreFileError extends Error {
  constructor(
    message: string,
    /** The errno code behind it (ENOSPC, EACCES…), when there was one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Go's syscall.Errno texts (zerrors_linux.go), by Node's code. */
const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENOENT: 'no such file or directory',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EBUSY: 'device or resource busy',
  EXDEV: 'invalid cross-device link',
  ETXTBSY: 'text file busy',
  EINVAL: 'invalid argument',
  EAGAIN: 'resource temporarily unavailable',
  ESTALE: 'stale NFS file handle',
  EOVERFLOW: 'value too large for defined data type',
};

/** Node's syscall names as Go's os package names the operation. */
const GO_OP: Record<string, string> = {
  scandir: 'open',
  unlink: 'remove',
  rmdir: 'remove',
  fsync: 'sync',
  fdatasync: 'sync',
  futime: 'chtimes',
  utime: 'chtimes',
  lutime: 'chtimes',
  ftruncate: 'truncate',
  fstat: 'stat',
  copyfile: 'copy',
};

export const isErrno = (err: unknown): err is NodeJS.ErrnoException =>
  err instanceof Error &&
  typeof (err as NodeJS.ErrnoException).code === 'string' &&
  /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code as string);

/** The errno's text as Go prints it; node's description when Go's table here lacks the code. */
export function errnoText(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  return ERRNO_TEXT[code] ?? /^[A-Z0-9]+: ([^,]+)/.exec(err.message)?.[1] ?? code.toLowerCase();
}

/**
 * One line for a failed file operation: `op path: cause`. path and op override node's own (the
 * target a temp file stands for, the operation the user would recognise).
 */
export function fileErrorText(err: NodeJS.ErrnoException, path?: string, op?: string): string {
  const syscall = err.syscall ?? 'open';
  const verb = op ?? GO_OP[syscall] ?? syscall;
  const where = path ?? err.path ?? '';
  const dest = (err as { dest?: string }).dest;
  if (verb === 'rename' && !path && dest) return `rename ${where} ${dest}: ${errnoText(err)}`;
  return `${verb} ${where}: ${errnoText(err)}`;
}

/** err in words when it is a failed file operation; any other error is returned as it is. */
export function inWords(err: unknown, path?: string, op?: string): unknown {
  if (err instanceof StoreFileError || !isErrno(err)) return err;
  return new StoreFileError(fileErrorText(err, path, op), err.code);
}

/** Runs fn, rethrowing a failed file operation in words. */
export function worded<T>(fn: () => T, path?: string, op?: string): T {
  try {
    return fn();
  } catch (err) {
    throw inWords(err, path, op);
  }
}
