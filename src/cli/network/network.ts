// The `network` group (docker/cli cli/command/network/cmd.go). connect and disconnect attach
// standalone containers, which tsecret does not run.
import { type CommandSpec, noArgs } from '../command.js';
import { networkCreateCommand } from './create.js';
import { networkInspectCommand } from './inspect.js';
import { networkListCommand } from './ls.js';
import { networkPruneCommand } from './prune.js';
import { networkRemoveCommand } from './rm.js';

export const networkCommand: CommandSpec = {
  use: 'network',
  short: 'Manage networks',
  args: noArgs,
  subcommands: [networkCreateCommand, networkInspectCommand, networkListCommand, networkPruneCommand, networkRemoveCommand],
  notSimulated: ['connect', 'disconnect'],
};
