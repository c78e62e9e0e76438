// The swarm orchestrator, converged at once (swarmkit orchestrator/replicated, global, jobs,
// restart, taskreaper): every desired slot gets a task, which the scheduler places on the node or
// leaves Pending; a placed task's container is created and started unless the executor rejects
// or fails it, and a failed task is restarted as its restart policy says; a changed task template
// replaces tasks stop-first; scaled-away slots vanish; a job's tasks run their command to
// completion; each slot keeps at most the swarm's task-history limit of tasks.
// The node's availability decides placement (swarmkit scheduler, global orchestrator): a drained
// node runs nothing, a paused one takes no new task.

import type { Container, Service, Task } from '../../api/services.js';
import type { MountPoint, Volume } from '../../api/volumes.js';
import { randomBytes } from '../../determinism/entropy.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { GoTime } from '../../go/time/time.js';
import type { State, SwarmRecord } from '../../store/state.js';
import { newObjectId } from '../ids.js';
import { imageDefaults } from '../images.js';
import { createFailure, exposedPorts, mountPoints, startFailure, type TaskFailure, taskHostConfig } from './executor.js';
import { expandContainerSpec } from './expand.js';
import { type NodeInfo, schedulingFailure, thisNode } from './scheduler.js';
import { configFileData } from './secret-template.js';
import { ANONYMOUS_LABEL, createVolume } from './volumes.js';

/** Runs a job task's command in its container: the exit code (the simulated exec, loaded by the engine). */
export type JobRunner = (container: Container, service: Service, task: Task) => number;

export interface Clock {
  now: () => string;
  hostname: string;
  /** Present when a job may need to run; without it a job's task completes with 0. */
  runJob?: JobRunner;
}

const isReplicated = (s: Service): boolean => 'Replicated' in s.Spec.Mode;
export const isJob = (s: Service): boolean => 'ReplicatedJob' in s.Spec.Mode || 'GlobalJob' in s.Spec.Mode;

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

/** Tasks of a slot share a slot number (replicated) or a node (global). */
const slotOf = (t: Task): number => t.Slot ?? 0;

const sameTemplate = (task: Task, service: Service): boolean => JSON.stringify(task.Spec) === JSON.stringify(service.Spec.TaskTemplate);

/** A task the orchestrator still wants to run (desired running, or ready while it waits to restart). */
const isLive = (t: Task): boolean => t.DesiredState === 'running' || t.DesiredState === 'ready';

/** Whether the service's current spec makes the orchestrator replace a running task (IsTaskDirty). */
export function hasDirtyTasks(state: State, service: Service): boolean {
  return state.tasks.some((t) => t.ServiceID === service.ID && isLive(t) && !sameTemplate(t, service));
}

export function reconcile(state: State, clock: Clock): void {
  const swarm = state.swarm as SwarmRecord;
  const node = thisNode(state, clock.hostname);
  const live = new Set(state.services.map((s) => s.ID));
  // A removed service's tasks and containers go with it.
  for (const task of state.tasks.filter((t) => !live.has(t.ServiceID))) deleteTask(state, task, clock);

  for (const service of state.services) {
    if (isJob(service)) reconcileJob(state, swarm, service, clock, node);
    else reconcileService(state, swarm, service, clock, node);
    reapHistory(state, swarm, service, clock);
  }
}

