// The comparison behind `secret verify`: equal bytes only, whatever the lengths (it compares
// SHA-256 digests in constant time, so different lengths neither throw nor short-cut).
import { describe, expect, it } from 'vitest';
import { sameSecretData } from '../../../src/engine/local/secret-compare.js';

describe('sameSecretData', () => {
  const b = (s: string) => Buffer.from(s);
  it('is true only for the same bytes', () => {
    expect(sameSecretData(b('s3cret'), b('s3cret'))).toBe(true);
    expect(sameSecretData(Buffer.from([0, 255, 10]), Uint8Array.from([0, 255, 10]))).toBe(true);
    expect(sameSecretData(b('s3cret'), b('s3creT'))).toBe(false);
    expect(sameSecretData(b('s3cret'), b('s3cret\n'))).toBe(false);
    expect(sameSecretData(b('s3cret'), b(''))).toBe(false);
    expect(sameSecretData(b('a'.repeat(511999)), b('a'.repeat(511998)))).toBe(false);
  });
});
