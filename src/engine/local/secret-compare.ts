// Comparing a secret's stored data with bytes a user gives (`tsecret secret verify`), without the
// comparison's duration telling how much of it matched. Not a docker endpoint: the Docker API never
// hands secret data back, so the check runs where the data is, and only a yes or no leaves.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `stored` and `given` hold the same bytes. Both are hashed first (SHA-256), so the
 * constant-time comparison always runs on two 32-byte digests, whatever the lengths: a length
 * check up front would tell the stored value's length.
 */
export function sameSecretData(stored: Uint8Array, given: Uint8Array): boolean {
  const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
  return timingSafeEqual(digest(stored), digest(given));
}
