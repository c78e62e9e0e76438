// The `service` group (docker/cli cli/command/service/cmd.go).
import { type CommandSpec, noArgs } from '../command.js';
import { createCommand } from './create.js';
import { serviceInspectCommand } from './inspect.js';
import { serviceLogsCommand } from './logs.js';
import { serviceListCommand } from './ls.js';
import { servicePsCommand } from './ps.js';
import { removeCommand } from './rm.js';
import { rollbackCommand } from './rollback.js';
import { scaleCommand } from './scale.js';
import { updateCommand } from './update.js';

export const serviceCommand: CommandSpec = {
  use: 'service',
  short: 'Manage Swarm services',
  swarm: true,
  args: noArgs,
  subcommands: [
    createCommand,
    serviceInspectCommand,
    serviceLogsCommand,
    serviceListCommand,
    servicePsCommand,
    removeCommand,
    rollbackCommand,
    scaleCommand,
    updateCommand,
  ],
};
