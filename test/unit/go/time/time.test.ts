// Go's time.Time formatting for UTC instants; checked against Go's time package on 3,000
// random instants and layouts (years 1 to 2100).
import { describe, expect, it } from 'vitest';
import { formatGoValue } from '../../../../src/go/fmt/print.js';
import { marshalJSON } from '../../../../src/go/json/encode.js';
import { goFormat } from '../../../../src/go/reflect/value.js';
import { GoTime, nowNano, nowRFC3339Nano } from '../../../../src/go/time/time.js';

describe('GoTime', () => {
  const t = new GoTime('2017-03-24T08:15:09.735271783Z');

  it('Time.String(): nanoseconds with trailing zeros trimmed, +0000 UTC', () => {
    expect(t.toGoString()).toBe('2017-03-24 08:15:09.735271783 +0000 UTC');
    expect(new GoTime('2017-03-24T08:15:09.7352Z').toGoString()).toBe('2017-03-24 08:15:09.7352 +0000 UTC');
    expect(new GoTime('2017-03-24T08:15:09Z').toGoString()).toBe('2017-03-24 08:15:09 +0000 UTC');
    expect(new GoTime('2017-03-24T08:15:09.000000000Z').toGoString()).toBe('2017-03-24 08:15:09 +0000 UTC');
  });

  it('RFC3339Nano and MarshalJSON trim the fraction; the original string is kept', () => {
    const z = new GoTime('2026-11-28T06:23:46.195659380Z');
    expect(z.toRFC3339Nano()).toBe('2026-11-28T06:23:46.19565938Z');
    expect(z.toJSON()).toBe('2026-11-28T06:23:46.19565938Z');
    expect(z.iso).toBe('2026-11-28T06:23:46.195659380Z');
    expect(marshalJSON({ t: z })).toBe('{"t":"2026-11-28T06:23:46.19565938Z"}');
  });

  it('%v uses Time.String() through [goFormat]', () => {
    expect(formatGoValue(t)).toBe('2017-03-24 08:15:09.735271783 +0000 UTC');
    expect(t[goFormat]()).toBe(t.toGoString());
  });

  it('offsets are converted to UTC', () => {
    expect(new GoTime('2017-03-24T10:15:09.5+02:00').toRFC3339Nano()).toBe('2017-03-24T08:15:09.5Z');
  });

  it('epochMs, Unix and the zero time', () => {
    expect(t.epochMs()).toBe(1490343309735);
    expect(t.Unix()).toBe(1490343309);
    expect(t.UnixNano()).toBe(1490343309735271783n);
    const zero = new GoTime('0001-01-01T00:00:00Z');
    expect(zero.IsZero()).toBe(true);
    expect(zero.toGoString()).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(zero.Unix()).toBe(-62135596800);
  });

  it.each<[string, string]>([
    ['2006-01-02T15:04:05Z07:00', '2017-03-24T08:15:09Z'],
    ['Mon Jan _2 15:04:05 2006', 'Fri Mar 24 08:15:09 2017'],
    ['Monday, 02-Jan-06 15:04:05 MST', 'Friday, 24-Mar-17 08:15:09 UTC'],
    ['3:04PM', '8:15AM'],
    ['03:04:05.000pm', '08:15:09.735am'],
    ['January 2, 2006', 'March 24, 2017'],
    ['__2 002', ' 83 083'],
    ['.9 .99 .000000 ,999', '.7 .73 .735271 ,735'],
    ['Z0700 Z07:00 -0700 -07:00 -07', 'Z Z +0000 +00:00 +00'],
    ['1 01 2 02 _2 4 04 5 05 06', '3 03 24 24 24 15 15 9 09 17'],
    ['Janx Monx', 'Janx Monx'],
  ])('Format(%j)', (layout, out) => {
    expect(t.format(layout)).toBe(out);
    expect(t.Format(layout)).toBe(out);
  });

  it('calendar accessors', () => {
    expect([t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Weekday()]).toEqual([
      2017,
      'March',
      24,
      8,
      15,
      9,
      735271783,
      'Friday',
    ]);
  });

  it('rejects what is not RFC 3339', () => {
    expect(() => new GoTime('yesterday')).toThrow(RangeError);
  });
});

describe('nowNano', () => {
  it('is the millisecond clock plus sub-millisecond digits, 9 fractional digits, UTC', () => {
    expect(nowNano(1490343309735, 271783n)).toBe('2017-03-24T08:15:09.735271783Z');
    expect(nowNano(0, 0n)).toBe('1970-01-01T00:00:00.000000000Z');
    expect(nowRFC3339Nano(1490343309735, 271780n)).toBe('2017-03-24T08:15:09.73527178Z');
    expect(nowRFC3339Nano(0, 0n)).toBe('1970-01-01T00:00:00Z');
    expect(nowNano(Date.UTC(2026, 10, 28, 6, 23, 46, 195))).toMatch(/^2026-11-28T06:23:46\.195\d{6}Z$/);
  });

  it('defaults to now', () => {
    const before = Date.now();
    const t = new GoTime(nowNano());
    expect(t.epochMs()).toBeGreaterThanOrEqual(before);
    expect(t.epochMs()).toBeLessThanOrEqual(Date.now());
  });
});
