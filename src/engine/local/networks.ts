// Networks of the simulated engine. Swarm networks follow moby's create path (api/server/router/
// network postNetworkCreate, daemon/network.go createNetwork, libnetwork NewNetwork) into swarmkit's
// control API (controlapi/network.go) and its allocator (subnets 10.0.N.0/24 from the default pool,
// VXLAN IDs from 4096, virtual IPs of services, published ports from 30000 up); the list and
// inspect answers merge them with the engine's local networks as the router does (getNetworksList,
// getNetwork) and filter them as daemon/network/filter.go does.
import { createHash } from 'node:crypto';
import type { Filters } from '../../api/filters.js';
import type { EndpointResource, IPAMConfig, Network, NetworkCreateRequest, NetworkInspect } from '../../api/networks.js';
import type { Container, Endpoint, PortConfig, Service, ServiceSpec } from '../../api/services.js';
import { randomBytes } from '../../determinism/entropy.js';
import { parseIP } from '../../go/net/ip.js';
import { DaemonError, invalidFilter, objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { filterMatch, matchLabels } from '../filters.js';
import { newObjectId } from '../ids.js';

const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const VXLAN_BASE = 4096;
const VXLAN_OPTION = 'com.docker.network.driver.overlay.vxlanid_list';
/** swarmkit's dynamic port range for ingress ports published without a number. */
const DYNAMIC_PORT_START = 30000;
const DYNAMIC_PORT_END = 32767;
/** The drivers the engine has (info's Plugins.Network); any other name is a missing plugin. */
const KNOWN_DRIVERS = ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'];
/** daemon/network IsPredefined: the names a user cannot create, and `type=builtin` lists. */
const PREDEFINED = ['bridge', 'host', 'none', 'default'];
/** swarmkit networkallocator.PredefinedLabel. */
const PREDEFINED_LABEL = 'com.docker.swarm.predefined';

/** The default address pool of a swarm (swarmkit's 10.0.0.0/8, subnets of /24). */
const DEFAULT_POOL = ['10.0.0.0/8'];
const DEFAULT_SUBNET_SIZE = 24;

/** The /size subnets of the pools, in order (IPv4 pools only). */
function* poolSubnets(pools: string[] | undefined, size: number | undefined): Generator<{ subnet: string; gateway: string }> {
  const bits = size ?? DEFAULT_SUBNET_SIZE;
  for (const pool of pools?.length ? pools : DEFAULT_POOL) {
    const p = parsePrefix(pool);
    if (!p || p.v6 || bits < p.bits || bits > 32) continue;
    const step = 1n << BigInt(32 - bits);
    const end = masked(p) + (1n << BigInt(32 - p.bits));
    for (let a = masked(p); a < end; a += step) yield { subnet: `${formatAddr(false, a)}/${bits}`, gateway: formatAddr(false, a + 1n) };
  }
}

/** The first subnet of the swarm's address pool: the routing mesh's. */
export function firstSubnet(pools?: string[], size?: number): { subnet: string; gateway: string } {
  const first = poolSubnets(pools, size).next();
  return first.done ? { subnet: '10.0.0.0/24', gateway: '10.0.0.1' } : first.value;
}

/** The routing-mesh network `swarm init` makes (the pool's first subnet, 10.0.0.0/24 by default; VXLAN 4096). */
export function ingressNetwork(now: string, at = firstSubnet()): Network {
  return {
    Name: 'ingress',
    Id: newObjectId(),
    Created: now,
    Scope: 'swarm',
    Driver: 'overlay',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: at.subnet, Gateway: at.gateway }] },
    Internal: false,
    Attachable: false,
    Ingress: true,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: { [VXLAN_OPTION]: String(VXLAN_BASE) },
    Labels: {},
  };
}

