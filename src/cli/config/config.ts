// The `config` group (docker/cli cli/command/config/cmd.go).
import { type CommandSpec, noArgs } from '../command.js';
import { createCommand } from './create.js';
import { inspectCommand } from './inspect.js';
import { listCommand } from './ls.js';
import { removeCommand } from './rm.js';

export const configCommand: CommandSpec = {
  use: 'config',
  short: 'Manage Swarm configs',
  swarm: true,
  args: noArgs,
  subcommands: [createCommand, inspectCommand, listCommand, removeCommand],
};
