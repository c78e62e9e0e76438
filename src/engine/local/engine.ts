// The simulated one-node swarm manager: the Engine surface backed by the state store.

import { createHash } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Filters } from '../../api/filters.js';
import type { Network, NetworkCreateRequest, NetworkInspect, NetworksPruneReport } from '../../api/networks.js';
import type { Node, NodeSpec } from '../../api/nodes.js';
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
} from '../../api/services.js';
import type {
  Config,
  ConfigSpec,
  Secret,
  SecretSpec,
  SwarmInfo,
  SwarmInitRequest,
  SwarmSpecUpdate,
  SwarmUnlockRequest,
  SwarmUpdateRequest,
  Version,
} from '../../api/swarm.js';
import type { ClusterInfo, ServerVersion, SystemInfo } from '../../api/system.js';
import type { Volume, VolumeCreateRequest, VolumesPruneReport } from '../../api/volumes.js';
import type { ConfigRecord, State, SwarmRecord } from '../../store/state.js';
import { type StateStore, SwarmLockedError, type Transaction, UnlockError } from '../../store/state-store.js';
import type { Engine, NetworkEngine, NodeEngine, ServiceEngine, VolumeEngine } from '../client.js';
import { alreadyInSwarm, DaemonError, invalidFilter, notInSwarm, notManager, notManagerWorker, rpcError, swarmLocked } from '../errors.js';
import { matchLabels, validateFilterKeys } from '../filters.js';
import { newJoinTokens, newObjectId, newUnlockKey } from '../ids.js';
import { randomName } from '../names.js';
import { newRootCACertificate } from '../root-ca.js';
import { filterContainers, resolveContainer, runningContainerRemoval } from './containers.js';
import { convertServiceSpec, withDefaults } from './convert.js';
import {
  allocateEndpoint,
  attachedContainers,
  checkNetworkCreate,
  checkNetworkRemovable,
  clusterListFilter,
  createNetwork,
  filterNetworks,
  findNetwork,
  firstSubnet,
  gwBridgeNetwork,
  ingressNetwork,
  instantiated,
  localNetworks,
  type NodeView,
  networkView,
  resolveAttachments,
  validateNetworkFilters,
} from './networks.js';
import { checkNodeRemovable, checkNodeUpdate, filterNodes, issuerOf, nodeAddr, nodeObject, resolveNode } from './nodes.js';
import { type Clock, exitContainer, hasDirtyTasks, type JobRunner, reconcile, removeContainers, shutdownTask } from './orchestrator.js';
import {
  checkNotInUse,
  checkObjectNameFree,
  checkOnlyLabelsChange,
  filterObjects,
  resolveObject,
  validateConfigSpec,
  validateSecretSpec,
} from './secrets.js';
import {
  checkNameFree,
  checkPortConflicts,
  checkReferencesExistence,
  filterServices,
  filterTasks,
  resolveService,
  resolveTask,
  rollbackSpec,
  servicesUsing,
  settledUpdateStatus,
  validateServiceSpec,
} from './services.js';
import { activeSwarm, ENGINE_ID, inactiveSwarm, serverVersion, systemInfo } from './system.js';
import { checkVolumeRemovable, createVolume, filterVolumes, getVolume, prunableVolumes } from './volumes.js';

/** swarmkit ca.MinNodeCertExpiration. */
const MIN_NODE_CERT_EXPIRY_NS = 3600e9;
/** swarmkit's default TaskHistoryRetentionLimit. */
const DEFAULT_TASK_HISTORY_LIMIT = 5;
/** The cluster object's raft index after `swarm init`. */
const INITIAL_CLUSTER_VERSION = 10;
/** The default node certificate expiry (90 days), in nanoseconds. */
const DEFAULT_NODE_CERT_EXPIRY_NS = 7776000e9;

/** swarmkit controlapi validateClusterSpec, as far as tsecret's settings go. */
function validateSpec(spec: SwarmSpecUpdate): void {
  if (spec.NodeCertExpiry !== undefined && spec.NodeCertExpiry < MIN_NODE_CERT_EXPIRY_NS) {
    throw rpcError('InvalidArgument', 'minimum certificate expiry time is: 1h0m0s');
  }
}

export interface LocalEngineOptions {
  store: StateStore;
  /** Returns an RFC3339 time with nanoseconds, UTC. */
  now: () => string;
  /** The node's hostname (NODE column, container hostnames' host). */
  hostname: string;
}

export class LocalEngine implements Engine, ServiceEngine, NetworkEngine, VolumeEngine, NodeEngine {
  private readonly store: StateStore;
  private readonly now: () => string;
  private readonly hostname: string;

  constructor(opts: LocalEngineOptions) {
    this.store = opts.store;
    this.now = opts.now;
    this.hostname = opts.hostname;
  }

  private get clock(): Clock {
    return { now: this.now, hostname: this.hostname };
  }

  // ---- swarm ----

