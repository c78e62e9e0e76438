// The engine surface the command line talks to, as moby's Go client (client/interface.go) gives it:
// the local simulated engine implements it today, a backend driving a real engine could later.
// Errors thrown here carry docker's texts, daemon ones already prefixed as the Go client prefixes them.
import type { Filters } from '../api/filters.js';
import type { NetworkCreateRequest, NetworkInspect, NetworksPruneReport } from '../api/networks.js';
import type { Node, NodeSpec } from '../api/nodes.js';
import type {
  Container,
  ExecRequest,
  ExecResult,
  Service,
  ServiceCreateResponse,
  ServiceSpec,
  ServiceStatus,
  ServiceUpdateOptions,
  Task,
} from '../api/services.js';
import type {
  Config,
  ConfigSpec,
  Secret,
  SecretSpec,
  SwarmInfo,
  SwarmInitRequest,
  SwarmUnlockRequest,
  SwarmUpdateRequest,
  Version,
} from '../api/swarm.js';
import type { ServerVersion, SystemInfo } from '../api/system.js';
import type { Volume, VolumeCreateRequest, VolumesPruneReport } from '../api/volumes.js';

export interface NetworkEngine {
  /** NetworkCreate: the new network's ID. */
  networkCreate(req: NetworkCreateRequest): Promise<{ Id: string; Warning?: string }>;
  /** NetworkInspect: full ID, then exact name, then ID prefix, local networks before the swarm's. */
  networkInspect(idOrName: string): Promise<NetworkInspect>;
  /** NetworkList. Filters: dangling, driver, id, label, name, scope, type. */
  networkList(filters: Filters): Promise<NetworkInspect[]>;
  networkRemove(idOrName: string): Promise<void>;
  /** NetworksPrune. Filters: label, label!, until. */
  networksPrune(filters: Filters): Promise<NetworksPruneReport>;
}

export interface VolumeEngine {
  volumeCreate(req: VolumeCreateRequest): Promise<Volume>;
  volumeInspect(name: string): Promise<Volume>;
  /** VolumeList. Filters: dangling, driver, label, name. */
  volumeList(filters: Filters): Promise<{ Volumes: Volume[]; Warnings: string[] | null }>;
  /** VolumeRemove; force only forgives a missing volume. */
  volumeRemove(name: string, force: boolean): Promise<void>;
  /** VolumesPrune. Filters: label, label!, all. */
  volumesPrune(filters: Filters): Promise<VolumesPruneReport>;
}

export interface NodeEngine {
  /** NodeList. Filters: id, label, membership, name, node.label, role. */
  nodeList(filters?: Filters): Promise<Node[]>;
  /** NodeInspectWithRaw: full ID, then name (the hostname), then ID prefix. */
  nodeInspect(ref: string): Promise<Node>;
  nodeUpdate(id: string, version: { Index: number }, spec: NodeSpec): Promise<void>;
  nodeRemove(ref: string, force: boolean): Promise<void>;
}

/** The service, task and container endpoints, added to Engine for swarm services. */
export interface ServiceEngine {
  serviceCreate(spec: ServiceSpec): Promise<ServiceCreateResponse>;
  /**
   * Full ID, then exact name (case-sensitive), then ID prefix, as moby's getService. With
   * insertDefaults (the default, as `service inspect` asks) swarmkit's defaults fill what the
   * spec left unset; `service update` reads the spec as stored.
   */
  serviceInspect(idOrName: string, opts?: { insertDefaults?: boolean }): Promise<Service>;
  serviceList(filters: Map<string, string[]>): Promise<(Service & { ServiceStatus: ServiceStatus })[]>;
  /** With Rollback "previous" the daemon ignores `spec` and swaps the previous spec back in. */
  serviceUpdate(id: string, version: { Index: number }, spec: ServiceSpec, opts?: ServiceUpdateOptions): Promise<void>;
  serviceRemove(idOrName: string): Promise<void>;
  taskList(filters: Map<string, string[]>): Promise<Task[]>;
  /** Full ID, then the task name `<service>.<slot|nodeID>.<taskID>` (ignoring case), then ID prefix, as moby's getTask. */
  taskInspect(idOrName: string): Promise<Task>;
  nodeList(filters?: Filters): Promise<Node[]>;
  containerList(opts: { all: boolean; filters: Map<string, string[]> }): Promise<Container[]>;
  /** Full ID, then name, then ID prefix (moby daemon GetContainer). */
  containerInspect(idOrName: string): Promise<Container>;
  containerStop(idOrName: string): Promise<void>;
  containerRemove(idOrName: string, force: boolean): Promise<void>;
  containerExec(idOrName: string, req: ExecRequest): Promise<ExecResult>;
}

export interface Engine extends ServiceEngine, NetworkEngine, VolumeEngine, NodeEngine {
  swarmInit(req: SwarmInitRequest): Promise<string /* node ID */>;
  swarmInspect(): Promise<SwarmInfo>;
  swarmLeave(force: boolean): Promise<void>;
  swarmUpdate(req: SwarmUpdateRequest): Promise<void>;
  swarmUnlockKey(): Promise<string>;
  swarmUnlock(req: SwarmUnlockRequest): Promise<void>;
  /** GET /info: the engine's facts and its node's view of the swarm. */
  info(): Promise<SystemInfo>;
  /** GET /version. */
  serverVersion(): Promise<ServerVersion>;

  secretCreate(spec: SecretSpec): Promise<{ ID: string }>;
  secretList(filters: Filters): Promise<Secret[]>;
  /** Resolves full ID, then name (ignoring case), then ID prefix, as moby's getSecret. */
  secretInspect(idOrName: string): Promise<Secret>;
  secretRemove(idOrName: string): Promise<void>;
  secretUpdate(id: string, version: Version, spec: SecretSpec): Promise<void>;
  /**
   * tsecret's own (`secret verify`; the Docker API never returns secret data): whether the
   * secret, resolved as secretInspect resolves it, holds exactly `data`. Compared in constant time.
   */
  secretDataEquals(idOrName: string, data: Uint8Array): Promise<boolean>;
  /**
   * tsecret's own: runs fn's requests as one change, stored when fn ends (also when it throws,
   * keeping the steps done before the failure); a process killed before that changes nothing.
   */
  transaction?<T>(fn: () => Promise<T>): Promise<T>;

  configCreate(spec: ConfigSpec): Promise<{ ID: string }>;
  /** Filters: id, label, name (moby's config list filters). */
  configList(filters: Filters): Promise<Config[]>;
  /** Resolves full ID, then name (ignoring case), then ID prefix, as moby's getConfig. */
  configInspect(idOrName: string): Promise<Config>;
  configRemove(idOrName: string): Promise<void>;
  /** Only the labels may change (the same data may be sent again). */
  configUpdate(id: string, version: Version, spec: ConfigSpec): Promise<void>;
}
