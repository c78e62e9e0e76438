// Secret payloads at rest: AES-256-GCM under the swarm's data key, bound to the secret's ID (as AAD)
// so a payload file cannot be swapped onto another secret unnoticed.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytes } from '../determinism/entropy.js';

const MAGIC = Buffer.from('TSP1');
const NONCE_LEN = 12;
const TAG_LEN = 16;

export function sealPayload(key: Buffer, secretId: string, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(secretId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

export function openPayload(key: Buffer, secretId: string, sealed: Buffer): Buffer {
  if (sealed.length < MAGIC.length + NONCE_LEN + TAG_LEN || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error(`secret payload for ${secretId} is damaged`);
  }
  const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE_LEN);
  const tag = sealed.subarray(MAGIC.length + NONCE_LEN, MAGIC.length + NONCE_LEN + TAG_LEN);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(secretId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + NONCE_LEN + TAG_LEN)), decipher.final()]);
  } catch {
    throw new Error(`secret payload for ${secretId} does not match the swarm key`);
  }
}

export const newDataKey = (): Buffer => randomBytes(32);
