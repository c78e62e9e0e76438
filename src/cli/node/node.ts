// The `node` group (docker/cli cli/command/node/cmd.go).
import { type CommandSpec, noArgs } from '../command.js';
import { nodeDemoteCommand } from './demote.js';
import { nodeInspectCommand } from './inspect.js';
import { nodeListCommand } from './ls.js';
import { nodePromoteCommand } from './promote.js';
import { nodePsCommand } from './ps.js';
import { nodeRemoveCommand } from './rm.js';
import { nodeUpdateCommand } from './update.js';

export const nodeCommand: CommandSpec = {
  use: 'node',
  short: 'Manage Swarm nodes',
  swarm: true,
  args: noArgs,
  subcommands: [
    nodeDemoteCommand,
    nodeInspectCommand,
    nodeListCommand,
    nodePromoteCommand,
    nodePsCommand,
    nodeRemoveCommand,
    nodeUpdateCommand,
  ],
};
