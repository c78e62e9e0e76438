// Go's strconv/quote.go: Quote, QuoteToASCII, QuoteRune, CanBackquote, Unquote and IsPrint.
import { utf8Bytes, utf8Decode } from '../unicode/utf8.js';

let printRe: RegExp | undefined;
/** strconv.IsPrint (= unicode.IsPrint): letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  // the ellipsis docker's tables truncate with (Po): known without compiling the Unicode classes,
  // which costs a command about a millisecond the first time
  if (cp === 0x2026) return true;
  printRe ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
  return printRe.test(String.fromCodePoint(cp));
}

const hexLower = '0123456789abcdef';

function escapeRune(cp: number, quote: number, ascii: boolean): string {
  if (cp === quote || cp === 0x5c) return '\\' + String.fromCharCode(cp);
  if (ascii ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hexLower[cp >> 4] + hexLower[cp & 15];
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function codePoints(s: string, f: (cp: number) => void): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd; // a lone surrogate is not valid UTF-8
    }
    f(c);
  }
}

/** strconv.Quote (or QuoteToASCII). */
export function quoteGo(s: string, ascii = false): string {
  let out = '"';
  codePoints(s, (cp) => {
    out += escapeRune(cp, 0x22, ascii);
  });
  return out + '"';
}

/** strconv.QuoteRune. */
export function quoteRune(cp: number, ascii = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return "'" + escapeRune(cp, 0x27, ascii) + "'";
}

/** strconv.CanBackquote: whether s can be a raw string literal. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return false;
      i++;
    }
  }
  return true;
}

/** strconv.ErrSyntax and the like: the template parser reports them as "template: :N: <message>". */
export class SyntaxError_ extends Error {}

/** strconv.Unquote: a Go string, rune or raw string literal; throws SyntaxError_("invalid syntax"). */
export function unquote(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new SyntaxError_('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (!body.includes('\\')) {
    if (body.includes('\n') || (q === "'" ? false : body.includes(q))) throw new SyntaxError_('invalid syntax');
    return body;
  }
  // Decode to bytes, since \x and octal escapes are bytes, then decode the bytes as UTF-8.
  const bytes: number[] = [];
  const pushStr = (str: string) => {
    for (const b of utf8Bytes(str)) bytes.push(b);
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === q || c === '\n') throw new SyntaxError_('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      pushStr(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case '\\':
        bytes.push(0x5c);
        break;
      case "'":
      case '"':
        if (e !== q) throw new SyntaxError_('invalid syntax');
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError_('invalid syntax');
        i += n;
        const v = parseInt(hex, 16);
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
          pushStr(String.fromCodePoint(v));
        }
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError_('invalid syntax');
          const v = parseInt(oct, 8);
          if (v > 255) throw new SyntaxError_('invalid syntax');
          bytes.push(v);
          i += 2;
          break;
        }
        throw new SyntaxError_('invalid syntax');
      }
    }
  }
  return utf8Decode(Uint8Array.from(bytes));
}
