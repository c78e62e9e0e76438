// Flag value types as docker/cli and pflag define them: validation and their error causes.

import type { Filters } from '../api/filters.js';
import { defineFlag } from './command.js';

const WHITESPACE = /[ \t]/;

/** docker/cli opts.ValidateLabel: key[=value], key non-empty after trimming leading blanks, no blanks. */
export function validateLabel(value: string): string {
  const key = value.split('=')[0].replace(/^[ \t]+/, '');
  if (key === '') throw new Error(`invalid label '${value}': empty name`);
  if (WHITESPACE.test(key)) throw new Error(`label '${key}' contains whitespaces`);
  return value;
}

/** opts.ConvertKVStringsToMap: `k` gives an empty value; a repeated key keeps the last value. */
export function labelsToMap(labels: string[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const l of labels ?? []) {
    const eq = l.indexOf('=');
    if (eq < 0) map[l] = '';
    else map[l.slice(0, eq)] = l.slice(eq + 1);
  }
  return map;
}

/** opts.FilterOpt.Set: name=value, key lower-cased and trimmed, value trimmed; "" is ignored. */
export function validateFilter(value: string): string {
  if (value !== '' && !value.includes('=')) throw new Error('bad format of filter (expected name=value)');
  return value;
}

export function filtersFrom(values: string[] | undefined): Filters {
  const filters: Filters = new Map();
  for (const v of values ?? []) {
    if (v === '') continue;
    const eq = v.indexOf('=');
    const key = v.slice(0, eq).trim().toLowerCase();
    const list = filters.get(key) ?? [];
    const val = v.slice(eq + 1).trim();
    if (!list.includes(val)) list.push(val);
    filters.set(key, list);
  }
  return filters;
}

// ---- flag definitions used by several commands ----

export const filterFlag = defineFlag({
  name: 'filter',
  shorthand: 'f',
  varname: 'filter',
  usage: 'Filter output based on conditions provided',
  kind: 'list',
  parse: validateFilter,
});

export const quietFlag = (usage: string) => defineFlag({ name: 'quiet', shorthand: 'q', varname: '', usage, kind: 'bool' });

/** docker/cli flagsHelper.FormatHelp: the --format usage of list commands. */
export const LIST_FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** docker/cli flagsHelper.InspectFormatHelp. */
export const INSPECT_FORMAT_HELP = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** `-f/--format` of the inspect commands. */
export const inspectFormatFlag = defineFlag({
  name: 'format',
  shorthand: 'f',
  varname: 'string',
  usage: INSPECT_FORMAT_HELP,
  kind: 'value',
});

/** `--format` of the list commands. */
export const listFormatFlag = defineFlag({ name: 'format', varname: 'string', usage: LIST_FORMAT_HELP, kind: 'value' });
