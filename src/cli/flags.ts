// Flag value types as docker/cli and pflag define them: validation and their error causes.
import { defineFlag } from './command.js';
import type { Filters } from '../api/filters.js';
import { parseGoIntSyntax, quoteGo } from '../format/govalue.js';

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

const goSyntax = (fn: string, v: string): Error => new Error(`strconv.${fn}: parsing ${quoteGo(v)}: invalid syntax`);
const goRange = (fn: string, v: string): Error => new Error(`strconv.${fn}: parsing ${quoteGo(v)}: value out of range`);

/** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b and leading-0 octal prefixes), as pflag uses. */
export function parseGoInt(value: string, bits: number, signed: boolean): bigint {
  const fn = signed ? 'ParseInt' : 'ParseUint';
  const n = parseGoIntSyntax(value);
  if (n === undefined || (!signed && /^[+-]/.test(value))) throw goSyntax(fn, value);
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  if (n > max || n < min) throw goRange(fn, value);
  return n;
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * time.ParseDuration, returning nanoseconds: a sequence of decimal numbers, each with a unit,
 * and Go's error texts (invalid duration, missing unit, unknown unit "x").
 */
export function parseGoDuration(value: string): number {
  const bad = (): Error => new Error(`time: invalid duration ${quoteGo(value)}`);
  let s = value;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) throw bad();
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    if (m[1] === '' && (m[2] ?? '') === '') throw bad();
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    if (unit === '') throw new Error(`time: missing unit in duration ${quoteGo(value)}`);
    const mult = DURATION_UNITS[unit];
    if (mult === undefined) throw new Error(`time: unknown unit ${quoteGo(unit)} in duration ${quoteGo(value)}`);
    s = s.slice(unit.length);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * mult;
    if (total > 2 ** 63) throw bad();
  }
  return sign * Math.round(total);
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
export const inspectFormatFlag = defineFlag({ name: 'format', shorthand: 'f', varname: 'string', usage: INSPECT_FORMAT_HELP, kind: 'value' });

/** `--format` of the list commands. */
export const listFormatFlag = defineFlag({ name: 'format', varname: 'string', usage: LIST_FORMAT_HELP, kind: 'value' });
