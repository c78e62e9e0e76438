// Go's strconv parsers (atoi.go ParseInt/ParseUint, atob.go ParseBool, atof.go ParseFloat) in
// any base, with the *NumError texts docker's option parsers pass on ("strconv.ParseUint:
// parsing "x": invalid syntax"), and the bare cause ("invalid syntax") some of them wrap instead.

import { quoteGo } from './quote.js';

/** A *strconv.NumError: Error() is the full text, cause is numErr.Err's. */
export class NumError extends Error {
  constructor(
    readonly func: string,
    readonly num: string,
    readonly reason: 'invalid syntax' | 'value out of range' | 'invalid base' | 'invalid bit size',
  ) {
    super(`strconv.${func}: parsing ${quoteGo(num)}: ${reason}`);
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The digits of s in base (2..36, or 0: a 0x/0o/0b/0 prefix picks it and _ may separate digits). */
function unsigned(fn: string, s: string, base: number, bits: number, orig: string): bigint {
  if (s === '') throw new NumError(fn, orig, 'invalid syntax');
  let b = base;
  let body = s;
  let underscores = false;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'b' || p === 'o' || p === 'x') {
        b = p === 'b' ? 2 : p === 'o' ? 8 : 16;
        body = s.slice(2);
      } else {
        b = 8;
        body = s.slice(1);
        if (body === '') return 0n;
      }
    }
    underscores = true;
  }
  if (underscores && body.includes('_')) {
    // underscoreOK: only between digits (or after the base prefix)
    const withPrefix = s;
    if (!/^(0[box])?_?[0-9a-z]+(_[0-9a-z]+)*$/i.test(withPrefix) || withPrefix.endsWith('_'))
      throw new NumError(fn, orig, 'invalid syntax');
    body = body.replaceAll('_', '');
  }
  if (body === '') throw new NumError(fn, orig, 'invalid syntax');
  let n = 0n;
  const big = BigInt(b);
  for (const c of body.toLowerCase()) {
    const d = DIGITS.indexOf(c);
    if (d < 0 || d >= b) throw new NumError(fn, orig, 'invalid syntax');
    n = n * big + BigInt(d);
  }
  if (n > (1n << BigInt(bits)) - 1n) throw new NumError(fn, orig, 'value out of range');
  return n;
}

/** strconv.ParseUint(s, base, bits). */
export function parseUint(s: string, base: number, bits: number): bigint {
  return unsigned('ParseUint', s, base, bits, s);
}

/** strconv.ParseInt(s, base, bits). */
export function strconvParseInt(s: string, base: number, bits: number): bigint {
  let body = s;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  let u: bigint;
  try {
    u = unsigned('ParseInt', body, base, bits, s);
  } catch (err) {
    if (err instanceof NumError && err.reason === 'value out of range') throw new NumError('ParseInt', s, 'value out of range');
    throw err;
  }
  const cutoff = 1n << BigInt(bits - 1);
  if (!neg && u >= cutoff) throw new NumError('ParseInt', s, 'value out of range');
  if (neg && u > cutoff) throw new NumError('ParseInt', s, 'value out of range');
  return neg ? -u : u;
}

/** strconv.Atoi. */
export function atoi(s: string): number {
  try {
    return Number(strconvParseInt(s, 10, 64));
  } catch (err) {
    if (err instanceof NumError) throw new NumError('Atoi', s, err.reason);
    throw err;
  }
}

/** strconv.ParseBool. */
export function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new NumError('ParseBool', s, 'invalid syntax');
}

/**
 * strconv.ParseFloat(s, bits) for decimal forms, the inf/nan words and hex floats. A 32-bit
 * result is the float32 value as Go prints and marshals it: the shortest decimal that reads back
 * as the same float32 (0.1, not 0.10000000149011612).
 */
export function strconvParseFloat(s: string, bits: 32 | 64): number {
  const t = s.replace(/^[+-]/, '');
  const sign = s.startsWith('-') ? -1 : 1;
  let v: number;
  if (/^(inf|infinity)$/i.test(t)) v = sign * Number.POSITIVE_INFINITY;
  else if (/^nan$/i.test(t)) v = Number.NaN;
  else if (/^(\d+(_\d+)*\.?(\d+(_\d+)*)?|\.\d+(_\d+)*)([eE][+-]?\d+)?$/.test(t) && !(t.includes('_') && !/^\d/.test(t))) {
    v = sign * Number(t.replaceAll('_', ''));
  } else if (/^0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/.test(t)) {
    const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t) as RegExpExecArray;
    const mant = Number.parseInt(`${m[1]}${m[2]}` || '0', 16) / 16 ** m[2].length;
    v = sign * mant * 2 ** Number(m[3]);
  } else throw new NumError('ParseFloat', s, 'invalid syntax');
  if (bits === 64) {
    if (!Number.isFinite(v) && !/inf|nan/i.test(t)) throw new NumError('ParseFloat', s, 'value out of range');
    return v;
  }
  const f32 = Math.fround(v);
  if (!Number.isFinite(f32) && Number.isFinite(v)) throw new NumError('ParseFloat', s, 'value out of range');
  return shortestFloat32(f32);
}

/** The shortest decimal that rounds to the float32 f (strconv.FormatFloat(f, 'g', -1, 32)). */
export function shortestFloat32(f: number): number {
  if (!Number.isFinite(f) || f === 0) return f;
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}
