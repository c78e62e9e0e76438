/** GNU cat 9.1: -A -b -e -E -n -s -t -T -u -v, `-` for stdin. */
import { complain, errnoText, openRead, quoteShell, type Sys } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

// In cat.c's table order, which getopt follows when it lists ambiguous possibilities.
const LONG = {
  'number-nonblank': ['none', 'b'],
  number: ['none', 'n'],
  'squeeze-blank': ['none', 's'],
  'show-nonprinting': ['none', 'v'],
  'show-ends': ['none', 'E'],
  'show-tabs': ['none', 'T'],
  'show-all': ['none', 'A'],
  help: ['none', 'help'],
  version: ['none', 'version'],
} as const;

interface CatState {
  lineNo: number;
  atLineStart: boolean;
  blankRun: number;
}

export function cat(args: string[], sys: Sys): number {
  const p = getopt(args, { short: 'benstuvAET', long: { ...LONG } }, sys);
  if ('failed' in p) return 1;
  const f = new Set<string>();
  for (const o of p.opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'cat');
    if (o.key === 'version') return coreutilsVersion(sys, 'cat', 'Written by Torbjorn Granlund and Richard M. Stallman.');
    const expand: Record<string, string> = { A: 'vET', e: 'vE', t: 'vT' };
    for (const k of expand[o.key] ?? o.key) f.add(k);
  }
  if (f.has('b')) f.delete('n');
  const plain = !['b', 'n', 's', 'E', 'T', 'v'].some((k) => f.has(k));
  const files = p.operands.length ? p.operands : ['-'];
  const state: CatState = { lineNo: 0, atLineStart: true, blankRun: 0 };
  let status = 0;
  for (const name of files) {
    let data: Buffer;
    if (name === '-') data = sys.stdin;
    else {
      const r = openRead(sys, name);
      if ('errno' in r) {
        complain(sys, `${quoteShell(name)}: ${errnoText(r.errno)}`);
        status = 1;
        continue;
      }
      data = r.data;
    }
    sys.out(plain ? data : transform(data, f, state));
  }
  return status;
}

function transform(data: Buffer, f: Set<string>, st: CatState): Buffer {
  const out: number[] = [];
  const push = (s: string) => {
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (st.atLineStart) {
      if (c === 10) {
        st.blankRun++;
        if (f.has('s') && st.blankRun > 1) continue;
        if (f.has('n')) push(`${String(++st.lineNo).padStart(6, ' ')}\t`);
      } else {
        st.blankRun = 0;
        if (f.has('n') || f.has('b')) push(`${String(++st.lineNo).padStart(6, ' ')}\t`);
      }
      st.atLineStart = false;
    }
    if (c === 10) {
      if (f.has('E')) out.push(36);
      out.push(10);
      st.atLineStart = true;
      continue;
    }
    if (c === 9) {
      if (f.has('T')) push('^I');
      else out.push(9);
      continue;
    }
    // coreutils 9.1: -E shows the \r of a \r\n line end as ^M.
    if (c === 13 && f.has('E') && !f.has('v') && data[i + 1] === 10) {
      push('^M');
      continue;
    }
    if (f.has('v')) {
      let b = c;
      if (b >= 128) {
        push('M-');
        b -= 128;
      }
      if (b < 32) push('^' + String.fromCharCode(b + 64));
      else if (b === 127) push('^?');
      else out.push(b);
    } else out.push(c);
  }
  return Buffer.from(out);
}
