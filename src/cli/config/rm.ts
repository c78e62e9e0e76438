// `config rm` (docker/cli cli/command/config/remove.go): as `secret rm`, each argument printed as
// typed once removed, every failure reported at the end.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface RemoveOptions {
  names: string[];
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.names, io.stdout, (name) => engine.configRemove(name));
}

export const removeCommand = defineCommand({
  use: 'rm CONFIG [CONFIG...]',
  aliases: ['remove'],
  short: 'Remove one or more configs',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runRemove({ names: args }, io, engine()),
});
