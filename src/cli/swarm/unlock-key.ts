// `swarm unlock-key` (docker/cli cli/command/swarm/unlock_key.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { printUnlockCommand } from './join-command.js';
import { unlockKeyOrWrap } from './update.js';

export interface UnlockKeyOptions {
  rotate: boolean;
  quiet: boolean;
}

export async function runUnlockKey(opts: UnlockKeyOptions, io: IOStreams, engine: Engine): Promise<void> {
  if (opts.rotate) {
    const swarm = await engine.swarmInspect();
    if (!swarm.AutoLockManagers) throw new Error('cannot rotate because autolock is not turned on');
    await engine.swarmUpdate({ spec: {}, rotateManagerUnlockKey: true });
    if (!opts.quiet) io.stdout.write('Successfully rotated manager unlock key.\n');
  }
  const key = await unlockKeyOrWrap(engine);
  if (key === '') throw new Error('no unlock key is set');
  if (opts.quiet) io.stdout.write(`${key}\n`);
  else printUnlockCommand(io, key);
}

export const unlockKeyCommand = defineCommand({
  use: 'unlock-key [OPTIONS]',
  short: 'Manage the unlock key',
  args: noArgs,
  flags: [
    { name: 'rotate', varname: '', usage: 'Rotate unlock key', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display token', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) => runUnlockKey({ rotate: flags.rotate, quiet: flags.quiet }, io, engine()),
});
