// `service ps` (docker/cli cli/command/service/ps.go, cli/command/task/print.go). The services
// are matched client-side as docker does: full ID, then exact name, then a unique ID prefix.

import type { Filters } from '../../api/filters.js';
import type { Service } from '../../api/services.js';
import type { Engine, ServiceEngine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { filtersFrom } from '../flags.js';
import { nodeNameResolver } from '../idresolver/idresolver.js';
import { printTasks, type TaskListOptions, taskListFlags, taskListOptions } from '../task/print.js';

export interface ServicePsOptions extends TaskListOptions {
  services: string[];
}

type PsEngine = Pick<ServiceEngine, 'serviceList' | 'taskList' | 'nodeList'> & Pick<Engine, 'info'>;

const addFilter = (filters: Filters, key: string, value: string): void => {
  const values = filters.get(key) ?? [];
  if (!values.includes(value)) values.push(value);
  filters.set(key, values);
};

/** ps.go createFilter: the "service" filter for the matched services, and the misses. */
async function matchServices(engine: PsEngine, refs: string[], filters: Filters): Promise<{ services: Service[]; notFound: string[] }> {
  const unique = [...new Set(refs)];
  const byID = await engine.serviceList(new Map([['id', unique]]));
  const byName = await engine.serviceList(new Map([['name', unique]]));
  const notFound: string[] = [];
  let count = 0;
  for (const ref of refs) {
    const exact = byID.find((s) => s.ID === ref) ?? byName.find((s) => s.Spec.Name === ref);
    if (exact) {
      addFilter(filters, 'service', exact.ID);
      count++;
      continue;
    }
    let found = false;
    for (const s of byID) {
      if (!s.ID.startsWith(ref)) continue;
      if (found) throw new Error(`multiple services found with provided prefix: ${ref}`);
      addFilter(filters, 'service', s.ID);
      count++;
      found = true;
    }
    if (!found) notFound.push(`no such service: ${ref}`);
  }
  if (count === 0) throw new Error(notFound.join('\n'));
  return { services: [...byID, ...byName], notFound };
}

/** ps.go updateNodeFilter: "self" means this node. */
async function resolveNodeFilter(engine: PsEngine, filters: Filters): Promise<void> {
  const nodes = filters.get('node');
  if (!nodes) return;
  const out: string[] = [];
  for (const n of nodes) {
    let ref = n;
    if (n === 'self') {
      ref = (await engine.info()).Swarm.NodeID;
      if (ref === '') throw new Error('node ID not found in /info');
    }
    if (!out.includes(ref)) out.push(ref);
  }
  filters.set('node', out);
}

export async function runServicePs(opts: ServicePsOptions, io: IOStreams, engine: PsEngine): Promise<void> {
  const filters = filtersFrom(opts.filters);
  const { services, notFound } = await matchServices(engine, opts.services, filters);
  await resolveNodeFilter(engine, filters);
  const tasks = await engine.taskList(filters);

  const names = new Map(services.map((s) => [s.ID, s.Spec.Name]));
  // the idresolver looks up every task's service, also ones a `-f service=` filter added
  if (!opts.noResolve && tasks.some((t) => !names.has(t.ServiceID))) {
    for (const s of await engine.serviceList(new Map())) names.set(s.ID, s.Spec.Name);
  }
  const nodeName = opts.noResolve ? (id: string) => id : nodeNameResolver(await engine.nodeList());
  printTasks(io, tasks, {
    format: opts.format,
    quiet: opts.quiet,
    trunc: !(opts.noTrunc || opts.quiet),
    serviceName: (id) => (opts.noResolve ? id : (names.get(id) ?? id)),
    nodeName,
  });
  if (notFound.length) throw new Error(notFound.join('\n'));
}

export const servicePsCommand = defineCommand({
  use: 'ps [OPTIONS] SERVICE [SERVICE...]',
  short: 'List the tasks of one or more services',
  args: requiresMinArgs(1),
  flags: taskListFlags('Pretty-print tasks using a Go template'),
  run: ({ args, flags, io, engine }) => runServicePs({ services: args, ...taskListOptions(flags) }, io, engine() as Engine & ServiceEngine),
});
