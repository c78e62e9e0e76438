// `config ls` (docker/cli cli/command/config/ls.go).

import type { Engine } from '../../engine/client.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag, quietFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { ObjectRow } from '../secret/formatter.js';
import { CONFIG_HEADERS, DEFAULT_CONFIG_TABLE } from './formatter.js';

export interface ListOptions {
  quiet: boolean;
  format: string;
  filters: string[];
}

export async function runList(opts: ListOptions, io: IOStreams, engine: Engine): Promise<void> {
  const configs = await engine.configList(filtersFrom(opts.filters));
  sortNaturallyBy(configs, (c) => c.Spec.Name);
  const now = io.now();
  writeList(io, {
    format: opts.format,
    quiet: opts.quiet,
    defaultTable: DEFAULT_CONFIG_TABLE,
    headers: CONFIG_HEADERS,
    rows: configs.map((c) => new ObjectRow(c, now)),
    rowType: '*config.configContext',
  });
}

export const listCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List configs',
  args: noArgs,
  flags: [filterFlag, listFormatFlag, quietFlag('Only display IDs')],
  run: ({ flags, io, engine }) => runList({ quiet: flags.quiet, format: flags.format, filters: flags.filter }, io, engine()),
});
