/** GNU wc 9.1 in the C locale: -c -m -l -w -L and its number-width rules (--total came in 9.2). */
import { complain, errnoText, open, quoteShell, type Sys } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

interface Counts {
  l: number;
  w: number;
  m: number;
  c: number;
  L: number;
}

function count(data: Buffer): Counts {
  let l = 0,
    w = 0,
    L = 0,
    pos = 0,
    inWord = false;
  for (const b of data) {
    if (b === 10 || b === 13 || b === 12) {
      if (b === 10) l++;
      if (pos > L) L = pos;
      pos = 0;
      inWord = false;
    } else if (b === 9) {
      pos += 8 - (pos % 8);
      inWord = false;
    } else if (b === 32) {
      pos++;
      inWord = false;
    } else if (b === 11) inWord = false;
    else if (b > 32 && b < 127) {
      pos++;
      if (!inWord) {
        w++;
        inWord = true;
      }
    }
  }
  if (pos > L) L = pos;
  return { l, w, m: data.length, c: data.length, L };
}

export function wc(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: 'clLmw',
      long: {
        bytes: ['none', 'c'],
        chars: ['none', 'm'],
        lines: ['none', 'l'],
        words: ['none', 'w'],
        'max-line-length': ['none', 'L'],
        'files0-from': ['required', 'files0'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 1;
  const sel = new Set<keyof Counts>();
  for (const o of p.opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'wc');
    if (o.key === 'version') return coreutilsVersion(sys, 'wc', 'Written by Paul Rubin and David MacKenzie.');
    if (o.key === 'files0') {
      complain(sys, "--files0-from is not supported by tsecret's simulated container");
      return 1;
    }
    sel.add(o.key as keyof Counts);
  }
  if (sel.size === 0) {
    sel.add('l');
    sel.add('w');
    sel.add('c');
  }
  const order = (['l', 'w', 'm', 'c', 'L'] as const).filter((k) => sel.has(k));
  const files: (string | null)[] = p.operands.length ? p.operands : [null];

  // Pass 1: stat every input, as GNU does to choose the column width.
  const st = files.map((f) => {
    if (f === null || f === '-') return { regular: false, size: 0, ok: true };
    const r = sys.fs.resolve(f, sys.cwd, sys.cred);
    return r.err || !r.node
      ? { regular: false, size: 0, ok: false }
      : { regular: r.node.kind === 'file', size: r.node.kind === 'file' ? r.node.data.length : 0, ok: true };
  });
  let width = 1;
  if (!(files.length === 1 && order.length === 1)) {
    let min = 1,
      regularTotal = 0;
    for (const s of st)
      if (s.ok) {
        if (s.regular) regularTotal += s.size;
        else min = 7;
      }
    width = Math.max(String(regularTotal).length, min);
  }
  const line = (c: Counts, name: string | null) =>
    order.map((k) => String(c[k]).padStart(width, ' ')).join(' ') + (name === null ? '' : ` ${name}`) + '\n';

  const sum: Counts = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  let status = 0;
  for (const f of files) {
    let data: Buffer = Buffer.alloc(0);
    if (f === null || f === '-') data = sys.stdin;
    else {
      const r = open(sys, f);
      if ('errno' in r) {
        complain(sys, `${quoteShell(f)}: ${errnoText(r.errno)}`);
        status = 1;
        continue;
      }
      if (r.node.kind === 'dir') {
        complain(sys, `${quoteShell(f)}: ${errnoText('EISDIR')}`);
        status = 1;
      } else data = r.node.data;
    }
    const c = count(data);
    for (const k of ['l', 'w', 'm', 'c'] as const) sum[k] += c[k];
    sum.L = Math.max(sum.L, c.L);
    sys.out(line(c, f));
  }
  if (files.length > 1) sys.out(line(sum, 'total'));
  return status;
}
