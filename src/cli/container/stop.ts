// `stop` / `container stop` (docker/cli cli/command/container/stop.go): prints each argument as
// given; the orchestrator replaces a stopped task container.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface StopOptions {
  containers: string[];
}

export async function runStop(opts: StopOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.containers, io.stdout, (ref) => engine.containerStop(ref));
}

export const stopCommand = defineCommand({
  use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  args: requiresMinArgs(1),
  flags: [
    { name: 'signal', shorthand: 's', varname: 'string', usage: 'Signal to send to the container', kind: 'value' },
    { name: 'timeout', shorthand: 't', varname: 'int', usage: 'Seconds to wait before killing the container', kind: 'value' },
  ],
  run: ({ args, io, engine }) => runStop({ containers: args }, io, engine()),
});
