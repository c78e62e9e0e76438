// `secret rm` (docker/cli cli/command/secret/remove.go): prints each argument as typed, keeps going
// after a failure, and reports every failure at the end.
import { requiresMinArgs, type CommandSpec } from '../command.js';
import { joinErrors } from '../errors.js';
import type { IOStreams } from '../io.js';
import type { Engine } from '../../engine/api.js';

export interface RemoveOptions {
  names: string[];
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  const errors: Error[] = [];
  for (const name of opts.names) {
    try {
      await engine.secretRemove(name);
      io.stdout.write(`${name}\n`);
    } catch (err) {
      errors.push(err as Error);
    }
  }
  const err = joinErrors(errors);
  if (err) throw err;
}

export const removeCommand: CommandSpec = {
  use: 'rm SECRET [SECRET...]',
  aliases: ['remove'],
  short: 'Remove one or more secrets',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runRemove({ names: args }, io, engine()),
};