function reconcileService(state: State, swarm: SwarmRecord, service: Service, clock: Clock, node: NodeInfo): void {
  const wanted = new Set(desiredSlots(state, service));
  for (const task of state.tasks.filter((t) => t.ServiceID === service.ID && isLive(t))) {
    if (!wanted.has(slotOf(task))) {
      // Scaled away: shut down, then reaped at once, so it leaves `service ps` as in docker.
      // A global task no node may run (drained) is shut down and stays in the history.
      if (isReplicated(service)) deleteTask(state, task, clock);
      else shutdownTask(state, task, clock, 'shutdown');
    } else if (!sameTemplate(task, service)) {
      shutdownTask(state, task, clock, 'shutdown');
    } else if (node.availability === 'drain' && task.NodeID !== '') {
      // drained: the task stops, and the orchestrator asks for a replacement the scheduler cannot place
      shutdownTask(state, task, clock, 'shutdown');
    }
  }
  retryPending(state, swarm, service, clock, node);
  for (const slot of wanted) {
    const tasks = state.tasks.filter((t) => t.ServiceID === service.ID && slotOf(t) === slot);
    if (tasks.some(isLive)) continue;
    // a global service places no task on a node that takes none
    if (!isReplicated(service) && node.availability !== 'active') continue;
    // a dead slot whose last task ended by itself and is not to be restarted stays as it is
    // (UpdatableTasksInSlot); one the orchestrator shut down is replaced
    const last = newest(tasks);
    if (last && last.Status.State !== 'shutdown' && !shouldRestart(service, last, tasks)) continue;
    runSlot(state, swarm, service, slot, clock, node);
  }
}

/** The most recently changed task of a list. */
function newest(tasks: Task[]): Task | undefined {
  return [...tasks].sort((a, b) => a.Version.Index - b.Version.Index).at(-1);
}

/**
 * restart.Supervisor.shouldRestart: the condition (any by default; on-failure not after a clean
 * exit), then MaxAttempts counted over the slot's tasks of this template that ended by themselves.
 */
function shouldRestart(service: Service, task: Task, slotTasks: Task[]): boolean {
  const policy = task.Spec.RestartPolicy;
  const condition = policy?.Condition || 'any';
  if (condition !== 'any' && (condition !== 'on-failure' || task.Status.State === 'complete')) return false;
  const max = policy?.MaxAttempts ?? 0;
  if (max === 0) return true;
  const ended = slotTasks.filter((t) => sameTemplate(t, service) && ['failed', 'rejected', 'complete'].includes(t.Status.State)).length;
  return ended <= max;
}

/** How many tasks a failing slot goes through in one convergence, whatever the history limit. */
const MAX_RESTARTS_AT_ONCE = 20;

/**
 * Starts a task in the slot; while it fails and the restart policy restarts it, starts the next.
 * swarmkit waits the restart delay each time; converging at once, the simulation stops after the
 * task history a slot keeps and leaves the next restart waiting (desired and current state Ready).
 */
function runSlot(
  state: State,
  swarm: SwarmRecord,
  service: Service,
  slot: number,
  clock: Clock,
  node: NodeInfo,
  jobIteration?: number,
): void {
  // a swarm keeping a long task history still stops restarting at once after a few
  const limit = Math.min(Math.max(swarm.TaskHistoryRetentionLimit, 1), MAX_RESTARTS_AT_ONCE);
  let task = startTask(state, swarm, service, slot, clock, node, jobIteration);
  for (;;) {
    if (!['failed', 'rejected'].includes(task.Status.State)) return;
    const slotTasks = state.tasks.filter(
      (t) =>
        t.ServiceID === service.ID &&
        slotOf(t) === slot &&
        (jobIteration === undefined || (t.JobIteration !== undefined && (t.JobIteration.Index ?? 0) === jobIteration)),
    );
    if (!shouldRestart(service, task, slotTasks)) return;
    if (slotTasks.length >= limit) {
      newTask(state, swarm, service, slot, clock, node, jobIteration, 'ready');
      return;
    }
    task = startTask(state, swarm, service, slot, clock, node, jobIteration);
  }
}

/** Pending tasks the scheduler may place now (a freed resource, a changed node). */
function retryPending(state: State, swarm: SwarmRecord, service: Service, clock: Clock, node: NodeInfo): void {
  for (const task of state.tasks.filter(
    (t) => t.ServiceID === service.ID && t.Status.State === 'pending' && (isLive(t) || t.DesiredState === 'complete'),
  )) {
    const why = schedulingFailure(task, service, state, node);
    if (why) {
      task.Status.Err = why;
      continue;
    }
    place(state, swarm, service, task, clock, node);
  }
}

