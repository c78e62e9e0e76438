// `volume prune` (docker/cli cli/command/volume/prune.go) against an API 1.42+ engine: only
// anonymous volumes unless --all; asks unless -f, and a "no" cancels quietly.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filtersFrom, validateFilter } from '../flags.js';
import { confirm } from '../prompt.js';
import { humanSize } from '../units.js';

export interface VolumePruneOptions {
  all: boolean;
  force: boolean;
  filters: string[];
}

const UNUSED_WARNING =
  'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

export async function runVolumePrune(opts: VolumePruneOptions, io: IOStreams, engine: Engine): Promise<void> {
  const filters = filtersFrom(opts.filters);
  let warning = UNUSED_WARNING;
  if (opts.all) {
    if (filters.has('all')) throw new Error('conflicting options: cannot specify both --all and --filter all=1');
    filters.set('all', ['true']);
    warning = ALL_WARNING;
  }
  // a cancelled prune is no error: docker's main prints nothing and exits 0
  if (!opts.force && !(await confirm(io, warning))) return;
  const report = await engine.volumesPrune(filters);
  if (report.VolumesDeleted.length) io.stdout.write(`Deleted Volumes:\n${report.VolumesDeleted.map((v) => `${v}\n`).join('')}\n`);
  io.stdout.write(`Total reclaimed space: ${humanSize(report.VolumesDeleted.length ? report.SpaceReclaimed : 0)}\n`);
}

export const volumePruneCommand = defineCommand({
  use: 'prune [OPTIONS]',
  short: 'Remove unused local volumes',
  args: noArgs,
  flags: [
    { name: 'all', shorthand: 'a', varname: '', usage: 'Remove all unused volumes, not just anonymous ones', kind: 'bool' },
    { name: 'filter', varname: 'filter', usage: 'Provide filter values (e.g. "label=<label>")', kind: 'list', parse: validateFilter },
    { name: 'force', shorthand: 'f', varname: '', usage: 'Do not prompt for confirmation', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) => runVolumePrune({ all: flags.all, force: flags.force, filters: flags.filter }, io, engine()),
});
