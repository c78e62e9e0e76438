/** printf: GNU coreutils 9.1 (/usr/bin/printf) and the bash / dash builtins, which share the format language. */
import { complain, quoteShell, type Sys } from '../sys.js';
import { coreutilsVersion, helpUnavailable } from './getopt.js';

export type PrintfDialect = 'gnu' | 'bash' | 'dash';

const SIMPLE: Record<string, number> = { '\\': 92, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
const isOct = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * Formats like printf(1); returns the exit status (1 after a bad number, 2 for dash's bad directive).
 * warn() receives a message without any prefix.
 */
export function printfFormat(
  fmt: string,
  args: string[],
  d: PrintfDialect,
  out: { write(b: Buffer): void },
  warn: (m: string) => void,
): number {
  const bytes: number[] = [];
  const emit = (s: string) => {
    for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i) & 255);
  };
  let status = 0;
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const badNumber = (s: string) => {
    warn(d === 'gnu' ? `'${s}': expected a numeric value` : d === 'bash' ? `${s}: invalid number` : `${s}: expected numeric value`);
    status = 1;
  };
  const notConverted = (s: string) => {
    if (d === 'bash') badNumber(s);
    else {
      warn(d === 'gnu' ? `'${s}': value not completely converted` : `${s}: not completely converted`);
      status = 1;
    }
  };
  const int = (s: string | undefined): bigint => {
    if (s === undefined || s === '') return 0n;
    if (/^['"]/.test(s)) return BigInt(s.length > 1 ? s.charCodeAt(1) : 0);
    const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
    if (!m) {
      badNumber(s);
      return 0n;
    }
    let v = BigInt(m[2].replace(/^0(?=[0-7])/, '0o'));
    if (m[1] === '-') v = -v;
    if (m[0].length !== s.length) notConverted(s);
    return v;
  };
  const float = (s: string | undefined): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.length > 1 ? s.charCodeAt(1) : 0;
    const m = /^\s*[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|inf(inity)?|nan)/i.exec(s);
    if (!m) {
      badNumber(s);
      return 0;
    }
    if (m[0].length !== s.length) notConverted(s);
    return Number(m[0].trim().replace(/^([-+]?)inf(inity)?$/i, '$1Infinity'));
  };
  /** Backslash escapes: in the format (any dialect) or in a %b argument (echo-style octal \0NNN). */
  const parseEscape = (s: string, i: number, forB: boolean): { text: string; next: number; stop?: boolean } => {
    const e = s[i + 1];
    if (e === undefined) return { text: '\\', next: i + 1 };
    if (e === 'c' && (forB || d !== 'dash')) return { text: '', next: i + 2, stop: true };
    if (e in SIMPLE && !(forB && e === '"')) return { text: String.fromCharCode(SIMPLE[e]), next: i + 2 };
    if (e === 'e' && d !== 'dash') return { text: '\x1b', next: i + 2 };
    if (isOct(e)) {
      let j = i + 1;
      let v = 0;
      let n = 0;
      if (forB && e === '0') {
        j++;
      }
      while (n < 3 && isOct(s[j])) {
        v = v * 8 + s.charCodeAt(j) - 48;
        j++;
        n++;
      }
      if (forB && e !== '0' && d === 'bash') return { text: '\\' + e, next: i + 2 };
      return { text: String.fromCharCode(v & 255), next: j };
    }
    if (e === 'x' && d !== 'dash' && isHex(s[i + 2])) {
      let j = i + 2;
      let v = 0;
      while (j < i + 4 && isHex(s[j])) v = v * 16 + parseInt(s[j++], 16);
      return { text: String.fromCharCode(v), next: j };
    }
    return { text: '\\' + e, next: i + 2 };
  };
  const pad = (s: string, flags: string, width: number, zero = false) => {
    if (s.length >= width) return s;
    if (flags.includes('-')) return s.padEnd(width, ' ');
    if (zero && flags.includes('0')) {
      const sign = /^[-+ ]/.test(s) ? s[0] : '';
      const pre = /^[-+ ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : '';
      return sign + pre + s.slice(sign.length + pre.length).padStart(width - sign.length - pre.length, '0');
    }
    return s.padStart(width, ' ');
  };

  do {
    const before = ai;
    for (let i = 0; i < fmt.length; ) {
      const c = fmt[i];
      if (c === '\\') {
        const r = parseEscape(fmt, i, false);
        emit(r.text);
        if (r.stop) {
          out.write(Buffer.from(bytes));
          return status;
        }
        i = r.next;
        continue;
      }
      if (c !== '%') {
        emit(c);
        i++;
        continue;
      }
      // Length modifiers (%ld, %zd) are accepted and ignored by bash and GNU; dash has none.
      const m = (
        d === 'dash' ? /^%([-+ #0']*)(\*|\d*)(?:\.(\*|\d*))?()([\s\S]?)/ : /^%([-+ #0']*)(\*|\d*)(?:\.(\*|\d*))?([hlLjzt]*)([\s\S]?)/
      ).exec(fmt.slice(i))!;
      i += m[0].length;
      const flags = m[1];
      let width = m[2] === '*' ? Number(int(next())) : Number(m[2] || 0);
      let fl = flags;
      if (width < 0) {
        fl += '-';
        width = -width;
      }
      const precS = m[3] === '*' ? String(int(next())) : m[3];
      const prec = precS === undefined ? undefined : Number(precS || 0);
      const conv = m[5];
      switch (conv) {
        case '%':
          emit('%');
          break;
        case 's': {
          const a = next() ?? '';
          emit(pad(prec === undefined ? a : a.slice(0, prec), fl, width));
          break;
        }
        case 'b': {
          const a = next() ?? '';
          let t = '';
          for (let j = 0; j < a.length; ) {
            if (a[j] !== '\\') {
              t += a[j++];
              continue;
            }
            const r = parseEscape(a, j, true);
            t += r.text;
            if (r.stop) {
              emit(pad(t, fl, width));
              out.write(Buffer.from(bytes));
              return status;
            }
            j = r.next;
          }
          emit(pad(prec === undefined ? t : t.slice(0, prec), fl, width));
          break;
        }
        case 'c': {
          const a = next() ?? '';
          emit(pad(a === '' ? '\0' : a.slice(0, 1), fl, width));
          break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          let v = int(next());
          if (conv !== 'd' && conv !== 'i' && v < 0n) v += 1n << 64n;
          const neg = v < 0n;
          let digits = (neg ? -v : v).toString(conv === 'o' ? 8 : conv === 'd' || conv === 'i' || conv === 'u' ? 10 : 16);
          if (conv === 'X') digits = digits.toUpperCase();
          if (prec !== undefined) digits = prec === 0 && v === 0n ? '' : digits.padStart(prec, '0');
          if (fl.includes('#') && conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
          if (fl.includes('#') && (conv === 'x' || conv === 'X') && v !== 0n) digits = (conv === 'x' ? '0x' : '0X') + digits;
          const sign = neg
            ? '-'
            : (conv === 'd' || conv === 'i') && fl.includes('+')
              ? '+'
              : (conv === 'd' || conv === 'i') && fl.includes(' ')
                ? ' '
                : '';
          emit(pad(sign + digits, fl, width, prec === undefined));
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const v = float(next());
          emit(pad(formatFloat(v, conv, prec ?? 6, fl), fl, width, Number.isFinite(v)));
          break;
        }
        case 'q':
          if (d !== 'dash') {
            emit(pad(d === 'gnu' ? quoteShell(next() ?? '') : shellQuote(next() ?? ''), fl, width));
            break;
          }
        // fall through: dash has no %q
        default: {
          const spec = m[0];
          if (d === 'dash') {
            warn(`${spec}: invalid directive`);
            out.write(Buffer.from(bytes));
            return 2;
          }
          warn(d === 'bash' ? `\`${conv || spec}': invalid format character` : `${spec}: invalid conversion specification`);
          out.write(Buffer.from(bytes));
          return 1;
        }
      }
    }
    if (ai === before) break;
  } while (ai < args.length);
  out.write(Buffer.from(bytes));
  return status;
}

function formatFloat(v: number, conv: string, prec: number, flags: string): string {
  const upper = conv === 'E' || conv === 'G' || conv === 'F';
  const sign = v < 0 || Object.is(v, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const a = Math.abs(v);
  let s: string;
  if (!Number.isFinite(a)) s = Number.isNaN(a) ? 'nan' : 'inf';
  else if (conv === 'f' || conv === 'F') s = a.toFixed(prec);
  else if (conv === 'e' || conv === 'E') s = expForm(a, prec);
  else {
    const p = prec === 0 ? 1 : prec;
    const x = a === 0 ? 0 : Number(a.toExponential(p - 1).split('e')[1]);
    s = p > x && x >= -4 ? a.toFixed(p - 1 - x) : expForm(a, p - 1);
    if (!flags.includes('#')) s = s.replace(/^(\d+\.\d*?)0*(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
  }
  return sign + (upper ? s.toUpperCase() : s);
}
function expForm(a: number, prec: number): string {
  const [m, e] = a.toExponential(prec).split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** %q: quote so the shell reads the string back (bash's and GNU's backslash style). */
function shellQuote(s: string): string {
  if (s === '') return "''";
  return s.replace(/[^A-Za-z0-9%+,\-./:=@_^]/g, (c) => (c === '\n' ? "$'\\n'" : '\\' + c));
}

/** /usr/bin/printf (GNU coreutils 9.1). */
export function printf(args: string[], sys: Sys): number {
  if (args.length === 1 && args[0] === '--help') return helpUnavailable(sys, 'printf');
  if (args.length === 1 && args[0] === '--version') return coreutilsVersion(sys, 'printf', 'Written by David MacKenzie.');
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    complain(sys, 'missing operand');
    sys.err(`Try '${sys.prog} --help' for more information.\n`);
    return 1;
  }
  return printfFormat(args[0], args.slice(1), 'gnu', { write: (b) => sys.out(b) }, (m) => complain(sys, m));
}
