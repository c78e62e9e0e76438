// The values text/template passes around, shared by exec.go and funcs.go: interface values
// (exec.go's indirectInterface), truth (isTrue), field and key lookup, and the zero values a
// missing map key yields.
import { GoFloat, GoNil, kindOf, mapSize, namedNumber, typeName } from '../reflect/value.js';

export type Val = unknown;

/**
 * A value read from a map[string]interface{} or an []interface{}: Go reports its type as
 * "interface {}" until the end of the command unwraps it; a nil one then becomes "no value".
 */
export class Iface {
  constructor(readonly v: unknown) {}
}
export const box = (v: Val): Iface => new Iface(v === undefined ? null : v);

/** Whether a field or method name is exported (starts with an upper-case letter). */
export const isUpper = (s: string): boolean => {
  const c = s.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0x80) return false;
  const ch = String.fromCodePoint(s.codePointAt(0) as number);
  return ch.toUpperCase() === ch && ch.toLowerCase() !== ch;
};

/** Field or method lookup on an object, [found, value]. */
export function lookup(obj: object, name: string, kind: string): [boolean, unknown] {
  if (obj instanceof Map) return obj.has(name) ? [true, obj.get(name)] : [false, undefined];
  if (kind === 'map') {
    return Object.hasOwn(obj, name) ? [true, (obj as Record<string, unknown>)[name]] : [false, undefined];
  }
  // Structs: only exported (upper-case) names, own or inherited (class getters and methods).
  if (!isUpper(name) || !(name in obj)) return [false, undefined];
  return [true, (obj as Record<string, unknown>)[name]];
}

export function indirectInterface(v: Val): Val {
  return v instanceof Iface ? (v.v === null ? undefined : v.v) : v;
}

export function isTrue(v: Val): [boolean, boolean] {
  v = indirectInterface(v);
  if (v === undefined || v === null || v instanceof GoNil) return [false, true];
  switch (typeof v) {
    case 'boolean':
      return [v, true];
    case 'number':
      return [v !== 0, true];
    case 'bigint':
      return [v !== 0n, true];
    case 'string':
      return [v.length > 0, true];
    case 'function':
      return [true, true];
  }
  if (v instanceof GoFloat) return [v.value !== 0, true];
  const n = namedNumber(v);
  if (n !== undefined) return [typeName(v).startsWith('*') || Number(n) !== 0, true];
  switch (kindOf(v)) {
    case 'slice':
      return [Array.isArray(v) || v instanceof Uint8Array ? v.length > 0 : false, true];
    case 'map':
      return [mapSize(v as object) > 0, true];
  }
  return [true, true];
}

export function truth(v: Val): boolean {
  return isTrue(v)[0];
}

/** Go's zero value for an element type name, for index on a map with a missing key. */
export function zeroOf(t: string): Val {
  if (t === 'string') return '';
  if (t === 'bool') return false;
  if (/^u?int(8|16|32|64)?$/.test(t)) return 0;
  if (t === 'float64' || t === 'float32') return new GoFloat(0);
  if (t === 'interface {}' || t === 'any') return box(null);
  return null;
}

export function isNilVal(v: Val): boolean {
  return v === null || v instanceof GoNil;
}

/** The kind of a typed nil: a nil map or slice behaves as an empty one. */
export function nilKind(v: GoNil): 'map' | 'slice' | 'ptr' {
  return v.type.startsWith('map[') ? 'map' : v.type.startsWith('[]') ? 'slice' : 'ptr';
}
