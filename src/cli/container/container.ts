// The `container` group and the top-level shortcuts docker keeps for it (exec, ps, rm, stop).
import { noArgs, type CommandSpec } from '../command.js';
import { execCommand } from './exec.js';
import { removeCommand } from './rm.js';
import { stopCommand } from './stop.js';

export const containerCommand: CommandSpec = {
  use: 'container',
  short: 'Manage containers',
  args: noArgs,
  subcommands: [execCommand, removeCommand, stopCommand],
};

/** `docker exec`, `docker rm`, `docker stop`: the same commands under the root. */
export const containerShortcuts: CommandSpec[] = [execCommand, removeCommand, stopCommand];
