// The swarm orchestrator, converged at once: every desired slot gets a running task with one
// container; a changed task template replaces tasks stop-first; scaled-away slots vanish; each slot
// keeps at most the swarm's task-history limit of tasks (swarmkit orchestrator, taskreaper). The
// node's availability decides placement (swarmkit scheduler, global orchestrator): a drained node
// runs nothing, a paused one takes no new task; a task the scheduler cannot place waits Pending.

import type { Container, Service, Task } from '../../api/services.js';
import type { MountPoint, Volume } from '../../api/volumes.js';
import { randomBytes } from '../../determinism/entropy.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { GoTime } from '../../go/time/time.js';
import type { State, SwarmRecord } from '../../store/state.js';
import { newObjectId } from '../ids.js';
import { imageDefaults } from '../images.js';
import { configFileData } from './secret-template.js';
import { ANONYMOUS_LABEL, createVolume } from './volumes.js';

export interface Clock {
  now: () => string;
  hostname: string;
}

const isReplicated = (s: Service): boolean => 'Replicated' in s.Spec.Mode;

/**
 * The slots a service wants: 1..N when replicated; one per node (slot 0) when global, which the
 * global orchestrator gives a drained node never and a paused one only if it already runs it.
 */
function desiredSlots(state: State, service: Service): number[] {
  if (!('Replicated' in service.Spec.Mode)) {
    const availability = (state.swarm as SwarmRecord).Availability;
    if (availability === 'drain') return [];
    if (availability === 'pause' && !state.tasks.some((t) => t.ServiceID === service.ID && t.DesiredState === 'running')) return [];
    return [0];
  }
  return Array.from({ length: service.Spec.Mode.Replicated.Replicas }, (_, i) => i + 1);
}

/** swarmkit scheduler's filter explanation when the node cannot take a new task. */
const NODE_UNAVAILABLE = 'no suitable node (1 node not available for new tasks)';

/** Tasks of a slot share a slot number (replicated) or a node (global). */
const slotOf = (t: Task): number => t.Slot ?? 0;

/**
 * The restart supervisor's verdict on a slot whose last task ended under the current template:
 * condition `none` never restarts it, `on-failure` not after a clean exit.
 */
function restartRefused(state: State, service: Service, slot: number): boolean {
  const last = state.tasks
    .filter((t) => t.ServiceID === service.ID && slotOf(t) === slot)
    .reduce<Task | undefined>((a, t) => (!a || t.Version.Index > a.Version.Index ? t : a), undefined);
  if (!last || !sameTemplate(last, service) || !['failed', 'complete'].includes(last.Status.State)) return false;
  const condition = service.Spec.TaskTemplate.RestartPolicy.Condition;
  return condition === 'none' || (condition === 'on-failure' && last.Status.State === 'complete');
}

const sameTemplate = (task: Task, service: Service): boolean => JSON.stringify(task.Spec) === JSON.stringify(service.Spec.TaskTemplate);

/** Whether the service's current spec makes the orchestrator replace a running task (IsTaskDirty). */
export function hasDirtyTasks(state: State, service: Service): boolean {
  return state.tasks.some((t) => t.ServiceID === service.ID && t.DesiredState === 'running' && !sameTemplate(t, service));
}

