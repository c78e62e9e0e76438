// Identifiers shaped as swarmkit makes them: 25 chars of [0-9a-z] for objects, SWMTKN join tokens,
// SWMKEY unlock keys.
import { customAlphabet } from 'nanoid';
import { randomBytes } from 'node:crypto';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A swarm object ID (secret, service, task, node): 25 base36 characters. */
export const newObjectId = customAlphabet(BASE36, 25);

const base36Digits = customAlphabet(BASE36, 50);
const base36Secret = customAlphabet(BASE36, 25);

/** SWMTKN-1-<CA digest, 50 base36>-<secret, 25 base36>; workers and managers share the CA part. */
export function newJoinTokens(): { Worker: string; Manager: string } {
  const ca = base36Digits();
  return { Worker: `SWMTKN-1-${ca}-${base36Secret()}`, Manager: `SWMTKN-1-${ca}-${base36Secret()}` };
}

/** SWMKEY-1-<base64 (no padding) of 32 random bytes>. */
export const newUnlockKey = (): string => `SWMKEY-1-${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
