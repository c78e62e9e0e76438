// Go's time.Time (time/time.go, time/format.go) for the values the engine stores: UTC instants with nanosecond precision,
// carried as RFC 3339 strings (JS Date would drop the nanoseconds). Formats like time.Format,
// prints like Time.String() and marshals like Time.MarshalJSON.

import { goFormat, goType } from '../reflect/value.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Days since 1970-01-01 of a proleptic Gregorian date (exact for every year).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w: number): string => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? '-' + s : s;
};

let isoRe: RegExp | undefined;

export class GoTime {
  readonly iso: string;
  /** Seconds since the Unix epoch (floor). */
  private readonly sec: number;
  /** Nanoseconds within the second, 0..999999999. */
  private readonly nsec: number;

  constructor(iso: string) {
    isoRe ??= /^(-?\d{4,})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9})\d*)?(Z|z|[+-]\d\d:?\d\d)$/;
    const m = isoRe.exec(iso);
    if (!m) throw new RangeError(`invalid time: ${iso}`);
    const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    let sec = days * 86400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
    if (m[8] !== 'Z' && m[8] !== 'z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].replace(':', '');
      sec -= sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
    }
    this.sec = sec;
    this.nsec = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
    this.iso = iso;
  }

  static {
    // on the prototype, not set per instance: a list makes two of these per row
    Object.defineProperty(GoTime.prototype, goType, { value: 'time.Time' });
  }

  static fromEpochMs(ms: number): GoTime {
    return new GoTime(nowNano(ms, 0n));
  }

  epochMs(): number {
    return this.sec * 1000 + Math.floor(this.nsec / 1e6);
  }

  /** Time.Format(layout) in UTC. */
  format(layout: string): string {
    return formatLayout(this.sec, this.nsec, layout);
  }

  /** time.RFC3339Nano: trailing zeros of the fraction trimmed, none at all if zero. */
  toRFC3339Nano(): string {
    return this.format('2006-01-02T15:04:05.999999999Z07:00');
  }

  /** Time.String(): "2017-03-24 08:15:09.735271783 +0000 UTC". */
  toGoString(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }

  /** Time.MarshalJSON (RFC 3339 with nanoseconds). */
  toJSON(): string {
    return this.toRFC3339Nano();
  }

  toString(): string {
    return this.toGoString();
  }

  [goFormat](): string {
    return this.toGoString();
  }

  // Go methods reachable from templates ({{.CreatedAt.Format "2006"}}).
  Format(layout: string): string {
    return this.format(layout);
  }
  String(): string {
    return this.toGoString();
  }
  Unix(): number {
    return this.sec;
  }
  UnixMilli(): number {
    return this.epochMs();
  }
  UnixNano(): bigint {
    return BigInt(this.sec) * 1_000_000_000n + BigInt(this.nsec);
  }
  IsZero(): boolean {
    return this.sec === -62135596800 && this.nsec === 0;
  }
  Year(): number {
    return civilFromDays(Math.floor(this.sec / 86400))[0];
  }
  Month(): string {
    return MONTHS[civilFromDays(Math.floor(this.sec / 86400))[1] - 1];
  }
  Day(): number {
    return civilFromDays(Math.floor(this.sec / 86400))[2];
  }
  Hour(): number {
    return Math.floor(mod(this.sec, 86400) / 3600);
  }
  Minute(): number {
    return Math.floor(mod(this.sec, 3600) / 60);
  }
  Second(): number {
    return mod(this.sec, 60);
  }
  Nanosecond(): number {
    return this.nsec;
  }
  Weekday(): string {
    return DAYS[mod(Math.floor(this.sec / 86400) + 4, 7)];
  }
}

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/**
 * An RFC 3339 UTC time with 9 fractional digits, like an engine's time.Now(): the millisecond
 * clock plus sub-millisecond digits from the high-resolution clock.
 */
export function nowNano(clockMs: number = Date.now(), subMs: bigint = process.hrtime.bigint() % 1_000_000n): string {
  return formatNow(clockMs, subMs, '2006-01-02T15:04:05.000000000Z07:00');
}

/** The same instant as the API shows it (RFC3339Nano: trailing zeros of the fraction trimmed). */
export function nowRFC3339Nano(clockMs: number = Date.now(), subMs: bigint = process.hrtime.bigint() % 1_000_000n): string {
  return formatNow(clockMs, subMs, '2006-01-02T15:04:05.999999999Z07:00');
}

function formatNow(clockMs: number, subMs: bigint, layout: string): string {
  const ms = Math.floor(clockMs);
  const sec = Math.floor(ms / 1000);
  const nsec = (ms - sec * 1000) * 1_000_000 + Number(subMs);
  return formatLayout(sec, nsec, layout);
}

// ---- time.Format (UTC only: the zone is always "UTC", offset +0000, ISO 8601 "Z")

type Chunk = [prefix: string, std: string, suffix: string];

