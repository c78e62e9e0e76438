// Go's *PathError (io/fs PathError.Error, as os.Open and Read return it): the texts for failed
// file operations, which docker prints as they are.

/** Go's *PathError text for the failures os.Open and Read report. */
export function goPathError(err: NodeJS.ErrnoException, file: string): string {
  switch (err.code) {
    case 'ENOENT':
      return `open ${file}: no such file or directory`;
    case 'EACCES':
      return `open ${file}: permission denied`;
    case 'EISDIR':
      return `read ${file}: is a directory`;
    case 'ENOTDIR':
      return `open ${file}: not a directory`;
    case 'ELOOP':
      return `open ${file}: too many levels of symbolic links`;
    case 'ENAMETOOLONG':
      return `open ${file}: file name too long`;
    // a NUL byte: Go's syscall layer refuses the path with EINVAL; node throws before any syscall
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
    case 'EINVAL':
      return `open ${file}: invalid argument`;
    default:
      // node's "ECODE: description, syscall 'path'": Go prints the description (strerror) alone
      return `open ${file}: ${/^[A-Z0-9]+: ([^,]+),/.exec(err.message)?.[1] ?? err.message}`;
  }
}
