// Errors the command line turns into docker's output and exit codes (docker/cli cmd/docker getExitCode).

/** An error with an explicit exit code, as cli.StatusError. The message goes to stderr as is. */
export class StatusError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** A flag parse error: printed with the command's usage, exit 125 (cli.FlagErrorFunc). */
export class FlagError extends Error {}

/** Several errors reported together at the end, one per line (Go errors.Join). */
export function joinErrors(errors: Error[]): Error | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return errors[0];
  return new Error(errors.map((e) => e.message).join('\n'));
}