/** The bridge `swarm init` makes for the node's containers to reach the outside (172.18.0.0/16). */
export function gwBridgeNetwork(now: string): Network {
  return {
    Name: 'docker_gwbridge',
    Id: randomBytes(32).toString('hex'),
    Created: now,
    Scope: 'local',
    Driver: 'bridge',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: {
      'com.docker.network.bridge.enable_icc': 'false',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.name': 'docker_gwbridge',
    },
    Labels: {},
  };
}

/** A built-in network (`host`, `none`): the same on every simulated engine, so its ID is fixed. */
function builtinNetwork(name: 'host' | 'none', driver: string): Network {
  return {
    Name: name,
    Id: createHash('sha256').update(`tsecret built-in network ${name}`).digest('hex'),
    Created: '2025-05-30T12:07:26.000000000Z',
    Scope: 'local',
    Driver: driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: null },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: {},
    Labels: {},
  };
}

/** The engine's local networks: the built-in ones, then those in the state (docker_gwbridge). */
export const localNetworks = (stored: Network[]): Network[] => [builtinNetwork('host', 'host'), builtinNetwork('none', 'null'), ...stored];

/** What the node knows of the swarm, for the local views of the networks it has instantiated. */
export interface NodeView {
  /** The node's advertised address (the overlay's peer IP). */
  addr: string;
  /** The node's name in the overlay's gossip (networkdb): 12 hex, random per swarm. */
  peerName: string;
  /** The running task containers attached to each swarm network (by network ID), oldest first. */
  attached: Map<string, Container[]>;
  /** Every service's virtual IPs, which no endpoint may take. */
  vips: Set<string>;
}

/**
 * The running task containers on each swarm network: a service's tasks join the networks it has a
 * VIP on or attaches to (the ingress network when it publishes a port through the routing mesh).
 */
export function attachedContainers(services: Service[], containers: Container[]): Map<string, Container[]> {
  const byService = new Map<string, Set<string>>();
  for (const s of services) {
    const ids = new Set([
      ...(s.Endpoint.VirtualIPs ?? []).map((v) => v.NetworkID),
      ...(s.Spec.TaskTemplate.Networks ?? []).map((a) => a.Target),
    ]);
    byService.set(s.ID, ids);
  }
  const out = new Map<string, Container[]>();
  for (const c of containers) {
    if (!c.State.Running) continue;
    for (const id of byService.get(c.ServiceID) ?? []) out.set(id, [...(out.get(id) ?? []), c]);
  }
  return out;
}

/** A swarm network this node has instantiated: the routing mesh, and any network a running task uses. */
export const instantiated = (n: Network, node: NodeView | undefined): node is NodeView =>
  node !== undefined && n.Scope === 'swarm' && n.Driver !== '' && (n.Ingress || (node.attached.get(n.Id)?.length ?? 0) > 0);

/**
 * A network as the engine answers for it. A swarm network comes from the cluster's store
 * (BasicNetworkFromGRPC: EnableIPv4 false, no endpoints, labels null when none were given)
 * unless this node has it instantiated: its local view (libnetwork) then answers, with the
 * endpoints on this node and the overlay's peers.
 */
export function networkView(n: Network, node?: NodeView): NetworkInspect {
  const local = n.Scope === 'local' || instantiated(n, node);
  const view: NetworkInspect = {
    Name: n.Name,
    Id: n.Id,
    Created: n.Created,
    Scope: n.Scope,
    Driver: n.Driver,
    EnableIPv4: local,
    EnableIPv6: n.EnableIPv6,
    IPAM: structuredClone(n.IPAM),
    Internal: n.Internal,
    Attachable: n.Attachable,
    Ingress: n.Ingress,
    ConfigFrom: { ...n.ConfigFrom },
    ConfigOnly: n.ConfigOnly,
    Containers: n.Scope === 'local' ? {} : null,
    Options: n.Options === null ? null : { ...n.Options },
    Labels: local || n.Ingress || Object.keys(n.Labels).length ? { ...n.Labels } : null,
  };
  if (instantiated(n, node)) {
    view.Containers = overlayEndpoints(n, node);
    view.Peers = [{ Name: node.peerName, IP: node.addr }];
  }
  return view;
}

