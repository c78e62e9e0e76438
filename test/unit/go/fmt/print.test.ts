// Go's fmt as it prints values. Expectations are Go's (checked with a Go toolchain: 20,000 random
// Sprintf cases matched byte for byte).
import { describe, expect, it } from 'vitest';
import { formatGoValue, formatTemplateValue, sprint, sprintf, sprintln } from '../../../../src/go/fmt/print.js';
import { GoFileMode } from '../../../../src/go/fs/filemode.js';
import { marshalJSON } from '../../../../src/go/json/encode.js';
import { GoFloat, GoNil, GoNumber, goFormat, goMap, goStruct } from '../../../../src/go/reflect/value.js';
import { GoDuration } from '../../../../src/go/time/duration.js';

describe('fmt %v (formatGoValue)', () => {
  it.each<[unknown, string]>([
    ['str', 'str'],
    [42, '42'],
    [-7, '-7'],
    [1.5, '1.5'],
    [new GoFloat(3), '3'],
    [new GoFloat(1e6), '1e+06'], // %v is %g with shortest digits; exponent from 1e6 (strconv eprec 6)
    [new GoFloat(123456), '123456'],
    [new GoFloat(1e-5), '1e-05'],
    [new GoFloat(0.0001), '0.0001'],
    [new GoFloat(-0), '-0'],
    [new GoFloat(NaN), 'NaN'],
    [new GoFloat(Infinity), '+Inf'],
    [true, 'true'],
    [null, '<nil>'],
    [undefined, '<nil>'],
    [['a', 'b'], '[a b]'],
    [[], '[]'],
    [['x', 1, null, [true]], '[x 1 <nil> [true]]'],
    [{ b: 1, a: 'x', c: null }, 'map[a:x b:1 c:<nil>]'],
    [
      new Map<unknown, unknown>([
        [2, 'b'],
        [1, 'a'],
      ]),
      'map[1:a 2:b]',
    ],
    [goStruct('main.T', { Name: 'x', L: ['p'], M: goMap({ k: 'v' }) }), '{x [p] map[k:v]}'],
    [goStruct('*main.T', { Name: 'x' }), '&{x}'],
    [{ p: goStruct('*main.T', { Name: 'x' }) }, 'map[p:0xc000010000]'], // Go prints the address
    [new GoNil('*swarm.Driver'), '<nil>'],
    [new GoNil('map[string]string'), 'map[]'],
    [new GoNil('[]string'), '[]'],
    [goStruct('swarm.Spec', { D: new GoNil('*swarm.Driver'), L: new GoNil('map[string]string') }), '{<nil> map[]}'],
  ])('%j', (v, out) => {
    expect(formatGoValue(v)).toBe(out);
  });

  it('bigint is an int64', () => {
    expect(formatGoValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(sprintf('%x|%T', [255n, 1n])).toBe('ff|int');
  });

  it('[goFormat] is the Stringer: %v %s %q %x use it, nested too', () => {
    const mode = { [goFormat]: () => '-r--r--r--' };
    expect(formatGoValue(mode)).toBe('-r--r--r--');
    expect(sprintf('%s|%q|%x|%v', [mode, mode, mode, [mode]])).toBe('-r--r--r--|"-r--r--r--"|2d722d2d722d2d722d2d|[-r--r--r--]');
  });

  it('text/template prints a top-level pointer as its struct', () => {
    expect(formatTemplateValue(goStruct('*main.T', { A: 1 }))).toBe('{1}');
    expect(formatGoValue(goStruct('*main.T', { A: 1 }))).toBe('&{1}');
  });

  it('struct fields are the enumerable own properties, methods excluded', () => {
    const s = goStruct('x.T', { A: 1, B: 'b', M: () => 'method' });
    Object.defineProperty(s, 'Hidden', { value: 'h', enumerable: false });
    expect(formatGoValue(s)).toBe('{1 b}');
    expect(sprintf('%+v', [s])).toBe('{A:1 B:b}');
  });
});

describe('fmt.Sprint / Sprintln: spaces between operands when neither is a string', () => {
  it.each<[unknown[], string, string]>([
    [[1, 2, 'a', 'b', 3, true], '1 2ab3 true', '1 2 a b 3 true\n'],
    [['a', null], 'a<nil>', 'a <nil>\n'],
    [[], '', '\n'],
    [[new GoFloat(1), 2], '1 2', '1 2\n'],
  ])('%j', (args, p, pl) => {
    expect(sprint(args)).toBe(p);
    expect(sprintln(args)).toBe(pl);
  });
});

describe('fmt.Sprintf', () => {
  it.each<[string, unknown[], string]>([
    ['%s|%v|%d|%t', ['a', 'b', 3, true], 'a|b|3|true'],
    ['%-10s|%10s|%.2s|%5.1s|', ['ab', 'ab', 'abc', 'xyz'], 'ab        |        ab|ab|    x|'],
    ['%05s|%-05s|', ['ab', 'ab'], '000ab|ab   |'],
    ['%q|%+q|%#q|%#q', ['é"\n', 'é', 'a`b', 'ab'], '"é\\"\\n"|"\\u00e9"|"a`b"|`ab`'],
    ['%x|%X|% x|%#x|%# x', ['hé', 'hé', 'ab', 'ab', 'ab'], '68c3a9|68C3A9|61 62|0x6162|0x61 0x62'],
    ['%d|%+d|% d|%5d|%-5d|%05d|%.3d|%.0d', [7, 7, 7, 7, 7, -7, 7, 0], '7|+7| 7|    7|7    |-0007|007|'],
    ['%x|%X|%#x|%o|%#o|%O|%b|%#b', [255, 255, 255, 8, 8, 8, 5, 5], 'ff|FF|0xff|10|010|0o10|101|0b101'],
    ['%c|%q|%U|%#U|%c', [0x65e5, 0x27, 0x1f600, 0x41, -1], "日|'\\''|U+1F600|U+0041 'A'|\ufffd"],
    ['%e|%E|%.2e|%11.3e', [1234.5678, 0.000123, 1.005, -5.5], '1.234568e+03|1.230000E-04|1.00e+00| -5.500e+00'],
    [
      '%f|%.0f|%.0f|%.1f|%.2f|%8.3f|%-8.2f|%+.1f',
      [3.14159, 0.5, 1.5, 0.25, 2.675, 3.14159, 1.5, 2.25],
      '3.141590|0|2|0.2|2.67|   3.142|1.50    |+2.2',
    ],
    [
      '%g|%g|%g|%g|%G|%.3g|%.10g',
      [new GoFloat(100000), new GoFloat(1e6), 1e-5, 0.0001, 1e-10, new GoFloat(1234567), 1 / 3],
      '100000|1e+06|1e-05|0.0001|1E-10|1.23e+06|0.3333333333',
    ],
    ['%#g|%#.3g|%#v', [new GoFloat(1), new GoFloat(2), 1.5], '1.00000|2.00|1.5'],
    ['%g', [100000], '%!g(int=100000)'], // an integral JS number is an int
    ['%08.3f|%+08.2f|%-08.2f|% 8.2f', [-3.14159, 3.14159, 3.14159, 3.14159], '-003.142|+0003.14|3.14    |    3.14'],
    [
      '%x|%X|%.3x|%b',
      [new GoFloat(1), new GoFloat(0.1), new GoFloat(1.5), new GoFloat(1.5)],
      '0x1p+00|0X1.999999999999AP-04|0x1.800p+00|6755399441055744p-52',
    ],
    ['%5.1f|%f|%e', [new GoFloat(NaN), new GoFloat(Infinity), new GoFloat(-Infinity)], '  NaN|+Inf|-Inf'],
    [
      '%v|%d|%s',
      [
        ['a', 'b'],
        [1, 2],
        [1, 'x'],
      ],
      '[a b]|[1 2]|[%!s(int=1) x]',
    ],
    ['%v|%+v', [goStruct('x.T', { A: 1, B: 'b' }), goStruct('x.T', { A: 1, B: 'b' })], '{1 b}|{A:1 B:b}'],
    [
      '%T %T %T %T %T %T %T',
      ['s', 1, 1.5, true, ['a'], [1], { a: 1 }],
      'string int float64 bool []string []interface {} map[string]interface {}',
    ],
    ['%T|%T|%T', [goStruct('*x.T', {}), null, new GoNil('*x.D')], '*x.T|<nil>|*x.D'],
  ])('%j', (f, args, out) => {
    expect(sprintf(f, args)).toBe(out);
  });

  it.each<[string, unknown[], string]>([
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [5], '%!s(int=5)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%t', [1], '%!t(int=1)'],
    ['%d', [null], '%!d(<nil>)'],
    ['%z', [1], '%!z(int=1)'],
    ['%s', [], '%!s(MISSING)'],
    ['%s', [1, 2], '%!s(int=1)%!(EXTRA int=2)'],
    ['x', ['a', null], 'x%!(EXTRA string=a, <nil>)'],
    ['%', [], '%!(NOVERB)'],
    ['%!', [], '%!!(MISSING)'],
    ['%%|%5%', [], '%|%'],
    ['%[2]s %[1]s|%[3]s', ['a', 'b'], 'b a|%!s(BADINDEX)'],
    ['%*d|%-*d|%.*f', [5, 1, 3, 2, 2, 3.14159], '    1|2  |3.14'],
    ['%*d', ['x', 1], '%!(BADWIDTH)1'],
    ['%.*d', ['x', 1], '%!(BADPREC)1'],
    ['%s', [goStruct('*x.T', { A: 1, P: new GoNil('*x.T') })], '&{%!s(int=1) %!s(*x.T=<nil>)}'],
  ])('error forms: %j', (f, args, out) => {
    expect(sprintf(f, args)).toBe(out);
  });
});

