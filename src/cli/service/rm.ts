// `service rm` (docker/cli cli/command/service/remove.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { type CommandSpec, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface RemoveOptions {
  services: string[];
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.services, io.stdout, (ref) => engine.serviceRemove(ref));
}

export const removeCommand: CommandSpec = {
  use: 'rm SERVICE [SERVICE...]',
  aliases: ['remove'],
  short: 'Remove one or more services',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runRemove({ services: args }, io, engine()),
};
