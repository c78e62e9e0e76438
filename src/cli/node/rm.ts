// `node rm` (docker/cli cli/command/node/remove.go): each node printed on success, failures joined
// at the end. The one node is a manager, which the swarm keeps until it is demoted.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { forEachArgument } from '../errors.js';

export interface NodeRemoveOptions {
  nodes: string[];
  force: boolean;
}

export async function runNodeRemove(opts: NodeRemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await forEachArgument(opts.nodes, io.stdout, (ref) => engine.nodeRemove(ref, opts.force));
}

export const nodeRemoveCommand = defineCommand({
  use: 'rm [OPTIONS] NODE [NODE...]',
  aliases: ['remove'],
  short: 'Remove one or more nodes from the swarm',
  args: requiresMinArgs(1),
  flags: [{ name: 'force', shorthand: 'f', varname: '', usage: 'Force remove a node from the swarm', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runNodeRemove({ nodes: args, force: flags.force }, io, engine()),
});
