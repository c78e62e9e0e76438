// `stack ps` (docker/cli cli/command/stack/ps.go, task/print.go): `service ps` of the stack's tasks.
// Unlike `service ps`, -q does not imply --no-trunc, and an empty result is an error.
import { exactArgs, type CommandSpec } from '../command.js';
import { filterFlag, filtersFrom, LIST_FORMAT_HELP } from '../flags.js';
import type { IOStreams } from '../io.js';
import type { ServiceEngine } from '../../engine/api-services.js';
import { writeList } from '../../format/list.js';
import { nodeNameResolver, TASK_HEADERS, taskListFormat, taskRows } from '../service/formatter.js';
import { stackFilterWith, validateStackName } from './common.js';

export interface StackPsOptions {
  namespace: string;
  quiet: boolean;
  noTrunc: boolean;
  noResolve: boolean;
  format: string;
  filters: string[];
}

export async function runStackPs(opts: StackPsOptions, io: IOStreams, engine: Pick<ServiceEngine, 'serviceList' | 'taskList' | 'nodeList'>): Promise<void> {
  validateStackName(opts.namespace);
  const tasks = await engine.taskList(stackFilterWith(opts.namespace, filtersFrom(opts.filters)));
  if (tasks.length === 0) throw new Error(`nothing found in stack: ${opts.namespace}`);

  const format = taskListFormat(opts.format === '' ? 'table' : opts.format, opts.quiet);
  // the idresolver looks each service and node up; a service gone since keeps its ID
  const names = opts.noResolve ? new Map<string, string>() : new Map((await engine.serviceList(new Map())).map((s) => [s.ID, s.Spec.Name]));
  const nodeName = opts.noResolve ? (id: string) => id : nodeNameResolver(await engine.nodeList());
  const rows = taskRows(tasks, {
    serviceName: (id) => names.get(id) ?? id,
    nodeName,
    table: format.startsWith('table'),
    trunc: !opts.noTrunc,
    nowMs: io.now(),
  });
  writeList(io, { format, headers: TASK_HEADERS, rows, rowType: '*task.taskContext' });
}

export const stackPsCommand: CommandSpec = {
  use: 'ps [OPTIONS] STACK',
  short: 'List the tasks in the stack',
  args: exactArgs(1),
  flags: [
    filterFlag,
    { name: 'format', varname: 'string', usage: LIST_FORMAT_HELP, kind: 'value' },
    { name: 'no-resolve', varname: '', usage: 'Do not map IDs to Names', kind: 'bool' },
    { name: 'no-trunc', varname: '', usage: 'Do not truncate output', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display task IDs', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) =>
    runStackPs(
      {
        namespace: args[0],
        quiet: Boolean(flags.quiet),
        noTrunc: Boolean(flags['no-trunc']),
        noResolve: Boolean(flags['no-resolve']),
        format: (flags.format as string | undefined) ?? '',
        filters: (flags.filter as string[] | undefined) ?? [],
      },
      io,
      engine(),
    ),
};
