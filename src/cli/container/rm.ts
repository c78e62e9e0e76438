// `rm` / `container rm` (docker/cli cli/command/container/rm.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface RemoveOptions {
  containers: string[];
  force: boolean;
}

export async function runRemove(opts: RemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.containers, io.stdout, (ref) => engine.containerRemove(ref, opts.force));
}

export const removeCommand = defineCommand({
  use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
  aliases: ['remove'],
  short: 'Remove one or more containers',
  args: requiresMinArgs(1),
  flags: [
    { name: 'force', shorthand: 'f', varname: '', usage: 'Force the removal of a running container (uses SIGKILL)', kind: 'bool' },
    { name: 'link', shorthand: 'l', varname: '', usage: 'Remove the specified link', kind: 'bool' },
    { name: 'volumes', shorthand: 'v', varname: '', usage: 'Remove anonymous volumes associated with the container', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) => runRemove({ containers: args, force: flags.force }, io, engine()),
});
