// Service rules of swarmkit's control API (controlapi/service.go, common.go) and moby's lookups.

import type { PortConfig, Service, ServiceSpec, Task } from '../../api/services.js';
import type { Secret } from '../../api/swarm.js';
import type { ConfigRecord } from '../../store/state.js';
import { MAX_REPLICAS } from '../../store/state-schema.js';
import { DaemonError, objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';
import { parseImageReference } from '../image-reference.js';
import { expandContainerSpec, VALIDATION_CONTEXT } from './expand.js';

const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/** The secrets and configs a spec may reference. */
export interface ReferencedObjects {
  secrets: Secret[];
  configs: ConfigRecord[];
}

/** swarmkit constraint.Parse: `key==value` / `key!=value` with its key and value patterns. */
export function parseConstraints(constraints: readonly string[]): { key: string; op: '==' | '!='; value: string }[] {
  return constraints.map((e) => {
    for (const op of ['==', '!='] as const) {
      const at = e.indexOf(op);
      if (at < 0) continue;
      const key = e.slice(0, at).trim();
      if (!/^[a-z_][a-z0-9\-_.]+$/i.test(key)) throw rpcError('Unknown', `key '${key}' is invalid`);
      const value = e.slice(at + op.length).trim();
      if (!/^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i.test(value)) throw rpcError('Unknown', `value '${value}' is invalid`);
      return { key, op, value };
    }
    throw rpcError('Unknown', 'constraint expected one operator from ==, !=');
  });
}

const MINIMUM_DURATION_NS = 1e6;

/** controlapi validateResources: 0 is unset; below a millicpu or 4 MiB is refused. */
function validateResources(r: { NanoCPUs?: number; MemoryBytes?: number } | undefined): void {
  if (!r) return;
  if (r.NanoCPUs && r.NanoCPUs < 1e6) {
    throw rpcError('InvalidArgument', `invalid cpu value ${formatG(r.NanoCPUs / 1e9)}: Must be at least 0.001`);
  }
  if (r.MemoryBytes && r.MemoryBytes < 4 * 1024 * 1024)
    throw rpcError('InvalidArgument', `invalid memory value ${r.MemoryBytes}: Must be at least 4MiB`);
}

/** Go's %g for the small floats above. */
const formatG = (x: number): string => (x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : String(x));

/** controlapi validateHealthCheck. */
function validateHealthCheck(hc: ServiceSpec['TaskTemplate']['ContainerSpec']['Healthcheck']): void {
  if (!hc) return;
  for (const [field, v] of [
    ['Interval', hc.Interval],
    ['Timeout', hc.Timeout],
    ['StartPeriod', hc.StartPeriod],
  ] as const) {
    if (v && v < MINIMUM_DURATION_NS) throw rpcError('InvalidArgument', `ContainerSpec: ${field} in HealthConfig cannot be less than 1ms`);
  }
  if ((hc.Retries ?? 0) < 0) throw rpcError('InvalidArgument', 'ContainerSpec: Retries in HealthConfig cannot be negative');
}

const isJob = (spec: ServiceSpec): boolean => 'ReplicatedJob' in spec.Mode || 'GlobalJob' in spec.Mode;

/**
 * swarmkit controlapi validateServiceSpec, in its order: the name, the task spec (resources,
 * restart policy, placement constraints, secret and config references, the container spec
 * expanded on a dummy task, its image, mounts and healthcheck), the mode, the update config (a job
 * may have none), the endpoint. The references' existence is checkReferencesExistence's.
 */
export function validateServiceSpec(spec: ServiceSpec): void {
  if (spec.Name === '') throw rpcError('InvalidArgument', 'meta: name must be provided');
  if (!DNS_COMPONENT.test(spec.Name)) throw rpcError('InvalidArgument', 'name must be valid as a DNS name component');
  if (spec.Name.length > 63) throw rpcError('InvalidArgument', 'name must be 63 characters or fewer');
  const task = spec.TaskTemplate;
  validateResources(task.Resources.Limits);
  validateResources(task.Resources.Reservations);
  if ((task.RestartPolicy?.Delay ?? 0) < 0) throw rpcError('InvalidArgument', 'TaskSpec: restart-delay cannot be negative');
  if ((task.RestartPolicy?.Window ?? 0) < 0) throw rpcError('InvalidArgument', 'TaskSpec: restart-window cannot be negative');
  parseConstraints(task.Placement?.Constraints ?? []);
  const secretRefs = (task.ContainerSpec.Secrets ?? []).map((r) => ({ id: r.SecretID, name: r.SecretName, file: r.File.Name }));
  const configRefs = (task.ContainerSpec.Configs ?? []).map((r) => ({
    id: r.ConfigID,
    name: r.ConfigName,
    file: r.File?.Name,
    runtime: r.Runtime !== undefined,
  }));
  // validateContainerSpec: secret then config references
  validateReferences('secret', secretRefs);
  validateReferences('config', configRefs);
  let container: ServiceSpec['TaskTemplate']['ContainerSpec'];
  try {
    container = expandContainerSpec(task.ContainerSpec, VALIDATION_CONTEXT);
  } catch (err) {
    throw rpcError('InvalidArgument', (err as Error).message);
  }
  if (container.Image === '') throw rpcError('InvalidArgument', 'ContainerSpec: image reference must be provided');
  if (!parseImageReference(container.Image))
    throw rpcError('InvalidArgument', `ContainerSpec: ${JSON.stringify(container.Image)} is not a valid repository/tag`);
  const targets = new Set<string>();
  for (const m of container.Mounts ?? []) {
    if (targets.has(m.Target)) throw rpcError('InvalidArgument', `ContainerSpec: duplicate mount point: ${m.Target}`);
    targets.add(m.Target);
  }
  validateHealthCheck(container.Healthcheck);
  // swarmkit takes any uint64 and its orchestrator then works through them; the simulation
  // converges at once with every task in the state file, which has to end somewhere
  const count =
    'Replicated' in spec.Mode
      ? spec.Mode.Replicated.Replicas
      : 'ReplicatedJob' in spec.Mode
        ? Math.max(spec.Mode.ReplicatedJob.TotalCompletions, spec.Mode.ReplicatedJob.MaxConcurrent)
        : 0;
  if (count > MAX_REPLICAS) throw new Error(`tsecret does not simulate more than ${MAX_REPLICAS} replicas of a service`);
  if (isJob(spec)) {
    if (spec.UpdateConfig) throw rpcError('InvalidArgument', 'Jobs may not have an update config');
  } else if (spec.UpdateConfig) {
    const u = spec.UpdateConfig;
    if ((u.Delay ?? 0) < 0) throw rpcError('InvalidArgument', 'TaskSpec: update-delay cannot be negative');
    if ((u.Monitor ?? 0) < 0) throw rpcError('InvalidArgument', 'TaskSpec: update-monitor cannot be negative');
    if (u.MaxFailureRatio < 0 || u.MaxFailureRatio > 1)
      throw rpcError('InvalidArgument', 'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1');
  }
  const published = new Set<string>();
  for (const p of spec.EndpointSpec.Ports ?? []) {
    if (spec.EndpointSpec.Mode === 'dnsrr' && p.PublishMode === 'ingress') {
      throw rpcError('InvalidArgument', "EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
    }
    if (!p.PublishedPort) continue;
    const key = `${p.PublishedPort}/${p.Protocol}`;
    if (published.has(key)) throw rpcError('InvalidArgument', 'EndpointSpec: duplicate published ports provided');
    published.add(key);
  }
}

interface Reference {
  id: string;
  name: string;
  /** The file target's name; undefined for a config with a runtime target only. */
  file?: string;
  runtime?: boolean;
}

/** validateSecretRefsSpec / validateConfigRefsSpec: IDs and names set, file targets unique. */
function validateReferences(kind: 'secret' | 'config', refs: Reference[]): void {
  const byTarget = new Map<string, string>();
  for (const ref of refs) {
    if (!ref.id || !ref.name) throw rpcError('InvalidArgument', `malformed ${kind} reference`);
    if (ref.file === undefined) {
      if (!ref.runtime) throw rpcError('InvalidArgument', `malformed ${kind} reference, no target provided`);
      continue;
    }
    if (ref.file === '' && kind === 'config') {
      throw rpcError('InvalidArgument', 'malformed file config reference, invalid target file name provided');
    }
    const previous = byTarget.get(ref.file);
    if (previous !== undefined) {
      throw rpcError('InvalidArgument', `${kind} references '${previous}' and '${ref.name}' have a conflicting target: '${ref.file}'`);
    }
    byTarget.set(ref.file, ref.name);
  }
}

/**
 * checkSecretExistence / checkConfigExistence, in the store's transaction: each ID exists and still
 * has the name given.
 */
export function checkReferencesExistence(spec: ServiceSpec, objects: ReferencedObjects): void {
  const container = spec.TaskTemplate.ContainerSpec;
  checkExistence(
    'secret',
    (container.Secrets ?? []).map((r) => ({ id: r.SecretID, name: r.SecretName })),
    objects.secrets,
  );
  checkExistence(
    'config',
    (container.Configs ?? []).map((r) => ({ id: r.ConfigID, name: r.ConfigName })),
    objects.configs,
  );
}

function checkExistence(kind: 'secret' | 'config', refs: Reference[], objects: { ID: string; Spec: { Name: string } }[]): void {
  const missing = refs.filter((r) => !objects.some((o) => o.ID === r.id && o.Spec.Name === r.name)).map((r) => r.name);
  if (missing.length === 1) throw rpcError('InvalidArgument', `${kind} not found: ${missing[0]}`);
  if (missing.length > 1) throw rpcError('InvalidArgument', `${kind}s not found: ${missing.join(', ')}`);
}

/**
 * controlapi checkPortConflicts: a published port another service holds, in its spec or its
 * allocated endpoint. An ingress port clashes with any; a host port only with an ingress one.
 */
export function checkPortConflicts(spec: ServiceSpec, others: Service[]): void {
  const key = (p: PortConfig) => `${p.PublishedPort}/${p.Protocol}`;
  const ingress = new Set<string>();
  const host = new Set<string>();
  for (const p of spec.EndpointSpec.Ports ?? []) {
    if (!p.PublishedPort) continue;
    (p.PublishMode === 'host' ? host : ingress).add(key(p));
  }
  if (ingress.size === 0 && host.size === 0) return;
  for (const service of others) {
    for (const p of [...(service.Spec.EndpointSpec.Ports ?? []), ...(service.Endpoint.Ports ?? [])]) {
      if (!p.PublishedPort) continue;
      if (p.PublishMode === 'host' && ingress.has(key(p))) {
        throw rpcError(
          'InvalidArgument',
          `port '${p.PublishedPort}' is already in use by service '${service.Spec.Name}' (${service.ID}) as a host-published port`,
        );
      }
      if (p.PublishMode === 'ingress' && (ingress.has(key(p)) || host.has(key(p)))) {
        throw rpcError(
          'InvalidArgument',
          `port '${p.PublishedPort}' is already in use by service '${service.Spec.Name}' (${service.ID}) as an ingress port`,
        );
      }
    }
  }
}

export function checkNameFree(services: Service[], name: string, except?: string): void {
  const lower = name.toLowerCase();
  if (services.some((s) => s.ID !== except && s.Spec.Name.toLowerCase() === lower)) {
    throw rpcError('AlreadyExists', `name conflicts with an existing object: service ${name} already exists`);
  }
}

/** moby getService: full ID, then exact (case-sensitive) name, then ID prefix. */
export function resolveService(services: Service[], ref: string): Service {
  if (ref === '') throw new Error('invalid service name or ID: value is empty');
  const found = services.find((s) => s.ID === ref) ?? services.find((s) => s.Spec.Name === ref);
  if (found) return found;
  const byPrefix = services.filter((s) => s.ID.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw objectAmbiguous('service', ref, byPrefix.length);
  throw objectNotFound('service', ref);
}

/** moby getTask: full ID, then the task name `<service>.<slot|nodeID>.<taskID>` (ignoring case), then ID prefix. */
export function resolveTask(tasks: Task[], services: Service[], ref: string): Task {
  const byID = tasks.find((t) => t.ID === ref);
  if (byID) return byID;
  const names = new Map(services.map((s) => [s.ID, s.Spec.Name]));
  const lower = ref.toLowerCase();
  let matches = tasks.filter((t) => `${names.get(t.ServiceID) ?? ''}.${t.Slot ? t.Slot : t.NodeID}.${t.ID}`.toLowerCase() === lower);
  if (matches.length === 0) matches = tasks.filter((t) => t.ID.startsWith(ref));
  if (matches.length > 1) throw objectAmbiguous('task', ref, matches.length);
  if (matches.length === 0) throw objectNotFound('task', ref);
  return matches[0];
}

/** The mode filter's words (moby's service list filter: replicated, global, replicated-job, global-job). */
const modeName = (s: Service): string => {
  const m = s.Spec.Mode;
  return 'Replicated' in m ? 'replicated' : 'Global' in m ? 'global' : 'ReplicatedJob' in m ? 'replicated-job' : 'global-job';
};

/** GetServices filters: keys ANDed, values of one key ORed; name is a case-sensitive prefix. */
export function filterServices(services: Service[], filters: Map<string, string[]>): Service[] {
  return services.filter((s) => {
    const ids = filters.get('id');
    if (ids && !ids.some((p) => s.ID.startsWith(p))) return false;
    const names = filters.get('name');
    if (names && !names.some((p) => s.Spec.Name.startsWith(p))) return false;
    const modes = filters.get('mode');
    if (modes && !modes.includes(modeName(s))) return false;
    return matchLabels(s.Spec.Labels, filters.get('label'));
  });
}

const TASK_STATES = [
  'new',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
];

/**
 * ListTasks filters (moby newListTasksFilters, daemon/cluster/tasks.go GetTasks): each `service`
 * value is first resolved as getService does (a miss is the daemon's "service X not found"); name
 * is a prefix of <service>.<slot>.<taskID>; label matches the service's labels as they were when
 * the task was made.
 */
export function filterTasks(
  tasks: Task[],
  services: Service[],
  nodeNames: (id: string) => string[],
  filters: Map<string, string[]>,
): Task[] {
  for (const state of filters.get('desired-state') ?? []) {
    if (!TASK_STATES.includes(state)) throw new DaemonError(`Invalid desired-state filter: '${state}'`, 400);
  }
  const svc = filters.get('service')?.map((ref) => resolveService(services, ref).ID);
  const serviceOf = (t: Task) => services.find((s) => s.ID === t.ServiceID);
  return tasks.filter((t) => {
    const service = serviceOf(t);
    const ids = filters.get('id');
    if (ids && !ids.some((p) => t.ID.startsWith(p))) return false;
    if (svc && !svc.includes(t.ServiceID)) return false;
    const names = filters.get('name');
    const taskName = `${service?.Spec.Name}.${t.Slot ?? t.NodeID}.${t.ID}`;
    if (names && !names.some((p) => taskName.startsWith(p))) return false;
    const nodes = filters.get('node');
    if (nodes && !nodes.some((n) => n === t.NodeID || nodeNames(t.NodeID).includes(n))) return false;
    const desired = filters.get('desired-state');
    if (desired && !desired.includes(t.DesiredState)) return false;
    return matchLabels(t.ServiceAnnotations?.Labels ?? service?.Spec.Labels ?? {}, filters.get('label'));
  });
}

/**
 * swarmkit UpdateService with rollback=previous: the previous spec, or FailedPrecondition. The
 * swapped-in spec must still name existing secrets (a deliberate difference: swarmkit accepts it
 * and the new task then fails to start, pausing the rollback).
 */
export function rollbackSpec(service: Service, objects: ReferencedObjects): ServiceSpec {
  if (!service.PreviousSpec) throw rpcError('FailedPrecondition', `service ${service.ID} does not have a previous spec`);
  const previous = structuredClone(service.PreviousSpec);
  validateServiceSpec(previous);
  checkReferencesExistence(previous, objects);
  return previous;
}

/**
 * The update status once the simulated swarm has converged (swarmkit controlapi UpdateService and
 * the updater): an update resets it, and only an update that replaces tasks leaves "completed";
 * a rollback always completes.
 */
export function settledUpdateStatus(rollback: boolean, replacesTasks: boolean, now: string): Service['UpdateStatus'] {
  if (rollback) return { State: 'rollback_completed', StartedAt: now, CompletedAt: now, Message: 'rollback completed' };
  if (replacesTasks) return { State: 'completed', StartedAt: now, CompletedAt: now, Message: 'update completed' };
  return undefined;
}

/**
 * The services whose current spec references the secret or config (store.ByReferencedSecretID,
 * ByReferencedConfigID: runtime-only config references count too).
 */
export function servicesUsing(services: Service[], kind: 'secret' | 'config', id: string): string[] {
  return services
    .filter((s) => {
      const container = s.Spec.TaskTemplate.ContainerSpec;
      return kind === 'secret'
        ? (container.Secrets ?? []).some((r) => r.SecretID === id)
        : (container.Configs ?? []).some((r) => r.ConfigID === id);
    })
    .map((s) => s.Spec.Name);
}
