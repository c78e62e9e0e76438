// The swarm's data key at rest (`state.json.key`) and its wrapping under the autolock unlock key.
//
// The data key (DEK, 32 random bytes) seals every secret payload (payload-cipher.ts). With autolock
// off the key file holds it as is, as a manager without autolock keeps its DEK usable on disk. With
// autolock on, the key file holds it only wrapped by a key-encryption key (KEK) derived from the
// unlock key `SWMKEY-1-…`, and the unlock key itself is never written under the state directory:
// without it the payloads cannot be opened, which is what "locked" means (swarmkit manager/deks.go
// wraps its raft DEK under the unlock key the same way).
//
// Wrapping: AES-256-GCM over the DEK, under KEK = HKDF-SHA256(ikm = the unlock key's bytes, salt = 16
// random bytes per wrapping, info = a tsecret label), with the key file's keyId as associated data.
// HKDF rather than scrypt/argon2: a password-hardening KDF makes each guess of a low-entropy secret
// expensive, but the unlock key is 32 uniformly random bytes (2^256 guesses), so hardening buys
// nothing and would cost tens of milliseconds and megabytes on every unlock (and on every command
// run with TSECRET_UNLOCK_KEY). HKDF (RFC 5869) is the standard extract-and-expand step for a
// high-entropy key; the fresh salt gives every wrapping its own KEK, the info label separates this
// use from any other. GCM's tag makes a wrong key a clean "invalid key" instead of a garbage DEK.
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { randomBytes } from '../determinism/entropy.js';

export const KEY_FILE_VERSION = 2;

const KDF = 'hkdf-sha256';
const HKDF_INFO = 'tsecret autolock key-encryption key v1';
const NONCE_LEN = 12;
const TAG_LEN = 16;
const HUMAN_PREFIX = 'SWMKEY-1-';

/** The DEK wrapped under a KEK derived from the unlock key. */
export interface WrappedKey {
  /** Random per wrapping: tells a remembered unlock whether its unlock key is still the current one. */
  id: string;
  kdf: typeof KDF;
  salt: string;
  nonce: string;
  /** AES-256-GCM ciphertext of the DEK followed by the tag, base64. */
  sealed: string;
}

export interface KeyFile {
  version: typeof KEY_FILE_VERSION;
  /** Random per DEK (made at swarm init): binds remembered unlocks to this swarm's key. */
  keyId: string;
  /** Autolock off: the DEK, base64. */
  dataKey?: string;
  /** Autolock on: the DEK, wrapped. Exactly one of dataKey and wrapped is set. */
  wrapped?: WrappedKey;
}

/** The key file as tsecret before autolock wrapping wrote it: the unlock key in plaintext beside the DEK. */
export interface KeyFileV1 {
  version: 1;
  dataKey: string;
  unlockKey?: string;
}

export class InvalidKeyFileError extends Error {
  constructor(path: string, reason: string) {
    super(`invalid key file ${path}: ${reason} (tsecret left it untouched)`);
  }
}

export const newKeyId = (): string => randomBytes(12).toString('hex');

