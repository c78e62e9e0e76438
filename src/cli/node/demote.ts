// `node demote` (docker/cli cli/command/node/demote.go): the swarm refuses to demote its last manager.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { NO_ROLE_CHANGE, updateNodes } from './update.js';

export async function runNodeDemote(nodes: string[], io: IOStreams, engine: Engine): Promise<void> {
  await updateNodes(
    engine,
    nodes,
    (node) => {
      if (node.Spec.Role === 'worker') {
        io.stdout.write(`Node ${node.ID} is already a worker.\n`);
        return NO_ROLE_CHANGE;
      }
      node.Spec.Role = 'worker';
      return undefined;
    },
    (ref) => io.stdout.write(`Manager ${ref} demoted in the swarm.\n`),
  );
}

export const nodeDemoteCommand = defineCommand({
  use: 'demote NODE [NODE...]',
  short: 'Demote one or more nodes from manager in the swarm',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runNodeDemote(args, io, engine()),
});