export function reconcile(state: State, clock: Clock): void {
  const swarm = state.swarm as SwarmRecord;
  const live = new Set(state.services.map((s) => s.ID));
  // A removed service's tasks and containers go with it.
  for (const task of state.tasks.filter((t) => !live.has(t.ServiceID))) deleteTask(state, task, clock);

  for (const service of state.services) {
    const wanted = new Set(desiredSlots(state, service));
    for (const task of state.tasks.filter((t) => t.ServiceID === service.ID && t.DesiredState === 'running')) {
      if (!wanted.has(slotOf(task))) {
        // Scaled away: shut down, then reaped at once, so it leaves `service ps` as in docker.
        // A global task no node may run (drained) is shut down and stays in the history.
        if (isReplicated(service)) deleteTask(state, task, clock);
        else shutdownTask(state, task, clock, 'shutdown');
      } else if (!sameTemplate(task, service)) {
        shutdownTask(state, task, clock, 'shutdown');
      } else if (swarm.Availability === 'drain' && task.NodeID !== '') {
        // drained: the task stops, and the orchestrator asks for a replacement the scheduler cannot place
        shutdownTask(state, task, clock, 'shutdown');
      }
    }
    for (const slot of wanted) {
      const current = state.tasks.find((t) => t.ServiceID === service.ID && slotOf(t) === slot && t.DesiredState === 'running');
      if (!current) {
        if (!restartRefused(state, service, slot)) startTask(state, swarm, service, slot, clock);
      } else if (current.Status.State === 'pending' && swarm.Availability === 'active') placeTask(state, swarm, service, current, clock);
    }
    reapHistory(state, swarm, service, clock);
  }
}

/** A new task for the slot: placed on the node when it takes new tasks, else left Pending. */
function startTask(state: State, swarm: SwarmRecord, service: Service, slot: number, clock: Clock): void {
  const now = clock.now();
  const task: Task = {
    ID: newObjectId(),
    Version: { Index: ++swarm.RaftIndex },
    CreatedAt: now,
    UpdatedAt: now,
    Labels: {},
    Spec: structuredClone(service.Spec.TaskTemplate),
    ServiceID: service.ID,
    ServiceAnnotations: { Name: service.Spec.Name, Labels: { ...service.Spec.Labels } },
    ...(isReplicated(service) ? { Slot: slot } : {}),
    NodeID: '',
    Status: { Timestamp: now, State: 'pending', Message: 'pending task scheduling', Err: NODE_UNAVAILABLE },
    DesiredState: 'running',
  };
  state.tasks.push(task);
  if (swarm.Availability === 'active') placeTask(state, swarm, service, task, clock);
}

/**
 * The scheduler assigns the task to the node, which creates its volumes and starts its container.
 * A named volume the node lacks is created from the mount's options (as the daemon does when it
 * creates the container); a volume mount without a source gets a new anonymous volume.
 */