// Go's nextStdChunk: finds the first layout element; std is a tag naming it.
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, s: string): boolean => layout.startsWith(s, i);
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const rest = (n: number): string => layout.slice(i + n);
    switch (c) {
      case 'J':
        if (at(i, 'Jan')) {
          if (at(i, 'January')) return [layout.slice(0, i), 'January', rest(7)];
          if (!/^[a-z]/.test(rest(3))) return [layout.slice(0, i), 'Jan', rest(3)];
        }
        break;
      case 'M':
        if (at(i, 'Mon')) {
          if (at(i, 'Monday')) return [layout.slice(0, i), 'Monday', rest(6)];
          if (!/^[a-z]/.test(rest(3))) return [layout.slice(0, i), 'Mon', rest(3)];
        }
        if (at(i, 'MST')) return [layout.slice(0, i), 'MST', rest(3)];
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1] >= '1' && layout[i + 1] <= '6')
          return [layout.slice(0, i), '0' + layout[i + 1], rest(2)];
        if (at(i, '002')) return [layout.slice(0, i), '002', rest(3)];
        break;
      case '1':
        if (at(i, '15')) return [layout.slice(0, i), '15', rest(2)];
        return [layout.slice(0, i), '1', rest(1)];
      case '2':
        if (at(i, '2006')) return [layout.slice(0, i), '2006', rest(4)];
        return [layout.slice(0, i), '2', rest(1)];
      case '_':
        if (layout[i + 1] === '2') {
          if (at(i + 1, '2006')) return [layout.slice(0, i + 1), '2006', rest(5)];
          return [layout.slice(0, i), '_2', rest(2)];
        }
        if (at(i, '__2')) return [layout.slice(0, i), '__2', rest(3)];
        break;
      case '3':
      case '4':
      case '5':
        return [layout.slice(0, i), c, rest(1)];
      case 'P':
        if (layout[i + 1] === 'M') return [layout.slice(0, i), 'PM', rest(2)];
        break;
      case 'p':
        if (layout[i + 1] === 'm') return [layout.slice(0, i), 'pm', rest(2)];
        break;
      case '-':
      case 'Z':
        for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
          if (at(i + 1, z)) return [layout.slice(0, i), c + z, rest(1 + z.length)];
        }
        break;
      case '.':
      case ',':
        if (layout[i + 1] === '0' || layout[i + 1] === '9') {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a fraction if the run of digits ends here.
          if (!(j < layout.length && layout[j] >= '0' && layout[j] <= '9')) {
            return [layout.slice(0, i), c + ch.repeat(j - i - 1), layout.slice(j)];
          }
        }
        break;
    }
  }
  return [layout, '', ''];
}

function formatLayout(sec: number, nsec: number, layout: string): string {
  const days = Math.floor(sec / 86400);
  const [year, month, day] = civilFromDays(days);
  const secOfDay = sec - days * 86400;
  const hour = Math.floor(secOfDay / 3600);
  const min = Math.floor((secOfDay % 3600) / 60);
  const s = secOfDay % 60;
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  let out = '';
  while (layout !== '') {
    const [prefix, std, suffix] = nextStdChunk(layout);
    out += prefix;
    if (std === '') break;
    layout = suffix;
    switch (std) {
      case '06':
        out += pad(((year % 100) + 100) % 100, 2);
        break;
      case '2006':
        out += pad(year, 4);
        break;
      case 'Jan':
        out += MONTHS[month - 1].slice(0, 3);
        break;
      case 'January':
        out += MONTHS[month - 1];
        break;
      case '1':
        out += month;
        break;
      case '01':
        out += pad(month, 2);
        break;
      case 'Mon':
        out += DAYS[mod(days + 4, 7)].slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[mod(days + 4, 7)];
        break;
      case '2':
        out += day;
        break;
      case '_2':
        out += day < 10 ? ' ' + day : String(day);
        break;
      case '02':
        out += pad(day, 2);
        break;
      case '__2':
        out += String(yday).padStart(3, ' ');
        break;
      case '002':
        out += pad(yday, 3);
        break;
      case '15':
        out += pad(hour, 2);
        break;
      case '3':
        out += hour % 12 === 0 ? 12 : hour % 12;
        break;
      case '03':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
        break;
      case '4':
        out += min;
        break;
      case '04':
        out += pad(min, 2);
        break;
      case '5':
        out += s;
        break;
      case '05':
        out += pad(s, 2);
        break;
      case 'PM':
        out += hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += 'UTC';
        break;
      default:
        if (std[0] === 'Z') out += 'Z';
        else if (std[0] === '-') {
          const z = std.slice(1);
          out += z === '07' ? '+00' : z === '0700' ? '+0000' : z === '07:00' ? '+00:00' : z === '070000' ? '+000000' : '+00:00:00';
        } else {
          // Fractional seconds: .000 keeps n digits, .999 trims trailing zeros (and the dot).
          const digits = String(nsec)
            .padStart(9, '0')
            .slice(0, std.length - 1);
          if (std[1] === '0') out += std[0] + digits;
          else {
            const t = digits.replace(/0+$/, '');
            if (t) out += std[0] + t;
          }
        }
    }
  }
  return out;
}
