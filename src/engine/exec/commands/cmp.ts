/**
 * GNU cmp (diffutils 3.8, src/cmp.c) in the C locale: -b -l -s, -i SKIP[:SKIP2], -n LIMIT and the
 * SKIP operands; `A B differ: char N, line M` (POSIX's wording, which diffutils keeps in the C
 * locale), the EOF notes on stderr; exit 0 same, 1 different, 2 trouble.
 */
import { complain, errnoText, open, type Sys } from '../sys.js';
import { getopt, helpUnavailable } from './getopt.js';

const LONG = {
  'print-bytes': ['none', 'b'],
  'print-chars': ['none', 'c'],
  'ignore-initial': ['required', 'i'],
  verbose: ['none', 'l'],
  bytes: ['required', 'n'],
  silent: ['none', 's'],
  quiet: ['none', 's'],
  version: ['none', 'v'],
  help: ['none', 'help'],
} as const;

const OFF_MAX = 2n ** 63n - 1n;
const POWERS: Record<string, number> = { k: 1, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6, Z: 7, Y: 8 };

/**
 * xstrtoumax with base 0 and cmp's suffixes ("kKMGTPEZY0": a power of 1024, or of 1000 with B,
 * 1024 with iB): the value and the rest of the text, or undefined when it starts with no number.
 */
function parseSize(s: string): { value: bigint; rest: string } | undefined {
  const m = /^[ \t\n\v\f\r]*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m || s.trimStart().startsWith('-')) return undefined;
  let value = BigInt(/^0[0-7]+$/.test(m[1]) ? `0o${m[1].slice(1)}` : m[1]);
  let rest = s.slice(m[0].length);
  const suffix = /^([kKMGTPEZY])(iB|B)?/.exec(rest);
  if (suffix) {
    value *= (suffix[2] === 'B' ? 1000n : 1024n) ** BigInt(POWERS[suffix[1]]);
    rest = rest.slice(suffix[0].length);
  }
  return { value, rest };
}

/** cat -v's notation for a byte, as cmp -b prints it. */
function printable(c: number): string {
  if (c >= 32 && c < 127) return String.fromCharCode(c);
  let s = '';
  if (c >= 128) {
    s = 'M-';
    c -= 128;
  }
  if (c < 32) return `${s}^${String.fromCharCode(c + 64)}`;
  if (c === 127) return `${s}^?`;
  return s + String.fromCharCode(c);
}
const oct3 = (c: number) => c.toString(8).padStart(3, ' ');

