// `secret inspect` (docker/cli cli/command/secret/inspect.go). Every failure becomes exit 1 here,
// template errors included, because secret inspect re-wraps them as StatusError{1}. `config
// inspect` (config/inspect.go) is the same command on configs: both run inspectSwarmObjects.

import type { Secret } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { inspectObjects } from '../formatter/inspect.js';
import { goSecret } from '../formatter/views.js';
import { DEFAULT_SECRET_TABLE, prettySecret, SECRET_PRETTY_TEMPLATE } from './formatter.js';

export interface InspectOptions {
  names: string[];
  format: string;
  pretty: boolean;
}

/** How one kind of swarm object is fetched and shown. */
export interface ObjectInspectView<T> {
  get: (ref: string) => Promise<T>;
  /** The typed object templates run on. */
  typed: (obj: T) => unknown;
  prettyTemplate: string;
  pretty: (obj: T) => Record<string, unknown>;
  /** The list's default table, which NewFormat gives for the "table" keyword. */
  listTable: string;
}

export async function inspectSwarmObjects<T>(opts: InspectOptions, io: IOStreams, view: ObjectInspectView<T>): Promise<void> {
  const format = opts.pretty ? 'pretty' : opts.format;
  if (format.startsWith('pretty') && format !== 'pretty') {
    throw new StatusError('cannot supply extra formatting options to the pretty template', 1);
  }
  try {
    if (format === 'pretty') {
      // Every object is fetched before anything prints: one miss aborts the whole output.
      const objects: T[] = [];
      for (const name of opts.names) objects.push(await view.get(name));
      writeList(io, { format: view.prettyTemplate, rows: objects.map(view.pretty) });
      return;
    }
    // NewFormat turns the "table" keyword into the list table even here (and it then fails)
    const template = format === 'table' ? view.listTable : format;
    await inspectObjects(io, opts.names, template, view.get, view.typed);
  } catch (err) {
    throw new StatusError((err as Error).message, 1);
  }
}

export async function runInspect(opts: InspectOptions, io: IOStreams, engine: Engine): Promise<void> {
  await inspectSwarmObjects<Secret>(opts, io, {
    get: (ref) => engine.secretInspect(ref),
    typed: goSecret,
    prettyTemplate: SECRET_PRETTY_TEMPLATE,
    pretty: prettySecret,
    listTable: DEFAULT_SECRET_TABLE,
  });
}

export const inspectCommand = defineCommand({
  use: 'inspect [OPTIONS] SECRET [SECRET...]',
  short: 'Display detailed information on one or more secrets',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'pretty', varname: '', usage: 'Print the information in a human friendly format', kind: 'bool' }],
  run: ({ args, flags, io, engine }) => runInspect({ names: args, format: flags.format, pretty: flags.pretty }, io, engine()),
});
