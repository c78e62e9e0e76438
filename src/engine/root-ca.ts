// A swarm's root CA certificate, shaped as swarmkit makes it: self-signed ECDSA P-256 with
// ecdsa-with-SHA256, CN=swarm-ca, valid 20 years, a CA for cert and CRL signing. Only the public
// certificate is kept: the simulated swarm issues no node certificates, so the key is discarded.
import { createHash } from 'node:crypto';
import { newSigningKey, randomBytes } from '../determinism/entropy.js';

const TWENTY_YEARS_MS = 20 * 365.25 * 24 * 3600 * 1000;

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

const seq = (...parts: Buffer[]): Buffer => der(0x30, ...parts);
const set = (...parts: Buffer[]): Buffer => der(0x31, ...parts);
const oid = (hex: string): Buffer => der(0x06, Buffer.from(hex, 'hex'));
const bool = (v: boolean): Buffer => der(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer): Buffer => der(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer => der(0x03, Buffer.from([unused]), b);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return der(0x02, v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-11-28T10:00:00.000Z
  const s = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return der(0x17, Buffer.from(s));
}

const ECDSA_WITH_SHA256 = seq(oid('2a8648ce3d040302'));
const NAME_SWARM_CA = seq(set(seq(oid('550403'), der(0x13, Buffer.from('swarm-ca')))));

/** Returns the PEM certificate of a new root CA; notBefore is backdated as swarmkit does (-1h). */
export function newRootCACertificate(nowMs: number): string {
  const key = newSigningKey();
  const spki = key.spki;
  const keyBits = spki.subarray(spki.length - 65);
  const extensions = der(
    0xa3,
    seq(
      seq(oid('551d0f'), bool(true), octets(bits(Buffer.from([0x06]), 1))), // keyUsage: keyCertSign, cRLSign
      seq(oid('551d13'), bool(true), octets(seq(bool(true)))), // basicConstraints: CA
      seq(oid('551d0e'), octets(octets(createHash('sha1').update(keyBits).digest()))), // subjectKeyIdentifier
    ),
  );
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(randomBytes(20)),
    ECDSA_WITH_SHA256,
    NAME_SWARM_CA,
    seq(utcTime(nowMs - 3600_000), utcTime(nowMs + TWENTY_YEARS_MS)),
    NAME_SWARM_CA,
    spki,
    extensions,
  );
  const certificate = seq(tbs, ECDSA_WITH_SHA256, bits(key.sign(tbs)));
  const body = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
