/**
 * GNU sort 9.1 (src/sort.c) in the C locale, as the containers run it (no LANG): byte order,
 * -b -d -f -i -n -r (globally and per key), -k POS1[,POS2] with sort's field rules, -t, -u, -s,
 * -z, -c/-C and its messages. The other orderings (-g -h -M -R -V) and -o are refused.
 */
import { complain, errnoText, open, quoteLocale, quoteShell, type Sys } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

// In sort.c's long_options order (getopt lists ambiguous possibilities in it).
const LONG = {
  'ignore-leading-blanks': ['none', 'b'],
  check: ['optional', 'check'],
  compress: ['required', 'compress'],
  debug: ['none', 'debug'],
  'dictionary-order': ['none', 'd'],
  'ignore-case': ['none', 'f'],
  'files0-from': ['required', 'files0'],
  'general-numeric-sort': ['none', 'g'],
  'ignore-nonprinting': ['none', 'i'],
  key: ['required', 'k'],
  merge: ['none', 'm'],
  'month-sort': ['none', 'M'],
  'numeric-sort': ['none', 'n'],
  'human-numeric-sort': ['none', 'h'],
  'version-sort': ['none', 'V'],
  'random-sort': ['none', 'R'],
  'random-source': ['required', 'random-source'],
  sort: ['required', 'sort'],
  output: ['required', 'o'],
  reverse: ['none', 'r'],
  stable: ['none', 's'],
  'buffer-size': ['required', 'S'],
  'field-separator': ['required', 't'],
  'temporary-directory': ['required', 'T'],
  unique: ['none', 'u'],
  'zero-terminated': ['none', 'z'],
  parallel: ['required', 'parallel'],
  help: ['none', 'help'],
  version: ['none', 'version'],
} as const;

interface Key {
  /** 0-based field and character of the start; sword undefined: the line's start. */
  sword?: number;
  schar: number;
  /** 0-based field and character of the end (echar 0: the field's end); eword undefined: the line's end. */
  eword?: number;
  echar: number;
  skipsblanks: boolean;
  skipeblanks: boolean;
  dictionary: boolean;
  nonprinting: boolean;
  fold: boolean;
  numeric: boolean;
  reverse: boolean;
}
const newKey = (): Key => ({
  schar: 0,
  echar: 0,
  skipsblanks: false,
  skipeblanks: false,
  dictionary: false,
  nonprinting: false,
  fold: false,
  numeric: false,
  reverse: false,
});

/** sort's blanks in the C locale: isblank plus newline. */
const isBlank = (c: number) => c === 32 || c === 9 || c === 10;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isPrint = (c: number) => c >= 32 && c < 127;
const toUpper = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

class FieldSpecError extends Error {}

