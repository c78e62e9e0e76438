/** GNU head 9.1: -n [-]N, -c [-]N, -q, -v, -z, the obsolete `-N[bcklmqvz]` form. */
import { complain, errnoText, open, quoteLocale, quoteShell, type Sys } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable, type Opt } from './getopt.js';

const MULT: Record<string, number> = {
  '': 1,
  b: 512,
  k: 1024,
  K: 1024,
  KiB: 1024,
  kB: 1000,
  KB: 1000,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  MB: 1e6,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  GB: 1e9,
  T: 1024 ** 4,
  TiB: 1024 ** 4,
  TB: 1e12,
};

/** Parses a head/tail count: digits and a size suffix; undefined when invalid. */
export function parseCount(s: string): number | undefined {
  const m = /^\s*\+?(\d+)([A-Za-z]*)$/.exec(s);
  if (!m || !(m[2] in MULT)) return undefined;
  return Number(m[1]) * MULT[m[2]];
}

export function head(args: string[], sys: Sys): number {
  const opts: Opt[] = [];
  // Obsolete usage: `head -5`, `head -5c` (first argument only).
  const obs = args.length > 0 ? /^-(\d+)([bckmlqvz]*)$/.exec(args[0]) : null;
  if (obs) {
    const suffix = obs[2].replace(/[qvz]/g, '');
    const unit = suffix.includes('c') ? 'c' : suffix.includes('b') ? 'b' : suffix.includes('k') ? 'k' : suffix.includes('m') ? 'm' : 'l';
    opts.push(
      unit === 'l'
        ? { key: 'n', value: obs[1] }
        : { key: 'c', value: obs[1] + (unit === 'c' ? '' : unit === 'b' ? 'b' : unit === 'k' ? 'K' : 'M') },
    );
    for (const c of obs[2].replace(/[bckml]/g, '')) opts.push({ key: c });
    args = args.slice(1);
  }
  const p = getopt(
    args,
    {
      short: 'c:n:qvz0123456789',
      long: {
        bytes: ['required', 'c'],
        lines: ['required', 'n'],
        quiet: ['none', 'q'],
        silent: ['none', 'q'],
        verbose: ['none', 'v'],
        'zero-terminated': ['none', 'z'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 1;
  opts.push(...p.opts);
  let mode: 'n' | 'c' = 'n';
  let count = 10;
  let elide = false;
  let header: boolean | undefined;
  let eol = 10;
  for (const o of opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'head');
    if (o.key === 'version') return coreutilsVersion(sys, 'head', 'Written by David MacKenzie and Jim Meyering.');
    if (o.key === 'q') header = false;
    else if (o.key === 'v') header = true;
    else if (o.key === 'z') eol = 0;
    else if (o.key === 'n' || o.key === 'c') {
      const v = o.value ?? '';
      elide = v.startsWith('-');
      const n = parseCount(elide ? v.slice(1) : v);
      if (n === undefined) {
        complain(sys, `invalid number of ${o.key === 'n' ? 'lines' : 'bytes'}: ${quoteLocale(v)}`);
        return 1;
      }
      mode = o.key;
      count = n;
    }
  }
  const files = p.operands.length ? p.operands : ['-'];
  const showHeaders = header ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const name of files) {
    let data: Buffer | undefined;
    let readErr: string | undefined;
    if (name === '-') data = sys.stdin;
    else {
      const r = open(sys, name);
      if ('errno' in r) {
        complain(sys, `cannot open ${quoteShell(name, true)} for reading: ${errnoText(r.errno)}`);
        status = 1;
        continue;
      }
      if (r.node.kind === 'dir') readErr = errnoText('EISDIR');
      else data = r.node.data;
    }
    if (showHeaders) {
      sys.out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    }
    first = false;
    if (readErr !== undefined || data === undefined) {
      complain(sys, `error reading ${quoteShell(name, true)}: ${readErr}`);
      status = 1;
      continue;
    }
    sys.out(
      mode === 'c'
        ? elide
          ? data.subarray(0, Math.max(0, data.length - count))
          : data.subarray(0, count)
        : lines(data, count, elide, eol),
    );
  }
  return status;
}

function lines(data: Buffer, n: number, elide: boolean, eol: number): Buffer {
  const ends: number[] = [];
  for (let i = 0; i < data.length; i++) if (data[i] === eol) ends.push(i + 1);
  if (!elide) return n < ends.length + 1 ? data.subarray(0, n === 0 ? 0 : (ends[n - 1] ?? data.length)) : data;
  // All but the last n lines; an unterminated last line counts as a line.
  const total = ends.length + (ends[ends.length - 1] === data.length || data.length === 0 ? 0 : 1);
  const keep = total - n;
  return keep <= 0 ? Buffer.alloc(0) : data.subarray(0, ends[keep - 1] ?? data.length);
}
