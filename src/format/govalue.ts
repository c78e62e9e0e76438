// The Go value model shared by the template engine, the fmt-style printer and the json func.
//
// JS values stand for Go values like this (docker's data is Go structs and maps):
//   undefined            an invalid reflect.Value (a missing map key): a template prints "<no value>"
//   null                 Go nil. Read from a plain object or a mixed array it is a nil interface{}
//                        (a template prints "<no value>"); elsewhere "<nil>". GoNil is a typed nil
//                        pointer ("<nil>"), map ("map[]") or slice ("[]") and names its type.
//   boolean, string      bool, string (Go strings are UTF-8 bytes: len/index/slice count bytes)
//   number               int when Number.isInteger, else float64; GoFloat forces float64 (3.0)
//   bigint               int64
//   Array                a slice ([]string when every element is a string, else []interface {})
//   Uint8Array           []byte: %v prints [104 105], %s the text, json base64 (config data)
//   Map, plain object    map[string]interface {}: sorted keys for %v, range and json; a missing
//                        key is "no value"; function values are called like methods
//   other objects        structs: class instances, or anything tagged by goStruct(); fields in
//                        insertion order for %v and json; a missing field is an error
// Tags (symbol properties, so they never show up in output):
//   [goType]   the Go type name used in messages ("*secret.secretContext", "map[string]string");
//              a leading * makes a struct print as &{...} (and {...} from a template action)
//   [goKind]   'struct' | 'map' | 'slice' to override the kind guessed from goType or the prototype
//   [goFormat] a method returning what %v / %s print (Go's Stringer): Time.String(), FileMode...
//   [goJSON]   a method returning raw JSON text (Go's MarshalJSON)
// Struct fields are the object's own enumerable properties; templates see own and inherited
// properties (getters, methods, non-enumerable aliases such as promoted embedded fields) whose
// name starts with an upper-case letter (Go's exported identifiers).

export const goFormat: unique symbol = Symbol.for('tsecret.goFormat');
export const goJSON: unique symbol = Symbol.for('tsecret.goJSON');
export const goType: unique symbol = Symbol.for('tsecret.goType');
export const goKind: unique symbol = Symbol.for('tsecret.goKind');

/** A float64 that must stay float64 even when integral (template literal 3.0, JSON numbers). */
export class GoFloat {
  constructor(readonly value: number) {}
  [goFormat](): string {
    return formatFloat(this.value, 'g', -1);
  }
  toJSON(): number {
    return this.value;
  }
}

/**
 * A typed nil (pointer, map or slice): marshals to null and names its type in errors; a nil map
 * prints "map[]", a nil slice "[]", anything else "<nil>".
 */
export class GoNil {
  constructor(readonly type: string) {}
  [goFormat](): string {
    return this.type.startsWith('map[') ? 'map[]' : this.type.startsWith('[]') ? '[]' : '<nil>';
  }
  toJSON(): null {
    return null;
  }
}

/** Tags obj as a Go struct of the given type (non-enumerable, returns obj). */
export function goStruct<T extends object>(type: string, obj: T): T {
  Object.defineProperty(obj, goType, { value: type, configurable: true });
  return obj;
}

/** Tags obj as a Go map of the given type, e.g. 'map[string]string'. */
export function goMap<T extends object>(obj: T, type = 'map[string]string'): T {
  Object.defineProperty(obj, goType, { value: type, configurable: true });
  Object.defineProperty(obj, goKind, { value: 'map', configurable: true });
  return obj;
}

export type GoKindName = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map' | 'struct' | 'func';

type Obj = Record<PropertyKey, unknown>;

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function kindOf(v: unknown): GoKindName {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'symbol':
      return 'invalid';
  }
  if (v === null || v instanceof GoNil) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof Uint8Array) return 'slice';
  const o = v as Obj;
  const k = o[goKind];
  if (k === 'map' || k === 'struct' || k === 'slice') return k;
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  const t = o[goType];
  if (typeof t === 'string') return t.startsWith('map[') ? 'map' : t.startsWith('[]') ? 'slice' : 'struct';
  return isPlainObject(o) ? 'map' : 'struct';
}

