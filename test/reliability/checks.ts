// What every run must show, whatever it was fed: no stack trace, no JavaScript error leaking
// through, an exit code docker can give, and the usage block exactly when the exit code is 125.
import { type ChildProcess, spawn } from 'node:child_process';
import { builtCli, type Result } from '../helpers/run.js';

/** Signs of an internal failure rather than a message meant for the user. */
export const INTERNAL =
  /^\s+at |\b(?:TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError)\b|Cannot (?:read|set) propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid (?:array|string) length|\[object Object\]|\bERR_[A-Z_]{4,}|\bundefined\b(?! (?:variable|secret|config|network|volume)\b)|\bNaN\b|Unexpected token|Unexpected end of JSON|^E[A-Z]+: [^,\n]+, [a-z]+ '/m;

/** cli.FlagErrorFunc's block: a flag error, printed with the usage line, is exit 125. */
export const USAGE_BLOCK = /\n\nUsage: {2}tsecret .*\n\nRun 'tsecret .*--help' for more information\n$/;

/** pflag's parse errors, the first line of a flag error. */
export const FLAG_ERROR =
  /^(?:unknown flag: --|unknown shorthand flag: '|flag needs an argument: |invalid argument ".*" for ".*" flag: |bad flag syntax: )/;

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

export interface BoundedResult extends Result {
  /** The command was still running at the deadline and was killed. */
  timedOut: boolean;
}

export interface BoundedOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string | Buffer;
  cwd?: string;
  /** Run as this user (the tests run as root, whom permissions do not stop). */
  uid?: number;
  gid?: number;
  /** A command put before node (e.g. unshare …), which runs it. */
  wrapper?: string[];
  /** Called with the child once it is started (to kill it at a moment of the test's choosing). */
  started?: (child: ChildProcess) => void;
}

/**
 * Runs the built CLI in a child process and SIGKILLs it at the deadline: a command that blocks
 * synchronously (on a lock, a FIFO, a runaway template) cannot be bounded in-process, where no
 * timer fires until it returns. ms is generous: it tells a hang from a slow machine.
 */
export function runWithin(ms: number, args: string[], opts: BoundedOptions = {}): Promise<BoundedResult> {
  return new Promise((resolve, reject) => {
    const argv = [...(opts.wrapper ?? []), process.execPath, '--', builtCli, ...args];
    const child = spawn(argv[0], argv.slice(1), {
      env: { ...process.env, ...opts.env },
      cwd: opts.cwd,
      uid: opts.uid,
      gid: opts.gid,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    opts.started?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        exit: code ?? 128 + (signal === 'SIGKILL' ? 9 : 0),
        timedOut,
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}