export function sort(args: string[], sys: Sys): number {
  const die = (msg: string): number => {
    complain(sys, msg);
    return 2;
  };
  const p = getopt(args, { short: 'bcCdfghik:mMno:rRsS:t:T:uVy:z', long: { ...LONG } }, sys);
  if ('failed' in p) return 2;
  const gkey = newKey();
  const keys: Key[] = [];
  let tab: number | undefined;
  let unique = false;
  let stable = false;
  let check: 'c' | 'C' | undefined;
  let eol = 10;
  for (const o of p.opts) {
    switch (o.key) {
      case 'help':
        return helpUnavailable(sys, 'sort');
      case 'version':
        return coreutilsVersion(sys, 'sort', 'Written by Mike Haertel and Paul Eggert.');
      case 'b':
        gkey.skipsblanks = gkey.skipeblanks = true;
        break;
      case 'd':
        gkey.dictionary = true;
        break;
      case 'f':
        gkey.fold = true;
        break;
      case 'i':
        gkey.nonprinting = true;
        break;
      case 'n':
        gkey.numeric = true;
        break;
      case 'r':
        gkey.reverse = true;
        break;
      case 's':
        stable = true;
        break;
      case 'u':
        unique = true;
        break;
      case 'z':
        eol = 0;
        break;
      case 'c':
      case 'C':
      case 'check': {
        let c: 'c' | 'C' = o.key === 'C' ? 'C' : 'c';
        if (o.key === 'check' && o.value !== undefined) {
          const v = o.value;
          const quiet = ['quiet', 'silent'].filter((x) => x.startsWith(v) && v !== '');
          const diag = v !== '' && 'diagnose-first'.startsWith(v);
          if (!quiet.length && !diag) {
            complain(sys, `invalid argument ${quoteLocale(v)} for '--check'`);
            sys.err("Valid arguments are:\n  - 'quiet'\n  - 'silent'\n  - 'diagnose-first'\n");
            sys.err(`Try '${sys.prog} --help' for more information.\n`);
            return 2;
          }
          c = quiet.length ? 'C' : 'c';
        }
        if (check && check !== c) return die(`options '-cC' are incompatible`);
        check = c;
        break;
      }
      case 't': {
        const v = o.value ?? '';
        if (v === '') return die('empty tab');
        let c = v.charCodeAt(0);
        if (v.length > 1) {
          if (v === '\\0') c = 0;
          else return die(`multi-character tab ${quoteLocale(v)}`);
        }
        if (tab !== undefined && tab !== c) return die('incompatible tabs');
        tab = c;
        break;
      }
      case 'k':
        try {
          keys.push(parseKey(o.value ?? ''));
        } catch (e) {
          if (e instanceof FieldSpecError) return die(e.message);
          throw e;
        }
        break;
      default: {
        const what = o.key.length === 1 ? `-${o.key}` : `--${o.key}`;
        return die(`option ${what} is not supported by tsecret's simulated container`);
      }
    }
  }
  // keys without ordering options of their own take the global ones
  for (const k of keys) {
    const plain = !(k.dictionary || k.nonprinting || k.fold || k.skipsblanks || k.skipeblanks || k.numeric);
    if (plain && !k.reverse) {
      k.dictionary = gkey.dictionary;
      k.nonprinting = gkey.nonprinting;
      k.fold = gkey.fold;
      k.skipsblanks = gkey.skipsblanks;
      k.skipeblanks = gkey.skipeblanks;
      k.numeric = gkey.numeric;
      k.reverse = gkey.reverse;
    }
  }
  const gDefault = !(gkey.dictionary || gkey.nonprinting || gkey.fold || gkey.skipsblanks || gkey.skipeblanks || gkey.numeric);
  if (keys.length === 0 && !gDefault) keys.push(gkey);

  const files = p.operands.length ? p.operands : ['-'];
  if (check && files.length > 1) {
    complain(sys, `extra operand ${quoteLocale(files[1])} not allowed with -${check}`);
    return 2;
  }
  if (!check)
    for (const f of files) {
      if (f === '-') continue;
      const r = sys.fs.resolve(f, sys.cwd, sys.cred);
      const errno = r.err ?? (r.node ? undefined : 'ENOENT');
      if (errno) return die(`cannot read: ${quoteShell(f)}: ${errnoText(errno)}`);
      if ('errno' in open(sys, f)) return die(`cannot read: ${quoteShell(f)}: ${errnoText('EACCES')}`);
    }

  const lines: Buffer[] = [];
  for (const f of files) {
    let data: Buffer;
    if (f === '-') data = sys.stdin;
    else {
      const r = open(sys, f);
      if ('errno' in r) return die(`open failed: ${quoteShell(f)}: ${errnoText(r.errno)}`);
      if (r.node.kind === 'dir') return die(`read failed: ${quoteShell(f)}: ${errnoText('EISDIR')}`);
      data = r.node.data;
    }
    let start = 0;
    for (let i = data.indexOf(eol); i >= 0; i = data.indexOf(eol, start)) {
      lines.push(data.subarray(start, i));
      start = i + 1;
    }
    if (start < data.length) lines.push(data.subarray(start));
  }

  const compare = (a: Buffer, b: Buffer): number => {
    if (keys.length) {
      const d = keyCompare(a, b, keys, tab);
      if (d || unique || stable) return d;
    }
    const d = Buffer.compare(a, b);
    return gkey.reverse ? -d : d;
  };

  if (check) {
    for (let i = 1; i < lines.length; i++) {
      const d = compare(lines[i - 1], lines[i]);
      if (unique ? d >= 0 : d > 0) {
        if (check === 'c') {
          const name = files[0] === '-' ? '-' : files[0];
          sys.err(Buffer.concat([Buffer.from(`${sys.prog}: ${name}:${i + 1}: disorder: `, 'latin1'), lines[i], Buffer.from('\n')]));
        }
        return 1;
      }
    }
    return 0;
  }

  const sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => compare(x.l, y.l) || x.i - y.i);
  const out: Buffer[] = [];
  const term = Buffer.from([eol]);
  let prev: Buffer | undefined;
  for (const { l } of sorted) {
    if (unique && prev !== undefined && compare(prev, l) === 0) continue;
    prev = l;
    out.push(l, term);
  }
  sys.out(Buffer.concat(out));
  return 0;
}