/** Go's reflect.Type.String() for a value. */
export function typeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func()';
  }
  if (v instanceof GoNil) return v.type;
  if (v instanceof GoFloat) return 'float64';
  // reflect names []byte by its element type
  if (v instanceof Uint8Array) return '[]uint8';
  const t = (v as Obj)[goType];
  if (typeof t === 'string') return t;
  if (Array.isArray(v)) return v.every((e) => typeof e === 'string') ? '[]string' : '[]interface {}';
  if (v instanceof Map || isPlainObject(v as object)) return 'map[string]interface {}';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'struct {}';
}

/** The element type of a map/slice type name ("map[string]string" → "string"). */
export function elemTypeName(t: string): string {
  if (t.startsWith('[]')) return t.slice(2);
  if (t.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < t.length; i++) {
      if (t[i] === '[') depth++;
      else if (t[i] === ']' && --depth === 0) return t.slice(i + 1);
    }
  }
  return 'interface {}';
}

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

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(a, b);
  return compareBytes(String(a), String(b));
}

/** Entries of a map-kind value in Go's sorted (fmtsort) order. */
export function mapEntries(v: object): [unknown, unknown][] {
  const out: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : Object.keys(v).map((k) => [k, (v as Obj)[k]]);
  return out.sort((x, y) => compareKeys(x[0], y[0]));
}

export function mapSize(v: object): number {
  return v instanceof Map ? v.size : Object.keys(v).length;
}

/** Struct fields in declaration (insertion) order; methods are not fields. */
export function structFields(v: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(v)) {
    const x = (v as Obj)[k];
    if (typeof x !== 'function') out.push([k, x]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Strings as UTF-8

const enc = new TextEncoder();

export function utf8Len(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

export function utf8Bytes(s: string): Uint8Array {
  return enc.encode(s);
}

/** Decodes bytes as Go would print them: invalid sequences become U+FFFD. */
export function utf8Decode(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

let printRe: RegExp | undefined;
/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  printRe ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
  return printRe.test(String.fromCodePoint(cp));
}

const hexLower = '0123456789abcdef';
const hexUpper = '0123456789ABCDEF';

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
function quoteRune(cp: number, ascii = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return "'" + escapeRune(cp, 0x27, ascii) + "'";
}

function canBackquote(s: string): boolean {
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

// ---------------------------------------------------------------------------------------------
// Floats: strconv.FormatFloat with Go's exact round-half-even on the binary value.

interface Digits {
  d: string; // significant digits, no trailing zeros ('' for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const e = x.toExponential(); // shortest round-trip digits, like Go's Ryu
  const i = e.indexOf('e');
  const d = e.slice(0, i).replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e.slice(i + 1)) + 1 };
}

function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  exp -= 1075;
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x30) end--;
  return { d: s.slice(0, end), dp };
}

