// `volume create` (docker/cli cli/command/volume/create.go). The cluster-volume flags make a CSI
// volume of the swarm, which needs a volume plugin tsecret does not simulate: they are refused.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { mapOptsFrom } from '../../opts/map.js';
import { defineCommand, requiresMaxArgs } from '../command.js';
import { labelsToMap, validateLabel } from '../flags.js';

export interface VolumeCreateOptions {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: string[];
  /** The cluster-volume flags given (hasClusterVolumeOptionSet). */
  clusterFlags: string[];
}

export async function runVolumeCreate(opts: VolumeCreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  if (opts.clusterFlags.length) {
    throw new Error(`tsecret does not simulate cluster volumes (CSI plugins): --${opts.clusterFlags[0]} cannot be used`);
  }
  const volume = await engine.volumeCreate({
    Name: opts.name,
    Driver: opts.driver,
    DriverOpts: opts.driverOpts,
    Labels: labelsToMap(opts.labels),
  });
  io.stdout.write(`${volume.Name}\n`);
}

const CLUSTER_FLAGS = [
  'availability',
  'group',
  'limit-bytes',
  'required-bytes',
  'scope',
  'secret',
  'sharing',
  'topology-preferred',
  'topology-required',
  'type',
] as const;

export const volumeCreateCommand = defineCommand({
  use: 'create [OPTIONS] [VOLUME]',
  short: 'Create a volume',
  args: requiresMaxArgs(1),
  flags: [
    {
      name: 'driver',
      shorthand: 'd',
      varname: 'string',
      usage: 'Specify volume driver name',
      kind: 'value',
      defaultText: '"local"',
      default: 'local',
    },
    { name: 'name', varname: 'string', usage: 'Specify volume name', kind: 'value', hidden: true },
    { name: 'opt', shorthand: 'o', varname: 'map', usage: 'Set driver specific options', kind: 'list', defaultText: 'map[]' },
    { name: 'label', varname: 'list', usage: 'Set metadata for a volume', kind: 'list', parse: validateLabel },
    // cluster volumes (API 1.42, swarm managers): hidden, as docker shows them only for CSI setups here
    { name: 'group', varname: 'string', usage: 'Cluster Volume group (cluster volumes)', kind: 'value', hidden: true },
    { name: 'scope', varname: 'string', usage: 'Cluster Volume access scope ("single", "multi")', kind: 'value', hidden: true },
    {
      name: 'sharing',
      varname: 'string',
      usage: 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")',
      kind: 'value',
      hidden: true,
    },
    {
      name: 'availability',
      varname: 'string',
      usage: 'Cluster Volume availability ("active", "pause", "drain")',
      kind: 'value',
      hidden: true,
    },
    { name: 'type', varname: 'string', usage: 'Cluster Volume access type ("mount", "block")', kind: 'value', hidden: true },
    { name: 'secret', varname: 'map', usage: 'Cluster Volume secrets', kind: 'list', hidden: true },
    { name: 'limit-bytes', varname: 'bytes', usage: 'Minimum size of the Cluster Volume in bytes', kind: 'value', hidden: true },
    { name: 'required-bytes', varname: 'bytes', usage: 'Maximum size of the Cluster Volume in bytes', kind: 'value', hidden: true },
    {
      name: 'topology-required',
      varname: 'list',
      usage: 'A topology that the Cluster Volume must be accessible from',
      kind: 'list',
      hidden: true,
    },
    {
      name: 'topology-preferred',
      varname: 'list',
      usage: 'A topology that the Cluster Volume would be preferred in',
      kind: 'list',
      hidden: true,
    },
  ],
  run: async ({ args, flags, changed, io, engine }) => {
    let name = flags.name;
    if (args.length === 1) {
      if (name !== '') throw new Error('conflicting options: cannot specify a volume-name through both --name and as a positional arg');
      name = args[0];
    }
    const clusterFlags = CLUSTER_FLAGS.filter((f) => changed.has(f));
    await runVolumeCreate(
      { name, driver: flags.driver, driverOpts: mapOptsFrom(flags.opt), labels: flags.label, clusterFlags },
      io,
      engine(),
    );
  },
});
