// `node inspect` (docker/cli cli/command/node/inspect.go): `self` means this node; --pretty for
// people. Every failure exits 1 (the command wraps errors in StatusError{1}).

import type { Node } from '../../api/nodes.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { inspectObjects } from '../formatter/inspect.js';
import { goNode, prettyNode } from './formatter.js';
import { nodeReference } from './reference.js';

export interface NodeInspectOptions {
  nodes: string[];
  format: string;
  pretty: boolean;
}

export async function runNodeInspect(opts: NodeInspectOptions, io: IOStreams, engine: Engine): Promise<void> {
  const format = opts.pretty ? 'pretty' : opts.format;
  const get = async (ref: string): Promise<Node> => engine.nodeInspect(await nodeReference(engine, ref));
  try {
    if (format.startsWith('pretty') && format !== 'pretty')
      throw new Error('cannot supply extra formatting options to the pretty template');
    if (format === 'pretty') {
      // each node prints as it comes; the first miss ends the output
      for (const ref of opts.nodes) io.stdout.write(prettyNode(await get(ref)));
      return;
    }
    // NodeInspectWithRaw's bytes are dropped: the node is marshalled again (HTML-escaped)
    await inspectObjects(io, opts.nodes, format, get, goNode, { raw: false });
  } catch (err) {
    throw new StatusError((err as Error).message, 1);
  }
}

export const nodeInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] self|NODE [NODE...]',
  short: 'Display detailed information on one or more nodes',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'pretty', varname: '', usage: 'Print the information in a human friendly format', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runNodeInspect({ nodes: args, format: flags.format, pretty: flags.pretty }, io, engine()),
});
