// naturalCompare against fvbommel/sortorder's NaturalLess cases (the sort docker's lists use).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare, sortNaturallyBy } from '../../../../src/go/sortorder/natsort.js';

// [a, b]: a sorts strictly before b
const LESS: Array<[string, string]> = [
  ['0', '00'],
  ['aa', 'ab'],
  ['ab', 'abc'],
  ['abc', 'ad'],
  ['ab1', 'ab2'],
  ['ab1c', 'ab1d'],
  ['ab1', 'ab01'], // the same number: fewer leading zeros first
  ['ab2', 'ab10'], // by value, not by text
  ['a0002', 'a10'],
  ['a0001', 'a0000001'],
  ['1', 'a'], // digits before other characters
  ['A', 'a'], // bytewise: upper case first
  ['Z', 'a'],
  ['s2', 's10x'],
  ['z', 'é'], // UTF-8 bytes: é (0xc3 0xa9) after every ASCII letter
  ['é1', 'é2'],
  ['', 'a'],
];

describe('naturalCompare', () => {
  it.each(LESS)('%j sorts before %j, and not the other way round', (a, b) => {
    expect(naturalCompare(a, b)).toBe(-1);
    expect(naturalCompare(b, a)).toBe(1);
  });

  it('finds only identical strings equal', () => {
    expect(naturalCompare('ab01c', 'ab01c')).toBe(0);
    expect(naturalCompare('é', 'é')).toBe(0);
  });

  it('sorts a list as docker lists secrets', () => {
    const names = ['s10', 'S2', 's2', 'a', 's1', 's01', 'B', '9', '10'];
    expect([...names].sort(naturalCompare)).toEqual(['9', '10', 'B', 'S2', 'a', 's1', 's01', 's2', 's10']);
  });
});

describe('sortNaturallyBy (precomputed keys)', () => {
  it('puts the LESS pairs in the same order as naturalCompare', () => {
    for (const [a, b] of LESS) expect(sortNaturallyBy([b, a], (s) => s)).toEqual([a, b]);
  });

  it('orders any list as a sort with naturalCompare does', () => {
    // names from the characters that matter: zeros and other digits, a byte below the digits,
    // letters of both cases, a non-ASCII one and NUL
    const name = fc
      .array(fc.constantFrom('0', '0', '1', '2', '9', '-', 'a', 'B', 'é', '_', '\0'), { maxLength: 8 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (names) => {
        expect(sortNaturallyBy([...names], (s) => s)).toEqual([...names].sort(naturalCompare));
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });
});
