// `network create` (docker/cli cli/command/network/create.go): the IPAM configuration is put
// together and checked client-side (createIPAMConfig), the rest is the daemon's to judge.

import type { NetworkCreateRequest } from '../../api/networks.js';
import type { Engine } from '../../engine/client.js';
import { parseIP } from '../../go/net/ip.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { mapOptsFrom, parseStringSlice } from '../../opts/map.js';
import { defineCommand, defineFlag, exactArgs } from '../command.js';
import { labelsToMap, validateLabel } from '../flags.js';

export interface NetworkCreateOptions {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: string[];
  internal: boolean;
  /** Only when --ipv4 / --ipv6 were given (docker sends nil otherwise). */
  ipv4?: boolean;
  ipv6?: boolean;
  attachable: boolean;
  ingress: boolean;
  scope: string;
  configOnly: boolean;
  configFrom: string;
  ipam: {
    driver: string;
    subnets: string[];
    ipRanges: string[];
    gateways: string[];
    auxAddresses: [string, string][];
    driverOpts: Record<string, string>;
  };
}

interface CIDR {
  v6: boolean;
  addr: bigint;
  bits: number;
}

/** net.ParseCIDR; its error is Go's ParseError text. */
function parseCIDR(s: string): CIDR {
  const slash = s.indexOf('/');
  const ip = slash < 0 ? undefined : parseIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bits) || Number(bits) > (ip.v6 ? 128 : 32)) throw new Error(`invalid CIDR address: ${s}`);
  const host = BigInt((ip.v6 ? 128 : 32) - Number(bits));
  return { v6: ip.v6, addr: (ip.addr >> host) << host, bits: Number(bits) };
}

/** subnetMatches: whether the subnet holds the address (or the first address of a CIDR). */
function subnetMatches(subnet: string, data: string): boolean {
  let s: CIDR;
  try {
    s = parseCIDR(subnet);
  } catch (err) {
    throw new Error(`invalid subnet: ${(err as Error).message}`);
  }
  const ip = data.includes('/')
    ? (() => {
        const slash = data.indexOf('/');
        parseCIDR(data);
        return parseIP(data.slice(0, slash));
      })()
    : parseIP(data);
  if (!ip || ip.v6 !== s.v6) return false;
  const host = BigInt((s.v6 ? 128 : 32) - s.bits);
  return (ip.addr >> host) << host === s.addr;
}

type IPAMConfig = { Subnet: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses: Record<string, string> };

/** createIPAMConfig: each range, gateway and aux address placed in the one subnet holding it. */
export function createIPAMConfig(ipam: NetworkCreateOptions['ipam']): NonNullable<NetworkCreateRequest['IPAM']> {
  if (ipam.subnets.length < ipam.ipRanges.length || ipam.subnets.length < ipam.gateways.length) {
    throw new Error('every ip-range or gateway must have a corresponding subnet');
  }
  const data = new Map<string, IPAMConfig>();
  for (const s of ipam.subnets) {
    for (const k of data.keys()) {
      if (subnetMatches(s, k) || subnetMatches(k, s)) throw new Error('multiple overlapping subnet configuration is not supported');
    }
    data.set(s, { Subnet: s, AuxiliaryAddresses: {} });
  }
  for (const r of ipam.ipRanges) {
    let match = false;
    for (const s of ipam.subnets) {
      parseCIDR(r);
      if (!subnetMatches(s, r)) continue;
      const d = data.get(s) as IPAMConfig;
      if (d.IPRange) throw new Error(`cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`);
      d.IPRange = r;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for range ${r}`);
  }
  for (const g of ipam.gateways) {
    let match = false;
    for (const s of ipam.subnets) {
      if (!subnetMatches(s, g)) continue;
      const d = data.get(s) as IPAMConfig;
      if (d.Gateway) throw new Error(`cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`);
      d.Gateway = g;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for gateway ${g}`);
  }
  for (const [key, aa] of ipam.auxAddresses) {
    let match = false;
    for (const s of ipam.subnets) {
      if (!subnetMatches(s, aa)) continue;
      (data.get(s) as IPAMConfig).AuxiliaryAddresses[key] = aa;
      match = true;
    }
    if (!match) throw new Error(`no matching subnet for aux-address ${aa}`);
  }
  // Go ranges over the subnets' map in random order; tsecret keeps the order they were given in
  return { Driver: ipam.driver, Config: [...data.values()], Options: ipam.driverOpts };
}

