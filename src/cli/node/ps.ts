// `node ps` (docker/cli cli/command/node/ps.go): the tasks placed on each node (this one by
// default), printed as `service ps` prints tasks; a node that fails is reported after the list.

import type { Task } from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { filtersFrom } from '../flags.js';
import { nodeNameResolver } from '../idresolver/idresolver.js';
import { printTasks, type TaskListOptions, taskListFlags, taskListOptions } from '../task/print.js';
import { nodeReference } from './reference.js';

export interface NodePsOptions extends TaskListOptions {
  nodes: string[];
}

export async function runNodePs(opts: NodePsOptions, io: IOStreams, engine: Engine): Promise<void> {
  const errors: string[] = [];
  const tasks: Task[] = [];
  for (const ref of opts.nodes) {
    try {
      const node = await engine.nodeInspect(await nodeReference(engine, ref));
      const filters = filtersFrom(opts.filters);
      filters.set('node', [...(filters.get('node') ?? []), node.ID]);
      tasks.push(...(await engine.taskList(filters)));
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  if (errors.length === 0 || tasks.length) {
    const names = new Map<string, string>();
    if (!opts.noResolve) for (const s of await engine.serviceList(new Map())) names.set(s.ID, s.Spec.Name);
    const nodeName = opts.noResolve ? (id: string) => id : nodeNameResolver(await engine.nodeList());
    try {
      printTasks(io, tasks, {
        format: opts.format,
        quiet: opts.quiet,
        trunc: !(opts.noTrunc || opts.quiet),
        serviceName: (id) => (opts.noResolve ? id : (names.get(id) ?? id)),
        nodeName,
      });
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
}

export const nodePsCommand = defineCommand({
  use: 'ps [OPTIONS] [NODE...]',
  short: 'List tasks running on one or more nodes, defaults to current node',
  args: requiresMinArgs(0),
  flags: taskListFlags('Pretty-print tasks using a Go template'),
  run: ({ args, flags, io, engine }) => runNodePs({ nodes: args.length ? args : ['self'], ...taskListOptions(flags) }, io, engine()),
});
