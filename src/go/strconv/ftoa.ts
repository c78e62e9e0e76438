// Go's strconv/ftoa.go: FormatFloat with Go's exact round-half-even on the binary value.

const hexLower = '0123456789abcdef';
const hexUpper = '0123456789ABCDEF';

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
