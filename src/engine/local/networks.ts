// Swarm networks of the simulated manager: the rules of swarmkit's control API
// (controlapi/network.go), moby's lookups and list filters (daemon/cluster/helpers.go getNetwork,
// daemon/network filters), and the address allocation a one-node swarm shows (subnets 10.0.N.0/24
// from the default pool, virtual IPs of services, published ports from 30000 up).
import type { Filters } from '../../api/filters.js';
import type { Network, NetworkCreateRequest } from '../../api/networks.js';
import type { Endpoint, PortConfig, Service, ServiceSpec } from '../../api/services.js';
import { DaemonError, invalidFilter, objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';
import { newObjectId } from '../ids.js';

const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const VXLAN_BASE = 4096;
/** swarmkit's dynamic port range for ingress ports published without a number. */
const DYNAMIC_PORT_START = 30000;
const DYNAMIC_PORT_END = 32767;

/** The routing-mesh network `swarm init` makes (10.0.0.0/24, VXLAN 4096). */
export function ingressNetwork(now: string): Network {
  return {
    Name: 'ingress',
    Id: newObjectId(),
    Created: now,
    Scope: 'swarm',
    Driver: 'overlay',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.0.0.0/24', Gateway: '10.0.0.1' }] },
    Internal: false,
    Attachable: false,
    Ingress: true,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: { 'com.docker.network.driver.overlay.vxlanid_list': String(VXLAN_BASE) },
    Labels: {},
  };
}

/** The N of 10.0.N.0/24, or undefined for a subnet outside the default pool. */
const poolIndex = (n: Network): number | undefined => {
  const m = /^10\.0\.(\d+)\.0\/24$/.exec(n.IPAM.Config[0]?.Subnet ?? '');
  return m ? Number(m[1]) : undefined;
};

/** NetworkCreate on a manager: name checks (moby, then swarmkit), the lowest free subnet and VXLAN ID. */
export function createNetwork(networks: Network[], req: NetworkCreateRequest, now: string): Network {
  const driver = req.Driver || 'overlay';
  // moby refuses an exact duplicate name itself; swarmkit refuses one that differs only in case
  if (networks.some((n) => n.Name === req.Name)) throw new DaemonError(`network with name ${req.Name} already exists`, 409);
  if (req.Name === '') throw rpcError('InvalidArgument', 'meta: name must be provided');
  if (!DNS_COMPONENT.test(req.Name)) throw rpcError('InvalidArgument', 'name must be valid as a DNS name component');
  if (req.Name.length > 63) throw rpcError('InvalidArgument', 'name must be 63 characters or fewer');
  const lower = req.Name.toLowerCase();
  if (networks.some((n) => n.Name.toLowerCase() === lower)) throw rpcError('Unknown', 'name conflicts with an existing object');
  if (req.Ingress && networks.some((n) => n.Ingress)) throw rpcError('AlreadyExists', 'ingress network already exists');

  const usedSubnets = new Set(networks.map(poolIndex));
  let subnet = 1;
  while (usedSubnets.has(subnet)) subnet++;
  const usedVxlan = new Set(networks.map((n) => n.Options['com.docker.network.driver.overlay.vxlanid_list']));
  let vxlan = VXLAN_BASE + 1;
  while (usedVxlan.has(String(vxlan))) vxlan++;
  const requested = req.IPAM?.Config?.filter((c) => c.Subnet) ?? [];
  const config = requested.length
    ? requested.map((c) => ({ Subnet: c.Subnet as string, Gateway: firstHost(c.Subnet as string) }))
    : [{ Subnet: `10.0.${subnet}.0/24`, Gateway: `10.0.${subnet}.1` }];
  return {
    Name: req.Name,
    Id: newObjectId(),
    Created: now,
    Scope: driver === 'overlay' ? 'swarm' : 'local',
    Driver: driver,
    EnableIPv6: false,
    IPAM: { Driver: req.IPAM?.Driver || 'default', Options: req.IPAM?.Options ?? null, Config: config },
    Internal: Boolean(req.Internal),
    Attachable: Boolean(req.Attachable),
    Ingress: Boolean(req.Ingress),
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: { 'com.docker.network.driver.overlay.vxlanid_list': String(vxlan), ...(req.Options ?? {}) },
    Labels: { ...(req.Labels ?? {}) },
  };
}

/** The gateway of a subnet: its first host address (IPv4 only; anything else is kept as given). */
function firstHost(subnet: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(subnet);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${Number(m[4]) + 1}` : '';
}

/** moby getNetwork: full ID, then exact name (ambiguous if several), then a unique ID prefix. */
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

const NETWORK_FILTERS = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'];

/** Network list filters: name and id match as regular expressions (substrings), as moby's do. */
export function filterNetworks(networks: Network[], filters: Filters): Network[] {
  for (const key of filters.keys()) if (!NETWORK_FILTERS.includes(key)) throw invalidFilter(key);
  for (const t of filters.get('type') ?? []) {
    if (t !== 'custom' && t !== 'builtin') throw new DaemonError(`invalid filter: 'type'='${t}'`, 400);
  }
  const matches = (patterns: string[] | undefined, value: string): boolean => !patterns || patterns.some((p) => safeRegExp(p).test(value));
  return networks.filter((n) => {
    if (!matches(filters.get('name'), n.Name)) return false;
    if (!matches(filters.get('id'), n.Id)) return false;
    const drivers = filters.get('driver');
    if (drivers && !drivers.includes(n.Driver)) return false;
    const scopes = filters.get('scope');
    if (scopes && !scopes.includes(n.Scope)) return false;
    const types = filters.get('type');
    // the ingress network is made by the swarm, every other one here by a user
    if (types && !types.includes(n.Ingress ? 'builtin' : 'custom')) return false;
    return matchLabels(n.Labels, filters.get('label'));
  });
}

function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

/** swarmkit RemoveNetwork: refused while a service's spec attaches to it; never the ingress one here. */
export function checkNetworkRemovable(network: Network, services: Service[]): void {
  const user = services.find((s) => (s.Spec.TaskTemplate.Networks ?? []).some((a) => a.Target === network.Id));
  if (user) throw rpcError('FailedPrecondition', `network ${network.Id} is in use by service ${user.ID}`);
  if (network.Ingress && services.some((s) => (s.Endpoint.Ports ?? []).some((p) => p.PublishMode === 'ingress'))) {
    throw rpcError('FailedPrecondition', 'ingress network cannot be removed because service is using it');
  }
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
  const subnet = network.IPAM.Config[0]?.Subnet ?? '';
  const m = /^(\d+\.\d+\.\d+)\.\d+\/(\d+)$/.exec(subnet);
  if (!m) return '';
  const used = new Set(others.flatMap((s) => (s.Endpoint.VirtualIPs ?? []).filter((v) => v.NetworkID === network.Id).map((v) => v.Addr)));
  // .1 is the gateway; on the ingress network .2 is this node's ingress endpoint
  let host = network.Ingress ? 3 : 2;
  while (used.has(`${m[1]}.${host}/${m[2]}`)) host++;
  return `${m[1]}.${host}/${m[2]}`;
}
