// Go's reflect (value.go, type.go) and internal/fmtsort as this port models them: the value
// model the template engine, fmt and encoding/json share (a value's kind, its type name, map
// and struct contents in Go's order).
//
// JS values stand for Go values like this (docker's data is Go structs and maps):
//   undefined            an invalid reflect.Value (a missing map key): a template prints "<no value>"
//   null                 Go nil. Read from a plain object or a mixed array it is a nil interface{}
//                        (a template prints "<no value>"); elsewhere "<nil>". GoNil is a typed nil
//                        pointer ("<nil>"), map ("map[]") or slice ("[]") and names its type.
//   boolean, string      bool, string (Go strings are UTF-8 bytes: len/index/slice count bytes)
//   number               int when Number.isInteger, else float64; GoFloat forces float64 (3.0)
//   bigint               int64
//   Array                a slice ([]string when every element is a string, else []interface {})
//   Uint8Array           []byte: %v prints [104 105], %s the text, json base64 (config data)
//   Map, plain object    map[string]interface {}: sorted keys for %v, range and json; a missing
//                        key is "no value"; function values are called like methods
//   other objects        structs: class instances, or anything tagged by goStruct(); fields in
//                        insertion order for %v and json; a missing field is an error
// Tags (symbol properties, so they never show up in output):
//   [goType]   the Go type name used in messages ("*secret.secretContext", "map[string]string");
//              a leading * makes a struct print as &{...} (and {...} from a template action)
//   [goKind]   'struct' | 'map' | 'slice' to override the kind guessed from goType or the prototype
//   [goFormat] a method returning what %v / %s print (Go's Stringer): Time.String(), FileMode...
//   [goJSON]   a method returning raw JSON text (Go's MarshalJSON)
// Struct fields are the object's own enumerable properties; templates see own and inherited
// properties (getters, methods, non-enumerable aliases such as promoted embedded fields) whose
// name starts with an upper-case letter (Go's exported identifiers).

import { formatFloat } from '../strconv/ftoa.js';
import { compareBytes } from '../strings/strings.js';

export const goFormat: unique symbol = Symbol.for('tsecret.goFormat');
export const goJSON: unique symbol = Symbol.for('tsecret.goJSON');
export const goType: unique symbol = Symbol.for('tsecret.goType');
export const goKind: unique symbol = Symbol.for('tsecret.goKind');
/** A method giving the number behind a named numeric type (int64, float32, time.Duration, os.FileMode). */
export const goNumber: unique symbol = Symbol.for('tsecret.goNumber');

/** A float64 that must stay float64 even when integral (template literal 3.0, JSON numbers). */
export class GoFloat {
  constructor(readonly value: number) {}
  [goFormat](): string {
    return formatFloat(this.value, 'g', -1);
  }
  toJSON(): number {
    return this.value;
  }
}

/**
 * A value of a named or sized numeric Go type ("int64", "uint64", "float32"): fmt's verbs see the
 * number, %T and errors name the type, json writes the number.
 */
export class GoNumber {
  constructor(
    readonly value: number | bigint,
    readonly type: string,
  ) {
    Object.defineProperty(this, goType, { value: type });
  }
  [goNumber](): number | bigint {
    return this.value;
  }
  toJSON(): number | bigint {
    return this.value;
  }
}

/** Whether v stands for a number of a named type: its value, else undefined. */
export function namedNumber(v: unknown): number | bigint | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const f = (v as Record<symbol, unknown>)[goNumber];
  return typeof f === 'function' ? (f as () => number | bigint).call(v) : undefined;
}

/**
 * A typed nil (pointer, map or slice): marshals to null and names its type in errors; a nil map
 * prints "map[]", a nil slice "[]", anything else "<nil>".
 */
export class GoNil {
  constructor(readonly type: string) {}
  [goFormat](): string {
    return this.type.startsWith('map[') ? 'map[]' : this.type.startsWith('[]') ? '[]' : '<nil>';
  }
  toJSON(): null {
    return null;
  }
}

/** Tags obj as a Go struct of the given type (non-enumerable, returns obj). */
export function goStruct<T extends object>(type: string, obj: T): T {
  Object.defineProperty(obj, goType, { value: type, configurable: true });
  return obj;
}

/** Tags obj as a Go map of the given type, e.g. 'map[string]string'. */
export function goMap<T extends object>(obj: T, type = 'map[string]string'): T {
  Object.defineProperty(obj, goType, { value: type, configurable: true });
  Object.defineProperty(obj, goKind, { value: 'map', configurable: true });
  return obj;
}

export type GoKindName = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map' | 'struct' | 'func';

type Obj = Record<PropertyKey, unknown>;

function isPlainObject(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function kindOf(v: unknown): GoKindName {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'symbol':
      return 'invalid';
  }
  if (v === null || v instanceof GoNil) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof Uint8Array) return 'slice';
  const o = v as Obj;
  const k = o[goKind];
  if (k === 'map' || k === 'struct' || k === 'slice') return k;
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  const t = o[goType];
  if (typeof t === 'string') return t.startsWith('map[') ? 'map' : t.startsWith('[]') ? 'slice' : 'struct';
  return isPlainObject(o) ? 'map' : 'struct';
}

/** Go's reflect.Type.String() for a value. */
export function typeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func()';
  }
  if (v instanceof GoNil) return v.type;
  if (v instanceof GoFloat) return 'float64';
  // reflect names []byte by its element type
  if (v instanceof Uint8Array) return '[]uint8';
  const t = (v as Obj)[goType];
  if (typeof t === 'string') return t;
  if (Array.isArray(v)) return v.every((e) => typeof e === 'string') ? '[]string' : '[]interface {}';
  if (v instanceof Map || isPlainObject(v as object)) return 'map[string]interface {}';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name || 'struct {}';
}

/** The element type of a map/slice type name ("map[string]string" → "string"). */
export function elemTypeName(t: string): string {
  if (t.startsWith('[]')) return t.slice(2);
  if (t.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < t.length; i++) {
      if (t[i] === '[') depth++;
      else if (t[i] === ']' && --depth === 0) return t.slice(i + 1);
    }
  }
  return 'interface {}';
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(a, b);
  return compareBytes(String(a), String(b));
}

/** Entries of a map-kind value in Go's sorted (fmtsort) order. */
export function mapEntries(v: object): [unknown, unknown][] {
  const out: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : Object.keys(v).map((k) => [k, (v as Obj)[k]]);
  return out.sort((x, y) => compareKeys(x[0], y[0]));
}

export function mapSize(v: object): number {
  return v instanceof Map ? v.size : Object.keys(v).length;
}

/** Struct fields in declaration (insertion) order; methods are not fields. */
export function structFields(v: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k of Object.keys(v)) {
    const x = (v as Obj)[k];
    if (typeof x !== 'function') out.push([k, x]);
  }
  return out;
}
