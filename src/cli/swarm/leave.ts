// `swarm leave` (docker/cli cli/command/swarm/leave.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';

export interface LeaveOptions {
  force: boolean;
}

export async function runLeave(opts: LeaveOptions, io: IOStreams, engine: Engine): Promise<void> {
  await engine.swarmLeave(opts.force);
  io.stdout.write('Node left the swarm.\n');
}

export const leaveCommand = defineCommand({
  use: 'leave [OPTIONS]',
  short: 'Leave the swarm',
  args: noArgs,
  flags: [{ name: 'force', shorthand: 'f', varname: '', usage: 'Force this node to leave the swarm, ignoring warnings', kind: 'bool' }],
  run: ({ flags, io, engine }) => runLeave({ force: flags.force }, io, engine()),
});
