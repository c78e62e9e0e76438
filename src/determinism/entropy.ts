// Where every random value tsecret persists or prints comes from: IDs, join tokens, unlock keys,
// the data key and its wrapping, payload nonces, the root CA's key and serial, generated service
// names. Normally that is the operating system's CSPRNG. With TSECRET_DETERMINISTIC=1 it is a
// generator seeded by TSECRET_SEED whose position is kept in the state file (the state's own
// counter, see state-store.ts), so the same commands on a fresh state draw the same values, run
// after run, and a later command continues where the last one stopped instead of repeating it.
// Not an upstream port: tsecret's own, for snapshot tests and `tsecret doctest`.
import { createECDH, createHash, generateKeyPairSync, sign, randomBytes as systemRandomBytes } from 'node:crypto';

export interface EntropySource {
  bytes(n: number): Buffer;
}

/** The operating system's CSPRNG. */
export const systemEntropy: EntropySource = { bytes: (n) => systemRandomBytes(n) };

/**
 * A counter-mode generator: block i is SHA-256(label, seed, i). Each draw takes whole blocks, so a
 * draw's value depends only on the seed and the position it starts at.
 */
export class SeededEntropy implements EntropySource {
  /** Blocks drawn so far, from the start of the state's life. */
  position = 0;

  constructor(readonly seed: string) {}

  bytes(n: number): Buffer {
    const blocks: Buffer[] = [];
    for (let have = 0; have < n; have += 32) {
      blocks.push(
        createHash('sha256')
          .update(`tsecret deterministic v1\0${this.seed}\0${this.position++}`)
          .digest(),
      );
    }
    return Buffer.concat(blocks).subarray(0, n);
  }
}

let current: EntropySource = systemEntropy;

/** Makes `source` the one every draw below uses (the engine factory picks it per invocation). */
export function useEntropy(source: EntropySource): void {
  current = source;
}

export const currentEntropy = (): EntropySource => current;

export const randomBytes = (n: number): Buffer => current.bytes(n);

/** A uniform whole number in [0, max), max ≤ 2^32 (rejection sampling, no modulo bias). */
export function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  for (;;) {
    const v = randomBytes(4).readUInt32BE(0);
    if (v < limit) return v % max;
  }
}

// ---- ECDSA P-256 keys (the swarm's root CA) ----

/** An ECDSA P-256 key: its public half as DER SubjectPublicKeyInfo, and signing with SHA-256. */
export interface SigningKey {
  spki: Buffer;
  /** An ECDSA-with-SHA256 signature of data, DER (SEQUENCE of r and s), as X.509 wants it. */
  sign(data: Buffer): Buffer;
}

/** The group order n of P-256. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** SubjectPublicKeyInfo header for an uncompressed P-256 point: id-ecPublicKey, prime256v1. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

const toBigInt = (b: Buffer): bigint => BigInt(`0x${b.toString('hex') || '0'}`);
const toBytes32 = (v: bigint): Buffer => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');

/** A scalar in [1, n-1] from the current source. */
const drawScalar = (): bigint => (toBigInt(randomBytes(40)) % (P256_N - 1n)) + 1n;

/** x·G, uncompressed (0x04 ‖ X ‖ Y): OpenSSL's ECDH does the point arithmetic. */
function multiplyBase(scalar: bigint): Buffer {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(toBytes32(scalar));
  return ecdh.getPublicKey();
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

function derInteger(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/**
 * A new P-256 key. From the system source it is OpenSSL's own key and signature; from a seeded
 * source the private scalar and each signature's nonce are drawn from it (ECDSA as in FIPS 186-4:
 * r = (k·G).x mod n, s = k⁻¹(z + r·d) mod n), so the certificate is the same bytes every run.
 */
export function newSigningKey(): SigningKey {
  if (current === systemEntropy) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { spki: publicKey.export({ type: 'spki', format: 'der' }), sign: (data) => sign('sha256', data, privateKey) };
  }
  const d = drawScalar();
  return {
    spki: Buffer.concat([P256_SPKI_PREFIX, multiplyBase(d)]),
    sign(data) {
      const z = toBigInt(createHash('sha256').update(data).digest()) % P256_N;
      for (;;) {
        const k = drawScalar();
        const r = toBigInt(multiplyBase(k).subarray(1, 33)) % P256_N;
        if (r === 0n) continue;
        const s = (modPow(k, P256_N - 2n, P256_N) * ((z + r * d) % P256_N)) % P256_N;
        if (s === 0n) continue;
        const body = Buffer.concat([derInteger(r), derInteger(s)]);
        return Buffer.concat([Buffer.from([0x30, body.length]), body]);
      }
    },
  };
}
