// Go's time.Duration (time/time.go String, time/format.go ParseDuration): one parser and one
// printer for every duration docker reads or shows, in nanoseconds.
import { goFormat, goNumber, goType } from '../reflect/value.js';
import { quoteGo } from '../strconv/quote.js';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration: nanoseconds; throws Go's error ("time: invalid duration \"x\""). */
export function parseGoDuration(orig: string): number {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${quoteGo(orig)}`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[3] ?? '') === '')) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') throw new Error(`time: missing unit in duration ${quoteGo(orig)}`);
    const mult = UNIT_NS[u];
    if (mult === undefined) throw new Error(`time: unknown unit ${quoteGo(u)} in duration ${quoteGo(orig)}`);
    s = s.slice(u.length);
    total += Number(`${m[1] || '0'}.${m[3] || '0'}`) * mult;
  }
  if (total > 2 ** 63) throw new Error(`time: invalid duration ${quoteGo(orig)}`);
  return Math.round(neg ? -total : total);
}

/** time.Duration.String(): "5s", "1m30s", "1h0m0s", "1.5s", "500ms", "0s". */
export function formatGoDuration(ns: number | bigint): string {
  let n = BigInt(ns);
  const neg = n < 0n;
  if (neg) n = -n;
  const frac = (v: bigint, prec: number): [string, bigint] => {
    let digits = '';
    let print = false;
    for (let i = 0; i < prec; i++) {
      const d = v % 10n;
      print ||= d !== 0n;
      if (print) digits = d.toString() + digits;
      v /= 10n;
    }
    return [print ? `.${digits}` : '', v];
  };
  let out: string;
  if (n < 1_000_000_000n) {
    if (n === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (n < 1_000n) {
      prec = 0;
      unit = 'ns';
    } else if (n < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [f, whole] = frac(n, prec);
    out = `${whole}${f}${unit}`;
  } else {
    const [f, secs] = frac(n, 9);
    out = `${secs % 60n}${f}s`;
    const mins = secs / 60n;
    if (mins > 0n) {
      out = `${mins % 60n}m${out}`;
      const hours = mins / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** A time.Duration: prints like Duration.String(), marshals as its nanoseconds. */
export class GoDuration {
  /** type: "*time.Duration" for a pointer field (a template prints what it points to). */
  constructor(
    readonly ns: number,
    type = 'time.Duration',
  ) {
    Object.defineProperty(this, goType, { value: type });
  }
  [goFormat](): string {
    return formatGoDuration(this.ns);
  }
  /** an int64 underneath: %d prints the nanoseconds */
  [goNumber](): number {
    return this.ns;
  }
  toJSON(): number {
    return this.ns;
  }
  String(): string {
    return formatGoDuration(this.ns);
  }
  Seconds(): number {
    return this.ns / 1e9;
  }
  Nanoseconds(): number {
    return this.ns;
  }
}
