// `swarm join-token` (docker/cli cli/command/swarm/join_token.go).

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { printJoinCommand } from './join-command.js';

export interface JoinTokenOptions {
  role: string;
  quiet: boolean;
  rotate: boolean;
}

export async function runJoinToken(opts: JoinTokenOptions, io: IOStreams, engine: Engine): Promise<void> {
  const worker = opts.role === 'worker';
  const manager = opts.role === 'manager';
  if (!worker && !manager) throw new Error(`unknown role ${opts.role}`);
  if (opts.rotate) {
    await engine.swarmUpdate({ spec: {}, rotateWorkerToken: worker, rotateManagerToken: manager });
    if (!opts.quiet) io.stdout.write(`Successfully rotated ${opts.role} join token.\n\n`);
  }
  const swarm = await engine.swarmInspect();
  if (opts.quiet) {
    io.stdout.write(`${worker ? swarm.JoinTokens.Worker : swarm.JoinTokens.Manager}\n`);
    return;
  }
  await printJoinCommand(io, engine, { worker, manager });
}

export const joinTokenCommand = defineCommand({
  use: 'join-token [OPTIONS] (worker|manager)',
  short: 'Manage join tokens',
  args: exactArgs(1),
  flags: [
    { name: 'rotate', varname: '', usage: 'Rotate join token', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display token', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) => runJoinToken({ role: args[0], quiet: flags.quiet, rotate: flags.rotate }, io, engine()),
});
