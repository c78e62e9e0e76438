// Go's strconv.FormatFloat. Expectations are Go's (checked with a Go toolchain).
import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../../../src/go/strconv/ftoa.js';

describe('strconv.FormatFloat', () => {
  it.each<[number, 'e' | 'f' | 'g', number, string]>([
    [0.5, 'f', 0, '0'], // exact halves round to even
    [1.5, 'f', 0, '2'],
    [2.5, 'f', 0, '2'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [1.005, 'f', 2, '1.00'], // 1.005 is below the half in binary
    [0.1 + 0.2, 'g', -1, '0.30000000000000004'],
    [1e21, 'g', -1, '1e+21'],
    [123456789, 'g', -1, '1.23456789e+08'],
    [5e-324, 'e', -1, '5e-324'],
    [1.7976931348623157e308, 'g', 3, '1.8e+308'],
    [99.95, 'f', 1, '100.0'],
    [0, 'e', 2, '0.00e+00'],
    [-0, 'g', -1, '-0'],
  ])('%s %s %s', (x, f, p, out) => {
    expect(formatFloat(x, f, p)).toBe(out);
  });
});
