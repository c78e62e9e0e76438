// `network ls` (docker/cli cli/command/network/list.go): sorted by name (natural order), IDs cut to
// 12 unless --no-trunc.

import type { Engine } from '../../engine/client.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filtersFrom, listFormatFlag, validateFilter } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { DEFAULT_NETWORK_TABLE, NETWORK_HEADERS, NetworkRow } from './formatter.js';

export interface NetworkListOptions {
  quiet: boolean;
  noTrunc: boolean;
  format: string;
  filters: string[];
}

export async function runNetworkList(opts: NetworkListOptions, io: IOStreams, engine: Engine): Promise<void> {
  const networks = await engine.networkList(filtersFrom(opts.filters));
  sortNaturallyBy(networks, (n) => n.Name);
  writeList(io, {
    format: opts.format,
    quiet: opts.quiet,
    defaultTable: DEFAULT_NETWORK_TABLE,
    headers: NETWORK_HEADERS,
    rows: networks.map((n) => new NetworkRow(n, !opts.noTrunc)),
    rowType: '*network.networkContext',
  });
}

export const networkListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List networks',
  args: noArgs,
  flags: [
    {
      name: 'filter',
      shorthand: 'f',
      varname: 'filter',
      usage: 'Provide filter values (e.g. "driver=bridge")',
      kind: 'list',
      parse: validateFilter,
    },
    listFormatFlag,
    { name: 'no-trunc', varname: '', usage: 'Do not truncate the output', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display network IDs', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) =>
    runNetworkList({ quiet: flags.quiet, noTrunc: flags['no-trunc'], format: flags.format, filters: flags.filter }, io, engine()),
});