function placeTask(state: State, swarm: SwarmRecord, service: Service, task: Task, clock: Clock): void {
  const now = clock.now();
  const taskID = task.ID;
  const containerID = randomBytes(32).toString('hex');
  const template = task.Spec;
  const spec = template.ContainerSpec;
  const mounts: MountPoint[] = [];
  for (const m of spec.Mounts ?? []) {
    if (m.Type !== 'volume') continue;
    const driver = m.VolumeOptions?.DriverConfig?.Name ?? '';
    let volume: Volume;
    try {
      ({ volume } = placeVolume(
        state,
        m.Source ?? '',
        driver,
        m.VolumeOptions?.DriverConfig?.Options ?? {},
        m.VolumeOptions?.Labels ?? {},
        now,
      ));
    } catch (err) {
      // the node rejects the task: it cannot make its container
      task.NodeID = swarm.NodeID;
      task.Status = {
        Timestamp: now,
        State: 'rejected',
        Message: 'preparing',
        Err: (err as Error).message.replace(/^Error response from daemon: /, ''),
      };
      task.UpdatedAt = now;
      return;
    }
    mounts.push({
      Type: 'volume',
      Name: volume.Name,
      Source: volume.Mountpoint,
      Destination: m.Target,
      Driver: volume.Driver,
      Mode: 'z',
      RW: !m.ReadOnly,
      Propagation: '',
    });
  }
  const hostPorts = (service.Spec.EndpointSpec.Ports ?? []).filter((p) => p.PublishMode === 'host').map((p) => ({ ...p }));
  task.NodeID = swarm.NodeID;
  task.UpdatedAt = now;
  task.Status = {
    Timestamp: now,
    State: 'running',
    Message: 'started',
    ContainerStatus: { ContainerID: containerID, PID: 0, ExitCode: 0 },
    // ports published in host mode are bound by the task on its node (service ps shows them)
    ...(hostPorts.length ? { PortStatus: { Ports: hostPorts } } : {}),
  };
  const slot = slotOf(task);
  const slotName = isReplicated(service) ? String(slot) : swarm.NodeID;
  const labels: Record<string, string> = {
    ...(spec.Labels ?? {}),
    'com.docker.swarm.node.id': swarm.NodeID,
    'com.docker.swarm.service.id': service.ID,
    'com.docker.swarm.service.name': service.Spec.Name,
    'com.docker.swarm.task': '',
    'com.docker.swarm.task.id': taskID,
    'com.docker.swarm.task.name': `${service.Spec.Name}.${slotName}.${taskID}`,
  };
  const image = imageDefaults(spec.Image);
  const stackNamespace = service.Spec.Labels['com.docker.stack.namespace'];
  if (stackNamespace !== undefined) labels['com.docker.stack.namespace'] = stackNamespace;
  const container: Container = {
    Id: containerID,
    Name: `/${service.Spec.Name}.${slotName}.${taskID}`,
    Created: now,
    Image: spec.Image.replace(/@sha256:[0-9a-f]+$/, ''),
    State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: now, FinishedAt: '0001-01-01T00:00:00Z' },
    Config: {
      Hostname: spec.Hostname || containerID.slice(0, 12),
      User: spec.User ?? '',
      Env: [...(spec.Env ?? [])],
      // the service's command and args replace the image's (swarmkit container config)
      Cmd: spec.Args?.length ? [...spec.Args] : spec.Command?.length ? null : image.Cmd,
      Entrypoint: spec.Command?.length ? [...spec.Command] : image.Entrypoint,
      WorkingDir: spec.Dir ?? '',
      Labels: labels,
    },
    SecretMounts: (spec.Secrets ?? []).map((ref) => ({
      Target: ref.File.Name.startsWith('/') ? ref.File.Name : `/run/secrets/${ref.File.Name}`,
      SecretID: ref.SecretID,
      SecretName: ref.SecretName,
      UID: ref.File.UID,
      GID: ref.File.GID,
      Mode: ref.File.Mode,
    })),
    ...(mounts.length ? { Mounts: mounts } : {}),
    // runtime-only references (a credential spec) are not mounted; a relative target is under /
    ConfigMounts: (spec.Configs ?? []).flatMap(({ File: file, ConfigID, ConfigName }) =>
      file ? [{ Target: cleanPath(`/${file.Name}`), ConfigID, ConfigName, UID: file.UID, GID: file.GID, Mode: file.Mode }] : [],
    ),
    TaskID: taskID,
    ServiceID: service.ID,
  };
  state.containers.push(container);
  const failure = startFailure(state, service, task, container);
  if (failure) {
    // the container was created but never ran: the task fails where it was starting
    task.DesiredState = 'shutdown';
    task.Status = { ...task.Status, State: 'failed', Message: 'starting', Err: `starting container failed: ${failure}` };
    container.State = { ...container.State, Status: 'created', Running: false, ExitCode: 128, StartedAt: '0001-01-01T00:00:00Z' };
  }
}

