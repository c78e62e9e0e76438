// Go's fmt/print.go and format.go: Sprint, Sprintln, Sprintf and how %v prints a value.

import { GoFloat, GoNil, goFormat, kindOf, mapEntries, namedNumber, structFields, typeName } from '../reflect/value.js';
import { formatFloat } from '../strconv/ftoa.js';
import { canBackquote, isPrint, quoteGo, quoteRune } from '../strconv/quote.js';
import { runeCount, utf8Bytes, utf8Decode } from '../unicode/utf8.js';

const hexLower = '0123456789abcdef';
const hexUpper = '0123456789ABCDEF';

type Obj = Record<PropertyKey, unknown>;

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

  /** A named numeric type without a String method for this verb: the number, as its kind prints. */
  private printNamedNumber(v: object, n: number | bigint, verb: string): void {
    if (typeName(v).startsWith('float')) return this.fmtFloat(Number(n), verb, v);
    return this.fmtInteger(BigInt(n), verb, v);
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
    else if ('boxXd'.includes(verb))
      this.fmtIntegerBase(0n, verb === 'b' ? 2 : verb === 'o' ? 8 : verb === 'd' ? 10 : 16, verb, verb === 'X');
    else this.badVerb(verb, v);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (v instanceof GoNil) return this.printNil(v, verb);
    if (v instanceof GoFloat) return this.fmtFloat(v.value, verb, v);
    if (depth > 0 && v !== undefined && v !== null && this.handleMethods(v, verb)) return;
    const n = namedNumber(v);
    if (n !== undefined) return this.printNamedNumber(v as object, n, verb);
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
