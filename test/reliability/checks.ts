// What every run must show, whatever it was fed: no stack trace, no JavaScript error leaking
// through, an exit code docker can give, and the usage block exactly when the exit code is 125.
import type { Result } from '../helpers/run.js';

/** Signs of an internal failure rather than a message meant for the user. */
export const INTERNAL =
  /^\s+at |\b(?:TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError)\b|Cannot (?:read|set) propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid (?:array|string) length|\[object Object\]|\bERR_[A-Z_]{4,}|\bundefined\b(?! (?:variable|secret|config|network|volume)\b)|\bNaN\b|Unexpected token|Unexpected end of JSON|^E[A-Z]+: [^,\n]+, [a-z]+ '/m;

/** cli.FlagErrorFunc's block: a flag error, printed with the usage line, is exit 125. */
export const USAGE_BLOCK = /\n\nUsage:  tsecret .*\n\nRun 'tsecret .*--help' for more information\n$/;

/** pflag's parse errors, the first line of a flag error. */
export const FLAG_ERROR = /^(?:unknown flag: --|unknown shorthand flag: '|flag needs an argument: |invalid argument ".*" for ".*" flag: |bad flag syntax: )/;

/** Problems with a result (empty when it is sane); codes: the exit codes it may have. */
export function sanity(r: Result, codes: number[] = [0, 1, 125]): string[] {
  const problems: string[] = [];
  if (!codes.includes(r.exit)) problems.push(`exit ${r.exit}`);
  const internal = INTERNAL.exec(r.stderr) ?? INTERNAL.exec(r.stdout);
  if (internal) problems.push(`internal error text ${JSON.stringify(internal[0])}`);
  // docker's rules: a flag error (pflag's texts) is 125 with the usage; an argument-count error or an
  // unknown command is 1, with the usage too
  const flagError = FLAG_ERROR.test(r.stderr);
  if (r.exit === 125 && !(flagError && USAGE_BLOCK.test(r.stderr))) problems.push('exit 125 without a flag error and the usage block');
  if (r.exit !== 125 && flagError && USAGE_BLOCK.test(r.stderr)) problems.push(`flag error with exit ${r.exit}`);
  // (exec's runtime errors come on stdout, as docker's attach stream carries them)
  if (r.exit !== 0 && r.stderr === '' && r.stdout === '') problems.push('failed without a message');
  return problems;
}

/** Runs p, failing if it takes longer than ms (a hang, not a slow machine: ms is generous). */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
