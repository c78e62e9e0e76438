// `stack services` (docker/cli cli/command/stack/services.go): `service ls` of the stack's services.

import type { ServiceEngine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag, quietFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { SERVICE_HEADERS, ServiceRow, serviceListFormat, sortServices } from '../service/formatter.js';
import { stackFilterWith, validateStackName } from './common.js';

export interface StackServicesOptions {
  namespace: string;
  quiet: boolean;
  format: string;
  filters: string[];
}

export async function runStackServices(
  opts: StackServicesOptions,
  io: IOStreams,
  engine: Pick<ServiceEngine, 'serviceList'>,
): Promise<void> {
  validateStackName(opts.namespace);
  const services = await engine.serviceList(stackFilterWith(opts.namespace, filtersFrom(opts.filters)));
  if (services.length === 0) {
    // not an error: docker says so on stderr and exits 0
    io.stderr.write(`Nothing found in stack: ${opts.namespace}\n`);
    return;
  }
  writeList(io, {
    format: serviceListFormat(opts.format, opts.quiet),
    headers: SERVICE_HEADERS,
    rows: sortServices(services).map((s) => new ServiceRow(s)),
    rowType: '*service.serviceContext',
  });
}

export const stackServicesCommand = defineCommand({
  use: 'services [OPTIONS] STACK',
  short: 'List the services in the stack',
  args: exactArgs(1),
  flags: [filterFlag, listFormatFlag, quietFlag('Only display IDs')],
  run: ({ args, flags, io, engine }) =>
    runStackServices(
      {
        namespace: args[0],
        quiet: flags.quiet,
        format: flags.format,
        filters: flags.filter,
      },
      io,
      engine(),
    ),
});