  async swarmInit(req: SwarmInitRequest): Promise<string> {
    const nodeID = this.store.update((tx) => {
      if (tx.state.swarm) {
        // a locked node is no manager, so it cannot be made a new cluster (moby Cluster.Init)
        if (req.ForceNewCluster && this.store.keyStatus().locked) throw notManagerWorker();
        throw alreadyInSwarm();
      }
      const now = this.now();
      const swarm: SwarmRecord = {
        ID: newObjectId(),
        NodeID: newObjectId(),
        CreatedAt: now,
        UpdatedAt: now,
        // a fresh raft log has a few entries (cluster, node, ingress) before the first user object
        RaftIndex: 10,
        JoinTokens: newJoinTokens(),
        TaskHistoryRetentionLimit: req.Spec.TaskHistoryRetentionLimit ?? DEFAULT_TASK_HISTORY_LIMIT,
        AutoLockManagers: req.AutoLockManagers,
        AdvertiseAddr: advertiseAddress(req.AdvertiseAddr, req.ListenAddr),
        ListenAddr: req.ListenAddr,
        Availability: req.Availability,
        TrustRoot: newRootCACertificate(Date.parse(now)),
      };
      applySpec(swarm, req.Spec);
      if (req.DefaultAddrPool?.length) swarm.DefaultAddrPool = [...req.DefaultAddrPool];
      if (req.SubnetSize) swarm.SubnetSize = req.SubnetSize;
      if (req.DataPathPort) swarm.DataPathPort = req.DataPathPort;
      // the manager updates the cluster and its node object once they are up (TLS info, status)
      swarm.UpdatedAt = this.now();
      swarm.NodeUpdatedAt = this.now();
      tx.state.swarm = swarm;
      tx.state.secrets = [];
      tx.state.configs = [];
      tx.state.services = [];
      tx.state.tasks = [];
      tx.state.containers = [];
      tx.state.networks = [ingressNetwork(now, firstSubnet(swarm.DefaultAddrPool, swarm.SubnetSize))];
      // the node's bridge to the outside, made once and kept after the swarm is left
      if (!tx.state.localNetworks.some((n) => n.Name === 'docker_gwbridge')) tx.state.localNetworks.push(gwBridgeNetwork(now));
      tx.createKey(req.AutoLockManagers ? newUnlockKey() : undefined);
      return swarm.NodeID;
    });
    // The daemon applies the spec after the cluster exists, so a bad setting fails the command
    // but leaves the node in a swarm (moby daemon/cluster/swarm.go Init).
    try {
      validateSpec(req.Spec);
    } catch (err) {
      throw new DaemonError(`error updating cluster settings: ${(err as DaemonError).detail}`, 400);
    }
    return nodeID;
  }

  async swarmUpdate(req: SwarmUpdateRequest): Promise<void> {
    await this.write((tx, swarm) => {
      validateSpec(req.spec);
      if (req.spec.TaskHistoryRetentionLimit !== undefined) swarm.TaskHistoryRetentionLimit = req.spec.TaskHistoryRetentionLimit;
      applySpec(swarm, req.spec);
      const tokens = newJoinTokens();
      if (req.rotateWorkerToken) swarm.JoinTokens.Worker = `${swarm.JoinTokens.Worker.slice(0, 60)}${tokens.Worker.slice(60)}`;
      if (req.rotateManagerToken) swarm.JoinTokens.Manager = `${swarm.JoinTokens.Manager.slice(0, 60)}${tokens.Manager.slice(60)}`;
      const autolock = req.spec.AutoLockManagers ?? swarm.AutoLockManagers;
      if (autolock !== swarm.AutoLockManagers || (autolock && req.rotateManagerUnlockKey)) {
        tx.setUnlockKey(autolock ? newUnlockKey() : undefined);
      }
      swarm.AutoLockManagers = autolock;
      if (req.rotateCA) swarm.TrustRoot = req.rotateCA.cert ?? newRootCACertificate(Date.parse(this.now()));
      swarm.UpdatedAt = this.now();
      swarm.ClusterVersion = ++swarm.RaftIndex;
    });
  }

  async info(): Promise<SystemInfo> {
    const state = this.store.read();
    const { swarm } = state;
    let node = inactiveSwarm();
    // a locked manager has no running swarm node: no node ID, no control API (moby Cluster.Info)
    if (swarm && this.store.keyStatus().locked)
      node = { ...node, NodeAddr: nodeAddr(swarm), LocalNodeState: 'locked', Error: swarmLocked().detail };
    else if (swarm) node = activeSwarm(swarm.NodeID, nodeAddr(swarm), swarm.AdvertiseAddr.replace(/^.*:/, ''), clusterInfo(swarm));
    return systemInfo({ id: ENGINE_ID, hostname: this.hostname, containers: state.containers, swarm: node, systemTime: this.now() });
  }

  async serverVersion(): Promise<ServerVersion> {
    return serverVersion();
  }

  async swarmInspect(): Promise<SwarmInfo> {
    const swarm = this.manager(this.store.read());
    return {
      ID: swarm.ID,
      CreatedAt: swarm.CreatedAt,
      JoinTokens: swarm.JoinTokens,
      NodeID: swarm.NodeID,
      TaskHistoryRetentionLimit: swarm.TaskHistoryRetentionLimit,
      AutoLockManagers: swarm.AutoLockManagers,
      AdvertiseAddr: swarm.AdvertiseAddr,
      TrustRoot: swarm.TrustRoot,
    };
  }

  async swarmUnlockKey(): Promise<string> {
    this.manager(this.store.read());
    return this.unlocked(() => this.store.unlockKey());
  }

  /** moby Cluster.UnlockSwarm: only a locked manager takes a key; a wrong one leaves it locked. */
  async swarmUnlock(req: SwarmUnlockRequest): Promise<void> {
    if (!this.store.read().swarm) throw notManager();
    try {
      this.store.unlock(req.UnlockKey);
    } catch (err) {
      if (!(err instanceof UnlockError)) throw err;
      switch (err.reason) {
        case 'not locked':
          throw new DaemonError('swarm is not locked', 409);
        case 'invalid key string':
          throw new DaemonError('invalid key string', 400);
        case 'invalid key':
          throw new DaemonError('swarm could not be unlocked: invalid key provided', 401);
      }
    }
    // the manager starts: its orchestrator catches up with what happened while it was locked
    this.store.update((tx) => {
      if (tx.state.swarm) reconcile(tx.state, this.clock);
    });
  }

