// The `swarm` group (docker/cli cli/command/swarm/cmd.go).
import { noArgs, type CommandSpec } from '../command.js';
import { initCommand } from './init.js';
import { joinTokenCommand } from './join-token.js';
import { leaveCommand } from './leave.js';

export const swarmCommand: CommandSpec = {
  use: 'swarm',
  short: 'Manage Swarm',
  args: noArgs,
  subcommands: [initCommand, joinTokenCommand, leaveCommand],
};
