// Hand-built services, tasks and containers, a fake engine serving them, and a runner that puts
// the service/container commands under a `docker` root, for the read-only command tests.

import type { Container, Node, Service, ServiceStatus, Task, TaskState } from '../../src/api/services.js';
import type { Secret } from '../../src/api/swarm.js';
import { type CommandSpec, execute } from '../../src/cli/command.js';
import { containerInspectCommand, systemInspectCommand } from '../../src/cli/container/inspect.js';
import { containerListCommand, psCommand } from '../../src/cli/container/ls.js';
import { serviceInspectCommand } from '../../src/cli/service/inspect.js';
import { serviceLogsCommand } from '../../src/cli/service/logs.js';
import { serviceListCommand } from '../../src/cli/service/ls.js';
import { servicePsCommand } from '../../src/cli/service/ps.js';
import type { Engine, ServiceEngine } from '../../src/engine/client.js';
import { DaemonError, invalidFilter, notManager } from '../../src/engine/errors.js';
import { nodeObject } from '../../src/engine/local/nodes.js';
import { resolveTask } from '../../src/engine/local/services.js';
import { inactiveSwarm, systemInfo } from '../../src/engine/local/system.js';
import { testStreams } from '../../src/iostreams/test.js';

export const NODE_ID = 'c7i3s36plf37bup6z1mu7be1f';
export const HOSTNAME = 'vm';

/** The swarm the fixtures' node belongs to. */
const FIXTURE_SWARM = {
  ID: 'x3ld5x6ehdbulkxwcg1w9l9v3',
  NodeID: NODE_ID,
  CreatedAt: '2026-11-28T09:00:00Z',
  UpdatedAt: '2026-11-28T09:00:00Z',
  RaftIndex: 10,
  JoinTokens: { Worker: '', Manager: '' },
  TaskHistoryRetentionLimit: 5,
  AutoLockManagers: false,
  AdvertiseAddr: '127.0.0.1:2377',
  ListenAddr: '0.0.0.0:2377',
  Availability: 'active',
  TrustRoot: '',
};

/** The frozen "now" of these tests. */
export const NOW = Date.parse('2026-11-28T11:03:00Z');
/** An RFC 3339 time `secondsAgo` before NOW (to the microsecond), with nine digits as an engine writes them. */
export const ago = (secondsAgo: number): string => new Date(NOW - secondsAgo * 1000).toISOString().replace(/Z$/, '456789Z');

const updateConfig = () => ({ Parallelism: 1, FailureAction: 'pause', Monitor: 5000000000, MaxFailureRatio: 0, Order: 'stop-first' });

export interface ServiceFixture {
  id: string;
  name: string;
  image: string;
  replicas?: number;
  global?: boolean;
  labels?: Record<string, string>;
  secrets?: { target: string; id: string; name: string; mode?: number; uid?: string }[];
  createdAt?: string;
  running?: number;
  env?: string[];
  args?: string[];
  updateStatus?: Service['UpdateStatus'];
}

export function makeService(f: ServiceFixture): Service & { ServiceStatus: ServiceStatus } {
  const created = f.createdAt ?? '2026-11-28T11:02:47.564015938Z';
  const desired = f.global ? 1 : (f.replicas ?? 1);
  const container: Service['Spec']['TaskTemplate']['ContainerSpec'] = {
    Image: f.image,
    Init: false,
    StopGracePeriod: 10000000000,
    DNSConfig: {},
    Isolation: 'default',
  };
  if (f.args) container.Args = f.args;
  if (f.env) container.Env = f.env;
  if (f.secrets) {
    container.Secrets = f.secrets.map((s) => ({
      File: { Name: s.target, UID: s.uid ?? '0', GID: s.uid ?? '0', Mode: s.mode ?? 0o444 },
      SecretID: s.id,
      SecretName: s.name,
    }));
  }
  const service: Service & { ServiceStatus: ServiceStatus } = {
    ID: f.id,
    Version: { Index: 14 },
    CreatedAt: created,
    UpdatedAt: created,
    Spec: {
      Name: f.name,
      Labels: f.labels ?? {},
      TaskTemplate: {
        ContainerSpec: container,
        Resources: { Limits: {}, Reservations: {} },
        RestartPolicy: { Condition: 'any', Delay: 5000000000, MaxAttempts: 0 },
        Placement: {},
        ForceUpdate: 0,
        Runtime: 'container',
      },
      Mode: f.global ? { Global: {} } : { Replicated: { Replicas: desired } },
      UpdateConfig: updateConfig(),
      RollbackConfig: updateConfig(),
      EndpointSpec: { Mode: 'vip' },
    },
    Endpoint: { Spec: {} },
    ServiceStatus: { RunningTasks: f.running ?? desired, DesiredTasks: desired },
  };
  if (f.updateStatus) service.UpdateStatus = f.updateStatus;
  return service;
}