export async function runNetworkCreate(opts: NetworkCreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const ipam = createIPAMConfig(opts.ipam);
  const { Id } = await engine.networkCreate({
    Name: opts.name,
    Driver: opts.driver,
    Options: opts.driverOpts,
    IPAM: ipam,
    Internal: opts.internal,
    ...(opts.ipv4 !== undefined ? { EnableIPv4: opts.ipv4 } : {}),
    ...(opts.ipv6 !== undefined ? { EnableIPv6: opts.ipv6 } : {}),
    Attachable: opts.attachable,
    Ingress: opts.ingress,
    Scope: opts.scope,
    ConfigOnly: opts.configOnly,
    ...(opts.configFrom ? { ConfigFrom: { Network: opts.configFrom } } : {}),
    Labels: labelsToMap(opts.labels),
  });
  io.stdout.write(`${Id}\n`);
}

/** The map flags keep each `key=value` as given; the map is made once all are read (last wins). */
const mapFlag = <const N extends string>(name: N, usage: string, shorthand?: string) =>
  defineFlag({ name, shorthand, varname: 'map', usage, kind: 'list', defaultText: 'map[]' });

export const networkCreateCommand = defineCommand({
  use: 'create [OPTIONS] NETWORK',
  short: 'Create a network',
  args: exactArgs(1),
  flags: [
    {
      name: 'driver',
      shorthand: 'd',
      varname: 'string',
      usage: 'Driver to manage the Network',
      kind: 'value',
      defaultText: '"bridge"',
      default: 'bridge',
    },
    mapFlag('opt', 'Set driver specific options', 'o'),
    { name: 'label', varname: 'list', usage: 'Set metadata on a network', kind: 'list', parse: validateLabel },
    { name: 'internal', varname: '', usage: 'Restrict external access to the network', kind: 'bool' },
    { name: 'ipv4', varname: '', usage: 'Enable or disable IPv4 address assignment', kind: 'bool', defaultText: 'true', default: true },
    { name: 'ipv6', varname: '', usage: 'Enable or disable IPv6 address assignment', kind: 'bool' },
    { name: 'attachable', varname: '', usage: 'Enable manual container attachment', kind: 'bool' },
    { name: 'ingress', varname: '', usage: 'Create swarm routing-mesh network', kind: 'bool' },
    { name: 'scope', varname: 'string', usage: "Control the network's scope", kind: 'value' },
    { name: 'config-only', varname: '', usage: 'Create a configuration only network', kind: 'bool' },
    { name: 'config-from', varname: 'string', usage: 'The network from which to copy the configuration', kind: 'value' },
    {
      name: 'ipam-driver',
      varname: 'string',
      usage: 'IP Address Management Driver',
      kind: 'value',
      defaultText: '"default"',
      default: 'default',
    },
    {
      name: 'subnet',
      varname: 'strings',
      usage: 'Subnet in CIDR format that represents a network segment',
      kind: 'list',
      parse: parseStringSlice,
    },
    { name: 'ip-range', varname: 'strings', usage: 'Allocate container ip from a sub-range', kind: 'list', parse: parseStringSlice },
    { name: 'gateway', varname: 'strings', usage: 'IPv4 or IPv6 Gateway for the master subnet', kind: 'list', parse: parseStringSlice },
    mapFlag('aux-address', 'Auxiliary IPv4 or IPv6 addresses used by Network driver'),
    mapFlag('ipam-opt', 'Set IPAM driver specific options'),
  ],
  run: ({ args, flags, changed, io, engine }) =>
    runNetworkCreate(
      {
        name: args[0],
        driver: flags.driver,
        driverOpts: mapOptsFrom(flags.opt),
        labels: flags.label,
        internal: flags.internal,
        ...(changed.has('ipv4') ? { ipv4: flags.ipv4 } : {}),
        ...(changed.has('ipv6') ? { ipv6: flags.ipv6 } : {}),
        attachable: flags.attachable,
        ingress: flags.ingress,
        scope: flags.scope,
        configOnly: flags['config-only'],
        configFrom: flags['config-from'],
        ipam: {
          driver: flags['ipam-driver'],
          subnets: flags.subnet.flat(),
          ipRanges: flags['ip-range'].flat(),
          gateways: flags.gateway.flat(),
          auxAddresses: Object.entries(mapOptsFrom(flags['aux-address'])),
          driverOpts: mapOptsFrom(flags['ipam-opt']),
        },
      },
      io,
      engine(),
    ),
});
