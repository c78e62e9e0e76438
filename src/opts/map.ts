// docker/cli opts.MapOpts and pflag's stringSlice, as the network and volume flags use them.
import { csvRecord } from '../go/csv/reader.js';

/** MapOpts.Set: `key=value` (split at the first "="), or `key` alone for an empty value. */
export function mapOptsFrom(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) map[v] = '';
    else map[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return map;
}

/** pflag stringSlice.Set: each value is one CSV record; an empty value adds nothing. */
export const parseStringSlice = (value: string): string[] => (value === '' ? [] : csvRecord(value));
