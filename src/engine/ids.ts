// Identifiers shaped as swarmkit makes them: 25 chars of [0-9a-z] for objects, SWMTKN join tokens,
// SWMKEY unlock keys.
// Every value is drawn from the one injectable source (determinism/entropy.ts), so a deterministic
// run (TSECRET_DETERMINISTIC=1) makes the same IDs, tokens and keys every time.
import { customRandom } from 'nanoid';
import { randomBytes } from '../determinism/entropy.js';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A swarm object ID (secret, service, task, node): 25 base36 characters. */
export const newObjectId = customRandom(BASE36, 25, randomBytes);

const base36Digits = customRandom(BASE36, 50, randomBytes);
const base36Secret = customRandom(BASE36, 25, randomBytes);

/** SWMTKN-1-<CA digest, 50 base36>-<secret, 25 base36>; workers and managers share the CA part. */
export function newJoinTokens(): { Worker: string; Manager: string } {
  const ca = base36Digits();
  return { Worker: `SWMTKN-1-${ca}-${base36Secret()}`, Manager: `SWMTKN-1-${ca}-${base36Secret()}` };
}

/** SWMKEY-1-<base64 (no padding) of 32 random bytes>. */
export const newUnlockKey = (): string => `SWMKEY-1-${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
