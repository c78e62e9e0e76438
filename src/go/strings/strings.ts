// Go's strings (strings.go, compare.go), the parts docker's template functions and Go's sorting use: Compare
// (byte order), Split, Title, ToUpper and ToLower (rune by rune, as Go maps them).

/** Compares strings in UTF-8 byte order (= code point order), as Go does. */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after the rest of the BMP in code point order.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** strings.Split */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

/** strings.Title: title-cases the first letter of each word (letters, digits and _ make words). */
export function goTitle(s: string): string {
  let prev = 0x20;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    out += isSeparator(prev) ? toTitle(c, ch) : ch;
    prev = c;
  }
  return out;
}

/** unicode.ToTitle: the upper case, except for the four digraphs with a title-case form (ǅ). */
function toTitle(c: number, ch: string): string {
  if ((c >= 0x1c4 && c <= 0x1cc) || (c >= 0x1f1 && c <= 0x1f3)) {
    const base = c >= 0x1f1 ? 0x1f1 : c - ((c - 0x1c4) % 3);
    return String.fromCodePoint(base + 1);
  }
  return mapRune(ch, true);
}

let sepRe: RegExp | undefined;
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  sepRe ??= /^[\p{L}\p{Nd}\p{Nl}\p{No}]$/u;
  if (sepRe.test(String.fromCodePoint(r))) return false;
  return /^\s$/u.test(String.fromCodePoint(r));
}

/** unicode.ToUpper/ToTitle/ToLower map one rune to one rune; JS may expand (ß → SS), Go keeps it. */
function mapRune(ch: string, upper: boolean): string {
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  if (m === ch) return ch;
  if (Array.from(m).length !== 1) return ch === '\u0130' && !upper ? 'i' : ch;
  return m;
}

function mapString(s: string, upper: boolean): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) out += mapRune(ch, upper);
  return out;
}

/** strings.ToUpper */
export const toUpper = (s: string): string => mapString(s, true);

/** strings.ToLower */
export const toLower = (s: string): string => mapString(s, false);
