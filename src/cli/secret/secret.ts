// The `secret` group (docker/cli cli/command/secret/cmd.go).
import { type CommandSpec, noArgs } from '../command.js';
import { createCommand } from './create.js';
import { existsCommand } from './exists.js';
import { inspectCommand } from './inspect.js';
import { listCommand } from './ls.js';
import { removeCommand } from './rm.js';
import { rotateCommand } from './rotate.js';
import { verifyCommand } from './verify.js';

export const secretCommand: CommandSpec = {
  use: 'secret',
  short: 'Manage Swarm secrets',
  swarm: true,
  args: noArgs,
  subcommands: [createCommand, inspectCommand, listCommand, removeCommand, existsCommand, rotateCommand, verifyCommand],
};
