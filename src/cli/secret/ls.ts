// `secret ls` (docker/cli cli/command/secret/ls.go).

import type { Engine } from '../../engine/client.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag, quietFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { DEFAULT_SECRET_TABLE, defaultSecretTable, SECRET_HEADERS, SecretRow } from './formatter.js';

export interface ListOptions {
  quiet: boolean;
  format: string;
  filters: string[];
}

export async function runList(opts: ListOptions, io: IOStreams, engine: Engine): Promise<void> {
  const secrets = await engine.secretList(filtersFrom(opts.filters));
  sortNaturallyBy(secrets, (s) => s.Spec.Name);
  const now = io.now();
  if (!opts.quiet && (opts.format === '' || opts.format === 'table')) {
    const table = defaultSecretTable(secrets, now);
    if (table !== undefined) {
      io.stdout.write(table);
      return;
    }
  }
  writeList(io, {
    format: opts.format,
    quiet: opts.quiet,
    defaultTable: DEFAULT_SECRET_TABLE,
    headers: SECRET_HEADERS,
    rows: secrets.map((s) => new SecretRow(s, now)),
    rowType: '*secret.secretContext',
  });
}

export const listCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List secrets',
  args: noArgs,
  flags: [filterFlag, listFormatFlag, quietFlag('Only display IDs')],
  run: ({ flags, io, engine }) => runList({ quiet: flags.quiet, format: flags.format, filters: flags.filter }, io, engine()),
});
