// Go's error texts for failed file operations, which docker prints as they are.

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
    default:
      return `open ${file}: ${err.message}`;
  }
}