  async swarmLeave(force: boolean): Promise<void> {
    this.store.update((tx) => {
      if (!tx.state.swarm) throw notInSwarm();
      if (!force && this.store.keyStatus().locked) {
        throw new DaemonError('Swarm is encrypted and locked. Please unlock it first or use `--force` to ignore this message.', 503);
      }
      if (!force) {
        throw new DaemonError(
          'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.',
          503,
        );
      }
      // The last manager leaving erases the whole cluster store and its task containers, as docker does.
      tx.state.swarm = null;
      tx.state.secrets = [];
      tx.state.configs = [];
      tx.state.services = [];
      tx.state.tasks = [];
      // the task containers go, and with them their anonymous volumes; named volumes stay
      removeContainers(tx.state, tx.state.containers);
      tx.state.networks = [];
      tx.dropAllSecrets();
    });
  }

  // ---- secrets ----

  async secretCreate(spec: SecretSpec): Promise<{ ID: string }> {
    const data = Buffer.from(spec.Data ?? []);
    return this.write((tx, swarm) => {
      validateSecretSpec(spec, data);
      checkObjectNameFree('secret', tx.state.secrets, spec.Name);
      const now = this.now();
      const { Data: _payload, ...meta } = spec;
      const secret: Secret = {
        ID: newObjectId(),
        Version: { Index: ++swarm.RaftIndex },
        CreatedAt: now,
        UpdatedAt: now,
        Spec: { ...meta, Labels: { ...spec.Labels } },
      };
      tx.state.secrets.push(secret);
      if (data.length) tx.putPayload(secret.ID, data);
      return { ID: secret.ID };
    });
  }

  async secretList(filters: Filters): Promise<Secret[]> {
    const state = this.store.read();
    this.manager(state);
    validateFilterKeys(filters, ['id', 'label', 'name', 'names']);
    return filterObjects(state.secrets, filters);
  }

  async secretInspect(idOrName: string): Promise<Secret> {
    const state = this.store.read();
    this.manager(state);
    return resolveObject('secret', state.secrets, idOrName);
  }

  async secretRemove(idOrName: string): Promise<void> {
    await this.write((tx) => {
      const secret = resolveObject('secret', tx.state.secrets, idOrName);
      checkNotInUse('secret', secret.Spec.Name, servicesUsing(tx.state.services, 'secret', secret.ID));
      tx.state.secrets = tx.state.secrets.filter((s) => s.ID !== secret.ID);
      tx.dropPayload(secret.ID);
    });
  }

  async secretUpdate(id: string, version: Version, spec: SecretSpec): Promise<void> {
    await this.write((tx, swarm) => {
      const secret = resolveObject('secret', tx.state.secrets, id);
      if (secret.Version.Index !== version.Index) throw rpcError('Unknown', 'update out of sequence');
      // the same payload may be sent again (docker stack deploy does); only a changed one is refused
      checkOnlyLabelsChange({ Name: secret.Spec.Name, data: () => this.store.readPayload(secret.ID) }, spec);
      secret.Spec.Labels = { ...spec.Labels };
      secret.Version = { Index: ++swarm.RaftIndex };
      secret.UpdatedAt = this.now();
    });
  }

  async secretDataEquals(idOrName: string, data: Uint8Array): Promise<boolean> {
    const state = this.store.read();
    this.manager(state);
    const secret = resolveObject('secret', state.secrets, idOrName);
    // node:crypto is loaded here, off the start-up path of every other command
    const { sameSecretData } = await import('./secret-compare.js');
    return sameSecretData(
      this.unlocked(() => this.store.readPayload(secret.ID)),
      data,
    );
  }

  // ---- configs: the secrets' rules, but the data is no secret: kept in the state, returned by inspect ----

  async configCreate(spec: ConfigSpec): Promise<{ ID: string }> {
    return this.write((tx, swarm) => {
      validateConfigSpec(spec);
      checkObjectNameFree('config', tx.state.configs, spec.Name);
      const now = this.now();
      const config: ConfigRecord = {
        ID: newObjectId(),
        Version: { Index: ++swarm.RaftIndex },
        CreatedAt: now,
        UpdatedAt: now,
        Spec: {
          Name: spec.Name,
          Labels: { ...spec.Labels },
          Data: Buffer.from(spec.Data).toString('base64'),
          ...(spec.Templating ? { Templating: structuredClone(spec.Templating) } : {}),
        },
      };
      tx.state.configs.push(config);
      return { ID: config.ID };
    });
  }

  async configList(filters: Filters): Promise<Config[]> {
    const state = this.store.read();
    this.manager(state);
    validateFilterKeys(filters, ['id', 'label', 'name']);
    return filterObjects(state.configs, filters).map(apiConfig);
  }

  async configInspect(idOrName: string): Promise<Config> {
    // the Go client's own check, with its typo (client/config_inspect.go trimID("contig", id))
    if (idOrName.trim() === '') throw new Error('invalid contig name or ID: value is empty');
    const state = this.store.read();
    this.manager(state);
    return apiConfig(resolveObject('config', state.configs, idOrName));
  }

