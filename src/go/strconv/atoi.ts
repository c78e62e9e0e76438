// Go's strconv/atoi.go: ParseInt and ParseUint with base 0 (0x, 0o, 0b and leading-0 octal
// prefixes, underscores between digits), as Go literals and pflag's integer flags use them.
import { quoteGo } from './quote.js';

/** strconv.ParseInt(s, 0, …) syntax (0x, 0o, 0b, leading-0 octal, underscores); undefined if invalid. */
export function parseGoIntSyntax(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let digits = s;
  let prefixed = false;
  if (s.length > 1 && s[0] === '0') {
    const p = s[1].toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      digits = s.slice(2);
      prefixed = true;
    } else {
      base = 8;
      digits = s.slice(1);
      prefixed = true;
    }
  }
  // Underscores only between digits (or right after a base prefix).
  if (digits.includes('_')) {
    if (!prefixed && !/^[0-9]/.test(digits)) return undefined;
    if (digits.endsWith('_') || digits.includes('__') || (!prefixed && digits.startsWith('_'))) return undefined;
    digits = digits.replaceAll('_', '');
  }
  if (digits === '') return s === '0' ? 0n : undefined;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

const goSyntax = (fn: string, v: string): Error => new Error(`strconv.${fn}: parsing ${quoteGo(v)}: invalid syntax`);
const goRange = (fn: string, v: string): Error => new Error(`strconv.${fn}: parsing ${quoteGo(v)}: value out of range`);

/** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b and leading-0 octal prefixes), as pflag uses. */
export function parseGoInt(value: string, bits: number, signed: boolean): bigint {
  const fn = signed ? 'ParseInt' : 'ParseUint';
  const n = parseGoIntSyntax(value);
  if (n === undefined || (!signed && /^[+-]/.test(value))) throw goSyntax(fn, value);
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  if (n > max || n < min) throw goRange(fn, value);
  return n;
}