/**
 * The endpoints of an instantiated overlay on this node: the ingress sandbox (the routing mesh's
 * second address) or the network's load balancer, then each task container, on the lowest free
 * addresses no service VIP holds. MACs derive from the address (02:42:a.b.c.d), IDs from the names.
 */
function overlayEndpoints(n: Network, node: NodeView): Record<string, EndpointResource> {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(n.IPAM.Config?.[0]?.Subnet ?? '');
  const base = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
  const taken = new Set(node.vips);
  let host = 2;
  const next = (): number[] | undefined => {
    if (!base) return undefined;
    while (taken.has(`${base[0]}.${base[1]}.${base[2]}.${base[3] + host}/${m?.[5]}`)) host++;
    return [base[0], base[1], base[2], base[3] + host++];
  };
  const endpoint = (name: string, key: string): EndpointResource => {
    const ip = next();
    return {
      Name: name,
      EndpointID: createHash('sha256').update(`endpoint ${n.Id} ${key}`).digest('hex'),
      MacAddress: ip ? `02:42:${ip.map((b) => b.toString(16).padStart(2, '0')).join(':')}` : '',
      IPv4Address: ip ? `${ip.join('.')}/${m?.[5]}` : '',
      IPv6Address: '',
    };
  };
  const out: Record<string, EndpointResource> = {};
  if (n.Ingress) out['ingress-sbox'] = endpoint('ingress-endpoint', 'ingress-sbox');
  else out[`lb-${n.Name}`] = endpoint(`${n.Name}-endpoint`, `lb-${n.Name}`);
  for (const c of node.attached.get(n.Id) ?? []) out[c.Id] = endpoint(c.Name.replace(/^\//, ''), c.Id);
  return out;
}

// ---- create ----

const parseBool = (v: string): boolean | undefined =>
  ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v) ? true : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? false : undefined;

/** An IPv4 or IPv6 prefix as netip.ParsePrefix reads it; undefined when it is none. */
function parsePrefix(s: string): { v6: boolean; addr: bigint; bits: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!addr || !/^(0|[1-9]\d*)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (addr.v6 ? 128 : 32)) return undefined;
  return { ...addr, bits };
}

