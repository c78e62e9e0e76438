// `config inspect` (docker/cli cli/command/config/inspect.go): secret inspect's command on configs,
// whose JSON and templates show the data.

import type { Config } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { inspectFormatFlag } from '../flags.js';
import { goConfig } from '../formatter/views.js';
import { type InspectOptions, inspectSwarmObjects } from '../secret/inspect.js';
import { CONFIG_PRETTY_TEMPLATE, DEFAULT_CONFIG_TABLE, prettyConfig } from './formatter.js';

export type { InspectOptions };

export async function runInspect(opts: InspectOptions, io: IOStreams, engine: Engine): Promise<void> {
  await inspectSwarmObjects<Config>(opts, io, {
    get: (ref) => engine.configInspect(ref),
    typed: goConfig,
    prettyTemplate: CONFIG_PRETTY_TEMPLATE,
    pretty: prettyConfig,
    listTable: DEFAULT_CONFIG_TABLE,
  });
}

export const inspectCommand = defineCommand({
  use: 'inspect [OPTIONS] CONFIG [CONFIG...]',
  short: 'Display detailed information on one or more configs',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'pretty', varname: '', usage: 'Print the information in a human friendly format', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runInspect({ names: args, format: flags.format, pretty: flags.pretty }, io, engine()),
});
