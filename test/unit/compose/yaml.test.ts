// YAML as yaml.v3 reads and writes it (the parts docker's compose loader and `stack config` use).
import { describe, expect, it } from 'vitest';
import { resolvePlain } from '../../../src/compose/yaml.js';
import { emitYAML, type YNode, yamlKeyLess, ystr } from '../../../src/compose/yaml-emit.js';

describe('resolvePlain (yaml.v3 resolve)', () => {
  it.each([
    ['', null],
    ['~', null],
    ['Null', null],
    ['true', true],
    ['FALSE', false],
    ['yes', 'yes'],
    ['on', 'on'],
    ['12', 12],
    ['+12', 12],
    ['-0', 0],
    ['0400', 256],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['08', 8],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['1.2.3', '1.2.3'],
    ['2001-12-14', '2001-12-14'],
    ['nginx', 'nginx'],
  ])('%j → %j', (s, want) => {
    expect(resolvePlain(s)).toStrictEqual(want);
  });
});

const doc = (entries: [string, YNode][]): string => emitYAML({ kind: 'map', entries });

describe('emitYAML scalar styles', () => {
  it.each([
    ['plain', 'plain'],
    ['8080:80', '8080:80'],
    ['1:20', '"1:20"'],
    ['3.8', '"3.8"'],
    ['123', '"123"'],
    ['yes', '"yes"'],
    ['N', '"N"'],
    ['null', '"null"'],
    ['', '""'],
    ['2001-12-14', '"2001-12-14"'],
    ['- x', "'- x'"],
    ['-x', '-x'],
    ['x: y', "'x: y'"],
    ['x:', "'x:'"],
    ['a #b', "'a #b'"],
    ['a#b', 'a#b'],
    ['@at', "'@at'"],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ["it's", "it's"],
    ["'q", "'''q'"],
    ['a\tb', '"a\\tb"'],
    ['\u0001', '"\\x01"'],
    ['héllo', 'héllo'],
    ['😀', '"\\U0001F600"'],
    ['---', "'---'"],
  ])('%j → %s', (value, want) => {
    expect(doc([['k', ystr(value)]])).toBe(`k: ${want}\n`);
  });

  it('writes multi-line strings as literal blocks with libyaml chomping and indentation hints', () => {
    expect(doc([['k', ystr('a\nb')]])).toBe('k: |-\n  a\n  b\n');
    expect(doc([['k', ystr('a\nb\n')]])).toBe('k: |\n  a\n  b\n');
    expect(doc([['k', ystr('a\n\n')]])).toBe('k: |+\n  a\n\n');
    expect(doc([['k', ystr('\n x')]])).toBe('k: |2-\n   x\n');
    expect(doc([['k', ystr('a \nb')]])).toBe('k: "a \\nb"\n');
  });

  it('quotes keys that would read back as something else', () => {
    expect(
      doc([
        ['1', ystr('v')],
        ['y', ystr('v')],
      ]),
    ).toBe('"1": v\n"y": v\n');
  });

  it('indents sequences under their key and writes mappings in sequences inline', () => {
    const node: YNode = {
      kind: 'map',
      entries: [
        [
          'list',
          {
            kind: 'seq',
            items: [
              ystr('a'),
              {
                kind: 'map',
                entries: [
                  ['x', { kind: 'int', value: 1 }],
                  ['y', { kind: 'null' }],
                ],
              },
            ],
          },
        ],
        ['empty', { kind: 'map', entries: [] }],
        ['none', { kind: 'seq', items: [] }],
        ['f', { kind: 'float', value: 1234567.5 }],
      ],
    };
    expect(emitYAML(node)).toBe('list:\n  - a\n  - x: 1\n    "y": null\nempty: {}\nnone: []\nf: 1.2345675e+06\n');
  });
});

describe('yamlKeyLess (yaml.v3 key order)', () => {
  it('orders keys as docker printed them: numbers by value, letters after other characters', () => {
    const keys = ['b', 'a10', 'a2', 'A', '1', '_x', 'a_b', 'ab', 'a-b'];
    expect([...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0))).toEqual([
      '_x',
      '1',
      'A',
      'a-b',
      'a_b',
      'a2',
      'a10',
      'ab',
      'b',
    ]);
  });
});
