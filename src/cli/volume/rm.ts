// `volume rm` (docker/cli cli/command/volume/remove.go): each name printed on success, the
// failures joined at the end.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface VolumeRemoveOptions {
  volumes: string[];
  force: boolean;
}

export async function runVolumeRemove(opts: VolumeRemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.volumes, io.stdout, (name) => engine.volumeRemove(name, opts.force));
}

export const volumeRemoveCommand = defineCommand({
  use: 'rm [OPTIONS] VOLUME [VOLUME...]',
  aliases: ['remove'],
  short: 'Remove one or more volumes',
  long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
  args: requiresMinArgs(1),
  flags: [{ name: 'force', shorthand: 'f', varname: '', usage: 'Force the removal of one or more volumes', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runVolumeRemove({ volumes: args, force: flags.force }, io, engine()),
});
