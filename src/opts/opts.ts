// Validators and value types of docker/cli opts/opts.go that the service flags use:
// ValidateIPAddress (--dns), ValidateDNSSearch (--dns-search), NanoCPUs (--limit-cpu,
// --reserve-cpu) and MemBytes (--limit-memory, --reserve-memory).
import { parseIP as parseGoIP } from '../go/net/ip.js';
import { ramInBytes } from '../go/units/parse-size.js';

/** net.ParseIP, giving ip.String() (IPv6 compressed as Go writes it), or undefined. */
export function parseIP(s: string): string | undefined {
  const ip = parseGoIP(s);
  if (!ip) return undefined;
  if (!ip.v6) return s;
  const bytes = Array.from({ length: 16 }, (_, i) => Number((ip.addr >> BigInt((15 - i) * 8)) & 0xffn));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // the longest run of two or more zero groups (the first of equals) becomes "::"
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** opts.ValidateIPAddress: the address in Go's canonical form. */
export function validateIPAddress(val: string): string {
  const ip = parseIP(val.trim());
  if (ip === undefined) throw new Error(`IP address is not correctly formatted: ${val}`);
  return ip;
}

const DOMAIN =
  /^(:?(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

/** opts.ValidateDNSSearch: "." or a domain (its trailing dot dropped). */
export function validateDNSSearch(value: string): string {
  const val = value.replace(/^ +| +$/g, '');
  if (val === '.') return val;
  if (!/[a-zA-Z]/.test(val)) throw new Error(`${val} is not a valid domain`);
  const m = DOMAIN.exec(val);
  if (m && m[1].length < 255) return m[1];
  throw new Error(`${val} is not a valid domain`);
}

/**
 * opts.ParseCPUs: a rational number (big.Rat's "0.5", "1/2", "1e-1") times 1e9, which must be a
 * whole number of nano CPUs.
 */
export function parseCPUs(value: string): number {
  const bad = new Error(`failed to parse ${value} as a rational number`);
  let num: bigint;
  let den: bigint;
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(value);
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  if (frac) {
    num = BigInt(frac[1]);
    den = BigInt(frac[2]);
    if (den === 0n) throw bad;
  } else if (dec && (dec[2] !== '' || (dec[3] ?? '') !== '')) {
    const digits = `${dec[2]}${dec[3] ?? ''}`;
    const exp = Number(dec[4] ?? 0) - (dec[3] ?? '').length;
    if (Math.abs(exp) > 10_000) throw bad;
    num = BigInt(`${dec[1]}${digits || '0'}`);
    den = 1n;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den = 10n ** BigInt(-exp);
  } else throw bad;
  const nano = num * 1_000_000_000n;
  if (nano % den !== 0n) throw new Error('value is too precise');
  return Number(nano / den);
}

/** opts.MemBytes.Set: units.RAMInBytes. */
export const parseMemBytes = (value: string): number => ramInBytes(value);