export interface TaskFixture {
  id: string;
  service: Service;
  slot?: number;
  state?: TaskState;
  desired?: TaskState;
  /** Seconds before NOW of the task's creation and of its status. */
  created: number;
  status?: number;
  err?: string;
}

export function makeTask(f: TaskFixture): Task {
  const task: Task = {
    ID: f.id,
    Version: { Index: 20 },
    CreatedAt: ago(f.created),
    UpdatedAt: ago(f.status ?? f.created),
    Labels: {},
    Spec: structuredClone(f.service.Spec.TaskTemplate),
    ServiceID: f.service.ID,
    NodeID: NODE_ID,
    Status: { Timestamp: ago(f.status ?? f.created), State: f.state ?? 'running', Message: 'started' },
    DesiredState: f.desired ?? 'running',
  };
  if (f.slot !== undefined) task.Slot = f.slot;
  if (f.err) task.Status.Err = f.err;
  return task;
}

export interface ContainerFixture {
  id: string;
  name: string;
  image?: string;
  cmd?: string[] | null;
  running?: boolean;
  created: number;
  finished?: number;
  exitCode?: number;
  labels?: Record<string, string>;
  hostname?: string;
  workdir?: string;
}

export function makeContainer(f: ContainerFixture): Container {
  return {
    Id: f.id,
    Name: `/${f.name}`,
    Created: ago(f.created),
    Image: f.image ?? 'nginx:latest',
    State: {
      Status: f.running === false ? 'exited' : 'running',
      Running: f.running !== false,
      ExitCode: f.exitCode ?? 0,
      StartedAt: ago(f.created),
      FinishedAt: f.running === false ? ago(f.finished ?? 0) : '0001-01-01T00:00:00Z',
    },
    Config: {
      Hostname: f.hostname ?? f.id.slice(0, 12),
      User: '',
      Env: ['X=1'],
      Cmd: f.cmd === undefined ? ['nginx', '-g', 'daemon off;'] : f.cmd,
      Entrypoint: null,
      WorkingDir: f.workdir ?? '',
      Labels: f.labels ?? {},
    },
    SecretMounts: [],
    ConfigMounts: [],
    TaskID: '',
    ServiceID: '',
  };
}

export interface World {
  services?: (Service & { ServiceStatus?: ServiceStatus })[];
  tasks?: Task[];
  containers?: Container[];
  secrets?: Secret[];
  /** Not a swarm manager: every swarm endpoint fails. */
  noSwarm?: boolean;
}

const notFound = (kind: string, ref: string): DaemonError => new DaemonError(`${kind} ${ref} not found`, 404);