export function cmp(args: string[], sys: Sys): number {
  const tryHelp = (s: Sys) => complain(s, `Try '${s.prog} --help' for more information.`);
  const usageError = (msg: string): number => {
    complain(sys, msg);
    tryHelp(sys);
    return 2;
  };
  const p = getopt(args, { short: 'bci:ln:sv', long: { ...LONG }, tryHelp }, sys);
  if ('failed' in p) return 2;
  let mode: 'first' | 'all' | 'status' = 'first';
  let printBytes = false;
  let limit = OFF_MAX;
  const skip = [0n, 0n];
  /** specify_ignore_initial: the largest value given wins. */
  const ignoreInitial = (f: number, arg: string, delimiter?: string): string | undefined => {
    const r = parseSize(arg);
    if (!r || (r.rest !== '' && r.rest[0] !== delimiter) || r.value > OFF_MAX) return undefined;
    if (skip[f] < r.value) skip[f] = r.value;
    return r.rest;
  };
  for (const o of p.opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'cmp');
    if (o.key === 'v') {
      sys.out(
        'cmp (GNU diffutils) 3.8\nCopyright (C) 2021 Free Software Foundation, Inc.\n' +
          'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
          'This is free software: you are free to change and redistribute it.\n' +
          'There is NO WARRANTY, to the extent permitted by law.\n\nWritten by Torbjorn Granlund and David MacKenzie.\n',
      );
      return 0;
    }
    if (o.key === 'b' || o.key === 'c') printBytes = true;
    else if (o.key === 'l' || o.key === 's') {
      if (mode === (o.key === 'l' ? 'status' : 'all')) return usageError('options -l and -s are incompatible');
      mode = o.key === 'l' ? 'all' : 'status';
    } else if (o.key === 'n') {
      const r = parseSize(o.value ?? '');
      if (!r || r.rest !== '') return usageError(`invalid --bytes value '${o.value}'`);
      if (r.value < limit) limit = r.value;
    } else if (o.key === 'i') {
      const rest = ignoreInitial(0, o.value ?? '', ':');
      if (rest === undefined) return usageError(`invalid --ignore-initial value '${o.value}'`);
      if (rest.startsWith(':')) {
        if (ignoreInitial(1, rest.slice(1)) === undefined) return usageError(`invalid --ignore-initial value '${rest.slice(1)}'`);
      } else if (skip[1] < skip[0]) skip[1] = skip[0];
    }
  }
  const ops = p.operands;
  if (ops.length === 0) return usageError(`missing operand after '${args.length ? args[args.length - 1] : sys.prog}'`);
  const names = [ops[0], ops[1] ?? '-'];
  for (const [k, f] of [
    [2, 0],
    [3, 1],
  ])
    if (ops[k] !== undefined && ignoreInitial(f, ops[k]) === undefined) return usageError(`invalid --ignore-initial value '${ops[k]}'`);
  if (ops.length > 4) return usageError(`extra operand '${ops[4]}'`);

  // open both (the first failure ends cmp; -s keeps it quiet), then compare what follows the skips
  const nodes = [];
  for (const name of names) {
    if (name === '-') {
      nodes.push(undefined);
      continue;
    }
    const r = open(sys, name);
    if ('errno' in r) {
      if (mode !== 'status') complain(sys, `${name}: ${errnoText(r.errno)}`);
      return 2;
    }
    nodes.push(r.node);
  }
  // the same file at the same offset is equal without being read
  if (nodes[0] === nodes[1] && skip[0] === skip[1]) return 0;
  const data: Buffer[] = [];
  for (let f = 0; f < 2; f++) {
    const node = nodes[f];
    if (node?.kind === 'dir') {
      complain(sys, `${names[f]}: ${errnoText('EISDIR')}`);
      return 2;
    }
    const whole = node ? node.data : sys.stdin;
    const from = skip[f] > BigInt(whole.length) ? whole.length : Number(skip[f]);
    const to = limit < BigInt(whole.length - from) ? from + Number(limit) : whole.length;
    data.push(whole.subarray(from, to));
  }
  const [a, b] = data;
  const common = Math.min(a.length, b.length);
  let differ = false;
  const newlinesBefore = (buf: Buffer, end: number) => {
    let n = 0;
    for (let i = 0; i < end; i++) if (buf[i] === 10) n++;
    return n;
  };
  if (mode === 'all') {
    // the offset column is as wide as the largest offset the regular files allow
    let max = limit;
    for (let f = 0; f < 2; f++) {
      const node = nodes[f];
      if (node?.kind === 'file') {
        const left = BigInt(node.data.length) - skip[f];
        if (left < max) max = left < 0n ? 0n : left;
      }
    }
    const width = String(max).length;
    for (let i = 0; i < common; i++) {
      if (a[i] === b[i]) continue;
      differ = true;
      const at = String(i + 1).padStart(width, ' ');
      sys.out(
        printBytes
          ? `${at} ${oct3(a[i])} ${printable(a[i]).padEnd(4, ' ')} ${oct3(b[i])} ${printable(b[i])}\n`
          : `${at} ${oct3(a[i])} ${oct3(b[i])}\n`,
      );
    }
  } else {
    for (let i = 0; i < common; i++) {
      if (a[i] === b[i]) continue;
      if (mode === 'status') return 1;
      const line = newlinesBefore(a, i) + 1;
      sys.out(
        printBytes
          ? `${names[0]} ${names[1]} differ: byte ${i + 1}, line ${line} is ${oct3(a[i])} ${printable(a[i])} ${oct3(b[i])} ${printable(b[i])}\n`
          : `${names[0]} ${names[1]} differ: char ${i + 1}, line ${line}\n`,
      );
      return 1;
    }
  }
  if (a.length === b.length) return differ ? 1 : 0;
  if (mode !== 'status') {
    const f = b.length < a.length ? 1 : 0;
    const shorter = data[f];
    const n = shorter.length;
    // POSIX fixes the form `cmp: EOF on FILE...`: diffutils writes "cmp" whatever argv[0] is
    let where = 'which is empty';
    if (n > 0 && mode === 'all') where = `after byte ${n}`;
    else if (n > 0) {
      const lines = newlinesBefore(shorter, n);
      where = shorter[n - 1] === 10 ? `after byte ${n}, line ${lines}` : `after byte ${n}, in line ${lines + 1}`;
    }
    sys.err(`cmp: EOF on ${names[f]} ${where}\n`);
  }
  return 1;
}
