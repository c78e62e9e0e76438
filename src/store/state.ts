// The shape of the persisted state (metadata only) and its validation and migrations.

import { customAlphabet } from 'nanoid';
import type { Network } from '../api/networks.js';
import type { Container, Service, Task } from '../api/services.js';
import type { Config, ConfigSpec, Secret } from '../api/swarm.js';
import type { Volume } from '../api/volumes.js';
import { randomBytes } from '../determinism/entropy.js';
import { memberShape, stateShape } from './state-schema.js';

export const STATE_VERSION = 4;

export interface SwarmRecord {
  ID: string;
  NodeID: string;
  CreatedAt: string;
  UpdatedAt: string;
  /** Simulated raft index: every write to the cluster store takes the next one (Version.Index). */
  RaftIndex: number;
  JoinTokens: { Worker: string; Manager: string };
  TaskHistoryRetentionLimit: number;
  AutoLockManagers: boolean;
  AdvertiseAddr: string;
  ListenAddr: string;
  Availability: string;
  /** The root CA certificate (PEM); public, shown by `swarm ca`. */
  TrustRoot: string;
  // The one node's record (absent before version 4 and in a swarm made before: defaults apply)
  /** The node object's raft index (Version.Index); the swarm's init gives it the index before the cluster's. */
  NodeVersion?: number;
  NodeUpdatedAt?: string;
  /** `node update --label-add/--label-rm`. */
  NodeLabels?: Record<string, string>;
  /** The cluster object's raft index (info's Cluster.Version); defaults to the init's. */
  ClusterVersion?: number;
  // Cluster settings given to `swarm init` / `swarm update` (absent: swarmkit's defaults)
  NodeCertExpiry?: number;
  HeartbeatPeriod?: number;
  SnapshotInterval?: number;
  KeepOldSnapshots?: number;
  ExternalCAs?: { Protocol: string; URL: string }[];
  DefaultAddrPool?: string[];
  SubnetSize?: number;
  DataPathPort?: number;
}

/** A config as stored: the API's object with its Data as base64 text (configs are not secret). */
export interface ConfigRecord extends Omit<Config, 'Spec'> {
  Spec: Omit<ConfigSpec, 'Data'> & { Data: string };
}

export interface State {
  version: number;
  swarm: SwarmRecord | null;
  /** In creation order: swarmkit's store order, which some daemon messages follow. */
  secrets: Secret[];
  /** In creation order, as secrets. */
  configs: ConfigRecord[];
  services: Service[];
  /** Every task still in the store, history included (the reaper trims it). */
  tasks: Task[];
  /** Task containers on this node, running or exited. */
  containers: Container[];
  /** Swarm-scoped networks: the ingress network `swarm init` makes, then the users' (stacks'). */
  networks: Network[];
  /** Only in a state made with TSECRET_DETERMINISTIC=1: how far its seeded generator has drawn (entropy.ts). */
  deterministicDraws?: number;
  /**
   * The engine's local networks besides the built-in `host` and `none`: the `docker_gwbridge`
   * bridge `swarm init` makes, which outlives the swarm as on a real engine.
   */
  localNetworks: Network[];
  /** Local named volumes; they are the engine's, not the swarm's, and outlive it. */
  volumes: Volume[];
}

export const emptyState = (): State => ({
  version: STATE_VERSION,
  swarm: null,
  secrets: [],
  configs: [],
  services: [],
  tasks: [],
  containers: [],
  networks: [],
  localNetworks: [],
  volumes: [],
});

export class InvalidStateError extends Error {
  constructor(path: string, reason: string) {
    super(`invalid state file ${path}: ${reason} (tsecret left it untouched; move it aside to start afresh)`);
  }
}

/**
 * The ingress network as version 3 first made it, frozen here: a migration must turn an old file
 * into the same thing whatever later versions of the engine make at `swarm init`.
 */
