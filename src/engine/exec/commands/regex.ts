/**
 * POSIX basic and extended regular expressions as GNU grep 3.8 reads them in the C locale
 * (glibc regcomp's RE_SYNTAX_GREP / RE_SYNTAX_EGREP rules and error texts; gnulib dfa.c's
 * meaning where the two differ, as grep matches with the dfa), translated to a JavaScript
 * RegExp that tests one line.
 *
 * Bytes are chars 0-255 of a latin1 string; bytes 0x80-0xff are moved to U+E080-U+E0FF before
 * matching so that JavaScript's case folding (flag i) and \s, which know Unicode, see no letters
 * or spaces there, as the C locale does not. One difference stays: a back-reference to a group
 * that took no part in the match matches the empty string here, where POSIX makes it fail.
 */

export type Syntax = 'basic' | 'extended';

export interface Compiled {
  /** JavaScript source of the whole expression (no flags: the caller adds i and s). */
  source: string;
  /** grep's warnings (`* at start of expression`), each as dfa.c words it. */
  warnings: string[];
}
export class RegexError extends Error {}

const ERR = {
  EBRACK: 'Unmatched [, [^, [:, [., or [=',
  EPAREN: 'Unmatched ( or \\(',
  ERPAREN: 'Unmatched ) or \\)',
  EBRACE: 'Unmatched \\{',
  BADBR: 'Invalid content of \\{\\}',
  ESIZE: 'Regular expression too big',
  ESUBREG: 'Invalid back reference',
  EESCAPE: 'Trailing backslash',
  ECTYPE: 'Invalid character class name',
  ERANGE: 'Invalid range end',
  ECOLLATE: 'Invalid collation character',
} as const;

const RE_DUP_MAX = 0x7fff;

/** The C locale's character classes, as byte ranges. */
const CLASSES: Record<string, [number, number][]> = {
  alpha: [
    [65, 90],
    [97, 122],
  ],
  upper: [[65, 90]],
  lower: [[97, 122]],
  digit: [[48, 57]],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  blank: [
    [9, 9],
    [32, 32],
  ],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  print: [[32, 126]],
  graph: [[33, 126]],
  cntrl: [
    [0, 31],
    [127, 127],
  ],
};

/** A byte as it appears in the translated text: high bytes moved out of Unicode's letters. */
export const mapByte = (b: number): string => String.fromCharCode(b >= 0x80 ? 0xe000 + b : b);
/** A latin1 line with its high bytes moved as mapByte moves them. */
export const mapText = (s: string): string => s.replace(/[\x80-\xff]/g, (c) => mapByte(c.charCodeAt(0)));

/** A byte as a JavaScript regex atom (or class member). */
function lit(b: number): string {
  const c = String.fromCharCode(b);
  if (/[A-Za-z0-9 _]/.test(c)) return c;
  const m = mapByte(b).charCodeAt(0);
  return m > 0xff ? `\\u${m.toString(16)}` : `\\x${m.toString(16).padStart(2, '0')}`;
}

interface Piece {
  src: string;
  /** An assertion (anchor, word boundary): JavaScript cannot quantify it bare. */
  assertion?: boolean;
  quantified?: boolean;
}

