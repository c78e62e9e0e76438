// `network rm` (docker/cli cli/command/network/remove.go): removing the ingress network asks first;
// each failure is printed as it happens, and any failure ends in docker 28's `exit status 1`.

import type { Engine } from '../../engine/client.js';
import { DaemonError } from '../../engine/errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { confirm } from '../prompt.js';

export interface NetworkRemoveOptions {
  networks: string[];
  force: boolean;
}

const INGRESS_WARNING =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?';

export async function runNetworkRemove(opts: NetworkRemoveOptions, io: IOStreams, engine: Engine): Promise<void> {
  let status = 0;
  for (const name of opts.networks) {
    let ingress = false;
    try {
      ingress = (await engine.networkInspect(name)).Ingress;
    } catch {
      // the removal below reports a missing network
    }
    if (ingress && !(await confirm(io, INGRESS_WARNING))) continue;
    try {
      await engine.networkRemove(name);
    } catch (err) {
      if (opts.force && err instanceof DaemonError && err.statusCode === 404) continue;
      io.stderr.write(`${(err as Error).message}\n`);
      status = 1;
      continue;
    }
    io.stdout.write(`${name}\n`);
  }
  if (status !== 0) throw new StatusError(`exit status ${status}`, status);
}

export const networkRemoveCommand = defineCommand({
  use: 'rm NETWORK [NETWORK...]',
  aliases: ['remove'],
  short: 'Remove one or more networks',
  args: requiresMinArgs(1),
  flags: [{ name: 'force', shorthand: 'f', varname: '', usage: 'Do not error if the network does not exist', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runNetworkRemove({ networks: args, force: flags.force }, io, engine()),
});
