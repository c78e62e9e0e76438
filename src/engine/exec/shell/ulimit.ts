/**
 * The `ulimit` builtin of dash 0.5.12 (src/miscbltin.c ulimitcmd) and bash 5.2
 * (builtins/ulimit.def): each shell's option letters, units, output layout and error texts, over
 * the process's simulated resource limits.
 */
import { RLIM_INFINITY, RLIMIT_ERRNO_TEXT, type Rlimit, type RlimitName, type Rlimits, setrlimit } from '../rlimits.js';

export interface UlimitProcess {
  rlimits: Rlimits;
  capSysResource: boolean;
  euid: number;
}
export interface UlimitIO {
  out(s: string): void;
  /** A builtin error: the shell adds its `sh: 1: ` / `bash: line 1: ` prefix. */
  error(msg: string): void;
  /** Raw stderr (bash's usage line has no prefix). */
  err(s: string): void;
}
export interface UlimitResult {
  status: number;
  /** The new limits when the builtin changed them. */
  rlimits?: Rlimits;
}

const U64 = 2n ** 64n;

// ---- dash ----

/** dash's table, in its order: name as `-a` prints it, resource, factor, option letter. */
const DASH_LIMITS: [string, RlimitName, bigint, string][] = [
  ['time(seconds)', 'cpu', 1n, 't'],
  ['file(blocks)', 'fsize', 512n, 'f'],
  ['data(kbytes)', 'data', 1024n, 'd'],
  ['stack(kbytes)', 'stack', 1024n, 's'],
  ['coredump(blocks)', 'core', 512n, 'c'],
  ['memory(kbytes)', 'rss', 1024n, 'm'],
  ['locked memory(kbytes)', 'memlock', 1024n, 'l'],
  ['process', 'nproc', 1n, 'p'],
  ['nofiles', 'nofile', 1n, 'n'],
  ['vmemory(kbytes)', 'as', 1024n, 'v'],
  ['locks', 'locks', 1n, 'w'],
  ['rtprio', 'rtprio', 1n, 'r'],
];

/** dash's ulimitcmd; its errors (sh_error) give status 2. */
export function dashUlimit(args: string[], proc: UlimitProcess, io: UlimitIO): UlimitResult {
  const fail = (msg: string): UlimitResult => {
    io.error(`ulimit: ${msg}`);
    return { status: 2 };
  };
  const SOFT = 1;
  const HARD = 2;
  let how = SOFT | HARD;
  let all = false;
  let what = 'f';
  // nextopt("HSa" + the table's letters): clustered options, `--` ends them, `-` is an operand.
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k];
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      k++;
      break;
    }
    for (const c of a.slice(1)) {
      if (c === 'H') how = HARD;
      else if (c === 'S') how = SOFT;
      else if (c === 'a') all = true;
      else if (DASH_LIMITS.some((l) => l[3] === c)) what = c;
      else return fail(`Illegal option -${c}`);
    }
  }
  const operands = args.slice(k);
  const lim = DASH_LIMITS.find((l) => l[3] === what)!;
  let val = 0n;
  if (operands.length > 0) {
    if (all || operands.length > 1) return fail('too many arguments');
    const p = operands[0];
    if (p === 'unlimited') val = RLIM_INFINITY;
    else {
      if (!/^[0-9]*$/.test(p)) return fail('bad number');
      // rlim_t arithmetic: unsigned 64 bits, wrapping
      val = ((p === '' ? 0n : BigInt(p)) * lim[2]) % U64;
    }
  }
  const print = (l: Rlimit, factor: bigint) => {
    const v = how & SOFT ? l.soft : l.hard;
    return v === RLIM_INFINITY ? 'unlimited\n' : `${v / factor}\n`;
  };
  if (all) {
    for (const [name, res, factor] of DASH_LIMITS) io.out(`${name.padEnd(20)} ${print(proc.rlimits[res], factor)}`);
    return { status: 0 };
  }
  const cur = proc.rlimits[lim[1]];
  if (operands.length === 0) {
    io.out(print(cur, lim[2]));
    return { status: 0 };
  }
  const next = { soft: how & SOFT ? val : cur.soft, hard: how & HARD ? val : cur.hard };
  const r = setrlimit(proc.rlimits, lim[1], next, proc.capSysResource);
  if ('errno' in r) return fail(`error setting limit (${RLIMIT_ERRNO_TEXT[r.errno]})`);
  return { status: 0, rlimits: r };
}

// ---- bash ----

/** bash's table on Linux, in its order: option, resource (pipe: the fixed pipe size), factor, description, units. */
const BASH_LIMITS: [string, RlimitName | 'pipe', bigint, string, string | null][] = [
  ['R', 'rttime', 1n, 'real-time non-blocking time', 'microseconds'],
  ['c', 'core', 1024n, 'core file size', 'blocks'],
  ['d', 'data', 1024n, 'data seg size', 'kbytes'],
  ['e', 'nice', 1n, 'scheduling priority', null],
  ['f', 'fsize', 1024n, 'file size', 'blocks'],
  ['i', 'sigpending', 1n, 'pending signals', null],
  ['l', 'memlock', 1024n, 'max locked memory', 'kbytes'],
  ['m', 'rss', 1024n, 'max memory size', 'kbytes'],
  ['n', 'nofile', 1n, 'open files', null],
  ['p', 'pipe', 512n, 'pipe size', '512 bytes'],
  ['q', 'msgqueue', 1n, 'POSIX message queues', 'bytes'],
  ['r', 'rtprio', 1n, 'real-time priority', null],
  ['s', 'stack', 1024n, 'stack size', 'kbytes'],
  ['t', 'cpu', 1n, 'cpu time', 'seconds'],
  ['u', 'nproc', 1n, 'max user processes', null],
  ['v', 'as', 1024n, 'virtual memory', 'kbytes'],
  ['x', 'locks', 1n, 'file locks', null],
];
const BASH_USAGE = 'ulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n';
/** PIPE_BUF: what bash reports as the pipe size, and cannot change. */
const PIPE_SIZE: Rlimit = { soft: 4096n, hard: 4096n };
/** strtoimax's range. */
const INTMAX = 2n ** 63n - 1n;

