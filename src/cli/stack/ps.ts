// `stack ps` (docker/cli cli/command/stack/ps.go, task/print.go): `service ps` of the stack's tasks.
// Unlike `service ps`, -q does not imply --no-trunc, and an empty result is an error.

import type { ServiceEngine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { filtersFrom, LIST_FORMAT_HELP } from '../flags.js';
import { nodeNameResolver } from '../idresolver/idresolver.js';
import { printTasks, type TaskListOptions, taskListFlags, taskListOptions } from '../task/print.js';
import { stackFilterWith, validateStackName } from './common.js';

export interface StackPsOptions extends TaskListOptions {
  namespace: string;
}

export async function runStackPs(
  opts: StackPsOptions,
  io: IOStreams,
  engine: Pick<ServiceEngine, 'serviceList' | 'taskList' | 'nodeList'>,
): Promise<void> {
  validateStackName(opts.namespace);
  const tasks = await engine.taskList(stackFilterWith(opts.namespace, filtersFrom(opts.filters)));
  if (tasks.length === 0) throw new Error(`nothing found in stack: ${opts.namespace}`);

  // the idresolver looks each service and node up; a service gone since keeps its ID
  const names = opts.noResolve ? new Map<string, string>() : new Map((await engine.serviceList(new Map())).map((s) => [s.ID, s.Spec.Name]));
  const nodeName = opts.noResolve ? (id: string) => id : nodeNameResolver(await engine.nodeList());
  printTasks(io, tasks, {
    format: opts.format,
    quiet: opts.quiet,
    trunc: !opts.noTrunc,
    serviceName: (id) => names.get(id) ?? id,
    nodeName,
  });
}

export const stackPsCommand = defineCommand({
  use: 'ps [OPTIONS] STACK',
  short: 'List the tasks in the stack',
  args: exactArgs(1),
  flags: taskListFlags(LIST_FORMAT_HELP),
  run: ({ args, flags, io, engine }) => runStackPs({ namespace: args[0], ...taskListOptions(flags) }, io, engine()),
});
