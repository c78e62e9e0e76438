// `service ls` (docker/cli cli/command/service/list.go).

import type { Engine, ServiceEngine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag, quietFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { SERVICE_HEADERS, ServiceRow, serviceListFormat, sortServices } from './formatter.js';

export interface ServiceListOptions {
  quiet: boolean;
  format: string;
  filters: string[];
}

export async function runServiceList(opts: ServiceListOptions, io: IOStreams, engine: Pick<ServiceEngine, 'serviceList'>): Promise<void> {
  const services = sortServices(await engine.serviceList(filtersFrom(opts.filters)));
  writeList(io, {
    format: serviceListFormat(opts.format, opts.quiet),
    headers: SERVICE_HEADERS,
    rows: services.map((s) => new ServiceRow(s)),
    rowType: '*service.serviceContext',
  });
}

export const serviceListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List services',
  args: noArgs,
  flags: [filterFlag, listFormatFlag, quietFlag('Only display IDs')],
  run: ({ flags, io, engine }) =>
    runServiceList({ quiet: flags.quiet, format: flags.format, filters: flags.filter }, io, engine() as Engine & ServiceEngine),
});
