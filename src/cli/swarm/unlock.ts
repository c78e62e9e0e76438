// `swarm unlock` (docker/cli cli/command/swarm/unlock.go). A simulated manager never restarts, so
// it is never locked; the checks before reading a key are docker's own.
import { noArgs, type CommandSpec } from '../command.js';
import type { IOStreams } from '../io.js';
import type { Engine } from '../../engine/api.js';

export async function runUnlock(_io: IOStreams, engine: Engine): Promise<void> {
  const info = await engine.info();
  switch (info.Swarm.LocalNodeState) {
    case 'inactive':
      throw new Error('Error: This node is not part of a swarm');
    case 'active':
      throw new Error('Error: swarm is not locked');
  }
}

export const unlockCommand: CommandSpec = {
  use: 'unlock',
  short: 'Unlock swarm',
  args: noArgs,
  run: ({ io, engine }) => runUnlock(io, engine()),
};