/** A new task for the slot (orchestrator.NewTask), not yet placed. */
function newTask(
  state: State,
  swarm: SwarmRecord,
  service: Service,
  slot: number,
  clock: Clock,
  node: NodeInfo,
  jobIteration?: number,
  desired: Task['DesiredState'] = jobIteration === undefined ? 'running' : 'complete',
): Task {
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
    ...(slot ? { Slot: slot } : {}),
    NodeID: '',
    Status: { Timestamp: now, State: desired === 'ready' ? 'ready' : 'new', Message: desired === 'ready' ? 'restarting' : 'created' },
    DesiredState: desired,
    ...(jobIteration !== undefined ? { JobIteration: jobIteration ? { Index: jobIteration } : {} } : {}),
  };
  if (desired === 'ready') task.NodeID = node.id;
  state.tasks.push(task);
  return task;
}

/** Creates the slot's task and has the scheduler place it. */
function startTask(
  state: State,
  swarm: SwarmRecord,
  service: Service,
  slot: number,
  clock: Clock,
  node: NodeInfo,
  jobIteration?: number,
): Task {
  const task = newTask(state, swarm, service, slot, clock, node, jobIteration);
  const why = schedulingFailure(task, service, state, node);
  if (why) {
    task.Status = { Timestamp: task.Status.Timestamp, State: 'pending', Message: 'pending task scheduling', Err: why };
    return task;
  }
  place(state, swarm, service, task, clock, node);
  return task;
}

