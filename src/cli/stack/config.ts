// `stack config` (docker/cli cli/command/stack/config.go): loads and merges the compose files as
// `stack deploy` does (no daemon needed) and prints the result as YAML. Unlike deploy, it does not
// list the options swarm ignores, and a forbidden option fails with the loader's own message.

import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { composeFileFlag, loadComposefile } from './compose-files.js';

export interface ConfigOptions {
  composeFiles: string[];
  skipInterpolation: boolean;
}

export async function runConfig(opts: ConfigOptions, io: IOStreams): Promise<void> {
  const result = await loadComposefile(opts.composeFiles, io, { skipInterpolation: opts.skipInterpolation });
  // the compose code stays off the start-up path of the other commands
  const { marshalConfig } = await import('../../compose/marshal.js');
  io.stdout.write(marshalConfig(result.config));
}

export const configCommand = defineCommand({
  use: 'config [OPTIONS]',
  short: 'Outputs the final config file, after doing merges and interpolations',
  args: noArgs,
  flags: [
    composeFileFlag,
    { name: 'skip-interpolation', varname: '', usage: 'Skip interpolation and output only merged config', kind: 'bool' },
  ],
  run: ({ io, flags }) => runConfig({ composeFiles: flags['compose-file'].flat(), skipInterpolation: flags['skip-interpolation'] }, io),
});