/** A fake engine over fixed objects, with the lookups and filters the read commands rely on. */
export function fakeEngine(world: World): Engine & ServiceEngine {
  const services = world.services ?? [];
  const tasks = world.tasks ?? [];
  const containers = world.containers ?? [];
  const manager = (): void => {
    if (world.noSwarm) throw notManager();
  };
  const unsupported = async (): Promise<never> => {
    throw new Error('not supported by the fake engine');
  };
  const resolve = <T extends { ID: string }>(list: T[], ref: string, name: (x: T) => string, kind: string): T => {
    const hit = list.find((x) => x.ID === ref) ?? list.find((x) => name(x) === ref);
    if (hit) return hit;
    const prefixed = list.filter((x) => x.ID.startsWith(ref));
    if (prefixed.length === 1) return prefixed[0];
    if (prefixed.length > 1) throw new DaemonError(`${kind} ${ref} is ambiguous (${prefixed.length} matches found)`, 400);
    throw notFound(kind, ref);
  };
  return {
    swarmInit: unsupported,
    swarmInspect: unsupported,
    swarmLeave: unsupported,
    swarmUpdate: unsupported,
    swarmUnlockKey: unsupported,
    swarmUnlock: unsupported,
    async info() {
      const swarm = world.noSwarm
        ? inactiveSwarm()
        : { ...inactiveSwarm(), LocalNodeState: 'active' as const, NodeID: NODE_ID, ControlAvailable: true };
      return systemInfo({ id: '', hostname: HOSTNAME, containers, swarm, systemTime: '2026-11-28T10:00:00Z' });
    },
    serverVersion: unsupported,
    secretCreate: unsupported,
    async secretList() {
      manager();
      return world.secrets ?? [];
    },
    async secretInspect(ref) {
      manager();
      return resolve(world.secrets ?? [], ref, (s) => s.Spec.Name, 'secret');
    },
    secretRemove: unsupported,
    secretUpdate: unsupported,
    secretDataEquals: unsupported,
    configCreate: unsupported,
    configList: unsupported,
    configInspect: unsupported,
    configRemove: unsupported,
    configUpdate: unsupported,
    networkCreate: unsupported,
    networkInspect: unsupported,
    networkList: unsupported,
    networkRemove: unsupported,
    serviceCreate: unsupported,
    async serviceInspect(ref) {
      manager();
      const { ServiceStatus: _status, ...service } = resolve(services, ref, (s) => s.Spec.Name, 'service');
      return service;
    },
    async serviceList(filters) {
      manager();
      for (const key of filters.keys()) if (!['id', 'name', 'label', 'mode'].includes(key)) throw invalidFilter(key);
      return services.filter((s) => {
        const ids = filters.get('id');
        if (ids && !ids.some((p) => s.ID.startsWith(p))) return false;
        const names = filters.get('name');
        if (names && !names.some((p) => s.Spec.Name.startsWith(p))) return false;
        const modes = filters.get('mode');
        if (modes && !modes.includes('Global' in s.Spec.Mode ? 'global' : 'replicated')) return false;
        return (filters.get('label') ?? []).every((l) => {
          const [k, v] = l.split('=');
          return k in s.Spec.Labels && (v === undefined || s.Spec.Labels[k] === v);
        });
      }) as (Service & { ServiceStatus: ServiceStatus })[];
    },
    serviceUpdate: unsupported,
    serviceRemove: unsupported,
    async taskList(filters) {
      manager();
      const states = filters.get('desired-state');
      for (const s of states ?? [])
        if (!['running', 'shutdown', 'accepted'].includes(s)) throw new DaemonError(`Invalid desired-state filter: '${s}'`, 400);
      return tasks.filter((t) => {
        const svc = filters.get('service');
        if (svc && !svc.includes(t.ServiceID)) return false;
        if (states && !states.includes(t.DesiredState)) return false;
        const nodes = filters.get('node');
        if (nodes && !nodes.some((n) => n === t.NodeID || n === HOSTNAME)) return false;
        const names = filters.get('name');
        const service = services.find((s) => s.ID === t.ServiceID);
        if (names && !names.some((p) => `${service?.Spec.Name}.${t.Slot ?? t.NodeID}.${t.ID}`.startsWith(p))) return false;
        return true;
      });
    },
    async taskInspect(ref) {
      manager();
      return resolveTask(tasks, services, ref);
    },
    async nodeList(): Promise<Node[]> {
      manager();
      return [nodeObject(FIXTURE_SWARM, HOSTNAME)];
    },
    nodeInspect: unsupported,
    nodeUpdate: unsupported,
    nodeRemove: unsupported,
    networksPrune: unsupported,
    volumeCreate: unsupported,
    volumeInspect: unsupported,
    volumeList: unsupported,
    volumeRemove: unsupported,
    volumesPrune: unsupported,
    async containerList({ all, filters }) {
      const names = filters.get('name');
      const statuses = filters.get('status');
      return containers
        .filter((c) => (all || statuses ? true : c.State.Running))
        .filter((c) => !statuses || statuses.includes(c.State.Status))
        .filter((c) => !names || names.some((n) => new RegExp(n).test(c.Name)))
        .sort((a, b) => (a.Created < b.Created ? 1 : -1));
    },
    async containerInspect(ref) {
      const hit = containers.find((c) => c.Id === ref) ?? containers.find((c) => c.Name === `/${ref}`);
      if (hit) return hit;
      const prefixed = containers.filter((c) => ref !== '' && c.Id.startsWith(ref));
      if (prefixed.length === 1) return prefixed[0];
      if (prefixed.length > 1) throw new DaemonError(`multiple IDs found with provided prefix: ${ref}`, 400);
      throw new DaemonError(`No such container: ${ref}`, 404);
    },
    containerStop: unsupported,
    containerRemove: unsupported,
    containerExec: unsupported,
  };
}

const group = (use: string, subcommands: CommandSpec[]): CommandSpec => ({ use, short: use, subcommands });

const ROOT: CommandSpec = {
  use: 'docker [OPTIONS] COMMAND [ARG...]',
  short: 'root',
  subcommands: [
    group('service', [serviceListCommand, servicePsCommand, serviceInspectCommand, serviceLogsCommand]),
    group('container', [containerListCommand, containerInspectCommand]),
    psCommand,
    systemInspectCommand,
  ],
};

export interface Output {
  stdout: string;
  stderr: string;
  exit: number;
}

/** Runs `docker <argv>` against the fake engine with the clock frozen at NOW. */
export async function docker(world: World, argv: string[], nowMs = NOW): Promise<Output> {
  const { io, stdout, stderr } = testStreams({ cwd: '/', now: () => nowMs });
  const engine = fakeEngine(world);
  const exit = await execute(ROOT, argv, io, () => engine);
  return { stdout: stdout.text(), stderr: stderr.text(), exit };
}
