// The `stack` group (docker/cli cli/command/stack/cmd.go): a plain list of subcommands.
import { type CommandSpec, noArgs } from '../command.js';
import { configCommand } from './config.js';
import { deployCommand } from './deploy.js';
import { stackLintCommand } from './lint.js';
import { stackListCommand } from './ls.js';
import { stackPsCommand } from './ps.js';
import { stackRemoveCommand } from './rm.js';
import { stackServicesCommand } from './services.js';

export const stackCommand: CommandSpec = {
  use: 'stack',
  short: 'Manage Swarm stacks',
  swarm: true,
  args: noArgs,
  // docker keeps the Kubernetes-era flag, hidden and ignored
  persistentFlags: [
    {
      name: 'orchestrator',
      varname: 'string',
      usage: 'Orchestrator to use (swarm|all)',
      kind: 'value',
      hidden: true,
      deprecated: 'option will be ignored',
    },
  ],
  subcommands: [configCommand, deployCommand, stackListCommand, stackPsCommand, stackRemoveCommand, stackServicesCommand, stackLintCommand],
};
