// `node promote` (docker/cli cli/command/node/promote.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { NO_ROLE_CHANGE, updateNodes } from './update.js';

export async function runNodePromote(nodes: string[], io: IOStreams, engine: Engine): Promise<void> {
  await updateNodes(
    engine,
    nodes,
    (node) => {
      if (node.Spec.Role === 'manager') {
        io.stdout.write(`Node ${node.ID} is already a manager.\n`);
        return NO_ROLE_CHANGE;
      }
      node.Spec.Role = 'manager';
      return undefined;
    },
    (ref) => io.stdout.write(`Node ${ref} promoted to a manager in the swarm.\n`),
  );
}

export const nodePromoteCommand = defineCommand({
  use: 'promote NODE [NODE...]',
  short: 'Promote one or more nodes to manager in the swarm',
  args: requiresMinArgs(1),
  run: ({ args, io, engine }) => runNodePromote(args, io, engine()),
});
