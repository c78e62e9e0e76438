// The `container` group and the top-level shortcuts docker keeps for it (exec, inspect, ps, rm, stop).
import { type CommandSpec, noArgs } from '../command.js';
import { execCommand } from './exec.js';
import { containerInspectCommand, systemInspectCommand } from './inspect.js';
import { containerListCommand, psCommand } from './ls.js';
import { removeCommand } from './rm.js';
import { stopCommand } from './stop.js';

export const containerCommand: CommandSpec = {
  use: 'container',
  short: 'Manage containers',
  args: noArgs,
  subcommands: [execCommand, containerInspectCommand, containerListCommand, removeCommand, stopCommand],
  // the container commands of docker 28 that need standalone containers, images or logs of a real runtime
  notSimulated: [
    'attach',
    'commit',
    'cp',
    'create',
    'diff',
    'export',
    'kill',
    'logs',
    'pause',
    'port',
    'prune',
    'rename',
    'restart',
    'run',
    'start',
    'stats',
    'top',
    'unpause',
    'update',
    'wait',
  ],
};

/** `docker exec|inspect|ps|rm|stop`: the same commands under the root (inspect is docker's generic one). */
export const containerShortcuts: CommandSpec[] = [execCommand, systemInspectCommand, psCommand, removeCommand, stopCommand];
