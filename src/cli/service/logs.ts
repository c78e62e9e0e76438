// `service logs` (docker/cli cli/command/service/logs.go). The simulated task containers never
// write to stdout or stderr, so once the service or task is found there is nothing to print: what
// docker shows for containers that wrote nothing. Lookup and errors follow docker: the service
// first (moby getService), then the task (moby getTask: full ID, exact name, ID prefix).

import type { Task } from '../../api/services.js';
import type { Engine, ServiceEngine } from '../../engine/client.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { parseGoDuration } from '../../go/time/duration.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { isNotFound } from './inspect.js';

export interface ServiceLogsOptions {
  target: string;
  noResolve: boolean;
  noTrunc: boolean;
  noTaskIDs: boolean;
  follow: boolean;
  since: string;
  timestamps: boolean;
  tail: string;
  details: boolean;
  raw: boolean;
}

type LogsEngine = Pick<ServiceEngine, 'serviceInspect' | 'taskInspect'>;

/**
 * The client's timetypes.GetTimestamp check of --since: a Go duration, a unix timestamp or a
 * date (the only form with dashes, not parsed further here); anything else is refused.
 */
function checkSince(since: string): void {
  if (since === '' || since.includes('-')) return;
  try {
    if (since !== '0') {
      parseGoDuration(since);
      return;
    }
  } catch {
    // not a duration
  }
  if (/^[+-]?\d+(?:\.\d+)?$/.test(since)) return;
  // the Go client wraps it: errors.Wrap(err, `invalid value for "since"`)
  throw new Error(`invalid value for "since": failed to parse value as time or duration: ${quoteGo(since)}`);
}

const isTTY = (spec: object | undefined): boolean => (spec as { TTY?: boolean } | undefined)?.TTY === true;

export async function runServiceLogs(opts: ServiceLogsOptions, _io: IOStreams, engine: LogsEngine): Promise<void> {
  let tty: boolean;
  try {
    const service = await engine.serviceInspect(opts.target);
    tty = isTTY(service.Spec.TaskTemplate.ContainerSpec);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    let task: Task;
    try {
      task = await engine.taskInspect(opts.target);
    } catch (taskErr) {
      if (isNotFound(taskErr)) throw new Error(`no such task or service: ${opts.target}`);
      throw taskErr;
    }
    tty = isTTY(task.Spec.ContainerSpec);
  }
  if (tty && !opts.raw) throw new Error('tty service logs only supported with --raw');
  checkSince(opts.since);
  // The containers wrote nothing: no lines to print, with or without --follow.
}

export const serviceLogsCommand = defineCommand({
  use: 'logs [OPTIONS] SERVICE|TASK',
  short: 'Fetch the logs of a service or task',
  args: exactArgs(1),
  flags: [
    { name: 'details', varname: '', usage: 'Show extra details provided to logs', kind: 'bool' },
    { name: 'follow', shorthand: 'f', varname: '', usage: 'Follow log output', kind: 'bool' },
    { name: 'no-resolve', varname: '', usage: 'Do not map IDs to Names in output', kind: 'bool' },
    { name: 'no-task-ids', varname: '', usage: 'Do not include task IDs in output', kind: 'bool' },
    { name: 'no-trunc', varname: '', usage: 'Do not truncate output', kind: 'bool' },
    { name: 'raw', varname: '', usage: 'Do not neatly format logs', kind: 'bool' },
    {
      name: 'since',
      varname: 'string',
      usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
      kind: 'value',
    },
    {
      name: 'tail',
      shorthand: 'n',
      varname: 'string',
      usage: 'Number of lines to show from the end of the logs',
      kind: 'value',
      defaultText: '"all"',
      default: 'all',
    },
    { name: 'timestamps', shorthand: 't', varname: '', usage: 'Show timestamps', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) =>
    runServiceLogs(
      {
        target: args[0],
        noResolve: flags['no-resolve'],
        noTrunc: flags['no-trunc'],
        noTaskIDs: flags['no-task-ids'],
        follow: flags.follow,
        since: flags.since,
        timestamps: flags.timestamps,
        tail: flags.tail,
        details: flags.details,
        raw: flags.raw,
      },
      io,
      engine() as Engine & ServiceEngine,
    ),
});
