// The Engine API's JSON as Go writes it (moby encodes without HTML escaping): structs keep their
// field order, maps (label sets, driver options) come out with keys in byte order — which a JS
// object cannot keep for integer-like keys — and U+2028/U+2029 are escaped.
import { goMap, goStruct, marshalJSON } from './govalue.js';

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

export function apiJSON(value: unknown): string {
  return marshalJSON(toGo(value, false), { escapeHTML: false });
}

/** encoding/json.Indent with no prefix: empty objects and arrays stay "{}" and "[]". */
export function indentJSON(json: string, indent = '    '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        if (json[i + 1] === (c === '{' ? '}' : ']')) {
          out += c + json[++i];
          break;
        }
        depth++;
        out += `${c}\n${indent.repeat(depth)}`;
        break;
      case '}':
      case ']':
        depth--;
        out += `\n${indent.repeat(depth)}${c}`;
        break;
      case ',':
        out += `,\n${indent.repeat(depth)}`;
        break;
      case ':':
        out += ': ';
        break;
      default:
        out += c;
    }
  }
  return out;
}