/** -k POS1[,POS2] (F[.C][OPTS]), with sort's messages for a bad spec. */
function parseKey(spec: string): Key {
  const key = newKey();
  const bad = (msg: string): never => {
    throw new FieldSpecError(`${msg}: invalid field specification ${quoteLocale(spec)}`);
  };
  let s = spec;
  const count = (msg: string): number => {
    const m = /^[ \t\n\v\f\r]*\+?([0-9]+)/.exec(s);
    if (!m) throw new FieldSpecError(`${msg}: invalid count at start of ${quoteLocale(s)}`);
    s = s.slice(m[0].length);
    const n = Number(m[1]);
    return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
  };
  const ordering = (end: boolean) => {
    for (;;) {
      const c = s[0];
      if (c === 'b') {
        if (end) key.skipeblanks = true;
        else key.skipsblanks = true;
      } else if (c === 'd') key.dictionary = true;
      else if (c === 'f') key.fold = true;
      else if (c === 'i') key.nonprinting = true;
      else if (c === 'n') key.numeric = true;
      else if (c === 'r') key.reverse = true;
      else if (c !== undefined && 'ghMRV'.includes(c))
        throw new FieldSpecError(`ordering option '${c}' is not supported by tsecret's simulated container`);
      else return;
      s = s.slice(1);
    }
  };
  const sword = count('invalid number at field start');
  if (sword === 0) bad('field number is zero');
  let schar = 0;
  if (s.startsWith('.')) {
    s = s.slice(1);
    schar = count("invalid number after '.'");
    if (schar === 0) bad('character offset is zero');
    schar--;
  }
  if (sword - 1 || schar) key.sword = sword - 1;
  key.schar = schar;
  ordering(false);
  if (s.startsWith(',')) {
    s = s.slice(1);
    const eword = count("invalid number after ','");
    if (eword === 0) bad('field number is zero');
    key.eword = eword - 1;
    if (s.startsWith('.')) {
      s = s.slice(1);
      key.echar = count("invalid number after '.'");
    }
    ordering(true);
  }
  if (s !== '') bad('stray character in field spec');
  return key;
}

/** begfield: where the key starts in the line. */
function begfield(line: Buffer, key: Key, tab: number | undefined): number {
  let ptr = 0;
  const lim = line.length;
  let sword = key.sword ?? 0;
  if (tab !== undefined)
    while (ptr < lim && sword--) {
      while (ptr < lim && line[ptr] !== tab) ++ptr;
      if (ptr < lim) ++ptr;
    }
  else
    while (ptr < lim && sword--) {
      while (ptr < lim && isBlank(line[ptr])) ++ptr;
      while (ptr < lim && !isBlank(line[ptr])) ++ptr;
    }
  if (key.skipsblanks) while (ptr < lim && isBlank(line[ptr])) ++ptr;
  return Math.min(lim, ptr + key.schar);
}