  async configRemove(idOrName: string): Promise<void> {
    await this.write((tx) => {
      const config = resolveObject('config', tx.state.configs, idOrName);
      checkNotInUse('config', config.Spec.Name, servicesUsing(tx.state.services, 'config', config.ID));
      tx.state.configs = tx.state.configs.filter((c) => c.ID !== config.ID);
    });
  }

  async configUpdate(id: string, version: Version, spec: ConfigSpec): Promise<void> {
    await this.write((tx, swarm) => {
      const config = resolveObject('config', tx.state.configs, id);
      if (config.Version.Index !== version.Index) throw rpcError('Unknown', 'update out of sequence');
      checkOnlyLabelsChange({ Name: config.Spec.Name, data: () => Buffer.from(config.Spec.Data, 'base64') }, spec);
      config.Spec.Labels = { ...spec.Labels };
      config.Version = { Index: ++swarm.RaftIndex };
      config.UpdatedAt = this.now();
    });
  }

  // ---- services, tasks, nodes ----

  async serviceCreate(spec: ServiceSpec): Promise<ServiceCreateResponse> {
    const runJob = await this.jobRunner(spec);
    return this.write((tx, swarm) => {
      const named = storedSpec(spec.Name === '' ? { ...spec, Name: randomName() } : spec, tx.state.networks);
      validateServiceSpec(named);
      checkNoIngressAttachment(named, tx.state.networks);
      checkPortConflicts(named, tx.state.services);
      checkReferencesExistence(named, tx.state);
      checkNameFree(tx.state.services, named.Name);
      const endpoint = allocateEndpoint(named, tx.state.services, tx.state.networks);
      // swarmkit stamps a job's first execution before the store stamps the service
      const lastExecution = this.now();
      const now = this.now();
      const service: Service = {
        ID: newObjectId(),
        Version: { Index: ++swarm.RaftIndex },
        CreatedAt: now,
        UpdatedAt: now,
        Spec: named,
        Endpoint: endpoint,
        ...('ReplicatedJob' in named.Mode || 'GlobalJob' in named.Mode
          ? { JobStatus: { JobIteration: {}, LastExecution: lastExecution } }
          : {}),
      };
      // the allocator then gives the endpoint its virtual IPs and ports and writes the service again
      if (endpoint.VirtualIPs?.length || endpoint.Ports?.length) service.UpdatedAt = this.now();
      tx.state.services.push(service);
      reconcile(tx.state, { ...this.clock, runJob });
      return { ID: service.ID };
    });
  }

  async serviceInspect(idOrName: string, opts: { insertDefaults?: boolean } = {}): Promise<Service> {
    const state = this.store.read();
    this.manager(state);
    const service = resolveService(state.services, idOrName);
    return opts.insertDefaults === false ? service : { ...service, Spec: withDefaults(service.Spec) };
  }

  async serviceList(filters: Filters): Promise<(Service & { ServiceStatus: ServiceStatus })[]> {
    const state = this.store.read();
    this.manager(state);
    validateFilterKeys(filters, ['id', 'label', 'mode', 'name', 'runtime']);
    return filterServices(state.services, filters).map((s) => ({ ...s, ServiceStatus: serviceStatus(state.tasks, s) }));
  }

  async serviceUpdate(id: string, version: Version, spec: ServiceSpec, opts: ServiceUpdateOptions = {}): Promise<void> {
    const runJob = await this.jobRunner(spec);
    await this.write((tx, swarm) => {
      const stored = storedSpec(spec, tx.state.networks);
      validateServiceSpec(stored);
      checkNoIngressAttachment(stored, tx.state.networks);
      const service = resolveService(tx.state.services, id);
      if (JSON.stringify(stored.EndpointSpec) !== JSON.stringify(service.Spec.EndpointSpec)) {
        checkPortConflicts(
          stored,
          tx.state.services.filter((s) => s !== service),
        );
      }
      checkReferencesExistence(stored, tx.state);
      if (Object.keys(service.Spec.Mode)[0] !== Object.keys(stored.Mode)[0])
        throw rpcError('Unimplemented', 'service mode change is not allowed');
      if (service.Version.Index !== version.Index) throw rpcError('Unknown', 'update out of sequence');
      checkNameFree(tx.state.services, stored.Name, service.ID);
      // rollback=previous: the previous spec and the current one swap places
      const rollback = opts.Rollback === 'previous';
      const next = rollback ? rollbackSpec(service, tx.state) : stored;
      const endpoint = allocateEndpoint(
        next,
        tx.state.services.filter((s) => s !== service),
        tx.state.networks,
        service.Endpoint,
      );
      const now = this.now();
      service.PreviousSpec = service.Spec;
      service.Spec = next;
      service.Endpoint = endpoint;
      service.Version = { Index: ++swarm.RaftIndex };
      service.UpdatedAt = now;
      // every update of a job runs it again
      if (service.JobStatus)
        service.JobStatus = { JobIteration: { Index: (service.JobStatus.JobIteration.Index ?? 0) + 1 }, LastExecution: now };
      service.UpdateStatus = settledUpdateStatus(rollback, hasDirtyTasks(tx.state, service), now);
      if (!service.UpdateStatus || service.JobStatus) delete service.UpdateStatus;
      reconcile(tx.state, { ...this.clock, runJob });
    });
  }

  async serviceRemove(idOrName: string): Promise<void> {
    await this.write((tx) => {
      const service = resolveService(tx.state.services, idOrName);
      tx.state.services = tx.state.services.filter((s) => s.ID !== service.ID);
      reconcile(tx.state, this.clock);
    });
  }

