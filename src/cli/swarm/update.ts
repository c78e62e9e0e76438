// `swarm update` (docker/cli cli/command/swarm/update.go).

import type { SwarmSpecUpdate } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { printUnlockCommand } from './join-command.js';
import { swarmSpecFlags, swarmSpecFrom } from './opts.js';

export interface UpdateOptions {
  spec: SwarmSpecUpdate;
}

export async function runUpdate(opts: UpdateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const before = await engine.swarmInspect();
  await engine.swarmUpdate({ spec: opts.spec });
  io.stdout.write('Swarm updated.\n');
  if (opts.spec.AutoLockManagers && !before.AutoLockManagers) {
    printUnlockCommand(io, await unlockKeyOrWrap(engine));
  }
}

/** SwarmGetUnlockKey, its failures worded as docker wraps them. */
export async function unlockKeyOrWrap(engine: Engine): Promise<string> {
  try {
    return await engine.swarmUnlockKey();
  } catch (err) {
    throw new Error(`could not fetch unlock key: ${(err as Error).message}`);
  }
}

export const updateCommand = defineCommand({
  use: 'update [OPTIONS]',
  short: 'Update the swarm',
  args: noArgs,
  flags: [{ name: 'autolock', varname: '', usage: 'Change manager autolocking setting (true|false)', kind: 'bool' }, ...swarmSpecFlags],
  // With no flag at all docker shows the help (PreRunE returns pflag.ErrHelp).
  helpWhenNoFlags: true,
  run: ({ flags, changed, io, engine }) => runUpdate({ spec: swarmSpecFrom(flags, changed) }, io, engine()),
});
