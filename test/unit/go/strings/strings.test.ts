// Go's strings.Compare: byte order.
import { describe, expect, it } from 'vitest';
import { compareBytes } from '../../../../src/go/strings/strings.js';

describe('helpers', () => {
  it('compareBytes orders by UTF-8 bytes (astral after the rest of the BMP)', () => {
    expect(['b', 'B', 'a', '\uffff', '😀', 'é'].sort(compareBytes)).toEqual(['B', 'a', 'b', 'é', '\uffff', '😀']);
  });
});
