// Errors the command line turns into docker's output and exit codes (docker/cli cmd/docker getExitCode).

/** An error with an explicit exit code, as cli.StatusError. The message goes to stderr as is. */
export class StatusError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
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

/**
 * docker's multi-argument commands (rm, stop): run op on each argument, print the argument as typed
 * on success, keep going after a failure, and report every failure at the end.
 */
export async function forEachArgument(
  args: string[],
  out: { write(s: string): unknown },
  op: (arg: string) => Promise<void>,
): Promise<void> {
  const errors: Error[] = [];
  for (const arg of args) {
    try {
      await op(arg);
      out.write(`${arg}\n`);
    } catch (err) {
      errors.push(err as Error);
    }
  }
  const err = joinErrors(errors);
  if (err) throw err;
}
