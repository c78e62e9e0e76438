// docker/cli cli/command/task/print.go: what `service ps` and `stack ps` (and `node ps`) share:
// their flags, the options those give, and task.Print (names, sort order, history indentation).

import type { Task } from '../../api/services.js';
import { naturalCompare } from '../../go/sortorder/natsort.js';
import { GoTime } from '../../go/time/time.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineFlags, type FlagValues } from '../command.js';
import { filterFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { TASK_HEADERS, TaskRow, taskListFormat } from './formatter.js';

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
  opts: Pick<TaskListOptions, 'format' | 'quiet'> & {
    trunc: boolean;
    serviceName: (id: string) => string;
    nodeName: (id: string) => string;
  },
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

export interface NamedTask {
  task: Task;
  /** `<service>.<slot>`, or `<service>.<nodeID>` for a global service's task. */
  name: string;
}

/**
 * task.Print: names from the service name (or ID) and slot (or node ID), sorted naturally by
 * name and then newest first (stable), earlier tasks of a slot indented in table formats.
 */
export function taskRows(
  tasks: Task[],
  opts: { serviceName: (id: string) => string; nodeName: (id: string) => string; table: boolean; trunc: boolean; nowMs: number },
): TaskRow[] {
  const named: NamedTask[] = tasks.map((task) => ({
    task,
    name: `${opts.serviceName(task.ServiceID)}.${task.Slot ? task.Slot : task.NodeID}`,
  }));
  const created = (t: Task): bigint => new GoTime(t.CreatedAt).UnixNano();
  named.sort((a, b) => {
    if (a.name !== b.name) return naturalCompare(a.name, b.name);
    const ca = created(a.task);
    const cb = created(b.task);
    if (ca !== cb) return cb < ca ? -1 : 1;
    // made in the same instant (a frozen or coarse clock): the later raft index is the newer task
    return (b.task.Version?.Index ?? 0) - (a.task.Version?.Index ?? 0);
  });
  let prev = '';
  return named.map(({ task, name }) => {
    const shown = name === prev && opts.table ? ` \\_ ${name}` : name;
    prev = name;
    return new TaskRow(task, shown, opts.nodeName(task.NodeID), opts.trunc, opts.nowMs);
  });
}
