// `ps` / `container ls|list|ps` (docker/cli cli/command/container/list.go). The daemon returns
// the containers newest first; -n/-l limit them (and then include stopped ones), as moby does.

import type { Engine, ServiceEngine } from '../../engine/client.js';
import { goStruct } from '../../go/reflect/value.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import { TemplateExecError } from '../../go/template/exec.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { filterFlag, filtersFrom, listFormatFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { parseDockerTemplate } from '../formatter/templates.js';
import { CONTAINER_HEADERS, ContainerRow, containerListFormat, ZERO_CONTAINER } from './formatter.js';

export interface ContainerListOptions {
  all: boolean;
  quiet: boolean;
  noTrunc: boolean;
  /** -n: the last N created containers; -1 for no limit. */
  last: number;
  latest: boolean;
  size: boolean;
  format: string;
  filters: string[];
}

const ROW_TYPE = '*formatter.ContainerContext';

/** buildContainerListOptions: a --format is always parsed and run once on an empty row first. */
function validateFormat(format: string): void {
  let template: ReturnType<typeof parseDockerTemplate>;
  try {
    template = parseDockerTemplate(format);
  } catch (err) {
    if (err instanceof TemplateParseError) throw new Error(`failed to parse template: ${err.message}`);
    throw err;
  }
  try {
    template.execute(goStruct(ROW_TYPE, new ContainerRow(ZERO_CONTAINER, true, 0)));
  } catch (err) {
    if (err instanceof TemplateExecError) throw new Error(`failed to execute template: ${err.message}`);
    throw err;
  }
}

export async function runContainerList(
  opts: ContainerListOptions,
  io: IOStreams,
  engine: Pick<ServiceEngine, 'containerList'>,
): Promise<void> {
  if (opts.format !== '' && opts.quiet) io.stderr.write('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
  const limit = opts.latest && opts.last === -1 ? 1 : opts.last;
  if (opts.format !== '') validateFormat(opts.format);
  let containers = await engine.containerList({ all: opts.all || limit > 0, filters: filtersFrom(opts.filters) });
  if (limit > 0) containers = containers.slice(0, limit);
  const now = io.now();
  writeList(io, {
    format: containerListFormat(opts.format, opts.quiet, opts.size),
    headers: CONTAINER_HEADERS,
    rows: containers.map((c) => new ContainerRow(c, !opts.noTrunc, now)),
    rowType: ROW_TYPE,
  });
}

export const containerListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list', 'ps'],
  short: 'List containers',
  args: noArgs,
  flags: [
    { name: 'all', shorthand: 'a', varname: '', usage: 'Show all containers (default shows just running)', kind: 'bool' },
    filterFlag,
    listFormatFlag,
    {
      name: 'last',
      shorthand: 'n',
      varname: 'int',
      usage: 'Show n last created containers (includes all states)',
      kind: 'value',
      defaultText: '-1',
      parse: (v) => Number(parseGoInt(v, 64, true)),
      default: -1,
    },
    { name: 'latest', shorthand: 'l', varname: '', usage: 'Show the latest created container (includes all states)', kind: 'bool' },
    { name: 'no-trunc', varname: '', usage: "Don't truncate output", kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Only display container IDs', kind: 'bool' },
    { name: 'size', shorthand: 's', varname: '', usage: 'Display total file sizes', kind: 'bool' },
  ],
  run: ({ flags, io, engine }) =>
    runContainerList(
      {
        all: flags.all,
        quiet: flags.quiet,
        noTrunc: flags['no-trunc'],
        last: flags.last,
        latest: flags.latest,
        size: flags.size,
        format: flags.format,
        filters: flags.filter,
      },
      io,
      engine() as Engine & ServiceEngine,
    ),
});

/** The top-level `ps`: the same command under its short name. */
export const psCommand = defineCommand({ ...containerListCommand, use: 'ps [OPTIONS]', aliases: undefined });