  async taskList(filters: Filters): Promise<Task[]> {
    const state = this.store.read();
    this.manager(state);
    validateFilterKeys(filters, ['desired-state', 'id', 'label', 'name', 'node', 'runtime', 'service']);
    const swarm = state.swarm as SwarmRecord;
    return filterTasks(state.tasks, state.services, (id) => (id === swarm.NodeID ? [this.hostname] : []), filters);
  }

  async taskInspect(idOrName: string): Promise<Task> {
    const state = this.store.read();
    this.manager(state);
    return resolveTask(state.tasks, state.services, idOrName);
  }

  // ---- nodes ----

  async nodeList(filters: Filters = new Map()): Promise<Node[]> {
    const swarm = this.manager(this.store.read());
    return filterNodes([nodeObject(swarm, this.hostname)], filters);
  }

  async nodeInspect(ref: string): Promise<Node> {
    const swarm = this.manager(this.store.read());
    return resolveNode([nodeObject(swarm, this.hostname)], ref);
  }

  /** UpdateNode: labels, availability (which the orchestrator acts on at once) and role. */
  async nodeUpdate(id: string, version: { Index: number }, spec: NodeSpec): Promise<void> {
    await this.write((tx, swarm) => {
      const node = resolveNode([nodeObject(swarm, this.hostname)], id);
      checkNodeUpdate(node, version, spec);
      swarm.NodeLabels = { ...spec.Labels };
      swarm.Availability = spec.Availability;
      swarm.NodeVersion = ++swarm.RaftIndex;
      swarm.NodeUpdatedAt = this.now();
      reconcile(tx.state, this.clock);
    });
  }

  async nodeRemove(ref: string, _force: boolean): Promise<void> {
    await this.write((_tx, swarm) => {
      checkNodeRemovable(resolveNode([nodeObject(swarm, this.hostname)], ref));
    });
  }

  // ---- networks ----

  /** The node's view for the networks it has instantiated; none outside a working swarm. */
  private nodeView(state: State): NodeView | undefined {
    const { swarm } = state;
    if (!swarm || this.store.keyStatus().locked) return undefined;
    return {
      addr: nodeAddr(swarm),
      peerName: createHash('sha256').update(`networkdb ${swarm.NodeID}`).digest('hex').slice(0, 12),
      attached: attachedContainers(state.services, state.containers),
      vips: new Set(state.services.flatMap((s) => (s.Endpoint.VirtualIPs ?? []).map((v) => v.Addr))),
    };
  }

  /** The swarm's networks when this node can ask the cluster for them, else none. */
  private clusterNetworks(state: State): Network[] {
    return state.swarm && !this.store.keyStatus().locked ? state.networks : [];
  }

  async networkCreate(req: NetworkCreateRequest): Promise<{ Id: string }> {
    return this.store.update((tx) => {
      const state = tx.state;
      const isManager = state.swarm !== null && !this.store.keyStatus().locked;
      checkNetworkCreate(req, this.clusterNetworks(state), localNetworks(state.localNetworks), isManager);
      const swarm = this.manager(state);
      const network = createNetwork(state.networks, { ...req, Driver: req.Driver || 'overlay' }, this.now(), {
        pools: swarm.DefaultAddrPool,
        size: swarm.SubnetSize,
      });
      swarm.RaftIndex++;
      state.networks.push(network);
      return { Id: network.Id };
    });
  }

  async networkInspect(idOrName: string): Promise<NetworkInspect> {
    const state = this.store.read();
    const network = findNetwork(localNetworks(state.localNetworks), this.clusterNetworks(state), idOrName);
    return networkView(network, this.nodeView(state));
  }

  /**
   * The cluster's networks (its own name and ID filters first), then the node's local ones that the
   * cluster list did not give: its own networks and the swarm networks it has instantiated.
   */
  async networkList(filters: Filters): Promise<NetworkInspect[]> {
    const state = this.store.read();
    validateNetworkFilters(filters);
    const node = this.nodeView(state);
    const cluster = filterNetworks(
      this.clusterNetworks(state)
        .filter(clusterListFilter(filters))
        .sort((a, b) => (a.Id < b.Id ? -1 : 1))
        .map((n) => networkView(n)),
      filters,
    );
    const listed = new Set(cluster.map((n) => n.Id));
    const instantiatedHere = this.clusterNetworks(state).filter((n) => instantiated(n, node));
    const local = [...localNetworks(state.localNetworks), ...instantiatedHere].map((n) => this.localView(state, n, node));
    return [...cluster, ...filterNetworks(local, filters).filter((n) => !listed.has(n.Id))];
  }

  /** A local network as libnetwork shows it: docker_gwbridge holds an endpoint per task container on an overlay. */
  private localView(state: State, n: Network, node = this.nodeView(state)): NetworkInspect {
    const view = networkView(n, node);
    if (n.Name === 'docker_gwbridge') {
      for (const c of this.overlayContainers(state)) {
        (view.Containers ??= {})[`gateway_${c.Id.slice(0, 12)}`] = {
          Name: `gateway_${c.Id.slice(0, 12)}`,
          EndpointID: '',
          MacAddress: '',
          IPv4Address: '',
          IPv6Address: '',
        };
      }
    }
    return view;
  }

