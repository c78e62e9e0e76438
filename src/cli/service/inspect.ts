// `service inspect` (docker/cli cli/command/service/inspect.go). A missing service is the CLI's
// own `Error: no such service: X` (v28 wording); every failure exits 1 (StatusError{1}).

import type { Service } from '../../api/services.js';
import type { Engine, ServiceEngine } from '../../engine/client.js';
import { DaemonError } from '../../engine/errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { inspectObjects } from '../formatter/inspect.js';
import { goService, serviceJSONView } from '../formatter/views.js';
import { SERVICE_PRETTY_TEMPLATE, ServiceInspectContext } from './formatter.js';

export interface ServiceInspectOptions {
  refs: string[];
  format: string;
  pretty: boolean;
}

export const isNotFound = (err: unknown): boolean => err instanceof DaemonError && err.statusCode === 404;

export async function runServiceInspect(
  opts: ServiceInspectOptions,
  io: IOStreams,
  engine: Pick<ServiceEngine, 'serviceInspect'> & Partial<Pick<Engine, 'networkInspect'>>,
): Promise<void> {
  if (opts.pretty && opts.format !== '') throw new Error('--format is incompatible with human friendly format');
  const f = opts.pretty ? 'pretty' : opts.format === '' ? 'raw' : opts.format;
  if (f.startsWith('pretty') && f !== 'pretty') throw new Error('Cannot supply extra formatting options to the pretty template');

  const get = async (ref: string): Promise<Service> => {
    try {
      return await engine.serviceInspect(ref);
    } catch (err) {
      if (isNotFound(err)) throw new Error(`Error: no such service: ${ref}`);
      throw err;
    }
  };
  try {
    if (f === 'pretty') {
      // Every service is fetched before anything prints: one miss aborts the whole output.
      const services: Service[] = [];
      for (const ref of opts.refs) services.push(await get(ref));
      // the attached networks are shown by name (the CLI inspects each one)
      const networkNames = new Map<string, string>();
      for (const s of services) {
        for (const n of s.Spec.TaskTemplate.Networks ?? []) {
          if (networkNames.has(n.Target) || !engine.networkInspect) continue;
          networkNames.set(n.Target, (await engine.networkInspect(n.Target)).Name);
        }
      }
      const now = io.now();
      writeList(io, { format: SERVICE_PRETTY_TEMPLATE, rows: services.map((s) => new ServiceInspectContext(s, now, networkNames)) });
      return;
    }
    // NewFormat: "raw" (the default) and any "raw" prefix fall back to the JSON array
    const template = f.startsWith('raw') ? f.slice(3) : f;
    await inspectObjects(
      io,
      opts.refs,
      template,
      async (ref) => serviceJSONView(await get(ref)),
      (view) => goService(view as unknown as Service),
      // ServiceInspectWithRaw's bytes are dropped: the service is marshalled again
      { raw: false },
    );
  } catch (err) {
    throw new StatusError((err as Error).message, 1);
  }
}

export const serviceInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] SERVICE [SERVICE...]',
  short: 'Display detailed information on one or more services',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'pretty', varname: '', usage: 'Print the information in a human friendly format', kind: 'bool' }],
  run: ({ args, flags, io, engine }) =>
    runServiceInspect({ refs: args, format: flags.format, pretty: flags.pretty }, io, engine() as Engine & ServiceEngine),
});
