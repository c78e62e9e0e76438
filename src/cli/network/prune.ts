// `network prune` (docker/cli cli/command/network/prune.go): asks unless -f; a "no" (or no
// answer) cancels quietly.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filtersFrom, validateFilter } from '../flags.js';
import { confirm } from '../prompt.js';

export interface NetworkPruneOptions {
  force: boolean;
  filters: string[];
}

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

export async function runNetworkPrune(opts: NetworkPruneOptions, io: IOStreams, engine: Engine): Promise<void> {
  // a cancelled prune is no error: docker's main prints nothing and exits 0
  if (!opts.force && !(await confirm(io, WARNING))) return;
  const report = await engine.networksPrune(filtersFrom(opts.filters));
  if (report.NetworksDeleted.length) io.stdout.write(`Deleted Networks:\n${report.NetworksDeleted.map((n) => `${n}\n`).join('')}\n`);
}

export const networkPruneCommand = defineCommand({
  use: 'prune [OPTIONS]',
  short: 'Remove all unused networks',
  args: noArgs,
  flags: [
    { name: 'filter', varname: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', kind: 'list', parse: validateFilter },
    { name: 'force', shorthand: 'f', varname: '', usage: 'Do not prompt for confirmation', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) => runNetworkPrune({ force: flags.force, filters: flags.filter }, io, engine()),
});
