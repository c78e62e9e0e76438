// How an API object becomes the Go value a template sees: moby's api/types structs as Go's reflect
// and encoding/json show them. A schema lists a struct's fields with their Go types; every field
// exists with its zero value (so {{.Spec.TaskTemplate.ContainerSpec.User}} prints "" instead of
// failing), durations print as time.Duration does ("5s"), file modes as fs.FileMode
// ("-r--r--r--"), times as Time.String(), embedded structs promote their fields, and {{json ...}}
// of any struct prints the API's own JSON for it. The schemas themselves are in views.ts.
import { apiJSON } from '../../api/json.js';
import { formatGoValue } from '../../go/fmt/print.js';
import { GoFileMode } from '../../go/fs/filemode.js';
import { GoNil, GoNumber, goFormat, goJSON, goMap, goStruct, goType } from '../../go/reflect/value.js';
import { GoDuration } from '../../go/time/duration.js';
import { GoTime } from '../../go/time/time.js';

/** A non-nil pointer to a scalar (*uint64, *bool): always true in {{if}}, prints its value. */
export class GoPointer {
  constructor(
    readonly value: number | boolean | string,
    type: string,
  ) {
    Object.defineProperty(this, goType, { value: type });
  }
  [goFormat](): string {
    return formatGoValue(this.value);
  }
  toJSON(): number | boolean | string {
    return this.value;
  }
}

export interface StructSchema {
  /** Go type name, e.g. "swarm.ContainerSpec". */
  type: string;
  fields: [string, FieldType][];
  /** Fields that are embedded structs: their fields are promoted. */
  embedded?: string[];
}

/**
 * A field's Go type: scalars by name, a struct schema (value), or a pointer/slice of one.
 * 'any' is an opaque API value converted generically (objects become structs, Labels maps).
 */
export type FieldType =
  | 'string'
  | 'int'
  | 'int64'
  | 'uint64'
  | 'uint32'
  | 'bool'
  | 'float'
  | 'float32'
  | 'duration'
  | '*duration'
  | 'time'
  | '*time'
  | '*bool'
  | '*uint64'
  | 'filemode'
  | '[]string'
  | '[]byte'
  | 'map'
  | 'any'
  | StructSchema
  | { ptr: StructSchema }
  | { slice: StructSchema; pointers?: boolean }
  | { opaque: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Generic conversion of an API value whose schema is not spelled out. */
function goAny(raw: unknown, mapLike = false): unknown {
  if (Array.isArray(raw)) return raw.map((v) => goAny(v));
  if (!isObj(raw)) return raw ?? null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k] = mapLike ? v : goAny(v, k === 'Labels' || k === 'Options' || k === 'DriverOpts' || k === 'Sysctls');
  }
  if (mapLike) return goMap(out);
  const s = goStruct('struct', out);
  Object.defineProperty(s, goJSON, { value: () => apiJSON(raw) });
  return s;
}

