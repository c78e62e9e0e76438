// The `volume` group (docker/cli cli/command/volume/cmd.go). `volume update` changes cluster
// volumes, which need a CSI plugin tsecret does not simulate.
import { type CommandSpec, noArgs } from '../command.js';
import { volumeCreateCommand } from './create.js';
import { volumeInspectCommand } from './inspect.js';
import { volumeListCommand } from './ls.js';
import { volumePruneCommand } from './prune.js';
import { volumeRemoveCommand } from './rm.js';

export const volumeCommand: CommandSpec = {
  use: 'volume',
  short: 'Manage volumes',
  args: noArgs,
  subcommands: [volumeCreateCommand, volumeInspectCommand, volumeListCommand, volumePruneCommand, volumeRemoveCommand],
  notSimulated: ['update'],
};
