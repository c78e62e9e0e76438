// go-runewidth: terminal columns of a string, as docker's tabwriter measures cells.
import { describe, expect, it } from 'vitest';
import { runeWidth, stringWidth } from '../../../../src/go/runewidth/runewidth.js';

describe('display width', () => {
  it.each<[string, number]>([
    ['abc', 3],
    ['日本語', 6],
    ['ｱｲ', 2], // half-width katakana
    ['Ａ', 2], // fullwidth A
    ['e\u0301', 1], // combining acute accent
    ['a\u200bb', 2], // zero width space
    ['😀', 2],
    ['\x01\x7f', 0],
    ['é', 1],
    ['한국', 4],
  ])('%j is %i columns', (s, w) => {
    expect(stringWidth(s)).toBe(w);
  });

  it('runeWidth', () => {
    expect([0x41, 0x4e00, 0x0301, 0x1f600, 0x1f, 0xad].map(runeWidth)).toEqual([1, 2, 0, 2, 0, 0]);
  });
});