/** filepath.Clean of an absolute path. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** strconv.Atoi's error, or undefined for a decimal that fits an int. */
function atoiError(s: string): string | undefined {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${quoteGo(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return `strconv.Atoi: parsing ${quoteGo(s)}: value out of range`;
  return undefined;
}

/**
 * What stops the task's container from starting (moby setupSecretDir, setupConfigDir): an owner
 * that is not a number, a templated config that does not render.
 */
function startFailure(state: State, service: Service, task: Task, container: Container): string | undefined {
  for (const m of container.SecretMounts) {
    const err = atoiError(m.UID) ?? atoiError(m.GID);
    if (err) return err;
  }
  for (const m of container.ConfigMounts) {
    const record = state.configs.find((c) => c.ID === m.ConfigID);
    if (!record) return `unable to get config from config store: config ${m.ConfigID} not found`;
    try {
      const config = { ID: record.ID, Spec: { ...record.Spec, Data: Buffer.from(record.Spec.Data, 'base64') } };
      configFileData(config, container, {
        service,
        task,
        nodeID: task.NodeID,
        // what a secret holds cannot make a template fail to render: only that it is mounted
        payload: () => Buffer.alloc(0),
        configData: (id) => {
          const c = state.configs.find((x) => x.ID === id);
          return c && Buffer.from(c.Spec.Data, 'base64');
        },
      });
    } catch (err) {
      return `unable to get config from config store: ${(err as Error).message}`;
    }
    const err = atoiError(m.UID) ?? atoiError(m.GID);
    if (err) return err;
  }
  return undefined;
}

/** A task's volume: the node's volume of that name, or a new one (anonymous when the name is empty). */
function placeVolume(
  state: State,
  name: string,
  driver: string,
  options: Record<string, string>,
  labels: Record<string, string>,
  now: string,
) {
  const result = createVolume(state.volumes, { Name: name, Driver: driver, DriverOpts: options, Labels: labels }, now);
  if (result.created) state.volumes.push(result.volume);
  return result;
}

/** Ends a task: its container exits (0 on SIGTERM), the task reaches `state`, desired `shutdown`. */
export function shutdownTask(state: State, task: Task, clock: Clock, finalState: 'shutdown' | 'complete'): void {
  const now = clock.now();
  task.DesiredState = 'shutdown';
  task.Status = { ...task.Status, Timestamp: now, State: finalState, Message: finalState === 'complete' ? 'finished' : 'shutdown' };
  task.UpdatedAt = now;
  const container = state.containers.find((c) => c.TaskID === task.ID);
  if (container?.State.Running) exitContainer(container, 0, now);
}

export function exitContainer(container: Container, exitCode: number, now: string): void {
  container.State = { ...container.State, Status: 'exited', Running: false, ExitCode: exitCode, FinishedAt: now };
}

/**
 * The task leaves the store and its container is removed with its anonymous volumes (the executor
 * removes containers with RemoveVolume; a named volume stays).
 */
function deleteTask(state: State, task: Task, clock: Clock): void {
  shutdownTask(state, task, clock, 'shutdown');
  state.tasks = state.tasks.filter((t) => t !== task);
  removeContainers(
    state,
    state.containers.filter((c) => c.TaskID === task.ID),
  );
}

/** Removes task containers as the executor does (RemoveVolume): their anonymous volumes go too. */
export function removeContainers(state: State, gone: Container[]): void {
  if (gone.length === 0) return;
  const set = new Set(gone);
  state.containers = state.containers.filter((c) => !set.has(c));
  const held = new Set(gone.flatMap((c) => (c.Mounts ?? []).map((m) => m.Name)));
  state.volumes = state.volumes.filter((v) => !(held.has(v.Name) && Object.hasOwn(v.Labels ?? {}, ANONYMOUS_LABEL)));
}

/** Keeps at most the history limit of tasks per slot, the running one included; oldest go first. */
function reapHistory(state: State, swarm: SwarmRecord, service: Service, clock: Clock): void {
  const limit = swarm.TaskHistoryRetentionLimit;
  if (limit < 0) return;
  const bySlot = new Map<number, Task[]>();
  for (const t of state.tasks) {
    if (t.ServiceID !== service.ID) continue;
    bySlot.set(slotOf(t), [...(bySlot.get(slotOf(t)) ?? []), t]);
  }
  for (const tasks of bySlot.values()) {
    // swarmkit sorts by the status timestamp (when each task reached its last state), not by age
    const finished = tasks
      .filter((t) => t.DesiredState !== 'running')
      .map((t) => ({ t, at: new GoTime(t.Status.Timestamp).UnixNano() }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.t.Version.Index - b.t.Version.Index))
      .map(({ t }) => t);
    let excess = tasks.length - Math.max(limit, 1);
    for (const t of finished) {
      if (excess-- <= 0) break;
      deleteTask(state, t, clock);
    }
  }
}