/** bash's ulimit_builtin: usage errors give 2, a failed limit 1. */
export function bashUlimit(args: string[], proc: UlimitProcess, io: UlimitIO): UlimitResult {
  const LIMIT_SOFT = 1;
  const LIMIT_HARD = 2;
  let mode = 0;
  let all = false;
  const cmds: { opt: string; arg?: string }[] = [];
  // internal_getopt with "aSH" and each letter followed by `;` (an optional argument: the rest
  // of the word, or the next word unless it starts with `-`).
  let k = 0;
  parse: for (; k < args.length; k++) {
    const a = args[k];
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      k++;
      break;
    }
    if (a === '--help') {
      io.error("ulimit: --help: not supported by tsecret's simulated shell");
      return { status: 2 };
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'a') all = true;
      else if (c === 'S') mode |= LIMIT_SOFT;
      else if (c === 'H') mode |= LIMIT_HARD;
      else if (BASH_LIMITS.some((l) => l[0] === c)) {
        if (j + 1 < a.length) {
          cmds.push({ opt: c, arg: a.slice(j + 1) });
          continue parse;
        }
        if (k + 1 < args.length && !args[k + 1].startsWith('-')) cmds.push({ opt: c, arg: args[++k] });
        else cmds.push({ opt: c });
      } else {
        io.error(`ulimit: -${c}: invalid option`);
        io.err(BASH_USAGE);
        return { status: 2 };
      }
    }
  }
  const operands = args.slice(k);
  const get = (res: RlimitName | 'pipe', limits: Rlimits) => (res === 'pipe' ? PIPE_SIZE : limits[res]);
  const line = (l: (typeof BASH_LIMITS)[number], value: bigint, described: boolean) => {
    const desc = described ? `${l[3].padEnd(20)} ${`(${l[4] ? `${l[4]}, ` : ''}-${l[0]}) `.padStart(20)}` : '';
    return `${desc}${value === RLIM_INFINITY ? 'unlimited' : value / l[2]}\n`;
  };
  if (all) {
    for (const l of BASH_LIMITS) {
      const cur = get(l[1], proc.rlimits);
      io.out(line(l, mode === 0 || mode & LIMIT_SOFT ? cur.soft : cur.hard, true));
    }
    return { status: 0 };
  }
  // `ulimit [limit]` is `ulimit -f [limit]`; a lone operand is the last option's value (POSIX)
  if (cmds.length === 0) cmds.push({ opt: 'f', arg: operands.shift() });
  else if (operands.length > 0 && cmds[cmds.length - 1].arg === undefined) cmds[cmds.length - 1].arg = operands.shift();
  let limits = proc.rlimits;
  let changed = false;
  for (const cmd of cmds) {
    const l = BASH_LIMITS.find((x) => x[0] === cmd.opt)!;
    const cur = get(l[1], limits);
    const setting = cmd.arg !== undefined;
    const m = mode === 0 ? (setting ? LIMIT_SOFT | LIMIT_HARD : LIMIT_SOFT) : mode;
    if (!setting) {
      io.out(line(l, m & LIMIT_SOFT ? cur.soft : cur.hard, cmds.length > 1));
      continue;
    }
    const arg = cmd.arg!;
    let value: bigint;
    if (arg === 'hard') value = cur.hard;
    else if (arg === 'soft') value = cur.soft;
    else if (arg === 'unlimited') value = RLIM_INFINITY;
    else if (/^[0-9]*$/.test(arg)) {
      const n = arg === '' ? 0n : BigInt(arg) > INTMAX ? INTMAX : BigInt(arg);
      value = n * l[2];
      if (value >= U64) {
        io.error(`ulimit: ${arg}: limit out of range`);
        return { status: 1, ...(changed ? { rlimits: limits } : {}) };
      }
    } else {
      const what = /^0[0-9]/.test(arg) ? 'invalid octal number' : arg.startsWith('0x') ? 'invalid hex number' : 'invalid number';
      io.error(`ulimit: ${arg}: ${what}`);
      return { status: 1, ...(changed ? { rlimits: limits } : {}) };
    }
    const r =
      l[1] === 'pipe' ? { errno: 'EINVAL' as const } : setrlimit(limits, l[1], setLimit(cur, value, m, proc.euid), proc.capSysResource);
    if ('errno' in r) {
      io.error(`ulimit: ${l[3]}: cannot modify limit: ${RLIMIT_ERRNO_TEXT[r.errno]}`);
      return { status: 1, ...(changed ? { rlimits: limits } : {}) };
    }
    limits = r;
    changed = true;
  }
  return { status: 0, ...(changed ? { rlimits: limits } : {}) };

  /** bash's set_limit: a non-root `unlimited` soft limit means the hard one. */
  function setLimit(cur: Rlimit, value: bigint, m: number, euid: number): Rlimit {
    const v = euid !== 0 && value === RLIM_INFINITY && (m & LIMIT_HARD) === 0 && cur.soft <= cur.hard ? cur.hard : value;
    return { soft: m & LIMIT_SOFT ? v : cur.soft, hard: m & LIMIT_HARD ? v : cur.hard };
  }
}
