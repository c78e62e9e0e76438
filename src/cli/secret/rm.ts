// `secret rm` (docker/cli cli/command/secret/remove.go): prints each argument as typed, keeps going
// after a failure, and reports every failure at the end.
import { requiresMinArgs, type CommandSpec } from '../command.js';
import { forEachArgument } from '../errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import type { Engine } from '../../engine/client.js';

export interface RemoveOptions {
  names: string[];
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.names, io.stdout, (name) => engine.secretRemove(name));
}

export const removeCommand: CommandSpec = {
  use: 'rm SECRET [SECRET...]',
  aliases: ['remove'],
  short: 'Remove one or more secrets',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runRemove({ names: args }, io, engine()),
};
