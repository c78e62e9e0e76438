// moby api/server/httputils WriteJSON: the Engine API's JSON as Go writes it (encoding/json
// without HTML escaping). Structs keep their field order, maps (label sets, driver options) come
// out with keys in byte order — which a JS object cannot keep for integer-like keys — and
// U+2028/U+2029 are escaped.
import { marshalJSON } from '../go/json/encode.js';
import { goMap, goStruct } from '../go/reflect/value.js';

/** Fields of the API types that are Go maps; every other object is a struct. */
const MAP_FIELDS = new Set(['Labels', 'Options', 'Sysctls', 'DriverOpts']);

function toGo(value: unknown, isMap: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => toGo(v, false));
  // a []byte (a config's Data): marshalJSON writes it as base64
  if (value instanceof Uint8Array) return value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toGo(v, !isMap && MAP_FIELDS.has(k));
  return isMap ? goMap(out) : goStruct('struct', out);
}

/**
 * escapeHTML: as json.Marshal writes it (<, > and & as \u003c, \u003e, \u0026), which is what the
 * CLI prints for an object it re-marshals instead of passing the daemon's bytes on.
 */
export function apiJSON(value: unknown, opts: { escapeHTML?: boolean } = {}): string {
  return marshalJSON(toGo(value, false), { escapeHTML: opts.escapeHTML ?? false });
}