  /** Running task containers attached to an overlay network (a VIP, an attachment or a routing-mesh port). */
  private overlayContainers(state: State): Container[] {
    const attached = new Set(
      state.services.filter((s) => (s.Endpoint.VirtualIPs ?? []).length || (s.Spec.TaskTemplate.Networks ?? []).length).map((s) => s.ID),
    );
    return state.containers.filter((c) => c.State.Running && attached.has(c.ServiceID));
  }

  async networkRemove(idOrName: string): Promise<void> {
    this.store.update((tx) => {
      const state = tx.state;
      const network = findNetwork(localNetworks(state.localNetworks), this.clusterNetworks(state), idOrName);
      if (network.Scope === 'swarm') {
        this.manager(state);
        checkNetworkRemovable(network, state.services);
        state.networks = state.networks.filter((n) => n !== network);
        return;
      }
      removeLocalNetwork(network, this.localView(state, network), state);
    });
  }

  /**
   * NetworksPrune: the cluster's unused networks (never the ingress one), then the unused local
   * ones that are not built in; names in that order.
   */
  async networksPrune(filters: Filters): Promise<NetworksPruneReport> {
    return this.store.update((tx) => {
      const state = tx.state;
      for (const key of filters.keys()) if (!['label', 'label!', 'until'].includes(key)) throw invalidFilter(key);
      const until = pruneUntil(filters, Date.parse(this.now()));
      const keep = (n: Network): boolean =>
        (until !== undefined && Date.parse(n.Created) > until) ||
        !matchLabels(n.Labels, filters.get('label')) ||
        (filters.has('label!') && (filters.get('label!') ?? []).some((l) => matchLabels(n.Labels, [l])));
      const deleted: string[] = [];
      for (const n of [...this.clusterNetworks(state)].sort((a, b) => (a.Id < b.Id ? -1 : 1))) {
        if (n.Ingress || keep(n)) continue;
        try {
          checkNetworkRemovable(n, state.services);
        } catch {
          continue;
        }
        state.networks = state.networks.filter((x) => x !== n);
        deleted.push(n.Name);
      }
      for (const n of [...state.localNetworks]) {
        if (keep(n) || Object.keys(this.localView(state, n).Containers ?? {}).length) continue;
        state.localNetworks = state.localNetworks.filter((x) => x !== n);
        deleted.push(n.Name);
      }
      return { NetworksDeleted: deleted };
    });
  }

  // ---- volumes ----

  async volumeCreate(req: VolumeCreateRequest): Promise<Volume> {
    return this.store.update((tx) => {
      const { volume, created } = createVolume(tx.state.volumes, req, this.now());
      if (created) tx.state.volumes.push(volume);
      return volume;
    });
  }

  async volumeInspect(name: string): Promise<Volume> {
    return getVolume(this.store.read().volumes, name);
  }

  async volumeList(filters: Filters): Promise<{ Volumes: Volume[]; Warnings: string[] | null }> {
    const state = this.store.read();
    return { Volumes: filterVolumes(state.volumes, state.containers, filters), Warnings: null };
  }

  async volumeRemove(name: string, force: boolean): Promise<void> {
    this.store.update((tx) => {
      const volume = tx.state.volumes.find((v) => v.Name === name);
      // force forgives only a volume that is not there (PurgeOnError)
      if (!volume && force) return;
      checkVolumeRemovable(getVolume(tx.state.volumes, name), tx.state.containers);
      tx.state.volumes = tx.state.volumes.filter((v) => v !== volume);
    });
  }

  async volumesPrune(filters: Filters): Promise<VolumesPruneReport> {
    return this.store.update((tx) => {
      const gone = prunableVolumes(tx.state.volumes, tx.state.containers, filters);
      const names = new Set(gone.map((v) => v.Name));
      tx.state.volumes = tx.state.volumes.filter((v) => !names.has(v.Name));
      return { VolumesDeleted: gone.map((v) => v.Name), SpaceReclaimed: 0 };
    });
  }

  // ---- task containers ----

  async containerList(opts: { all: boolean; filters: Filters }): Promise<Container[]> {
    const state = this.store.read();
    return filterContainers(state.containers, opts.all, opts.filters);
  }

  async containerInspect(idOrName: string): Promise<Container> {
    return resolveContainer(this.store.read().containers, idOrName);
  }

  async containerStop(idOrName: string): Promise<void> {
    this.store.update((tx) => {
      const container = resolveContainer(tx.state.containers, idOrName);
      if (!container.State.Running) return;
      // The process exits on SIGTERM; the orchestrator then replaces the task (restart condition any).
      const task = tx.state.tasks.find((t) => t.ID === container.TaskID);
      if (task && task.DesiredState === 'running') shutdownTask(tx.state, task, this.clock, 'complete');
      else exitContainer(container, 0, this.now());
      if (this.orchestrating(tx.state)) reconcile(tx.state, this.clock);
    });
  }

  async containerRemove(idOrName: string, force: boolean): Promise<void> {
    this.store.update((tx) => {
      const container = resolveContainer(tx.state.containers, idOrName);
      if (container.State.Running && !force) throw runningContainerRemoval(idOrName);
      const task = tx.state.tasks.find((t) => t.ID === container.TaskID);
      if (container.State.Running && task) {
        // killed: the task fails with the signal's exit status, and the orchestrator replaces it
        const now = this.now();
        task.DesiredState = 'shutdown';
        task.Status = { ...task.Status, Timestamp: now, State: 'failed', Message: 'started', Err: 'task: non-zero exit (137)' };
        if (task.Status.ContainerStatus) task.Status.ContainerStatus.ExitCode = 137;
      }
      tx.state.containers = tx.state.containers.filter((c) => c !== container);
      if (this.orchestrating(tx.state)) reconcile(tx.state, this.clock);
    });
  }

