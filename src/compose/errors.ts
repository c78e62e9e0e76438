// The error type of the compose loader.

/**
 * A loading error, its message exactly as docker prints it (one or several lines, no trailing
 * newline): `yaml: line 4: ...`, `services.web Additional property foo is not allowed`,
 * `open missing.yml: no such file or directory`, ... The command prints it and exits 1.
 */
export class ComposeError extends Error {
  /**
   * Warnings docker had already logged (logrus, on stderr) before failing, e.g. a deprecated
   * `external: {name:}` in the first file when the second one is invalid. Print them first.
   */
  logWarnings?: string[];
}