/** Converts an API value to the Go value its field type describes. */
export function goValue(raw: unknown, type: FieldType): unknown {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof raw === 'string' ? raw : '';
      case 'int':
        return typeof raw === 'number' || typeof raw === 'bigint' ? raw : 0;
      case 'int64':
      case 'uint64':
      case 'uint32':
        return new GoNumber(typeof raw === 'number' || typeof raw === 'bigint' ? raw : 0, type);
      case 'float':
        return typeof raw === 'number' ? raw : 0;
      case 'float32':
        return new GoNumber(typeof raw === 'number' ? raw : 0, 'float32');
      case 'bool':
        return raw === true;
      case 'duration':
        return new GoDuration(typeof raw === 'number' ? raw : 0);
      case '*duration':
        return typeof raw === 'number' ? new GoDuration(raw, '*time.Duration') : new GoNil('*time.Duration');
      case 'time':
        return new GoTime(typeof raw === 'string' && raw !== '' ? raw : '0001-01-01T00:00:00Z');
      case '*time':
        return typeof raw === 'string' && raw !== '' ? new GoTime(raw) : new GoNil('*time.Time');
      case '*bool':
        return typeof raw === 'boolean' ? new GoPointer(raw, '*bool') : new GoNil('*bool');
      case '*uint64':
        return typeof raw === 'number' ? new GoPointer(raw, '*uint64') : new GoNil('*uint64');
      case 'filemode':
        return new GoFileMode(typeof raw === 'number' ? raw : 0);
      case '[]string':
        return Array.isArray(raw) ? [...(raw as string[])] : new GoNil('[]string');
      case '[]byte':
        // a config's Data: Go's fmt and encoding/json treat a []byte apart from other slices
        return raw instanceof Uint8Array ? raw : new GoNil('[]uint8');
      case 'map':
        return isObj(raw) ? goMap({ ...(raw as Record<string, string>) }) : new GoNil('map[string]string');
      case 'any':
        return raw === undefined ? null : goAny(raw);
    }
  }
  if ('opaque' in type) return raw === undefined || raw === null ? new GoNil(type.opaque) : goAny(raw);
  if ('ptr' in type) return isObj(raw) ? goStructOf(raw, type.ptr, true) : new GoNil(`*${type.ptr.type}`);
  if ('slice' in type) {
    const elem = `${type.pointers ? '*' : ''}${type.slice.type}`;
    if (!Array.isArray(raw)) return new GoNil(`[]${elem}`);
    return goStruct(
      `[]${elem}`,
      raw.map((r) => goStructOf(isObj(r) ? r : {}, type.slice, Boolean(type.pointers))),
    );
  }
  return goStructOf(isObj(raw) ? raw : {}, type, false);
}

export function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (raw[k] !== undefined) out[k] = raw[k];
  return out;
}

/** Builds the struct: every field present, embedded fields promoted, json = the API's JSON. */
export function goStructOf(raw: Record<string, unknown>, schema: StructSchema, pointer: boolean): object {
  const out: Record<string, unknown> = {};
  const promoted: Record<string, unknown>[] = [];
  for (const [name, type] of schema.fields) {
    const embedded = schema.embedded?.includes(name) && typeof type === 'object' && 'fields' in type;
    // an embedded struct's fields sit at the outer level of the API JSON
    const value = goValue(
      embedded
        ? pick(
            raw,
            type.fields.map(([f]) => f),
          )
        : raw[name],
      type,
    );
    out[name] = value;
    if (embedded) promoted.push(value as Record<string, unknown>);
  }
  const s = goStruct(`${pointer ? '*' : ''}${schema.type}`, out);
  for (const inner of promoted) {
    for (const key of Object.keys(inner)) {
      if (!(key in s)) Object.defineProperty(s, key, { value: inner[key], enumerable: false, configurable: true });
    }
  }
  Object.defineProperty(s, goJSON, { value: () => apiJSON(raw) });
  return s;
}

/**
 * An API object with its keys in the Go struct's field order (as encoding/json writes them), at
 * every level the schema describes; keys the schema does not know keep their place at the end.
 */
export function orderBySchema(raw: Record<string, unknown>, schema: StructSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of schema.fields) {
    if (schema.embedded?.includes(name) && typeof type === 'object' && 'fields' in type) {
      Object.assign(
        out,
        orderBySchema(
          pick(
            raw,
            type.fields.map(([f]) => f),
          ),
          type,
        ),
      );
    } else if (raw[name] !== undefined) {
      out[name] = orderValue(raw[name], type);
    }
  }
  for (const [k, v] of Object.entries(raw)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function orderValue(v: unknown, type: FieldType): unknown {
  if (typeof type !== 'object' || 'opaque' in type) return v;
  if ('slice' in type) return Array.isArray(v) ? v.map((e) => (isObj(e) ? orderBySchema(e, type.slice) : e)) : v;
  if (!isObj(v)) return v;
  return orderBySchema(v, 'ptr' in type ? type.ptr : type);
}
