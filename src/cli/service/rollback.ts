// `service rollback` (docker/cli cli/command/service/rollback.go): the current spec is sent back
// with rollback=previous, so the daemon swaps in the service's previous spec; then the argument is
// printed and, unless -d, the rollback's progress (-q waits without printing it).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { printProgress } from './progress.js';

export interface RollbackOptions {
  service: string;
  detach: boolean;
  quiet: boolean;
}

export async function runRollback(opts: RollbackOptions, io: IOStreams, engine: Engine): Promise<void> {
  const service = await engine.serviceInspect(opts.service);
  await engine.serviceUpdate(service.ID, service.Version, service.Spec, { Rollback: 'previous' });
  io.stdout.write(`${opts.service}\n`);
  if (opts.detach || opts.quiet) return;
  await printProgress(io, engine, service.ID, opts.service);
}

export const rollbackCommand = defineCommand({
  use: 'rollback [OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  args: exactArgs(1),
  flags: [
    { name: 'detach', shorthand: 'd', varname: '', usage: 'Exit immediately instead of waiting for the service to converge', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Suppress progress output', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) => runRollback({ service: args[0], detach: flags.detach, quiet: flags.quiet }, io, engine()),
});
