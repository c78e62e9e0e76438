// `volume ls` (docker/cli cli/command/volume/list.go): sorted by name (natural order). --cluster
// lists only cluster volumes, of which a simulated engine has none.

import type { Engine } from '../../engine/client.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filtersFrom, listFormatFlag, validateFilter } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { DEFAULT_VOLUME_TABLE, VOLUME_HEADERS, VolumeRow } from './formatter.js';

export interface VolumeListOptions {
  quiet: boolean;
  format: string;
  cluster: boolean;
  filters: string[];
}

const CLUSTER_TABLE = 'table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}';

export async function runVolumeList(opts: VolumeListOptions, io: IOStreams, engine: Engine): Promise<void> {
  let { Volumes: volumes } = await engine.volumeList(filtersFrom(opts.filters));
  let format = opts.format;
  if (opts.cluster) {
    volumes = [];
    if (format === '') format = opts.quiet ? 'table' : CLUSTER_TABLE;
  }
  sortNaturallyBy(volumes, (v) => v.Name);
  writeList(io, {
    // -q lists names, not IDs (NewVolumeFormat's quiet format)
    format: opts.quiet && (format === '' || format === 'table') ? '{{.Name}}' : format,
    defaultTable: DEFAULT_VOLUME_TABLE,
    headers: VOLUME_HEADERS,
    rows: volumes.map((v) => new VolumeRow(v)),
    rowType: '*formatter.volumeContext',
  });
}

export const volumeListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List volumes',
  args: noArgs,
  flags: [
    { name: 'cluster', varname: '', usage: 'Display only cluster volumes, and use cluster volume list formatting', kind: 'bool' },
    {
      name: 'filter',
      shorthand: 'f',
      varname: 'filter',
      usage: 'Provide filter values (e.g. "dangling=true")',
      kind: 'list',
      parse: validateFilter,
    },
    listFormatFlag,
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display volume names', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) =>
    runVolumeList({ quiet: flags.quiet, format: flags.format, cluster: flags.cluster, filters: flags.filter }, io, engine()),
});