  async containerExec(idOrName: string, req: ExecRequest): Promise<ExecResult> {
    const state = this.store.read();
    const container = resolveContainer(state.containers, idOrName);
    if (!container.State.Running) throw new DaemonError(`container ${container.Id} is not running`, 409);
    // the simulated coreutils are loaded only by exec, off every other command's start-up
    const { execInContainer } = await import('./exec.js');
    return execInContainer(container, req, {
      nowMs: Date.parse(this.now()),
      // a locked manager cannot open the payloads (docker's task containers would have stopped with the daemon)
      payload: (secretID) => this.unlocked(() => this.store.readPayload(secretID)),
      secret: (secretID) => state.secrets.find((s) => s.ID === secretID),
      config: (configID) => configOf(state, configID),
      configData: (configID) => configOf(state, configID)?.Spec.Data,
      service: state.services.find((s) => s.ID === container.ServiceID),
      task: state.tasks.find((t) => t.ID === container.TaskID),
      nodeID: state.swarm?.NodeID ?? '',
    });
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }

  // ---- helpers ----

  /** The swarm of a manager that can serve requests: docker's error when not in one, or locked. */
  private manager(state: State): SwarmRecord {
    if (!state.swarm) throw notManager();
    if (this.store.keyStatus().locked) throw swarmLocked();
    return state.swarm;
  }

  /**
   * What runs a job's command in its task container: the simulated exec (loaded only for a job),
   * with the secrets and configs it mounts readable.
   */
  private async jobRunner(spec: ServiceSpec): Promise<JobRunner | undefined> {
    if (!('ReplicatedJob' in spec.Mode || 'GlobalJob' in spec.Mode)) return undefined;
    const { execInContainer } = await import('./exec.js');
    return (container, service, task) => {
      const cmd = [...(container.Config.Entrypoint ?? []), ...(container.Config.Cmd ?? [])];
      const state = this.store.read();
      const result = execInContainer(
        container,
        { Cmd: cmd, Env: [], User: '', WorkingDir: '', Stdin: Buffer.alloc(0) },
        {
          nowMs: Date.parse(this.now()),
          payload: (secretID) => this.unlocked(() => this.store.readPayload(secretID)),
          secret: (secretID) => state.secrets.find((s) => s.ID === secretID),
          config: (configID) => configOf(state, configID),
          configData: (configID) => configOf(state, configID)?.Spec.Data,
          service,
          task,
          nodeID: task.NodeID,
        },
      );
      return result.exitCode;
    };
  }

  /** A locked manager runs no orchestrator: a stopped task container is not replaced until unlock. */
  private orchestrating(state: State): boolean {
    return state.swarm !== null && !this.store.keyStatus().locked;
  }

  /** Runs fn, turning the store's "locked" into docker's locked error. */
  private unlocked<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof SwarmLockedError) throw swarmLocked();
      throw err;
    }
  }

  /** A read-modify-write of a manager's state; refused with docker's error when not a manager. */
  private async write<T>(fn: (tx: Transaction, swarm: SwarmRecord) => T): Promise<T> {
    return this.store.update((tx) => fn(tx, this.manager(tx.state)));
  }
}

/**
 * A spec as the daemon stores it: network attachments by ID (moby populateNetworkID), then
 * moby's conversion into swarmkit's types and back (its enum checks and normalizations).
 */
function storedSpec(spec: ServiceSpec, networks: Network[]): ServiceSpec {
  const resolved = structuredClone(spec);
  resolveAttachments(resolved, networks);
  return convertServiceSpec(resolved);
}

/** controlapi validateNetworks: the ingress network is not a service's to name. */
function checkNoIngressAttachment(spec: ServiceSpec, networks: Network[]): void {
  for (const a of spec.TaskTemplate.Networks ?? []) {
    const network = networks.find((n) => n.Id === a.Target);
    if (network?.Ingress)
      throw rpcError('InvalidArgument', `Service cannot be explicitly attached to the ingress network ${JSON.stringify(network.Name)}`);
  }
}

const configOf = (state: State, id: string): Config | undefined => {
  const record = state.configs.find((c) => c.ID === id);
  return record && apiConfig(record);
};

/** A stored config as the API returns it: the data as bytes again. */
function apiConfig(record: ConfigRecord): Config {
  const { Name, Labels, Data, Templating } = record.Spec;
  // moby's field order: Annotations, Data, Templating
  const spec: ConfigSpec = { Name, Labels: { ...Labels }, Data: Buffer.from(Data, 'base64') };
  if (Templating) spec.Templating = structuredClone(Templating);
  return { ID: record.ID, Version: { ...record.Version }, CreatedAt: record.CreatedAt, UpdatedAt: record.UpdatedAt, Spec: spec };
}

/**
 * controlapi ListServiceStatuses: running = tasks observed running; desired = replicas, a
 * replicated job's MaxConcurrent, or (global) the tasks meant to run or still to complete; a
 * job counts only the tasks of its current iteration, and their completions.
 */
