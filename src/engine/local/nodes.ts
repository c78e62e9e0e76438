// The swarm's one node, this machine: its object as swarmkit keeps it (api/types/swarm/node.go via
// daemon/cluster/convert/node.go), moby's lookups and list filters (daemon/cluster/helpers.go
// getNode, filters.go newListNodesFilters) and swarmkit's update and removal rules
// (controlapi/node.go).
import { X509Certificate } from 'node:crypto';
import type { Filters } from '../../api/filters.js';
import type { Node, NodeSpec } from '../../api/nodes.js';
import type { SwarmRecord } from '../../store/state.js';
import { DaemonError, invalidFilter, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';
import { ARCHITECTURE, ENGINE_VERSION, MEM_TOTAL, NCPU, OS, PLUGINS } from './system.js';

/** The node's raft index when `swarm init` made it: the entry before the cluster's. */
export const INITIAL_NODE_VERSION = 9;

const certCache = new Map<string, { subject: string; publicKey: string }>();

/** The root CA's subject and public key (DER, base64), as the node's TLSInfo carries them. */
export function issuerOf(pem: string): { subject: string; publicKey: string } {
  let found = certCache.get(pem);
  if (!found) {
    try {
      const cert = new X509Certificate(pem);
      // the subject DER of swarmkit's root CA: CN=swarm-ca
      found = {
        subject: 'MBMxETAPBgNVBAMTCHN3YXJtLWNh',
        publicKey: cert.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      };
    } catch {
      found = { subject: '', publicKey: '' };
    }
    certCache.set(pem, found);
  }
  return found;
}

/** The manager's host address (its advertise address without the port). */
export const nodeAddr = (swarm: SwarmRecord): string => swarm.AdvertiseAddr.replace(/:\d+$/, '');

/** The node object: a ready manager, leader of its one-member raft cluster. */
export function nodeObject(swarm: SwarmRecord, hostname: string): Node {
  const issuer = issuerOf(swarm.TrustRoot);
  const plugins = [
    ...PLUGINS.Log.map((Name) => ({ Type: 'Log', Name })),
    ...PLUGINS.Network.map((Name) => ({ Type: 'Network', Name })),
    ...PLUGINS.Volume.map((Name) => ({ Type: 'Volume', Name })),
  ];
  return {
    ID: swarm.NodeID,
    Version: { Index: swarm.NodeVersion ?? INITIAL_NODE_VERSION },
    CreatedAt: swarm.CreatedAt,
    UpdatedAt: swarm.NodeUpdatedAt ?? swarm.CreatedAt,
    Spec: { Labels: { ...(swarm.NodeLabels ?? {}) }, Role: 'manager', Availability: swarm.Availability as Node['Spec']['Availability'] },
    Description: {
      Hostname: hostname,
      Platform: { Architecture: ARCHITECTURE, OS },
      Resources: { NanoCPUs: NCPU * 1e9, MemoryBytes: MEM_TOTAL },
      Engine: { EngineVersion: ENGINE_VERSION, Plugins: plugins },
      TLSInfo: { TrustRoot: swarm.TrustRoot, CertIssuerSubject: issuer.subject, CertIssuerPublicKey: issuer.publicKey },
    },
    Status: { State: 'ready', Addr: nodeAddr(swarm) },
    ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: swarm.AdvertiseAddr },
  };
}

const NODE_FILTERS = ['name', 'id', 'label', 'role', 'membership', 'node.label'];

/** Labels given as filters (`k` or `k=v`), as swarmkit matches them against a map. */
const labelFilter = (values: string[] | undefined, labels: Record<string, string>): boolean => matchLabels(labels, values);

/**
 * ListNodes with moby's filters: name and id are prefixes (the name is the node's spec name, else its
 * hostname), `label` the engine's labels (none here), `node.label` the node's own, role and
 * membership by value.
 */
export function filterNodes(nodes: Node[], filters: Filters): Node[] {
  for (const key of filters.keys()) if (!NODE_FILTERS.includes(key)) throw invalidFilter(key);
  const roles = (filters.get('role') ?? []).filter((r) => r !== '');
  for (const r of roles) if (!['worker', 'manager'].includes(r.toLowerCase())) throw new DaemonError(`Invalid role filter: '${r}'`, 500);
  const memberships = (filters.get('membership') ?? []).filter((m) => m !== '');
  for (const m of memberships)
    if (!['pending', 'accepted'].includes(m.toLowerCase())) throw new DaemonError(`Invalid membership filter: '${m}'`, 500);
  return nodes.filter((n) => {
    const names = filters.get('name');
    if (names && !names.some((p) => (n.Spec.Name || n.Description.Hostname).startsWith(p))) return false;
    const ids = filters.get('id');
    if (ids && !ids.some((p) => n.ID.startsWith(p))) return false;
    if (filters.has('label') && !labelFilter(filters.get('label'), {})) return false;
    if (!labelFilter(filters.get('node.label'), n.Spec.Labels)) return false;
    if (roles.length && !roles.some((r) => r.toLowerCase() === n.Spec.Role)) return false;
    if (memberships.length && !memberships.some((m) => m.toLowerCase() === 'accepted')) return false;
    return true;
  });
}

/** getNode: full ID, then the node's name (its hostname), then an ID prefix. */
export function resolveNode(nodes: Node[], ref: string): Node {
  const byID = nodes.find((n) => n.ID === ref);
  if (byID) return byID;
  let matches = nodes.filter((n) => (n.Spec.Name || n.Description.Hostname) === ref);
  if (matches.length === 0) matches = ref === '' ? nodes : nodes.filter((n) => n.ID.startsWith(ref));
  if (matches.length === 0) throw new DaemonError(`node ${ref} not found`, 404);
  if (matches.length > 1) throw new DaemonError(`node ${ref} is ambiguous (${matches.length} matches found)`, 400);
  return matches[0];
}

/**
 * UpdateNode: the spec as convert.NodeSpecToGRPC reads it (role, then availability), the version
 * check, and the last manager, which cannot be demoted.
 */
export function checkNodeUpdate(node: Node, version: { Index: number }, spec: NodeSpec): void {
  if (spec.Role !== 'manager' && spec.Role !== 'worker') throw new DaemonError(`invalid Role: ${JSON.stringify(spec.Role)}`, 400);
  if (!['active', 'pause', 'drain'].includes(spec.Availability))
    throw new DaemonError(`invalid Availability: ${JSON.stringify(spec.Availability)}`, 400);
  if (version.Index !== node.Version.Index) throw rpcError('Unknown', 'update out of sequence');
  if (spec.Role === 'worker') throw rpcError('FailedPrecondition', 'attempting to demote the last manager of the swarm');
}

/** RemoveNode: a manager stays a raft member until demoted, which the last one cannot be. */
export function checkNodeRemovable(node: Node): void {
  throw rpcError(
    'FailedPrecondition',
    `node ${node.ID} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`,
  );
}