/** The task on the node: its container created and started, or the executor's refusal. */
function place(state: State, swarm: SwarmRecord, service: Service, task: Task, clock: Clock, node: NodeInfo): void {
  const now = clock.now();
  task.NodeID = node.id;
  task.UpdatedAt = now;
  const slotName = task.Slot ? String(task.Slot) : node.id;
  const taskName = `${service.Spec.Name}.${slotName}.${task.ID}`;
  const end = (f: TaskFailure) => {
    task.DesiredState = 'shutdown';
    task.Status = { Timestamp: now, State: f.state, Message: f.state === 'rejected' ? 'preparing' : 'starting', Err: f.err };
  };
  let spec: Task['Spec']['ContainerSpec'];
  try {
    spec = expandContainerSpec(task.Spec.ContainerSpec, {
      service: { id: service.ID, name: service.Spec.Name, labels: service.Spec.Labels },
      node: { id: node.id, hostname: node.hostname, os: node.os, architecture: node.architecture },
      task: { id: task.ID, name: taskName, slot: slotName },
    });
  } catch (err) {
    end({ state: 'rejected', err: (err as Error).message });
    return;
  }
  const rejected = createFailure(spec);
  if (rejected) return end(rejected);
  // the node creates the container's volumes: a named one it lacks from the mount's options (as
  // the daemon does when it creates the container), a volume mount without a source a new
  // anonymous one
  const volumes = new Map<string, MountPoint>();
  for (const m of spec.Mounts ?? []) {
    if (m.Type !== 'volume') continue;
    let volume: Volume;
    try {
      ({ volume } = placeVolume(
        state,
        m.Source ?? '',
        m.VolumeOptions?.DriverConfig?.Name ?? '',
        m.VolumeOptions?.DriverConfig?.Options ?? {},
        m.VolumeOptions?.Labels ?? {},
        now,
      ));
    } catch (err) {
      // the node rejects the task: it cannot make its container
      return end({ state: 'rejected', err: (err as Error).message.replace(/^Error response from daemon: /, '') });
    }
    volumes.set(m.Target, {
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
  const failed = startFailure(spec);
  if (failed) return end(failed);

  const containerID = randomBytes(32).toString('hex');
  const hostPorts = (service.Spec.EndpointSpec.Ports ?? []).filter((p) => p.PublishMode === 'host').map((p) => ({ ...p }));
  task.Status = {
    Timestamp: now,
    State: 'running',
    Message: 'started',
    ContainerStatus: { ContainerID: containerID, PID: 0, ExitCode: 0 },
    // ports published in host mode are bound by the task on its node, each twice: on 0.0.0.0
    // and on :: (service ps shows both)
    ...(hostPorts.length ? { PortStatus: { Ports: hostPorts.flatMap((p) => [p, { ...p }]) } } : {}),
  };
  const labels: Record<string, string> = {
    ...(spec.Labels ?? {}),
    'com.docker.swarm.node.id': node.id,
    'com.docker.swarm.service.id': service.ID,
    'com.docker.swarm.service.name': service.Spec.Name,
    'com.docker.swarm.task': '',
    'com.docker.swarm.task.id': task.ID,
    'com.docker.swarm.task.name': taskName,
  };
  const image = imageDefaults(spec.Image);
  const stackNamespace = service.Spec.Labels['com.docker.stack.namespace'];
  if (stackNamespace !== undefined) labels['com.docker.stack.namespace'] = stackNamespace;
  const health = spec.Healthcheck?.Test?.[0] === 'NONE' ? undefined : spec.Healthcheck;
  const exposed = exposedPorts(hostPorts);
  const container: Container = {
    Id: containerID,
    Name: `/${taskName}`,
    Created: now,
    Image: spec.Image.replace(/@sha256:[0-9a-f]+$/, ''),
    State: {
      Status: 'running',
      Running: true,
      ExitCode: 0,
      StartedAt: now,
      FinishedAt: '0001-01-01T00:00:00Z',
      // the simulation's health checks pass
      ...(health && Object.keys(health).length ? { Health: { Status: 'healthy', FailingStreak: 0 } } : {}),
    },
    Config: {
      Hostname: spec.Hostname || containerID.slice(0, 12),
      User: spec.User ?? '',
      Env: [...(spec.Env ?? [])],
      // the service's command and args replace the image's (swarmkit container config)
      Cmd: spec.Args?.length ? [...spec.Args] : spec.Command?.length ? null : image.Cmd,
      Entrypoint: spec.Command?.length ? [...spec.Command] : image.Entrypoint,
      WorkingDir: spec.Dir ?? '',
      Labels: labels,
      ...(spec.TTY ? { Tty: true } : {}),
      ...(exposed ? { ExposedPorts: exposed } : {}),
      ...(spec.Healthcheck ? { Healthcheck: { ...spec.Healthcheck } } : {}),
      ...(spec.StopSignal ? { StopSignal: spec.StopSignal } : {}),
    },
    HostConfig: taskHostConfig({ ...task.Spec, ContainerSpec: spec }, hostPorts),
    Mounts: mountPoints(spec).map((mp) => (mp.Type === 'volume' ? (volumes.get(mp.Destination) ?? mp) : mp)),
    SecretMounts: (spec.Secrets ?? []).map((ref) => ({
      Target: ref.File.Name.startsWith('/') ? ref.File.Name : `/run/secrets/${ref.File.Name}`,
      SecretID: ref.SecretID,
      SecretName: ref.SecretName,
      UID: ref.File.UID,
      GID: ref.File.GID,
      Mode: ref.File.Mode,
    })),
    // runtime-only references (a credential spec) are not mounted; a relative target is under /
    ConfigMounts: (spec.Configs ?? []).flatMap(({ File: file, ConfigID, ConfigName }) =>
      file ? [{ Target: cleanPath(`/${file.Name}`), ConfigID, ConfigName, UID: file.UID, GID: file.GID, Mode: file.Mode }] : [],
    ),
    TaskID: task.ID,
    ServiceID: service.ID,
  };
  state.containers.push(container);
  const failure = mountStartFailure(state, service, task, container);
  if (failure) {
    // the container was created but never ran: the task fails where it was starting
    task.DesiredState = 'shutdown';
    task.Status = { ...task.Status, State: 'failed', Message: 'starting', Err: `starting container failed: ${failure}` };
    container.State = { ...container.State, Status: 'created', Running: false, ExitCode: 128, StartedAt: '0001-01-01T00:00:00Z' };
    return;
  }
  if (task.JobIteration !== undefined) finishJobTask(state, service, task, container, clock);
}

/**
 * A job's task runs its command to the end: exit 0 completes it, any other code fails it. A task
 * running the image's own process (a server that does not exit) keeps running.
 */
function finishJobTask(state: State, service: Service, task: Task, container: Container, clock: Clock): void {
  const spec = task.Spec.ContainerSpec;
  if (!spec.Args?.length && !spec.Command?.length) return;
  const code = clock.runJob ? clock.runJob(container, service, task) : 0;
  const now = clock.now();
  exitContainer(container, code, now);
  if (task.Status.ContainerStatus) task.Status.ContainerStatus.ExitCode = code;
  if (code === 0) {
    task.Status = { ...task.Status, Timestamp: now, State: 'complete', Message: 'finished' };
  } else {
    task.DesiredState = 'shutdown';
    task.Status = { ...task.Status, Timestamp: now, State: 'failed', Message: 'started', Err: `task: non-zero exit (${code})` };
  }
  task.UpdatedAt = now;
}

/**
 * A job (jobs/replicated and jobs/global reconcilers): the tasks of the current iteration run
 * until TotalCompletions of them completed, MaxConcurrent at a time, each in its own slot
 * 0..TotalCompletions-1 (a global job: one task on the node); tasks of earlier iterations that
 * still run are removed.
 */
function reconcileJob(state: State, swarm: SwarmRecord, service: Service, clock: Clock, node: NodeInfo): void {
  const iteration = service.JobStatus?.JobIteration.Index ?? 0;
  const own = () => state.tasks.filter((t) => t.ServiceID === service.ID);
  for (const task of own()) {
    if ((task.JobIteration?.Index ?? 0) !== iteration && ['new', 'pending', 'assigned', 'running'].includes(task.Status.State))
      shutdownTask(state, task, clock, 'shutdown');
  }
  retryPending(state, swarm, service, clock, node);
  const current = () => own().filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
  if ('GlobalJob' in service.Spec.Mode) {
    if (current().length === 0 && node.availability === 'active') runSlot(state, swarm, service, 0, clock, node, iteration);
    return;
  }
  if (!('ReplicatedJob' in service.Spec.Mode)) return;
  const { MaxConcurrent, TotalCompletions } = service.Spec.Mode.ReplicatedJob;
  for (;;) {
    // each slot counts by its newest task: completed, or still to complete (running, pending,
    // waiting to restart, or failed for good)
    const bySlot = new Map<number, Task>();
    for (const t of current()) {
      const seen = bySlot.get(slotOf(t));
      if (!seen || seen.Version.Index < t.Version.Index) bySlot.set(slotOf(t), t);
    }
    const slots = new Set(bySlot.keys());
    let complete = 0;
    let running = 0;
    for (const t of bySlot.values()) {
      if (t.Status.State === 'complete') complete++;
      else running++;
    }
    const toCreate = Math.min(MaxConcurrent - running, TotalCompletions - complete - running);
    if (toCreate <= 0) return;
    for (let i = 0; i < toCreate; i++) {
      let slot = 0;
      while (slots.has(slot) && slot < TotalCompletions) slot++;
      slots.add(slot);
      runSlot(state, swarm, service, slot, clock, node, iteration);
    }
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
function mountStartFailure(state: State, service: Service, task: Task, container: Container): string | undefined {
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
  delete task.Status.Err;
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

/** Keeps at most the history limit of tasks per slot, the live one included; oldest go first. */
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
      .filter((t) => !isLive(t) && t.DesiredState !== 'complete')
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
