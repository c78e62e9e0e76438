// What `service create|update|scale` print while waiting for convergence (docker/cli
// service/progress/progress.go). The simulated swarm converges at once, so the final state is
// printed straight away: on a terminal the final screen, otherwise the plain lines docker writes.
import type { IOStreams } from '../io.js';
import type { Engine } from '../../engine/api.js';

const BAR_WIDTH = 50;

/** `verify: Service <ref> converged` closes every progress; create passes the ID, others the arg. */
export async function printProgress(io: IOStreams, engine: Engine, serviceID: string, ref: string): Promise<void> {
  const service = await engine.serviceInspect(serviceID);
  const tasks = (await engine.taskList(new Map([['service', [service.ID]]]))).filter((t) => t.DesiredState === 'running');
  const replicated = 'Replicated' in service.Spec.Mode;
  const total = replicated ? (service.Spec.Mode as { Replicated: { Replicas: number } }).Replicated.Replicas : tasks.length;
  const running = tasks.filter((t) => t.Status.State === 'running').length;
  const slots = replicated ? Array.from({ length: total }, (_, i) => `${i + 1}/${total}`) : tasks.map((t) => t.NodeID.slice(0, 12));
  const showSlots = total <= 20;
  const tty = io.stdoutIsTTY && (io.terminalColumns ?? 80) > 110;
  let out = '';
  if (io.stdoutIsTTY) {
    out += `overall progress: ${running} out of ${total} tasks\n`;
    if (showSlots) for (const slot of slots) out += `${slot}: ${'running'.padEnd(9)}${tty ? ` [${'='.repeat(BAR_WIDTH)}>]` : ''}\n`;
  } else {
    // docker's first frames, each repeated until the tasks run, then the settled one
    out += `overall progress: 0 out of ${total} tasks\n`;
    if (showSlots) for (const slot of slots) out += `${slot}:  \n`;
    out += `overall progress: 0 out of ${total} tasks\n`;
    out += `overall progress: ${running} out of ${total} tasks\n`;
    for (let s = 5; s >= 1; s--) out += `verify: Waiting ${s} seconds to verify that tasks are stable...\n`;
  }
  out += `verify: Service ${ref} converged\n`;
  io.stdout.write(out);
}
