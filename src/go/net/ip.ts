// Go's net.ParseIP over netip.ParseAddr (net/netip/netip.go parseIPv4, parseIPv6): dotted IPv4
// without leading zeros, and IPv6 with at most one "::" standing for at least one group and an
// optional dotted IPv4 tail. Zones are refused (net.ParseIP and netip.ParsePrefix refuse them).

/** An address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IPAddr {
  v6: boolean;
  addr: bigint;
}

/** parseIPv4: four decimal fields of 1 to 3 digits, each at most 255, none with a leading zero. */
function parseIPv4(s: string): bigint | undefined {
  const fields = s.split('.');
  if (fields.length !== 4) return undefined;
  let addr = 0n;
  for (const f of fields) {
    if (!/^\d{1,3}$/.test(f) || (f.length > 1 && f[0] === '0') || Number(f) > 255) return undefined;
    addr = (addr << 8n) | BigInt(f);
  }
  return addr;
}

/** parseIPv6: eight 16-bit groups, "::" for a run of at least one, the last two may be dotted IPv4. */
function parseIPv6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (text: string, tailAllowed: boolean): number[] | undefined => {
    if (text === '') return [];
    const parts = text.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (tailAllowed && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(Number.parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const ellipsis = halves.length === 2;
  const head = groupsOf(halves[0], !ellipsis);
  const tail = ellipsis ? groupsOf(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const given = head.length + tail.length;
  if (ellipsis ? given > 7 : given !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
  return groups.reduce((a, g) => (a << 16n) | BigInt(g), 0n);
}

/** The address in s, or undefined when s is none (net.ParseIP returning nil). */
export function parseIP(s: string): IPAddr | undefined {
  if (s.includes(':')) {
    const addr = parseIPv6(s);
    return addr === undefined ? undefined : { v6: true, addr };
  }
  const addr = parseIPv4(s);
  return addr === undefined ? undefined : { v6: false, addr };
}
