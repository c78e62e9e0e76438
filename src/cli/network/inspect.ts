// `network inspect` (docker/cli cli/command/network/inspect.go): docker's generic inspector, each
// name looked up as the daemon does (local networks first, then the swarm's).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { inspectFormatFlag } from '../flags.js';
import { inspectObjects } from '../formatter/inspect.js';
import { goNetwork } from './formatter.js';

export interface NetworkInspectOptions {
  names: string[];
  format: string;
  verbose: boolean;
}

export async function runNetworkInspect(opts: NetworkInspectOptions, io: IOStreams, engine: Engine): Promise<void> {
  if (opts.verbose) {
    // the verbose view reports the overlay's service load balancers and gossip peers as the
    // node's network driver sees them: nothing a simulated engine can show faithfully
    throw new Error('tsecret does not simulate the verbose (diagnostic) view of networks: inspect without -v/--verbose');
  }
  await inspectObjects(io, opts.names, opts.format, (ref) => engine.networkInspect(ref), goNetwork);
}

export const networkInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'verbose', shorthand: 'v', varname: '', usage: 'Verbose output for diagnostics', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runNetworkInspect({ names: args, format: flags.format, verbose: flags.verbose }, io, engine()),
});