/** Compiles one pattern (one line of grep's PATTERNS). */
export function compile(pattern: string, syntax: Syntax): Compiled {
  const ere = syntax === 'extended';
  const warnings: string[] = [];
  let pos = 0;
  let groups = 0;
  let completed = new Set<number>();
  const at = (k = 0) => pattern[pos + k];

  /** Is the char at pos an alternation operator, a group close, or the end? */
  const endsBranch = (depth: number): boolean => {
    if (pos >= pattern.length) return true;
    if (ere) return at() === '|' || (at() === ')' && depth > 0);
    return at() === '\\' && (at(1) === '|' || at(1) === ')');
  };

  const alternation = (depth: number): string => {
    const start = new Set(completed);
    let seen = new Set<number>();
    const branches: string[] = [];
    for (;;) {
      completed = new Set(start);
      branches.push(branch(depth));
      seen = new Set([...seen, ...completed]);
      if (pos < pattern.length && (ere ? at() === '|' : at() === '\\' && at(1) === '|')) {
        pos += ere ? 1 : 2;
        continue;
      }
      break;
    }
    completed = seen;
    return branches.join('|');
  };

  const branch = (depth: number): string => {
    const pieces: Piece[] = [];
    /** dfa's laststart: at the start of the expression, of a group, of an alternative, or after ^. */
    let start = true;
    while (!endsBranch(depth)) {
      const c = at();
      // BRE: ^ is an anchor only first in the expression (or a group, or an alternative)
      if (c === '^' && (ere || pieces.length === 0)) {
        pos++;
        pieces.push({ src: '^', assertion: true });
        start = true;
        continue;
      }
      if (c === '$' && (ere || isBreEnd(pos + 1))) {
        pos++;
        pieces.push({ src: '$', assertion: true });
        start = false;
        continue;
      }
      const rep = repetition(start);
      if (rep !== undefined) {
        if (rep === null) {
          // an ERE `{` that starts no valid interval is an ordinary char
          pos++;
          pieces.push({ src: lit(123) });
          start = false;
          continue;
        }
        const last = pieces[pieces.length - 1];
        if (start && ere) warnings.push(rep.warning);
        if (!last || (start && !last.assertion)) continue; // repeats nothing: dropped (dfa)
        const body = last.assertion || last.quantified ? `(?:${last.src})` : last.src;
        pieces[pieces.length - 1] = { src: body + rep.q, quantified: true };
        start = false;
        continue;
      }
      pieces.push(atom(depth));
      start = false;
    }
    return pieces.map((p) => p.src).join('');
  };

  /** BRE: `$` is an anchor last in the expression, a group or an alternative. */
  const isBreEnd = (k: number): boolean =>
    k >= pattern.length || (pattern[k] === '\\' && (pattern[k + 1] === ')' || pattern[k + 1] === '|'));

  /**
   * A repetition operator at pos: its JavaScript quantifier, null for an ERE `{` that starts no
   * valid interval (then a literal, left for atom()), or undefined when there is none.
   */
  const repetition = (start: boolean): { q: string; warning: string } | null | undefined => {
    const c = at();
    if (c === '*') {
      if (!ere && start) return undefined; // a literal * (BRE)
      pos++;
      return { q: '*', warning: '* at start of expression' };
    }
    const plus = ere ? c === '+' : c === '\\' && at(1) === '+';
    const question = ere ? c === '?' : c === '\\' && at(1) === '?';
    if (plus || question) {
      if (!ere && start) return undefined;
      pos += ere ? 1 : 2;
      return plus ? { q: '+', warning: '+ at start of expression' } : { q: '?', warning: '? at start of expression' };
    }
    const brace = ere ? c === '{' : c === '\\' && at(1) === '{';
    if (!brace || (!ere && start)) return undefined;
    const open = pos;
    pos += ere ? 1 : 2;
    const r = interval();
    if (r === 'literal') {
      pos = open;
      return null;
    }
    return { q: r, warning: '{...} at start of expression' };
  };

  /** glibc parse_dup_op after `{`: the quantifier, or 'literal' when an ERE `{` is no interval. */
  const interval = (): string | 'literal' => {
    const close = () => (ere ? at() === '}' : at() === '\\' && at(1) === '}');
    /** fetch_number: digits up to `}` or `,`; -1 none, -2 invalid (or the end). */
    const number = (): { n: number; stop: 'close' | 'comma' | 'end' } => {
      let n = -1;
      for (;;) {
        if (pos >= pattern.length) return { n: -2, stop: 'end' };
        if (close()) {
          pos += ere ? 1 : 2;
          return { n, stop: 'close' };
        }
        const c = at();
        if (c === '\\' && pos + 1 >= pattern.length) return { n: -2, stop: 'end' };
        pos += c === '\\' ? 2 : 1;
        if (c === ',') return { n, stop: 'comma' };
        n = c < '0' || c > '9' || n === -2 ? -2 : n === -1 ? c.charCodeAt(0) - 48 : Math.min(RE_DUP_MAX + 1, n * 10 + c.charCodeAt(0) - 48);
      }
    };
    const first = number();
    let min = first.n;
    if (min === -1) {
      if (first.stop === 'comma') min = 0;
      else throw new RegexError(ERR.BADBR); // `{}`
    }
    let max = min;
    let last = first;
    if (min !== -2 && first.stop === 'comma') {
      last = number();
      max = last.n;
    } else if (min !== -2 && first.stop !== 'close') max = -2;
    if (min === -2 || max === -2) {
      if (ere) return 'literal';
      throw new RegexError(last.stop === 'end' || first.stop === 'end' ? ERR.EBRACE : ERR.BADBR);
    }
    if ((max !== -1 && min > max) || last.stop !== 'close') throw new RegexError(ERR.BADBR);
    if ((max === -1 ? min : max) > RE_DUP_MAX) throw new RegexError(ERR.ESIZE);
    return max === -1 ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
  };

  const atom = (depth: number): Piece => {
    const c = at();
    if (c === '[') return { src: bracket() };
    if (c === '.') {
      pos++;
      return { src: '[^\\n]' };
    }
    if (ere && c === '(') {
      pos++;
      return group(depth);
    }
    if (c === '\\') {
      const e = at(1);
      if (e === undefined) throw new RegexError(ERR.EESCAPE);
      pos += 2;
      if (!ere && e === '(') return group(depth);
      if (e >= '1' && e <= '9') {
        const n = Number(e);
        if (!completed.has(n)) throw new RegexError(ERR.ESUBREG);
        return { src: `\\${n}` };
      }
      const special: Record<string, Piece> = {
        w: { src: '[A-Za-z0-9_]' },
        W: { src: '[^A-Za-z0-9_]' },
        s: { src: '[\\t\\n\\v\\f\\r ]' },
        S: { src: '[^\\t\\n\\v\\f\\r ]' },
        b: { src: '\\b', assertion: true },
        B: { src: '\\B', assertion: true },
        '<': { src: '\\b(?=[A-Za-z0-9_])', assertion: true },
        '>': { src: '\\b(?<=[A-Za-z0-9_])', assertion: true },
        '`': { src: '^', assertion: true },
        "'": { src: '$', assertion: true },
      };
      if (Object.hasOwn(special, e)) return special[e];
      return { src: lit(e.charCodeAt(0)) }; // any other escaped char stands for itself
    }
    pos++;
    return { src: lit(c.charCodeAt(0)) };
  };

  const group = (depth: number): Piece => {
    const n = ++groups;
    const body = alternation(depth + 1);
    if (ere ? at() !== ')' : !(at() === '\\' && at(1) === ')')) throw new RegexError(ERR.EPAREN);
    pos += ere ? 1 : 2;
    completed.add(n);
    return { src: `(${body})` };
  };

  /** A bracket expression from `[`: its JavaScript class. */
  const bracket = (): string => {
    pos++;
    let negate = false;
    if (at() === '^') {
      negate = true;
      pos++;
    }
    const set = new Set<number>();
    let first = true;
    for (;;) {
      if (pos >= pattern.length) throw new RegexError(ERR.EBRACK);
      if (at() === ']' && !first) {
        pos++;
        break;
      }
      first = false;
      const lo = bracketElement();
      // a range: lo-hi, unless the - is last
      if (at() === '-' && at(1) !== undefined && at(1) !== ']') {
        pos++;
        const hi = bracketElement();
        if (lo.kind === 'class' || hi.kind === 'class' || hi.byte < lo.byte) throw new RegexError(ERR.ERANGE);
        for (let b = lo.byte; b <= hi.byte; b++) set.add(b);
        continue;
      }
      if (lo.kind === 'class') for (const [a, z] of lo.ranges) for (let b = a; b <= z; b++) set.add(b);
      else set.add(lo.byte);
    }
    const parts: string[] = [];
    const bytes = [...set].sort((a, b) => a - b);
    for (let k = 0; k < bytes.length; ) {
      let j = k;
      while (j + 1 < bytes.length && bytes[j + 1] === bytes[j] + 1 && bytes[j + 1] < 0x80 === bytes[k] < 0x80) j++;
      const esc = (b: number) => {
        const m = mapByte(b).charCodeAt(0);
        return m > 0xff ? `\\u${m.toString(16)}` : `\\x${m.toString(16).padStart(2, '0')}`;
      };
      parts.push(j > k ? `${esc(bytes[k])}-${esc(bytes[j])}` : esc(bytes[k]));
      k = j + 1;
    }
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  };

  type Element = { kind: 'byte'; byte: number } | { kind: 'class'; ranges: [number, number][] };
  const bracketElement = (): Element => {
    if (at() === '[' && (at(1) === ':' || at(1) === '=' || at(1) === '.')) {
      const kind = at(1);
      const end = pattern.indexOf(`${kind}]`, pos + 2);
      if (end < 0) throw new RegexError(ERR.EBRACK);
      const name = pattern.slice(pos + 2, end);
      pos = end + 2;
      if (kind === ':') {
        if (!Object.hasOwn(CLASSES, name)) throw new RegexError(ERR.ECTYPE);
        return { kind: 'class', ranges: CLASSES[name] };
      }
      if (name.length !== 1) throw new RegexError(ERR.ECOLLATE);
      return { kind: 'byte', byte: name.charCodeAt(0) };
    }
    return { kind: 'byte', byte: pattern.charCodeAt(pos++) };
  };

  // an unmatched ERE `)` is an ordinary char (atom() reads it); an unmatched BRE `\)` ends here
  const source = alternation(0);
  if (pos < pattern.length) throw new RegexError(ERR.ERPAREN);
  return { source, warnings };
}

/** A fixed string (grep -F) as a JavaScript regex. */
export function fixed(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += lit(s.charCodeAt(i));
  return out;
}
