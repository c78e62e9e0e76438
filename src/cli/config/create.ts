// `config create` (docker/cli cli/command/config/create.go): exactly a name and a file (or "-"),
// read as a secret's is, with the config's own limit; a read failure is wrapped once more.

import type { ConfigSpec } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import { quoteGo } from '../../go/strconv/quote.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { labelsToMap, validateLabel } from '../flags.js';
import { readObjectData } from '../secret/create.js';

export interface CreateOptions {
  name: string;
  /** A path, or "-" for stdin. */
  file: string;
  templateDriver: string;
  labels: string[];
}

/** maxConfigSize (swarmkit's 1000 KiB), read up to twice over so the daemon still gets to refuse it. */
const READ_LIMIT = 2 * 1000 * 1024;

export async function runCreate(opts: CreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  let data: Buffer;
  try {
    data = await readObjectData('config', io, opts.file, READ_LIMIT);
  } catch (err) {
    throw new Error(`Error reading content from ${quoteGo(opts.file)}: ${(err as Error).message}`);
  }
  const spec: ConfigSpec = { Name: opts.name, Labels: labelsToMap(opts.labels), Data: data };
  if (opts.templateDriver !== '') spec.Templating = { Name: opts.templateDriver };
  const { ID } = await engine.configCreate(spec);
  io.stdout.write(`${ID}\n`);
}

export const createCommand = defineCommand({
  use: 'create [OPTIONS] CONFIG file|-',
  short: 'Create a config from a file or STDIN',
  args: exactArgs(2),
  flags: [
    { name: 'label', shorthand: 'l', varname: 'list', usage: 'Config labels', kind: 'list', parse: validateLabel },
    { name: 'template-driver', varname: 'string', usage: 'Template driver', kind: 'value' },
  ],
  run: ({ args, flags, io, engine }) =>
    runCreate({ name: args[0], file: args[1], templateDriver: flags['template-driver'], labels: flags.label }, io, engine()),
});
