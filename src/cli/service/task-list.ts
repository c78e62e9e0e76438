// What `service ps` and `stack ps` share (docker/cli cli/command/task/print.go): their flags, the
// options those give, and the printing of a task list.
import { defineFlags, type FlagValues } from '../command.js';
import { filterFlag } from '../flags.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import type { Task } from '../../api/services.js';
import { writeList } from '../formatter/formatter.js';
import { TASK_HEADERS, taskListFormat, taskRows } from './formatter.js';

export interface TaskListOptions {
  quiet: boolean;
  noTrunc: boolean;
  noResolve: boolean;
  format: string;
  filters: string[];
}

/** The flags, in docker's order; the two commands word --format differently. */
export const taskListFlags = (formatUsage: string) =>
  defineFlags([
    filterFlag,
    { name: 'format', varname: 'string', usage: formatUsage, kind: 'value' },
    { name: 'no-resolve', varname: '', usage: 'Do not map IDs to Names', kind: 'bool' },
    { name: 'no-trunc', varname: '', usage: 'Do not truncate output', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display task IDs', kind: 'bool' },
  ]);

export const taskListOptions = (flags: FlagValues<ReturnType<typeof taskListFlags>>): TaskListOptions => ({
  quiet: flags.quiet,
  noTrunc: flags['no-trunc'],
  noResolve: flags['no-resolve'],
  format: flags.format,
  filters: flags.filter,
});

/** task.Print: the tasks as the format (or docker's default table) says. */
export function printTasks(
  io: IOStreams,
  tasks: Task[],
  opts: Pick<TaskListOptions, 'format' | 'quiet'> & { trunc: boolean; serviceName: (id: string) => string; nodeName: (id: string) => string },
): void {
  const format = taskListFormat(opts.format === '' ? 'table' : opts.format, opts.quiet);
  const rows = taskRows(tasks, {
    serviceName: opts.serviceName,
    nodeName: opts.nodeName,
    table: format.startsWith('table'),
    trunc: opts.trunc,
    nowMs: io.now(),
  });
  writeList(io, { format, headers: TASK_HEADERS, rows, rowType: '*task.taskContext' });
}