/** Rounds to nd significant digits, half to even on the exact value (Go's decimal.Round). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const c = x.d.charCodeAt(nd);
  // Exactly halfway (a final 5) rounds to even; otherwise the digit decides.
  const up = c > 0x35 || (c === 0x35 && (nd + 1 < x.d.length || (nd > 0 && (x.d.charCodeAt(nd - 1) - 0x30) % 2 === 1)));
  if (!up) {
    let end = nd;
    while (end > 0 && x.d.charCodeAt(end - 1) === 0x30) end--;
    return { d: x.d.slice(0, end), dp: end === 0 ? 0 : x.dp };
  }
  let i = nd - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return { d: x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i] : '0';
}

function fmtE(x: Digits, prec: number, ch: string): string {
  let s = x.d.length ? x.d[0] : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  return s + ch + sign + (exp < 10 ? '0' : '') + exp;
}

function fmtF(x: Digits, prec: number): string {
  let s = '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(x, x.dp + i);
  }
  return s;
}

const M64 = (1n << 64n) - 1n;

function floatBits(x: number): [boolean, bigint, number] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const neg = hi >>> 31 === 1;
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(buf.getUint32(4));
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  return [neg, mant, exp - 1023];
}

/** strconv 'b' (mantissa p exponent) and 'x'/'X' (hexadecimal mantissa p exponent) formats. */
function formatFloatBinary(x: number, fmt: 'b' | 'x' | 'X', prec: number): string {
  let [neg, mant, exp] = floatBits(x);
  if (fmt === 'b') return (neg ? '-' : '') + mant + 'p' + (exp - 52 >= 0 ? '+' : '-') + Math.abs(exp - 52);
  if (mant === 0n) exp = 0;
  mant = (mant << 8n) & M64; // leading 1 at bit 60
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & M64;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant = (mant << (60n - shift)) & M64;
    if (mant & (1n << 61n)) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? hexUpper : hexLower;
  let out = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & M64;
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & M64;
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & M64;
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  return out + String(Math.abs(exp)).padStart(2, '0');
}

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (fmt === 'b' || fmt === 'x' || fmt === 'X') return formatFloatBinary(x, fmt, prec);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(a);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    digs = exactDigits(a);
    if (fmt === 'f') digs = roundDigits(digs, digs.dp + prec);
    else if (fmt === 'e' || fmt === 'E') digs = roundDigits(digs, prec + 1);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(digs, prec);
    }
  }
  let out: string;
  if (fmt === 'e' || fmt === 'E') out = fmtE(digs, prec, fmt);
  else if (fmt === 'f') out = fmtF(digs, prec);
  else {
    let eprec = prec;
    if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
    if (shortest) eprec = 6;
    const exp = digs.dp - 1;
    if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
      if (prec > digs.d.length) prec = digs.d.length;
      out = fmtE(digs, prec - 1, fmt === 'g' ? 'e' : 'E');
    } else {
      if (prec > digs.dp) prec = digs.d.length;
      out = fmtF(digs, Math.max(prec - digs.dp, 0));
    }
  }
  return neg ? '-' + out : out;
}

// ---------------------------------------------------------------------------------------------
// fmt: Sprint, Sprintln, Sprintf and %v

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

const newFlags = (): Flags => ({
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: 0,
  widPresent: false,
  prec: 0,
  precPresent: false,
});

function hasStringer(v: unknown): v is { [goFormat](): string } {
  return typeof v === 'object' && v !== null && typeof (v as Obj)[goFormat] === 'function';
}

class Printer {
  buf = '';
  f: Flags = newFlags();
  erroring = false;
  /** text/template dereferences a top-level pointer before printing: {...}, not &{...}. */
  derefTop = false;

  private writePadding(n: number): void {
    if (n > 0) this.buf += (this.f.zero ? '0' : ' ').repeat(n);
  }

  private pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  private truncate(s: string): string {
    if (this.f.precPresent) {
      let n = this.f.prec;
      let i = 0;
      while (i < s.length) {
        if (--n < 0) return s.slice(0, i);
        const c = s.charCodeAt(i);
        i += c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      }
    }
    return s;
  }

