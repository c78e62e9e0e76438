// Go's unicode/utf8: lengths in bytes.
import { describe, expect, it } from 'vitest';
import { utf8Len } from '../../../../src/go/unicode/utf8.js';

describe('helpers', () => {
  it('utf8Len counts bytes', () => {
    expect(utf8Len('aé日😀')).toBe(1 + 2 + 3 + 4);
  });
});
