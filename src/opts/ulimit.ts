// --ulimit / --ulimit-add values: docker/cli opts/ulimit.go over go-units ulimit.go ParseUlimit.
import type { Ulimit } from '../api/services.js';
import { strconvParseInt } from '../go/strconv/numerr.js';

/** go-units' ulimitNameMapping ("as" is disabled there). */
export const ULIMIT_NAMES = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
] as const;
const ULIMIT_NAME_SET: ReadonlySet<string> = new Set(ULIMIT_NAMES);

/** units.ParseUlimit: name=soft[:hard], the hard limit defaulting to the soft one. */
export function parseUlimit(val: string): Ulimit {
  const eq = val.indexOf('=');
  if (eq < 0) throw new Error(`invalid ulimit argument: ${val}`);
  const name = val.slice(0, eq);
  const limits = val.slice(eq + 1);
  if (!ULIMIT_NAME_SET.has(name)) throw new Error(`invalid ulimit type: ${name}`);
  const parts = limits.split(':');
  if (parts.length > 2) throw new Error(`too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``);
  // as Go does: the hard limit is parsed first
  const hard = parts.length === 2 ? Number(strconvParseInt(parts[1], 10, 64)) : undefined;
  const soft = Number(strconvParseInt(parts[0], 10, 64));
  const h = hard ?? soft;
  if (h !== -1) {
    if (soft === -1) throw new Error(`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${h}`);
    if (soft > h) throw new Error(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${h}`);
  }
  return { Name: name, Hard: h, Soft: soft };
}

/** UlimitOpt.GetList: one per name (the last given wins), sorted by name. */
export function ulimitList(ulimits: Ulimit[]): Ulimit[] {
  const byName = new Map<string, Ulimit>();
  for (const u of ulimits) byName.set(u.Name, u);
  return [...byName.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}
