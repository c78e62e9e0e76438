// `node ls` (docker/cli cli/command/node/list.go): sorted by hostname (natural order); /info tells
// which node answers (the `*` after its ID) unless only IDs are listed.

import type { Engine } from '../../engine/client.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag, quietFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { DEFAULT_NODE_TABLE, NODE_HEADERS, NodeRow } from './formatter.js';

export interface NodeListOptions {
  quiet: boolean;
  format: string;
  filters: string[];
}

export async function runNodeList(opts: NodeListOptions, io: IOStreams, engine: Engine): Promise<void> {
  const nodes = await engine.nodeList(filtersFrom(opts.filters));
  const info = nodes.length && !opts.quiet ? await engine.info() : undefined;
  sortNaturallyBy(nodes, (n) => n.Description.Hostname);
  writeList(io, {
    format: opts.format,
    quiet: opts.quiet,
    defaultTable: DEFAULT_NODE_TABLE,
    headers: NODE_HEADERS,
    rows: nodes.map((n) => new NodeRow(n, info)),
    rowType: '*node.nodeContext',
  });
}

export const nodeListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List nodes in the swarm',
  args: noArgs,
  flags: [filterFlag, listFormatFlag, quietFlag('Only display IDs')],
  run: ({ flags, io, engine }) => runNodeList({ quiet: flags.quiet, format: flags.format, filters: flags.filter }, io, engine()),
});
