// Go's encoding/json/encode.go: Marshal as docker's data needs it.

import { GoFloat, GoNil, goJSON, kindOf, mapEntries, typeName } from '../reflect/value.js';
import { formatFloat } from '../strconv/ftoa.js';

const hexLower = '0123456789abcdef';

type Obj = Record<PropertyKey, unknown>;

export class JSONMarshalError extends Error {}

/** The JSON text of a float64 as encoding/json writes it. */
function jsonFloat(x: number): string {
  if (!Number.isFinite(x)) throw new JSONMarshalError('json: unsupported value: ' + formatFloat(x, 'g', -1));
  if (Object.is(x, -0)) return '-0';
  return String(x); // JS and Go agree: 'e' notation below 1e-6 and from 1e21, with e-7 not e-07
}

/** A JSON string literal as encoding/json writes it (escapeHTML: json.Marshal; docker's json func: false). */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 10
          ? '\\n'
          : c === 13
            ? '\\r'
            : c === 9
              ? '\\t'
              : c === 8
                ? '\\b'
                : c === 12
                  ? '\\f'
                  : '\\u00' + hexLower[c >> 4] + hexLower[c & 15];
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) esc = '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) esc = '\\u' + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

function escapeRawHTML(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += raw[i];
  }
  return out;
}

function marshalInto(v: unknown, escapeHTML: boolean, depth: number): string {
  if (depth > 1000) throw new JSONMarshalError('json: unsupported value: encountered a cycle');
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isInteger(v) ? (v === 0 ? '0' : String(v)) : jsonFloat(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return jsonString(v, escapeHTML);
    case 'function':
    case 'symbol':
      throw new JSONMarshalError('json: unsupported type: ' + typeName(v));
  }
  if (v === null || v instanceof GoNil) return 'null';
  if (v instanceof GoFloat) return jsonFloat(v.value);
  // encoding/json writes a []byte as base64
  if (v instanceof Uint8Array) return `"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"`;
  const o = v as Obj;
  if (typeof o[goJSON] === 'function') {
    const raw = String((o[goJSON] as () => string)());
    return escapeHTML ? escapeRawHTML(raw) : raw;
  }
  if (typeof o.toJSON === 'function') return marshalInto((o.toJSON as () => unknown)(), escapeHTML, depth + 1);
  if (Array.isArray(v)) return '[' + v.map((x) => marshalInto(x, escapeHTML, depth + 1)).join(',') + ']';
  // Maps (Map, plain objects, map-tagged objects) sort their keys; structs keep field order.
  const sorted = kindOf(o) === 'map';
  const entries: [unknown, unknown][] = sorted ? mapEntries(o) : Object.keys(o).map((k) => [k, o[k]]);
  let out = '{';
  let first = true;
  for (const [k, x] of entries) {
    if (typeof x === 'function' || (!sorted && x === undefined)) continue;
    if (!first) out += ',';
    first = false;
    out += jsonString(String(k), escapeHTML) + ':' + marshalInto(x, escapeHTML, depth + 1);
  }
  return out + '}';
}

/**
 * encoding/json: structs (class instances, goStruct) keep field (insertion) order; maps (Map,
 * plain objects, goMap) sort their keys; [goJSON] is raw JSON, toJSON() is honoured.
 */
export function marshalJSON(v: unknown, opts: { escapeHTML?: boolean } = {}): string {
  return marshalInto(v, opts.escapeHTML ?? true, 0);
}