function serviceStatus(tasks: Task[], service: Service): ServiceStatus {
  const mode = service.Spec.Mode;
  const iteration = service.JobStatus ? (service.JobStatus.JobIteration.Index ?? 0) : undefined;
  let desired = 'Replicated' in mode ? mode.Replicated.Replicas : 'ReplicatedJob' in mode ? mode.ReplicatedJob.MaxConcurrent : 0;
  const global = 'Global' in mode || 'GlobalJob' in mode;
  let running = 0;
  let completed = 0;
  for (const t of tasks) {
    if (t.ServiceID !== service.ID) continue;
    if (iteration !== undefined) {
      if ((t.JobIteration?.Index ?? 0) !== iteration || t.JobIteration === undefined) continue;
      if (t.Status.State === 'complete') completed++;
    }
    if (t.Status.State === 'running') running++;
    if (global && t.DesiredState === 'running') desired++;
    if (global && t.Status.State !== 'complete' && t.DesiredState === 'complete') desired++;
  }
  return { RunningTasks: running, DesiredTasks: desired, ...(iteration !== undefined ? { CompletedTasks: completed } : {}) };
}

/** The address printed in the join command: the given one (port 2377 unless stated) or this host's. */
function advertiseAddress(advertise: string, listen: string): string {
  const listenPort = /:(\d+)$/.exec(listen)?.[1] ?? '2377';
  let host = advertise;
  if (!host) {
    const listenHost = listen.replace(/:\d+$/, '');
    host = listenHost && listenHost !== '0.0.0.0' ? listenHost : firstExternalIPv4();
  }
  return /:\d+$/.test(host) ? host : `${host}:${listenPort}`;
}

function firstExternalIPv4(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** The cluster's info, as `docker info` shows it (swarm.ClusterInfo). */
function clusterInfo(swarm: SwarmRecord): ClusterInfo {
  const issuer = issuerOf(swarm.TrustRoot);
  return {
    ID: swarm.ID,
    Version: { Index: swarm.ClusterVersion ?? INITIAL_CLUSTER_VERSION },
    CreatedAt: swarm.CreatedAt,
    UpdatedAt: swarm.UpdatedAt,
    Spec: {
      Name: 'default',
      Labels: {},
      Orchestration: { TaskHistoryRetentionLimit: swarm.TaskHistoryRetentionLimit },
      Raft: {
        SnapshotInterval: swarm.SnapshotInterval ?? 10000,
        KeepOldSnapshots: swarm.KeepOldSnapshots ?? 0,
        LogEntriesForSlowFollowers: 500,
        ElectionTick: 10,
        HeartbeatTick: 1,
      },
      Dispatcher: { HeartbeatPeriod: swarm.HeartbeatPeriod ?? 5e9 },
      CAConfig: {
        NodeCertExpiry: swarm.NodeCertExpiry ?? DEFAULT_NODE_CERT_EXPIRY_NS,
        ...(swarm.ExternalCAs?.length ? { ExternalCAs: swarm.ExternalCAs } : {}),
      },
      TaskDefaults: {},
      EncryptionConfig: { AutoLockManagers: swarm.AutoLockManagers },
    },
    TLSInfo: { TrustRoot: swarm.TrustRoot, CertIssuerSubject: issuer.subject, CertIssuerPublicKey: issuer.publicKey },
    RootRotationInProgress: false,
    DefaultAddrPool: swarm.DefaultAddrPool ?? null,
    SubnetSize: swarm.SubnetSize ?? 24,
    DataPathPort: swarm.DataPathPort ?? 4789,
  };
}

/** deleteNetwork of a local network: the built-in ones stay, one with endpoints too. */
function removeLocalNetwork(network: Network, view: NetworkInspect, state: State): void {
  if (['bridge', 'host', 'none', 'default'].includes(network.Name))
    throw new DaemonError(`${network.Name} is a pre-defined network and cannot be removed`, 403);
  if (Object.keys(view.Containers ?? {}).length) {
    throw new DaemonError(`error while removing network: network ${network.Name} id ${network.Id} has active endpoints`, 403);
  }
  state.localNetworks = state.localNetworks.filter((n) => n !== network);
}

/** The prune `until` filter (timetypes.GetTimestamp): a duration back from now, a time, or Unix seconds. */
function pruneUntil(filters: Filters, nowMs: number): number | undefined {
  const values = filters.get('until');
  if (!values) return undefined;
  if (values.length > 1) throw new DaemonError('more than one until filter specified', 400);
  const v = values[0];
  const ms: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
  if (/^(\d+(\.\d+)?(ns|us|\u00b5s|ms|s|m|h))+$/.test(v)) {
    let total = 0;
    for (const [, n, , unit] of v.matchAll(/(\d+(\.\d+)?)(ns|us|\u00b5s|ms|s|m|h)/g)) total += Number(n) * ms[unit];
    return nowMs - total;
  }
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new DaemonError(`failed to parse value as time or duration: "${v}"`, 400);
  return t;
}

/** The cluster settings a spec changes (swarmkit keeps the rest). */
function applySpec(swarm: SwarmRecord, spec: SwarmSpecUpdate): void {
  if (spec.NodeCertExpiry !== undefined) swarm.NodeCertExpiry = spec.NodeCertExpiry;
  if (spec.HeartbeatPeriod !== undefined) swarm.HeartbeatPeriod = spec.HeartbeatPeriod;
  if (spec.SnapshotInterval !== undefined) swarm.SnapshotInterval = spec.SnapshotInterval;
  if (spec.KeepOldSnapshots !== undefined) swarm.KeepOldSnapshots = spec.KeepOldSnapshots;
  if (spec.ExternalCAs !== undefined) swarm.ExternalCAs = spec.ExternalCAs.map((ca) => ({ ...ca }));
}
