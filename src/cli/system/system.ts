// The `system` group (docker/cli cli/command/system/cmd.go): `system info` is `info`; the disk
// usage, events and prune commands need images and an event stream tsecret does not simulate.
import { type CommandSpec, noArgs } from '../command.js';
import { infoCommand } from './info.js';

export const systemCommand: CommandSpec = {
  use: 'system',
  short: 'Manage Docker',
  args: noArgs,
  subcommands: [infoCommand],
  notSimulated: ['df', 'events', 'prune', 'dial-stdio'],
};
