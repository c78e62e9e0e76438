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