/** Reads a key file's text: the current format, or the version 1 one (which the store migrates). */
export function parseKeyFile(path: string, text: string): KeyFile | KeyFileV1 {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InvalidKeyFileError(path, text.length === 0 ? 'the file is empty' : 'not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InvalidKeyFileError(path, 'not a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.version === 1) {
    if (!isKey(d.dataKey)) throw new InvalidKeyFileError(path, 'no data key');
    if (d.unlockKey !== undefined && typeof d.unlockKey !== 'string') throw new InvalidKeyFileError(path, 'malformed unlock key');
    return { version: 1, dataKey: d.dataKey, unlockKey: (d.unlockKey as string | undefined) || undefined };
  }
  if (d.version !== KEY_FILE_VERSION) {
    if (typeof d.version === 'number' && d.version > KEY_FILE_VERSION) {
      throw new InvalidKeyFileError(path, `version ${d.version} is newer than this tsecret understands (${KEY_FILE_VERSION})`);
    }
    throw new InvalidKeyFileError(path, 'no version field');
  }
  if (typeof d.keyId !== 'string' || d.keyId === '') throw new InvalidKeyFileError(path, 'no key id');
  const hasPlain = d.dataKey !== undefined;
  const hasWrapped = d.wrapped !== undefined;
  if (hasPlain === hasWrapped) throw new InvalidKeyFileError(path, 'needs exactly one of a data key and a wrapped data key');
  if (hasPlain) {
    if (!isKey(d.dataKey)) throw new InvalidKeyFileError(path, 'malformed data key');
    return { version: KEY_FILE_VERSION, keyId: d.keyId, dataKey: d.dataKey };
  }
  const w = d.wrapped as Record<string, unknown> | null;
  if (
    typeof w !== 'object' ||
    w === null ||
    typeof w.id !== 'string' ||
    w.kdf !== KDF ||
    typeof w.salt !== 'string' ||
    typeof w.nonce !== 'string' ||
    typeof w.sealed !== 'string' ||
    Buffer.from(w.nonce, 'base64').length !== NONCE_LEN ||
    Buffer.from(w.sealed, 'base64').length !== 32 + TAG_LEN
  ) {
    throw new InvalidKeyFileError(path, 'malformed wrapped data key');
  }
  return { version: KEY_FILE_VERSION, keyId: d.keyId, wrapped: { id: w.id, kdf: KDF, salt: w.salt, nonce: w.nonce, sealed: w.sealed } };
}

const isKey = (v: unknown): v is string => typeof v === 'string' && Buffer.from(v, 'base64').length === 32;

export function serializeKeyFile(doc: KeyFile): string {
  return `${JSON.stringify(doc)}\n`;
}

function kek(unlockKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', unlockKey, salt, HKDF_INFO, 32));
}

const aad = (keyId: string): Buffer => Buffer.from(`tsecret data key ${keyId}`);

export function wrapDataKey(dataKey: Buffer, unlockKey: Buffer, keyId: string): WrappedKey {
  const salt = randomBytes(16);
  const nonce = randomBytes(NONCE_LEN);
  const cipher = createCipheriv('aes-256-gcm', kek(unlockKey, salt), nonce);
  cipher.setAAD(aad(keyId));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return {
    id: randomBytes(8).toString('hex'),
    kdf: KDF,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    sealed: sealed.toString('base64'),
  };
}

/** The DEK, or undefined when the unlock key is not the one it was wrapped under. */
export function unwrapDataKey(wrapped: WrappedKey, unlockKey: Buffer, keyId: string): Buffer | undefined {
  const sealed = Buffer.from(wrapped.sealed, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    kek(unlockKey, Buffer.from(wrapped.salt, 'base64')),
    Buffer.from(wrapped.nonce, 'base64'),
  );
  decipher.setAAD(aad(keyId));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LEN));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_LEN)), decipher.final()]);
  } catch {
    return undefined;
  }
}

const RAW_STD_BASE64 = /^[A-Za-z0-9+/]*$/;

/**
 * swarmkit encryption.ParseHumanReadableKey: `SWMKEY-1-` and then Go's base64.RawStdEncoding, which
 * skips CR and LF, refuses padding and any other character, and a length of 1 mod 4. Any length of
 * key bytes parses; a wrong key is found out by the unwrapping. undefined: "invalid key string".
 */
export function parseUnlockKey(human: string): Buffer | undefined {
  if (!human.startsWith(HUMAN_PREFIX)) return undefined;
  const body = human.slice(HUMAN_PREFIX.length).replace(/[\r\n]/g, '');
  if (!RAW_STD_BASE64.test(body) || body.length % 4 === 1) return undefined;
  return Buffer.from(body, 'base64');
}

/** encryption.HumanReadableKey: the form swarm prints a key in. */
export const canonicalUnlockKey = (key: Buffer): string => `${HUMAN_PREFIX}${key.toString('base64').replace(/=+$/, '')}`;
