// What `service create|update|scale|rollback` print while waiting for convergence (docker/cli
// service/progress/progress.go). The simulated swarm converges at once, so the final state is
// printed straight away: on a terminal the final screen, otherwise the plain lines docker writes.

import type { Service, Task } from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';

const BAR_WIDTH = 50;
/** progress.go's default monitor period, kept when the spec's UpdateConfig.Monitor is 0. */
const DEFAULT_MONITOR_NS = 5e9;

const isRollback = (s: Service): boolean => s.UpdateStatus?.State.startsWith('rollback') === true;

/**
 * Whether the rollback replaced tasks. swarmkit completes a rollback that changes no task at once,
 * before the CLI first looks: then docker prints no `rollback: manually requested rollback` line
 * first but `rollback: rollback completed` last.
 */
const rollbackReplacesTasks = (s: Service): boolean =>
  s.PreviousSpec !== undefined && JSON.stringify(s.PreviousSpec.TaskTemplate) !== JSON.stringify(s.Spec.TaskTemplate);

/**
 * `verify: Service <ref> converged` closes every progress; create passes the ID, others the arg.
 * Non-TTY frames: the first look shows 0 tasks and the empty slot lines; the next shows the tasks
 * that were already running and up to date (the ones this write did not start, i.e. whose raft
 * index is below the service's); then all of them, and the monitor countdown.
 */
export async function printProgress(io: IOStreams, engine: Engine, serviceID: string, ref: string): Promise<void> {
  const service = await engine.serviceInspect(serviceID);
  if (service.JobStatus) return printJobProgress(io, engine, service);
  const tasks = (await engine.taskList(new Map([['service', [service.ID]]]))).filter((t) => t.DesiredState === 'running');
  const replicated = 'Replicated' in service.Spec.Mode;
  const total = replicated ? (service.Spec.Mode as { Replicated: { Replicas: number } }).Replicated.Replicas : tasks.length;
  const running = tasks.filter((t) => t.Status.State === 'running').length;
  const kept = tasks.filter((t: Task) => t.Status.State === 'running' && t.Version.Index < service.Version.Index).length;
  const slots = replicated ? Array.from({ length: total }, (_, i) => `${i + 1}/${total}`) : tasks.map((t) => t.NodeID.slice(0, 12));
  const showSlots = total <= 20;
  const rollback = isRollback(service);
  const overall = (n: number) => `overall progress: ${rollback ? 'rolling back update: ' : ''}${n} out of ${total} tasks\n`;
  const rollbackFirst = rollback && rollbackReplacesTasks(service);
  const monitorNs = service.Spec.UpdateConfig?.Monitor || DEFAULT_MONITOR_NS;
  const tty = io.stdoutIsTTY && (io.terminalColumns ?? 80) > 110;
  let out = rollbackFirst ? 'rollback: manually requested rollback\n' : '';
  if (io.stdoutIsTTY) {
    out += overall(running);
    if (showSlots) for (const slot of slots) out += `${slot}: ${'running'.padEnd(9)}${tty ? ` [${'='.repeat(BAR_WIDTH)}>]` : ''}\n`;
  } else {
    // docker's first frames, each repeated until the tasks run, then the settled one
    out += overall(0);
    if (showSlots) for (const slot of slots) out += `${slot}:  \n`;
    if (kept !== running) out += overall(kept);
    out += overall(running);
    for (let s = Math.ceil(monitorNs / 1e9); s >= 1; s--) out += `verify: Waiting ${s} seconds to verify that tasks are stable...\n`;
  }
  out += `verify: Service ${ref} converged\n`;
  if (rollback && !rollbackFirst) out += 'rollback: rollback completed\n';
  io.stdout.write(out);
}

/** progress.go's longestState: the width a task state is padded to in a job's slot lines. */
const LONGEST_STATE = 9;

/**
 * A job's progress (replicatedJobProgressUpdater, globalJobProgressUpdater). Off a terminal
 * docker prints only the lines without a progress bar: `active tasks: a out of d tasks` for a
 * replicated job, its empty slot lines, a task's error, then `job complete`. The simulated tasks
 * ran at once: the active count goes through one round per MaxConcurrent tasks. A job whose
 * tasks failed never completes (docker waits on); tsecret stops after the last line.
 */
async function printJobProgress(io: IOStreams, engine: Engine, service: Service): Promise<void> {
  const iteration = service.JobStatus?.JobIteration.Index ?? 0;
  const tasks = (await engine.taskList(new Map([['service', [service.ID]]]))).filter(
    (t) => (t.JobIteration?.Index ?? 0) === iteration && t.JobIteration,
  );
  const tty = io.stdoutIsTTY && (io.terminalColumns ?? 80) > 110;
  const bar = (current: number, total: number): string => {
    if (!tty || total === 0) return '';
    const filled = Math.floor((BAR_WIDTH * current) / total);
    return ` [${'='.repeat(filled)}${current < total ? `>${' '.repeat(BAR_WIDTH - filled - 1)}` : '>'}]`;
  };
  let out = '';
  if ('ReplicatedJob' in service.Spec.Mode) {
    const { MaxConcurrent: concurrent, TotalCompletions: total } = service.Spec.Mode.ReplicatedJob;
    const activeDigits = String(concurrent).length;
    const pad = (n: number) => String(n).padStart(activeDigits);
    const active = (a: number, completed: number) =>
      `active tasks: ${pad(a)} out of ${pad(Math.min(total - completed, concurrent))} tasks\n`;
    // the newest task of each slot, by slot
    const bySlot = new Map<number, Task>();
    for (const t of tasks) {
      const seen = bySlot.get(t.Slot ?? 0);
      if (!seen || seen.Version.Index < t.Version.Index) bySlot.set(t.Slot ?? 0, t);
    }
    const completed = [...bySlot.values()].filter((t) => t.Status.State === 'complete').length;
    const stillActive = [...bySlot.values()].filter((t) =>
      ['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'].includes(t.Status.State),
    ).length;
    if (io.stdoutIsTTY) {
      const digits = String(total).length;
      out += `job progress: ${String(completed).padStart(digits)} out of ${total} complete${bar(completed, total)}\n`;
      out += active(stillActive, completed);
      if (total <= 20) {
        for (let slot = 0; slot < total; slot++) {
          const t = bySlot.get(slot);
          out += `${slot + 1}/${total}: ${t?.Status.Err ? t.Status.Err : (t?.Status.State ?? '').padEnd(LONGEST_STATE)}${t && !t.Status.Err ? bar(10, 10) : ''}\n`;
        }
      }
    } else {
      out += active(0, 0);
      if (total <= 20) for (let slot = 1; slot <= total; slot++) out += `${slot}/${total}:  \n`;
      // one round of running tasks per MaxConcurrent completions
      for (let done = 0; done < completed; done += concurrent) out += active(Math.min(concurrent, total - done), done);
      for (const t of bySlot.values()) if (t.Status.Err && total <= 20) out += `${(t.Slot ?? 0) + 1}/${total}: ${t.Status.Err}\n`;
      out += active(stillActive, completed);
    }
    if (completed === total) out += 'job complete\n';
  } else {
    const done = tasks.filter((t) => t.Status.State === 'complete').length;
    if (io.stdoutIsTTY) out += `job progress: ${done} out of ${tasks.length} complete${bar(done, tasks.length)}\n`;
    for (const t of tasks) if (t.Status.Err) out += `${t.NodeID}: ${t.Status.Err}\n`;
    if (done === tasks.length) out += 'job complete\n';
  }
  io.stdout.write(out);
}
