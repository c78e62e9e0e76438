// `swarm join` (docker/cli cli/command/swarm/join.go). A simulated node is either its own one-node
// swarm or in none; there is no other manager to reach, so joining can only fail.

import type { Engine } from '../../engine/client.js';
import { alreadyInSwarm } from '../../engine/errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';

export interface JoinOptions {
  remote: string;
  token: string;
}

export async function runJoin(opts: JoinOptions, _io: IOStreams, engine: Engine): Promise<void> {
  const info = await engine.info();
  if (info.Swarm.LocalNodeState !== 'inactive') throw alreadyInSwarm();
  throw new Error(
    `tsecret simulates a single-node swarm and cannot join the swarm at ${opts.remote}; use \`tsecret swarm init\` to make this node a manager`,
  );
}

export const joinCommand = defineCommand({
  use: 'join [OPTIONS] HOST:PORT',
  short: 'Join a swarm as a node and/or manager',
  args: exactArgs(1),
  flags: [
    {
      name: 'listen-addr',
      varname: 'node-addr',
      usage: 'Listen address (format: "<ip|interface>[:port]")',
      kind: 'value',
      defaultText: '0.0.0.0:2377',
    },
    { name: 'token', varname: 'string', usage: 'Token for entry into the swarm', kind: 'value' },
    { name: 'advertise-addr', varname: 'string', usage: 'Advertised address (format: "<ip|interface>[:port]")', kind: 'value' },
    {
      name: 'data-path-addr',
      varname: 'string',
      usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")',
      kind: 'value',
    },
    {
      name: 'availability',
      varname: 'string',
      usage: 'Availability of the node ("active", "pause", "drain")',
      kind: 'value',
      defaultText: '"active"',
    },
  ],
  run: ({ args, flags, io, engine }) => runJoin({ remote: args[0], token: flags.token }, io, engine()),
});