/** limfield: where the key ends. */
function limfield(line: Buffer, key: Key, tab: number | undefined): number {
  let ptr = 0;
  const lim = line.length;
  let eword = key.eword ?? 0;
  const echar = key.echar;
  if (echar === 0) eword++;
  if (tab !== undefined)
    while (ptr < lim && eword--) {
      while (ptr < lim && line[ptr] !== tab) ++ptr;
      if (ptr < lim && (eword || echar)) ++ptr;
    }
  else
    while (ptr < lim && eword--) {
      while (ptr < lim && isBlank(line[ptr])) ++ptr;
      while (ptr < lim && !isBlank(line[ptr])) ++ptr;
    }
  if (echar !== 0) {
    if (key.skipeblanks) while (ptr < lim && isBlank(line[ptr])) ++ptr;
    ptr = Math.min(lim, ptr + echar);
  }
  return ptr;
}

function keyCompare(a: Buffer, b: Buffer, keys: Key[], tab: number | undefined): number {
  for (const key of keys) {
    const bounds = (line: Buffer): [number, number] => {
      const lim = key.eword === undefined ? line.length : limfield(line, key, tab);
      let beg: number;
      if (key.sword !== undefined) beg = begfield(line, key, tab);
      else {
        beg = 0;
        if (key.skipsblanks) while (beg < lim && isBlank(line[beg])) ++beg;
      }
      return [beg, Math.max(beg, lim)];
    };
    const [ta, la] = bounds(a);
    const [tb, lb] = bounds(b);
    const ignored = (c: number) => (key.dictionary && !isAlnum(c) && !isBlank(c)) || (key.nonprinting && !isPrint(c));
    const text = (line: Buffer, from: number, to: number): number[] => {
      const out: number[] = [];
      for (let i = from; i < to; i++) if (!ignored(line[i])) out.push(key.fold ? toUpper(line[i]) : line[i]);
      return out;
    };
    let diff: number;
    if (key.numeric) diff = numCompare(text(a, ta, la), text(b, tb, lb));
    else if (key.dictionary || key.nonprinting || key.fold) {
      const x = text(a, ta, la);
      const y = text(b, tb, lb);
      diff = 0;
      for (let i = 0; i < Math.min(x.length, y.length) && !diff; i++) diff = x[i] - y[i];
      if (!diff) diff = Math.sign(x.length - y.length);
    } else diff = Buffer.compare(a.subarray(ta, la), b.subarray(tb, lb));
    if (diff) return key.reverse ? -diff : diff;
  }
  return 0;
}

/**
 * -n in the C locale (strnumcmp): leading blanks, an optional `-`, digits, an optional `.` and
 * digits; whatever follows is ignored and a text without digits counts as zero.
 */
function numCompare(a: number[], b: number[]): number {
  const parse = (t: number[]) => {
    let i = 0;
    while (i < t.length && isBlank(t[i])) i++;
    const neg = t[i] === 45;
    if (neg) i++;
    let int = '';
    while (i < t.length && t[i] >= 48 && t[i] <= 57) int += String.fromCharCode(t[i++]);
    let frac = '';
    if (t[i] === 46) {
      i++;
      while (i < t.length && t[i] >= 48 && t[i] <= 57) frac += String.fromCharCode(t[i++]);
    }
    int = int.replace(/^0+/, '');
    frac = frac.replace(/0+$/, '');
    const zero = int === '' && frac === '';
    return { sign: zero ? 0 : neg ? -1 : 1, int, frac };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.sign !== y.sign) return Math.sign(x.sign - y.sign);
  if (x.sign === 0) return 0;
  let d = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (!d) {
    const w = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(w, '0');
    const fy = y.frac.padEnd(w, '0');
    d = fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return x.sign < 0 ? -Math.sign(d) : Math.sign(d);
}
