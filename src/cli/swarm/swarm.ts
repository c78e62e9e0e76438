// The `swarm` group (docker/cli cli/command/swarm/cmd.go).
import { type CommandSpec, noArgs } from '../command.js';
import { caCommand } from './ca.js';
import { initCommand } from './init.js';
import { joinCommand } from './join.js';
import { joinTokenCommand } from './join-token.js';
import { leaveCommand } from './leave.js';
import { unlockCommand } from './unlock.js';
import { unlockKeyCommand } from './unlock-key.js';
import { updateCommand } from './update.js';

export const swarmCommand: CommandSpec = {
  use: 'swarm',
  short: 'Manage Swarm',
  swarm: true,
  args: noArgs,
  subcommands: [caCommand, initCommand, joinCommand, joinTokenCommand, leaveCommand, unlockCommand, unlockKeyCommand, updateCommand],
};
