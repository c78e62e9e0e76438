// swarmkit's scheduler (manager/scheduler/filter.go, pipeline.go, constraint/constraint.go) for
// the one node of the simulated swarm: the filters a task must pass, in swarmkit's order, and the
// explanation `service ps` shows when it cannot (`no suitable node (insufficient resources on 1
// node)`); the task then stays Pending.
import { cpus, totalmem } from 'node:os';
import type { Service, Task } from '../../api/services.js';
import type { State } from '../../store/state.js';
import { parseConstraints } from './services.js';

/** What the scheduler knows of the node (api.Node and its NodeInfo). */
export interface NodeInfo {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  /** "active", "pause" or "drain". */
  availability: string;
  labels: Record<string, string>;
  engineLabels: Record<string, string>;
  os: string;
  architecture: string;
  addr: string;
  nanoCPUs: number;
  memoryBytes: number;
}

/** Go's runtime.GOARCH as a node reports it (docker info's Architecture). */
export const nodeArchitecture = (): string => (process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch);

/** The node of the simulated swarm. */
export function thisNode(state: State, hostname: string): NodeInfo {
  const swarm = state.swarm;
  return {
    id: swarm?.NodeID ?? '',
    hostname,
    role: 'manager',
    availability: swarm?.Availability || 'active',
    // node update --label-add sets them
    labels: { ...(swarm?.NodeLabels ?? {}) },
    engineLabels: {},
    os: 'linux',
    architecture: nodeArchitecture(),
    addr: (swarm?.AdvertiseAddr ?? '').replace(/:\d+$/, ''),
    nanoCPUs: cpus().length * 1e9,
    memoryBytes: totalmem(),
  };
}

/** The plugins the node's engine reports (node inspect's Description.Engine.Plugins). */
const NODE_PLUGINS: Record<string, readonly string[]> = {
  Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'logentries', 'splunk', 'syslog'],
  Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
  Volume: ['local'],
};

const pluginExists = (type: string, name: string): boolean => (NODE_PLUGINS[type] ?? []).some((p) => p === name || p === `${name}:latest`);

/** A task that holds the node's resources and host ports: assigned to it and not yet ended. */
const isActive = (t: Task): boolean =>
  t.NodeID !== '' && ['assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'].includes(t.Status.State);

/** constraint.NodeMatches. */
function constraintsMatch(constraints: readonly string[], node: NodeInfo): boolean {
  let parsed: ReturnType<typeof parseConstraints>;
  try {
    parsed = parseConstraints(constraints);
  } catch {
    // validated by the control API; a bad one here disables the filter, as swarmkit's does
    return true;
  }
  const matchOne = (c: (typeof parsed)[number], ...values: string[]): boolean => {
    const match = values.some((v) => v.toLowerCase() === c.value.toLowerCase());
    return c.op === '==' ? match : !match;
  };
  for (const c of parsed) {
    const key = c.key.toLowerCase();
    let ok: boolean;
    if (key === 'node.id') ok = matchOne(c, node.id);
    else if (key === 'node.hostname') ok = matchOne(c, node.hostname);
    else if (key === 'node.role') ok = matchOne(c, node.role);
    else if (key === 'node.platform.os') ok = matchOne(c, node.os);
    else if (key === 'node.platform.arch') ok = matchOne(c, node.architecture);
    else if (key === 'node.ip') ok = c.op === '==' ? c.value === node.addr : c.value !== node.addr;
    else if (key.startsWith('node.labels.') && key.length > 'node.labels.'.length)
      ok = matchOne(c, node.labels[c.key.slice('node.labels.'.length)] ?? '');
    else if (key.startsWith('engine.labels.') && key.length > 'engine.labels.'.length)
      ok = matchOne(c, node.engineLabels[c.key.slice('engine.labels.'.length)] ?? '');
    else ok = false;
    if (!ok) return false;
  }
  return true;
}

/**
 * The scheduler's pipeline for a task on the one node: undefined when it fits, else the
 * explanation of the first filter that fails (ready, resources, plugins, constraints,
 * platform, host ports, max replicas per node).
 */
export function schedulingFailure(task: Task, service: Service, state: State, node: NodeInfo): string | undefined {
  const explain = (why: string) => `no suitable node (${why})`;
  if (node.availability !== 'active') return explain('1 node not available for new tasks');
  const spec = task.Spec;
  const others = state.tasks.filter((t) => t !== task && isActive(t));
  const reservations = spec.Resources?.Reservations;
  if (reservations && (reservations.NanoCPUs || reservations.MemoryBytes || reservations.GenericResources?.length)) {
    const usedCPU = others.reduce((n, t) => n + (t.Spec.Resources?.Reservations?.NanoCPUs ?? 0), 0);
    const usedMemory = others.reduce((n, t) => n + (t.Spec.Resources?.Reservations?.MemoryBytes ?? 0), 0);
    const enough =
      (reservations.NanoCPUs ?? 0) <= node.nanoCPUs - usedCPU &&
      (reservations.MemoryBytes ?? 0) <= node.memoryBytes - usedMemory &&
      // the node advertises no generic resources
      !(reservations.GenericResources ?? []).length;
    if (!enough) return explain('insufficient resources on 1 node');
  }
  const volumePlugins = (spec.ContainerSpec.Mounts ?? [])
    .filter((m) => m.Type === 'volume' && m.VolumeOptions?.DriverConfig?.Name && m.VolumeOptions.DriverConfig.Name !== 'local')
    .map((m) => m.VolumeOptions?.DriverConfig?.Name as string);
  const logDriver = spec.LogDriver?.Name ?? '';
  if (
    volumePlugins.some((p) => !pluginExists('Volume', p)) ||
    (logDriver !== '' && logDriver !== 'none' && !pluginExists('Log', logDriver))
  ) {
    return explain('missing plugin on 1 node');
  }
  if ((spec.Placement?.Constraints ?? []).length && !constraintsMatch(spec.Placement.Constraints ?? [], node)) {
    return explain('scheduling constraints not satisfied on 1 node');
  }
  const hostPorts = (task.Status.PortStatus?.Ports ?? []).filter((p) => p.PublishMode === 'host' && p.PublishedPort);
  const used = new Set(
    others.flatMap((t) =>
      (t.Status.PortStatus?.Ports ?? []).filter((p) => p.PublishMode === 'host').map((p) => `${p.PublishedPort}/${p.Protocol}`),
    ),
  );
  if (hostPorts.some((p) => used.has(`${p.PublishedPort}/${p.Protocol}`))) return explain('host-mode port already in use on 1 node');
  const max = spec.Placement?.MaxReplicas ?? 0;
  if (max > 0 && others.filter((t) => t.ServiceID === service.ID).length >= max) return explain('max replicas per node limit exceed');
  return undefined;
}
