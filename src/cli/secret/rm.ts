// `secret rm` (docker/cli cli/command/secret/remove.go): prints each argument as typed, keeps going
// after a failure, and reports every failure at the end. `--ignore` is tsecret's own (as podman's
// `secret rm --ignore`): a secret that does not exist is skipped silently; other failures stay.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument, joinErrors } from '../errors.js';
import { isNotFound } from './exists.js';

export interface RemoveOptions {
  names: string[];
  ignore?: boolean;
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  if (!opts.ignore) {
    await forEachArgument(opts.names, io.stdout, (name) => engine.secretRemove(name));
    return;
  }
  const errors: Error[] = [];
  for (const name of opts.names) {
    try {
      await engine.secretRemove(name);
      io.stdout.write(`${name}\n`);
    } catch (err) {
      if (!isNotFound(err)) errors.push(err as Error);
    }
  }
  const err = joinErrors(errors);
  if (err) throw err;
}

export const removeCommand = defineCommand({
  use: 'rm SECRET [SECRET...]',
  aliases: ['remove'],
  short: 'Remove one or more secrets',
  args: requiresMinArgs(1),
  flags: [
    {
      name: 'ignore',
      shorthand: 'i',
      varname: '',
      usage: 'Skip secrets that do not exist instead of failing (as podman secret rm --ignore)',
      kind: 'bool',
      own: true,
    },
  ],
  run: ({ args, flags, io, engine }) => runRemove({ names: args, ignore: flags.ignore }, io, engine()),
});