  private fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  private fmtSx(s: string | Uint8Array, digits: string): void {
    const b = typeof s === 'string' ? utf8Bytes(s) : s;
    let length = b.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) width += 2;
    } else {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.writePadding(this.f.wid - width);
    let out = this.f.sharp ? '0' + digits[16] : '';
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        out += ' ';
        if (this.f.sharp) out += '0' + digits[16];
      }
      out += digits[b[i] >> 4] + digits[b[i] & 15];
    }
    this.buf += out;
    if (this.f.widPresent && this.f.wid > width && this.f.minus) this.writePadding(this.f.wid - width);
  }

  private fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(quoteGo(s, this.f.plus));
  }

  private fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        return this.fmtS(s);
      case 'x':
        return this.fmtSx(s, hexLower + 'x');
      case 'X':
        return this.fmtSx(s, hexUpper + 'X');
      case 'q':
        return this.fmtQ(s);
    }
    this.badVerb(verb, s);
  }

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  private fmtIntegerBase(v: bigint, base: number, verb: string, upper: boolean): void {
    const f = this.f;
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const z = f.zero;
        f.zero = false;
        this.writePadding(f.wid);
        f.zero = z;
        return;
      }
    } else if (f.zero && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let s = u.toString(base);
    if (upper) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = (upper ? '0X' : '0x') + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (f.plus) s = '+' + s;
    else if (f.space) s = ' ' + s;
    const z = f.zero;
    f.zero = false;
    this.pad(s);
    f.zero = z;
  }

  private fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.f.precPresent && this.f.prec > 4) prec = this.f.prec;
    let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.f.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    const z = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = z;
  }

  private fmtInteger(v: bigint, verb: string, orig: unknown): void {
    switch (verb) {
      case 'v':
      case 'd':
        return this.fmtIntegerBase(v, 10, verb, false);
      case 'b':
        return this.fmtIntegerBase(v, 2, verb, false);
      case 'o':
      case 'O':
        return this.fmtIntegerBase(v, 8, verb, false);
      case 'x':
        return this.fmtIntegerBase(v, 16, verb, false);
      case 'X':
        return this.fmtIntegerBase(v, 16, verb, true);
      case 'c': {
        const cp = v < 0n || v > 0x10ffffn ? 0xfffd : Number(v);
        return this.pad(String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp));
      }
      case 'q':
        return this.pad(quoteRune(v < 0n || v > 0x10ffffn ? 0xfffd : Number(v), this.f.plus));
      case 'U':
        return this.fmtUnicode(v < 0n ? v + (1n << 64n) : v);
    }
    this.badVerb(verb, orig);
  }

  private fmtFloatWith(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): void {
    const f = this.f;
    if (f.precPresent) prec = f.prec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const z = f.zero;
      f.zero = false;
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.pad(num);
      f.zero = z;
      return;
    }
    if (f.sharp && verb !== 'b') {
      let digits = verb === 'g' || verb === 'G' || verb === 'x' ? (prec === -1 ? 6 : prec) : 0; // not 'X', as Go
      let tail = '';
      const hexa = verb === 'x' || verb === 'X';
      let sawNonzero = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i];
        if (c === '.') continue;
        if (c === 'p' || c === 'P' || (!hexa && (c === 'e' || c === 'E'))) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzero = true;
        if (sawNonzero) digits--;
      }
      if (!num.includes('.')) {
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      while (digits-- > 0) num += '0';
      num += tail;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && f.widPresent && f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private fmtFloat(v: number, verb: string, orig: unknown): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatWith(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatWith(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloatWith(v, verb, 6);
      case 'F':
        return this.fmtFloatWith(v, 'f', 6);
    }
    this.badVerb(verb, orig);
  }

  badVerb(verb: string, arg: unknown): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (arg === undefined || arg === null) this.buf += '<nil>';
    else {
      this.buf += typeName(arg) + '=';
      if (arg instanceof GoNil) this.buf += '<nil>';
      else this.printArg(arg, 'v');
    }
    this.buf += ')';
    this.erroring = false;
  }

  private handleMethods(arg: unknown, verb: string): boolean {
    if (this.erroring || this.f.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    if (!hasStringer(arg)) return false;
    this.fmtString(arg[goFormat](), verb);
    return true;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        return this.fmtBool(arg, verb);
      case 'number':
        if (Number.isInteger(arg)) return this.fmtInteger(BigInt(arg), verb, arg);
        return this.fmtFloat(arg, verb, arg);
      case 'bigint':
        return this.fmtInteger(arg, verb, arg);
      case 'string':
        return this.fmtString(arg, verb);
    }
    if (arg instanceof GoFloat) return this.fmtFloat(arg.value, verb, arg);
    if (arg instanceof GoNil) return this.printValue(arg, verb, 0);
    if (arg instanceof Uint8Array) return this.fmtBytes(arg, verb, '[]byte');
    if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  /** fmt's fmtBytes: a []byte is a list of numbers for %v and %d, text for %s, %q, %x and %X. */
  private fmtBytes(v: Uint8Array, verb: string, typeString: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.f.sharpV) {
          this.buf += `${typeString}{${Array.from(v, (c) => `0x${c.toString(16)}`).join(', ')}}`;
          return;
        }
        this.buf += '[';
        v.forEach((c, i) => {
          if (i > 0) this.buf += ' ';
          this.fmtInteger(BigInt(c), verb, c);
        });
        this.buf += ']';
        return;
      case 'x':
        return this.fmtSx(v, hexLower + 'x');
      case 'X':
        return this.fmtSx(v, hexUpper + 'X');
      case 's':
      case 'q':
        return this.fmtString(utf8Decode(v), verb);
    }
    this.printValue(v, verb, 0);
  }

  /** A typed nil: an empty map or slice, or a nil pointer (fmtPointer). */
  private printNil(v: GoNil, verb: string): void {
    if (v.type.startsWith('map[')) this.buf += this.f.sharpV ? v.type + '(nil)' : 'map[]';
    else if (v.type.startsWith('[]')) this.buf += this.f.sharpV ? v.type + '(nil)' : '[]';
    else if (verb === 'v') {
      if (this.f.sharpV) this.buf += '(' + v.type + ')(nil)';
      else this.pad('<nil>');
    } else if (verb === 'p') this.pad('0x0');
    else if ('boxXd'.includes(verb)) this.fmtIntegerBase(0n, verb === 'b' ? 2 : verb === 'o' ? 8 : verb === 'd' ? 10 : 16, verb, verb === 'X');
    else this.badVerb(verb, v);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (v instanceof GoNil) return this.printNil(v, verb);
    if (v instanceof GoFloat) return this.fmtFloat(v.value, verb, v);
    if (depth > 0 && v !== undefined && v !== null && this.handleMethods(v, verb)) return;
    if (v === undefined || v === null) {
      // Elements of interface type that are nil.
      if (depth === 0 && v === undefined) this.buf += '<invalid reflect.Value>';
      else this.buf += '<nil>';
      return;
    }
    switch (typeof v) {
      case 'boolean':
        return this.fmtBool(v, verb);
      case 'number':
        if (Number.isInteger(v)) return this.fmtInteger(BigInt(v), verb, v);
        return this.fmtFloat(v, verb, v);
      case 'bigint':
        return this.fmtInteger(v, verb, v);
      case 'string':
        return this.fmtString(v, verb);
      case 'function':
        this.buf += '0x0';
        return;
    }
    if (v instanceof GoFloat) return this.fmtFloat(v.value, verb, v);
    const o = v as object;
    switch (kindOf(o)) {
      case 'map': {
        if (this.f.sharpV) this.buf += typeName(o) + '{';
        else this.buf += 'map[';
        mapEntries(o).forEach(([k, x], i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printValue(k, verb, depth + 1);
          this.buf += ':';
          this.printValue(x, verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'slice': {
        if (o instanceof Uint8Array && 'sqxX'.includes(verb)) return this.fmtBytes(o, verb, '[]uint8');
        const arr = Array.isArray(o) ? o : o instanceof Uint8Array ? Array.from(o) : [];
        if (this.f.sharpV) this.buf += typeName(o) + '{';
        else this.buf += '[';
        arr.forEach((x, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printValue(x, verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      default: {
        const t = typeName(o);
        if (t.startsWith('*')) {
          // A pointer to a struct prints as &{...} at the top level and as an address below it.
          if (depth > 0) {
            // Go prints the (unpredictable) address; other verbs report the pointer as bad.
            if (verb === 'v' || verb === 'p') this.buf += '0xc000010000';
            else this.badVerb(verb, o);
            return;
          }
          if (!this.derefTop) this.buf += '&';
        }
        if (this.f.sharpV) this.buf += t.replace(/^\*/, '');
        this.buf += '{';
        structFields(o).forEach(([k, x], i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          if (this.f.plusV || this.f.sharpV) this.buf += k + ':';
          this.printValue(x, verb, depth + 1);
        });
        this.buf += '}';
      }
    }
  }

  doPrint(args: unknown[]): void {
    let prevString = false;
    args.forEach((arg, i) => {
      const isString = typeof arg === 'string';
      if (i > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  doPrintln(args: unknown[]): void {
    args.forEach((arg, i) => {
      if (i > 0) this.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.buf += '\n';
  }

  doPrintf(format: string, a: unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const parsenum = (s: string, start: number, e: number): [number, boolean, number] => {
      if (start >= e) return [0, false, e];
      let num = 0;
      let isnum = false;
      let i = start;
      for (; i < e && s[i] >= '0' && s[i] <= '9'; i++) {
        if (num > 1e6 || num < -1e6) return [0, false, e];
        num = num * 10 + (s.charCodeAt(i) - 48);
        isnum = true;
      }
      return [num, isnum, i];
    };
    const argNumber = (i: number): [number, number, boolean] => {
      if (end <= i || format[i] !== '[') return [argNum, i, false];
      reordered = true;
      const sub = format.slice(i);
      let index = 0;
      let wid = 1;
      let ok = false;
      if (sub.length >= 3) {
        for (let j = 1; j < sub.length; j++) {
          if (sub[j] === ']') {
            const [w, isnum, newi] = parsenum(sub, 1, j);
            if (!isnum || newi !== j) {
              wid = j + 1;
              ok = false;
            } else {
              index = w - 1;
              wid = j + 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
      goodArgNum = false;
      return [argNum, i + wid, ok];
    };
    const intFromArg = (n: number): [number, boolean, number] => {
      if (n >= a.length) return [0, false, n];
      const v = a[n];
      let num = 0;
      let isInt = false;
      if (typeof v === 'number' && Number.isInteger(v)) {
        num = v;
        isInt = true;
      } else if (typeof v === 'bigint') {
        num = Number(v);
        isInt = true;
      }
      if (num > 1e6 || num < -1e6) {
        num = 0;
        isInt = false;
      }
      return [num, isInt, n + 1];
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      const f = (this.f = newFlags());
      simple: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = !f.minus;
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            f.zero = false;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                f.sharpV = f.sharp;
                f.sharp = false;
                f.plusV = f.plus;
                f.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        [f.wid, f.widPresent, argNum] = intFromArg(argNum);
        if (!f.widPresent) this.buf += '%!(BADWIDTH)';
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.minus = true;
          f.zero = false;
        }
        afterIndex = false;
      } else {
        [f.wid, f.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && f.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(i);
        if (i < end && format[i] === '*') {
          i++;
          [f.prec, f.precPresent, argNum] = intFromArg(argNum);
          if (f.prec < 0) {
            f.prec = 0;
            f.precPresent = false;
          }
          if (!f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [f.prec, f.precPresent, i] = parsenum(format, i, end);
          if (!f.precPresent) {
            f.prec = 0;
            f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) as number;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') this.buf += '%';
      else if (!goodArgNum) this.buf += '%!' + verb + '(BADINDEX)';
      else if (argNum >= a.length) this.buf += '%!' + verb + '(MISSING)';
      else {
        if (verb === 'v') {
          f.sharpV = f.sharp;
          f.sharp = false;
          f.plusV = f.plus;
          f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.f = newFlags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, j) => {
        if (j > 0) this.buf += ', ';
        if (arg === undefined || arg === null) this.buf += '<nil>';
        else {
          this.buf += typeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }
}

/** fmt.Sprint(v): how Go's %v prints a value. */
export function formatGoValue(v: unknown): string {
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

/** How a template action prints a value (a top-level pointer is dereferenced first). */
export function formatTemplateValue(v: unknown): string {
  const p = new Printer();
  p.derefTop = true;
  p.printArg(v, 'v');
  return p.buf;
}

/** fmt.Sprint; deref: print top-level pointers as their struct, as text/template's evalArgs does. */
export function sprint(args: unknown[], deref = false): string {
  const p = new Printer();
  p.derefTop = deref;
  p.doPrint(args);
  return p.buf;
}

export function sprintln(args: unknown[]): string {
  const p = new Printer();
  p.doPrintln(args);
  return p.buf;
}

export function sprintf(format: string, args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

// ---------------------------------------------------------------------------------------------
// encoding/json

export class JSONMarshalError extends Error {}

/** The JSON text of a float64 as encoding/json writes it. */
function jsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new JSONMarshalError('json: unsupported value: ' + formatFloat(x, 'g', -1));
  if (Object.is(x, -0)) return '-0';
  return String(x); // JS and Go agree: 'e' notation below 1e-6 and from 1e21, with e-7 not e-07
}

/** A JSON string literal as encoding/json writes it (escapeHTML: json.Marshal; docker's json func: false). */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 10
          ? '\\n'
          : c === 13
            ? '\\r'
            : c === 9
              ? '\\t'
              : c === 8
                ? '\\b'
                : c === 12
                  ? '\\f'
                  : '\\u00' + hexLower[c >> 4] + hexLower[c & 15];
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) esc = '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) esc = '\\u' + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

function escapeRawHTML(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += raw[i];
  }
  return out;
}

function marshalInto(v: unknown, escapeHTML: boolean, depth: number): string {
  if (depth > 1000) throw new JSONMarshalError('json: unsupported value: encountered a cycle');
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isInteger(v) ? (v === 0 ? '0' : String(v)) : jsonFloat(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return jsonString(v, escapeHTML);
    case 'function':
    case 'symbol':
      throw new JSONMarshalError('json: unsupported type: ' + typeName(v));
  }
  if (v === null || v instanceof GoNil) return 'null';
  if (v instanceof GoFloat) return jsonFloat(v.value);
  // encoding/json writes a []byte as base64
  if (v instanceof Uint8Array) return `"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"`;
  const o = v as Obj;
  if (typeof o[goJSON] === 'function') {
    const raw = String((o[goJSON] as () => string)());
    return escapeHTML ? escapeRawHTML(raw) : raw;
  }
  if (typeof o.toJSON === 'function') return marshalInto((o.toJSON as () => unknown)(), escapeHTML, depth + 1);
  if (Array.isArray(v)) return '[' + v.map((x) => marshalInto(x, escapeHTML, depth + 1)).join(',') + ']';
  // Maps (Map, plain objects, map-tagged objects) sort their keys; structs keep field order.
  const sorted = kindOf(o) === 'map';
  const entries: [unknown, unknown][] = sorted ? mapEntries(o) : Object.keys(o).map((k) => [k, o[k]]);
  let out = '{';
  let first = true;
  for (const [k, x] of entries) {
    if (typeof x === 'function' || (!sorted && x === undefined)) continue;
    if (!first) out += ',';
    first = false;
    out += jsonString(String(k), escapeHTML) + ':' + marshalInto(x, escapeHTML, depth + 1);
  }
  return out + '}';
}

/**
 * encoding/json: structs (class instances, goStruct) keep field (insertion) order; maps (Map,
 * plain objects, goMap) sort their keys; [goJSON] is raw JSON, toJSON() is honoured.
 */
export function marshalJSON(v: unknown, opts: { escapeHTML?: boolean } = {}): string {
  return marshalInto(v, opts.escapeHTML ?? true, 0);
}

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
