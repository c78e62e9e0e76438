// Service rules of swarmkit's control API (controlapi/service.go, common.go) and moby's lookups.

import type { Service, ServiceSpec, Task } from '../../api/services.js';
import type { Secret } from '../../api/swarm.js';
import type { ConfigRecord } from '../../store/state.js';
import { MAX_REPLICAS } from '../../store/state-schema.js';
import { DaemonError, objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';

const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/** The secrets and configs a spec may reference. */
export interface ReferencedObjects {
  secrets: Secret[];
  configs: ConfigRecord[];
}

export function validateServiceSpec(spec: ServiceSpec, objects: ReferencedObjects): void {
  if (spec.Name === '') throw rpcError('InvalidArgument', 'meta: name must be provided');
  if (!DNS_COMPONENT.test(spec.Name)) throw rpcError('InvalidArgument', 'name must be valid as a DNS name component');
  if (spec.Name.length > 63) throw rpcError('InvalidArgument', 'name must be 63 characters or fewer');
  // swarmkit takes any uint64 and its orchestrator then works through them; the simulation
  // converges at once with every task in the state file, which has to end somewhere
  if ('Replicated' in spec.Mode && spec.Mode.Replicated.Replicas > MAX_REPLICAS) {
    throw new Error(`tsecret does not simulate more than ${MAX_REPLICAS} replicas of a service`);
  }
  const container = spec.TaskTemplate.ContainerSpec;
  const secretRefs = (container.Secrets ?? []).map((r) => ({ id: r.SecretID, name: r.SecretName, file: r.File.Name }));
  const configRefs = (container.Configs ?? []).map((r) => ({
    id: r.ConfigID,
    name: r.ConfigName,
    file: r.File?.Name,
    runtime: r.Runtime !== undefined,
  }));
  // validateContainerSpec: secret then config references; then, in the store's transaction,
  // checkSecretExistence and checkConfigExistence
  validateReferences('secret', secretRefs);
  validateReferences('config', configRefs);
  checkExistence('secret', secretRefs, objects.secrets);
  checkExistence('config', configRefs, objects.configs);
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

/** checkSecretExistence / checkConfigExistence: each ID exists and still has the name given. */
function checkExistence(kind: 'secret' | 'config', refs: Reference[], objects: { ID: string; Spec: { Name: string } }[]): void {
  const missing = refs.filter((r) => !objects.some((o) => o.ID === r.id && o.Spec.Name === r.name)).map((r) => r.name);
  if (missing.length === 1) throw rpcError('InvalidArgument', `${kind} not found: ${missing[0]}`);
  if (missing.length > 1) throw rpcError('InvalidArgument', `${kind}s not found: ${missing.join(', ')}`);
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

const modeName = (s: Service): string => ('Replicated' in s.Spec.Mode ? 'replicated' : 'global');

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
  validateServiceSpec(previous, objects);
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
