// `volume inspect` (docker/cli cli/command/volume/inspect.go): docker's generic inspector.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { inspectFormatFlag } from '../flags.js';
import { inspectObjects } from '../formatter/inspect.js';
import { goVolume } from './formatter.js';

export interface VolumeInspectOptions {
  names: string[];
  format: string;
}

export async function runVolumeInspect(opts: VolumeInspectOptions, io: IOStreams, engine: Engine): Promise<void> {
  // getVolFunc returns no raw bytes: the volume is marshalled again (HTML-escaped)
  await inspectObjects(io, opts.names, opts.format, (name) => engine.volumeInspect(name), goVolume, { raw: false });
}

export const volumeInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag],
  run: ({ args, flags, io, engine }) => runVolumeInspect({ names: args, format: flags.format }, io, engine()),
});