describe('fmt on named numeric types (os.FileMode, time.Duration, int64, float32)', () => {
  // the recorded `service inspect -f` outputs of template-named-types
  const mode = new GoFileMode(0o440);
  const delay = new GoDuration(90e9);
  it('a String method serves %v %s %q %x; the number serves %d %o %#o', () => {
    expect(sprintf('%v|%s|%q|%x', [mode, mode, mode, mode])).toBe('-r--r-----|-r--r-----|"-r--r-----"|2d722d2d722d2d2d2d2d');
    expect(sprintf('%d|%o|%#o|%04o', [mode, mode, mode, new GoFileMode(0o600)])).toBe('288|440|0440|0600');
    expect(sprintf('%v|%d|%T', [delay, delay, delay])).toBe('1m30s|90000000000|time.Duration');
  });
  it('a verb neither accepts names the type and the number (Go skips methods while reporting)', () => {
    expect(sprintf('%f', [delay])).toBe('%!f(time.Duration=90000000000)');
  });
  it('sized numbers print as numbers and name their type', () => {
    expect(
      sprintf('%v|%T|%.3f|%T', [
        new GoNumber(7, 'int64'),
        new GoNumber(7, 'int64'),
        new GoNumber(0.25, 'float32'),
        new GoNumber(0.25, 'float32'),
      ]),
    ).toBe('7|int64|0.250|float32');
    expect(marshalJSON([new GoNumber(7, 'int64'), mode, delay])).toBe('[7,288,90000000000]');
  });
  it('inside a struct, %+v uses the String method', () => {
    const file = goStruct('*swarm.ConfigReferenceFileTarget', { Name: '/c', UID: '0', GID: '0', Mode: new GoFileMode(0o600) });
    expect(sprintf('%+v|%v', [file, file])).toBe('&{Name:/c UID:0 GID:0 Mode:-rw-------}|&{/c 0 0 -rw-------}');
  });
});

describe("[]byte (a config's Data)", () => {
  const hi = new Uint8Array([0x68, 0x69]);
  it.each<[string, unknown[], string]>([
    ['%v', [hi], '[104 105]'],
    ['%d', [hi], '[104 105]'],
    ['%s', [hi], 'hi'],
    ['%q', [hi], '"hi"'],
    ['%x', [hi], '6869'],
    ['%X', [new Uint8Array([0xab])], 'AB'],
    ['%#v', [hi], '[]byte{0x68, 0x69}'],
    ['%o', [hi], '[150 151]'],
    ['%T', [hi], '[]uint8'],
    ['%v', [goStruct('T', { Data: hi })], '{[104 105]}'],
    ['%s', [goStruct('T', { Data: hi })], '{hi}'],
    ['%v', [new Uint8Array()], '[]'],
  ])('Sprintf(%j, …) prints as Go does', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('prints as %v does', () => {
    expect(formatGoValue(hi)).toBe('[104 105]');
  });
});