const width = (v6: boolean): bigint => (v6 ? 128n : 32n);
const masked = (p: { v6: boolean; addr: bigint; bits: number }): bigint => {
  const host = width(p.v6) - BigInt(p.bits);
  return (p.addr >> host) << host;
};
function formatAddr(v6: boolean, addr: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((addr >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
const prefixText = (p: { v6: boolean; addr: bigint; bits: number }, addr = p.addr): string => `${formatAddr(p.v6, addr)}/${p.bits}`;
const family = (v6: boolean): string => (v6 ? 'IPv6' : 'IPv4');
const contains = (subnet: { v6: boolean; bits: number; addr: bigint }, addr: { v6: boolean; addr: bigint }): boolean =>
  subnet.v6 === addr.v6 && masked({ ...addr, bits: subnet.bits }) === masked(subnet);

/** moby api/types/network ValidateIPAM: every problem of every config, joined as docker joins them. */
function validateIPAM(configs: NonNullable<NetworkCreateRequest['IPAM']>['Config'], enableIPv6: boolean): void {
  const errs: string[] = [];
  for (const cfg of configs ?? []) {
    const subnet = parsePrefix(cfg.Subnet ?? '');
    if (!subnet) {
      errs.push(`invalid subnet ${cfg.Subnet ?? ''}: invalid CIDR block notation`);
      continue;
    }
    if (!enableIPv6 && subnet.v6) continue;
    const subnetText = prefixText(subnet, masked(subnet));
    if (masked(subnet) !== subnet.addr) errs.push(`invalid subnet ${prefixText(subnet)}: it should be ${subnetText}`);
    if (cfg.IPRange) {
      const range = parsePrefix(cfg.IPRange);
      if (!range) errs.push(`invalid ip-range ${cfg.IPRange}: invalid CIDR block notation`);
      else if (range.v6 !== subnet.v6) errs.push(`invalid ip-range ${cfg.IPRange}: parent subnet is an ${family(subnet.v6)} block`);
      else {
        if (range.bits < subnet.bits)
          errs.push(`invalid ip-range ${cfg.IPRange}: CIDR block is bigger than its parent subnet ${subnetText}`);
        if (masked(range) !== range.addr)
          errs.push(`invalid ip-range ${prefixText(range)}: it should be ${prefixText(range, masked(range))}`);
        const overlap =
          masked({ ...range, bits: Math.min(range.bits, subnet.bits) }) === masked({ ...subnet, bits: Math.min(range.bits, subnet.bits) });
        if (!overlap) errs.push(`invalid ip-range ${cfg.IPRange}: parent subnet ${subnetText} doesn't contain ip-range`);
      }
    }
    const address = (what: string, text: string | undefined): void => {
      if (!text) return;
      const addr = parseIP(text);
      if (!addr) errs.push(`${what}: invalid address`);
      else if (addr.v6 !== subnet.v6) errs.push(`${what}: parent subnet is an ${family(subnet.v6)} block`);
      else if (!contains(subnet, addr)) errs.push(`${what}: parent subnet ${subnetText} doesn't contain this address`);
    };
    address(`invalid gateway ${cfg.Gateway ?? ''}`, cfg.Gateway);
    for (const [name, aux] of Object.entries(cfg.AuxiliaryAddresses ?? {})) address(`invalid auxiliary address ${name}`, aux);
  }
  if (errs.length === 1) throw new DaemonError(`invalid network config:\n${errs[0]}`, 400);
  if (errs.length > 1) throw new DaemonError(`invalid network config:\n* ${errs.join('\n* ')}`, 400);
}

const overlaps = (a: string, b: string): boolean => {
  const p = parsePrefix(a);
  const q = parsePrefix(b);
  if (!p || !q || p.v6 !== q.v6) return false;
  const bits = Math.min(p.bits, q.bits);
  return masked({ ...p, bits }) === masked({ ...q, bits });
};

/**
 * POST /networks/create on a manager, as far as it decides before the cluster: the duplicate name,
 * moby's own checks, the driver's, then swarmkit's (createNetwork). The driver is known to be
 * overlay (or swarm-scoped) when this returns.
 */
export function checkNetworkCreate(req: NetworkCreateRequest, swarm: Network[], local: Network[], isManager: boolean): void {
  if (swarm.some((n) => n.Name === req.Name)) throw new DaemonError(`network with name ${req.Name} already exists`, 409);
  if (PREDEFINED.includes(req.Name)) throw new DaemonError(`operation is not permitted on predefined ${req.Name} network`, 403);
  const driver = req.Driver || 'bridge';
  if (driver === 'overlay' && !isManager) {
    throw new DaemonError(
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      403,
    );
  }
  const options = req.Options ?? {};
  let enableIPv4 = req.EnableIPv4 ?? true;
  if (req.EnableIPv4 === undefined && 'com.docker.network.enable_ipv4' in options) {
    const v = parseBool(options['com.docker.network.enable_ipv4']);
    if (v === undefined) throw new DaemonError('driver-opt "com.docker.network.enable_ipv4" is not a valid bool', 400);
    enableIPv4 = v;
  }
  let enableIPv6 = req.EnableIPv6 ?? false;
  if (req.EnableIPv6 === undefined && 'com.docker.network.enable_ipv6' in options) {
    const v = parseBool(options['com.docker.network.enable_ipv6']);
    if (v === undefined) throw new DaemonError('driver-opt "com.docker.network.enable_ipv6" is not a valid bool', 400);
    enableIPv6 = v;
  }
  validateIPAM(req.IPAM?.Config, enableIPv6);
  if (local.some((n) => n.Name === req.Name)) throw new DaemonError(`network with name ${req.Name} already exists`, 409);
  if (req.ConfigOnly && req.ConfigFrom)
    throw new DaemonError('a configuration network cannot depend on another configuration network', 403);
  if (!KNOWN_DRIVERS.includes(driver)) throw new DaemonError(`plugin "${driver}" not found`, 404);
  const global = driver === 'overlay';
  if (req.Scope === 'local' && global) throw new DaemonError(`cannot downgrade network scope for ${driver} networks`, 403);
  if (req.Ingress && !global) throw new DaemonError('Ingress network can only be global scope network', 403);
  if (req.ConfigFrom?.Network) throw new DaemonError(`configuration network "${req.ConfigFrom.Network}" does not exist`, 404);
  if (!global || req.ConfigOnly) {
    // moby makes these on the node itself; tsecret's engine runs no standalone containers to use them
    throw new Error(
      `tsecret simulates swarm networks only: it does not create a local ${req.ConfigOnly ? 'configuration-only' : `"${driver}"`} network (use --driver overlay)`,
    );
  }
  if (!enableIPv4) throw new DaemonError('IPv4 cannot be disabled in a Swarm scoped network', 400);
}

/** The cluster's CreateNetwork (swarmkit controlapi) and its allocation of the new network. */
export function createNetwork(
  networks: Network[],
  req: NetworkCreateRequest,
  now: string,
  pool: { pools?: string[]; size?: number } = {},
): Network {
  const driver = req.Driver || 'overlay';
  if (PREDEFINED.includes(req.Name)) throw new DaemonError(`${req.Name} is a pre-defined network and cannot be created`, 403);
  // swarmkit validateNetworkSpec
  if (req.Attachable && req.Ingress) throw rpcError('InvalidArgument', 'ingress network cannot be attachable');
  if (req.Name === '') throw rpcError('InvalidArgument', 'meta: name must be provided');
  if (!DNS_COMPONENT.test(req.Name)) throw rpcError('InvalidArgument', 'name must be valid as a DNS name component');
  if (req.Name.length > 63) throw rpcError('InvalidArgument', 'name must be 63 characters or fewer');
  if (req.Labels && PREDEFINED_LABEL in req.Labels) {
    throw rpcError(
      'PermissionDenied',
      `label ${PREDEFINED_LABEL} is for internally created predefined networks and cannot be applied by users`,
    );
  }
  if (req.Ingress && driver !== 'overlay')
    throw rpcError('Unimplemented', 'only overlay driver is currently supported for ingress network');
  const ipamDriver = req.IPAM?.Driver || 'default';
  if (ipamDriver.toLowerCase() !== 'default') throw rpcError('InvalidArgument', `error during lookup of plugin ${ipamDriver}`);
  const ingress = networks.find((n) => n.Ingress);
  if (req.Ingress && ingress) throw rpcError('AlreadyExists', `ingress network (${ingress.Id}) is already present`);
  // store.CreateNetwork: names are unique ignoring case
  const lower = req.Name.toLowerCase();
  if (networks.some((n) => n.Name.toLowerCase() === lower)) throw rpcError('Unknown', 'name conflicts with an existing object');

  const network: Network = {
    Name: req.Name,
    Id: newObjectId(),
    Created: now,
    Scope: 'swarm',
    Driver: driver,
    EnableIPv6: Boolean(req.EnableIPv6),
    IPAM: {
      Driver: ipamDriver,
      Options: req.IPAM?.Options && Object.keys(req.IPAM.Options).length ? { ...req.IPAM.Options } : null,
      Config: [],
    },
    Internal: Boolean(req.Internal),
    Attachable: Boolean(req.Attachable),
    Ingress: Boolean(req.Ingress),
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: null,
    Labels: { ...(req.Labels ?? {}) },
  };
  allocate(network, networks, req, pool);
  return network;
}

/**
 * The allocator: the requested IPv4 subnets, or the lowest free /24 of 10.0.0.0/8, and the next VXLAN
 * ID. A requested subnet that overlaps an allocated one cannot be placed: the network stays without
 * driver, addresses or options, as swarmkit leaves it (it retries forever).
 */
function allocate(network: Network, networks: Network[], req: NetworkCreateRequest, pool: { pools?: string[]; size?: number }): void {
  const requested = (req.IPAM?.Config ?? []).filter((c) => c.Subnet && !parsePrefix(c.Subnet)?.v6);
  const allocated = networks.filter((n) => n.Driver !== '');
  const taken = allocated.flatMap((n) => (n.IPAM.Config ?? []).map((c) => c.Subnet));
  if (requested.some((c) => taken.some((t) => overlaps(t, c.Subnet as string)))) {
    network.Driver = '';
    network.IPAM = { Driver: '', Options: null, Config: null };
    return;
  }
  let config: IPAMConfig[];
  if (requested.length) {
    config = requested.map((c) => {
      const p = parsePrefix(c.Subnet as string) as { v6: boolean; addr: bigint; bits: number };
      return {
        Subnet: c.Subnet as string,
        ...(c.IPRange ? { IPRange: c.IPRange } : {}),
        Gateway: c.Gateway || formatAddr(false, masked(p) + 1n),
      };
    });
  } else {
    // the lowest subnet of the pool that no allocated network overlaps
    let free: { subnet: string; gateway: string } | undefined;
    for (const candidate of poolSubnets(pool.pools, pool.size)) {
      if (!taken.some((t) => overlaps(t, candidate.subnet))) {
        free = candidate;
        break;
      }
    }
    if (!free)
      throw rpcError(
        'ResourceExhausted',
        'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network',
      );
    config = [{ Subnet: free.subnet, Gateway: free.gateway }];
  }
  const usedVxlan = new Set(networks.map((n) => n.Options?.[VXLAN_OPTION]));
  let vxlan = VXLAN_BASE;
  while (usedVxlan.has(String(vxlan))) vxlan++;
  network.IPAM.Config = config;
  network.Options = { [VXLAN_OPTION]: String(vxlan), ...(req.Options ?? {}) };
}

// ---- lookups, lists, removal ----

/** The cluster's getNetwork: full ID, then exact name (ambiguous if several), then a unique ID prefix. */
export function resolveNetwork(networks: Network[], ref: string): Network {
  const byId = networks.find((n) => n.Id === ref);
  if (byId) return byId;
  const byName = networks.filter((n) => n.Name === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw objectAmbiguous('network', ref, byName.length);
  const byPrefix = ref === '' ? [] : networks.filter((n) => n.Id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw objectAmbiguous('network', ref, byPrefix.length);
  throw objectNotFound('network', ref);
}

/**
 * The router's getNetwork: a local network by full ID, name or ID prefix first, then the cluster's;
 * several matches of a name or prefix are ambiguous; none is `network X not found`.
 */
export function findNetwork(local: Network[], swarm: Network[], ref: string): Network {
  const all = [...local, ...swarm];
  const byId = all.find((n) => n.Id === ref);
  if (byId) return byId;
  const byName = all.filter((n) => n.Name === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new DaemonError(`network ${ref} is ambiguous (${byName.length} matches found based on name)`, 400);
  const byPrefix = ref === '' ? [] : all.filter((n) => n.Id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw new DaemonError(`network ${ref} is ambiguous (${byPrefix.length} matches found based on ID prefix)`, 400);
  throw objectNotFound('network', ref);
}

const NETWORK_FILTERS = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'];

/** network.ValidateFilters: the keys the list takes. */
export function validateNetworkFilters(filters: Filters): void {
  for (const key of filters.keys()) if (!NETWORK_FILTERS.includes(key)) throw invalidFilter(key);
}

/**
 * swarmkit's ListNetworks filters (names exact, ID prefixes): a swarm network's name filter must
 * match it whole, before moby's own filters run.
 */
export const clusterListFilter =
  (filters: Filters) =>
  (n: Network): boolean => {
    const names = filters.get('name');
    if (names && !names.includes(n.Name)) return false;
    const ids = filters.get('id');
    return !ids || ids.some((p) => n.Id.startsWith(p));
  };

/** daemon/network FilterNetworks: name and id as regular expressions, then dangling, then type. */
export function filterNetworks(networks: NetworkInspect[], filters: Filters): NetworkInspect[] {
  let out = networks.filter((n) => {
    const drivers = filters.get('driver');
    if (drivers && !drivers.includes(n.Driver)) return false;
    const names = filters.get('name');
    if (names && !filterMatch(names, n.Name)) return false;
    const ids = filters.get('id');
    if (ids && !filterMatch(ids, n.Id)) return false;
    if (!matchLabels(n.Labels ?? {}, filters.get('label'))) return false;
    const scopes = filters.get('scope');
    return !scopes || scopes.includes(n.Scope);
  });
  const dangling = filters.get('dangling');
  if (dangling) {
    if (dangling.length > 1) throw new DaemonError('got more than one value for filter key "dangling"', 400);
    const only = { '0': false, false: false, '1': true, true: true }[dangling[0]];
    if (only === undefined)
      throw new DaemonError('invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")', 400);
    const used = (n: NetworkInspect): boolean => PREDEFINED.includes(n.Name) || Object.keys(n.Containers ?? {}).length > 0;
    out = out.filter((n) => (only ? !used(n) : used(n)));
  }
  const types = filters.get('type');
  if (types) {
    const typed: NetworkInspect[] = [];
    for (const t of types) {
      if (t !== 'custom' && t !== 'builtin') throw new DaemonError(`invalid filter: 'type'='${t}'`, 400);
      typed.push(...out.filter((n) => PREDEFINED.includes(n.Name) === (t === 'builtin')));
    }
    out = typed;
  }
  return out;
}

/** swarmkit allocator.IsIngressNetworkNeeded: a port published through the routing mesh. */
export const needsIngress = (spec: ServiceSpec): boolean => (spec.EndpointSpec.Ports ?? []).some((p) => p.PublishMode === 'ingress');

/**
 * swarmkit RemoveNetwork: refused while a service's spec attaches to it (the first in store order,
 * which is by ID); the ingress network while a service publishes a port through it.
 */
export function checkNetworkRemovable(network: Network, services: Service[]): void {
  const byID = [...services].sort((a, b) => (a.ID < b.ID ? -1 : 1));
  if (network.Ingress) {
    const user = byID.find((s) => needsIngress(s.Spec));
    if (user) throw rpcError('FailedPrecondition', `ingress network cannot be removed because service ${user.ID} depends on it`);
    return;
  }
  const user = byID.find((s) => (s.Spec.TaskTemplate.Networks ?? []).some((a) => a.Target === network.Id));
  if (user) throw rpcError('FailedPrecondition', `network ${network.Id} is in use by service ${user.ID}`);
}

/**
 * moby populateNetworkID: each attachment's Target (a name, ID or ID prefix) becomes the network's
 * ID. A local-scoped network cannot carry a service.
 */
export function resolveAttachments(spec: ServiceSpec, networks: Network[]): void {
  for (const attachment of spec.TaskTemplate.Networks ?? []) {
    const network = resolveNetwork(networks, attachment.Target);
    if (network.Scope !== 'swarm') {
      throw new DaemonError(
        `The network ${attachment.Target} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`,
        403,
      );
    }
    attachment.Target = network.Id;
  }
}

const portKey = (p: PortConfig): string => `${p.PublishedPort ?? 0}/${p.Protocol}`;

/**
 * The allocator's view of a service: published ingress ports (numbered from 30000 when not given,
 * refused when another service holds them) and one virtual IP per attached network, the ingress
 * network first when a port is published through it. `previous` is the service's current
 * endpoint on an update, whose ports and addresses it keeps.
 */
export function allocateEndpoint(spec: ServiceSpec, others: Service[], networks: Network[], previous?: Endpoint): Endpoint {
  const ports = spec.EndpointSpec.Ports ?? [];
  // controlapi CreateService/UpdateService: a routing-mesh port needs the ingress network
  if (needsIngress(spec) && !networks.some((n) => n.Ingress)) {
    throw rpcError('FailedPrecondition', 'service needs ingress network, but no ingress network is present');
  }
  const taken = new Map<string, Service>();
  for (const s of others) for (const p of s.Endpoint.Ports ?? []) if (p.PublishMode === 'ingress') taken.set(portKey(p), s);
  for (const p of ports) {
    if (p.PublishMode !== 'ingress' || !p.PublishedPort) continue;
    const holder = taken.get(portKey(p));
    if (holder) {
      throw rpcError(
        'InvalidArgument',
        `port '${p.PublishedPort}' is already in use by service '${holder.Spec.Name}' (${holder.ID}) as an ingress port`,
      );
    }
  }
  const attachments = spec.TaskTemplate.Networks ?? [];
  if (ports.length === 0 && attachments.length === 0) return { Spec: {} };

  const resolved: PortConfig[] = [];
  const used = new Set([...taken.keys(), ...ports.map(portKey)]);
  for (const p of ports) {
    if (p.PublishMode !== 'ingress' || p.PublishedPort) {
      resolved.push({ ...p });
      continue;
    }
    const kept = previous?.Ports?.find((q) => q.PublishMode === 'ingress' && q.TargetPort === p.TargetPort && q.Protocol === p.Protocol);
    let port = kept?.PublishedPort ?? DYNAMIC_PORT_START;
    if (!kept) while (port <= DYNAMIC_PORT_END && used.has(`${port}/${p.Protocol}`)) port++;
    used.add(`${port}/${p.Protocol}`);
    resolved.push({ Protocol: p.Protocol, TargetPort: p.TargetPort, PublishedPort: port, PublishMode: p.PublishMode });
  }

  const endpoint: Endpoint = { Spec: { Mode: spec.EndpointSpec.Mode, ...(ports.length ? { Ports: ports.map((p) => ({ ...p })) } : {}) } };
  if (resolved.length) endpoint.Ports = resolved;
  if (spec.EndpointSpec.Mode === 'dnsrr') return endpoint;
  const wanted: Network[] = [];
  const ingress = networks.find((n) => n.Ingress);
  if (ingress && resolved.some((p) => p.PublishMode === 'ingress')) wanted.push(ingress);
  for (const a of attachments) {
    const n = networks.find((x) => x.Id === a.Target);
    if (n && !wanted.includes(n)) wanted.push(n);
  }
  const vips: { NetworkID: string; Addr: string }[] = [];
  for (const n of wanted) {
    const kept = previous?.VirtualIPs?.find((v) => v.NetworkID === n.Id);
    vips.push({ NetworkID: n.Id, Addr: kept?.Addr ?? nextAddress(n, others) });
  }
  endpoint.VirtualIPs = vips;
  return endpoint;
}

/** The lowest host address of the network's subnet that no other service's VIP holds. */
function nextAddress(network: Network, others: Service[]): string {
  const subnet = network.IPAM.Config?.[0]?.Subnet ?? '';
  const m = /^(\d+\.\d+\.\d+)\.\d+\/(\d+)$/.exec(subnet);
  if (!m) return '';
  const used = new Set(others.flatMap((s) => (s.Endpoint.VirtualIPs ?? []).filter((v) => v.NetworkID === network.Id).map((v) => v.Addr)));
  // .1 is the gateway; on the ingress network .2 is this node's ingress endpoint
  let host = network.Ingress ? 3 : 2;
  while (used.has(`${m[1]}.${host}/${m[2]}`)) host++;
  return `${m[1]}.${host}/${m[2]}`;
}
