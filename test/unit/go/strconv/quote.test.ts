// Go's strconv.Quote and QuoteToASCII. Expectations are Go's (checked with a Go toolchain).
import { describe, expect, it } from 'vitest';
import { quoteGo } from '../../../../src/go/strconv/quote.js';

describe('strconv.Quote', () => {
  it.each<[string, string]>([
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\x07\b\f\n\r\t\v\x00\x7f', '"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f"'],
    ['é日本😀', '"é日本😀"'],
    ['\u00a0\u2028\ufeff', '"\\u00a0\\u2028\\ufeff"'],
    ['sleep 100\u2026', '"sleep 100\u2026"'],
  ])('%j', (s, q) => {
    expect(quoteGo(s)).toBe(q);
  });

  it('QuoteToASCII', () => {
    expect(quoteGo('é😀', true)).toBe('"\\u00e9\\U0001f600"');
  });
});