const ingressNetworkV3 = (created: string): Network => ({
  Name: 'ingress',
  Id: customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 25)(),
  Created: created,
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
  Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
  Labels: {},
});

/** The docker_gwbridge network as version 4 first made it, frozen here for the migration. */
const gwBridgeNetworkV4 = (created: string): Network => ({
  Name: 'docker_gwbridge',
  Id: randomBytes(32).toString('hex'),
  Created: created,
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
});

/** Steps from version N to N+1, applied in order on load. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: services, their tasks and task containers
  1: (old) => ({ ...old, services: [], tasks: [], containers: [] }),
  // 2 → 3: networks; a swarm made before them gets the ingress network `swarm init` now makes
  2: (old) => {
    const swarm = old.swarm as { CreatedAt?: unknown } | null;
    return { ...old, networks: swarm ? [ingressNetworkV3(typeof swarm.CreatedAt === 'string' ? swarm.CreatedAt : '')] : [] };
  },
  // 3 → 4: configs and the config files of task containers; local volumes and networks, and a swarm
  // made before them gets the docker_gwbridge its init made
  3: (old) => {
    const swarm = old.swarm as { CreatedAt?: unknown } | null;
    return {
      ...old,
      configs: [],
      containers: Array.isArray(old.containers)
        ? old.containers.map((c) => (isObject(c) ? { ...c, ConfigMounts: [] } : c))
        : old.containers,
      volumes: [],
      localNetworks: swarm ? [gwBridgeNetworkV4(typeof swarm.CreatedAt === 'string' ? swarm.CreatedAt : '')] : [],
    };
  },
};

export function parseState(path: string, text: string): State {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidStateError(path, text.length === 0 ? 'the file is empty' : 'not valid JSON');
  }
  if (!isObject(raw)) throw new InvalidStateError(path, 'not a JSON object');
  let doc = raw;
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new InvalidStateError(path, 'no version field');
  }
  if (doc.version > STATE_VERSION) {
    throw new InvalidStateError(path, `version ${doc.version} is newer than this tsecret understands (${STATE_VERSION})`);
  }
  while ((doc.version as number) < STATE_VERSION) {
    const step = MIGRATIONS[doc.version as number];
    doc = { ...step(doc), version: (doc.version as number) + 1 };
  }
  const problem = checkShape(doc);
  if (problem) throw new InvalidStateError(path, problem);
  return doc as unknown as State;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const LISTS = ['secrets', 'configs', 'services', 'tasks', 'containers', 'networks', 'localNetworks', 'volumes'];
/** The members every state of this version has (state-layout.ts reads a file lacking one whole). */
export const REQUIRED_MEMBERS: readonly string[] = ['swarm', ...LISTS];
/** Every top-level member a state of this version may have (a line naming another is not this layout). */
export const KNOWN_MEMBERS: ReadonlySet<string> = new Set(['version', ...REQUIRED_MEMBERS, 'deterministicDraws']);

function checkShape(doc: Record<string, unknown>): string | undefined {
  if (doc.swarm !== null && !isObject(doc.swarm)) return 'field "swarm" is not an object';
  for (const list of LISTS) {
    if (!Array.isArray(doc[list])) return `field "${list}" is not a list`;
  }
  return stateShape(doc);
}

/**
 * What checkShape says of a document of which only these members were read (state-layout.ts):
 * the same checks in the same order, on those members alone.
 */
export function checkMembers(doc: Record<string, unknown>, names: readonly string[]): string | undefined {
  if (names.includes('swarm') && doc.swarm !== null && !isObject(doc.swarm)) return 'field "swarm" is not an object';
  for (const list of LISTS) {
    if (names.includes(list) && !Array.isArray(doc[list])) return `field "${list}" is not a list`;
  }
  // the members in the document's order (stateShape's), then the optional ones it checks after them
  for (const name of ['swarm', ...LISTS, ...names.filter((n) => n !== 'swarm' && !LISTS.includes(n))]) {
    const problem = names.includes(name) ? memberShape(name, doc[name]) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
