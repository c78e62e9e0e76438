// Go's text/template/funcs.go: how functions are called (their Go signatures) and the builtins
// (and, or, not, len, index, slice, call, print*, html, js, urlquery, eq, ne, lt, le, gt, ge).
import { sprint, sprintf, sprintln } from '../fmt/print.js';
import { elemTypeName, GoFloat, GoNil, kindOf, mapSize, namedNumber, structFields, typeName } from '../reflect/value.js';
import { isPrint } from '../strconv/quote.js';
import { compareBytes } from '../strings/strings.js';
import { utf8Bytes, utf8Decode, utf8Len } from '../unicode/utf8.js';
import { box, Iface, indirectInterface, isNilVal, lookup, nilKind, truth, type Val, zeroOf } from './value.js';

/** A Go parameter type, as far as the engine checks and converts arguments. */
export type GoParam = 'any' | 'value' | 'string' | 'int' | 'bool' | 'float64' | '[]string';

/** A function with a Go signature; fn throws to return an error ("error calling name: msg"). */
export interface GoFuncSpec {
  fn: (...args: any[]) => unknown;
  params: GoParam[];
  variadic?: GoParam;
}

/** A plain JS function takes fn.length arguments of any type. */
export type GoFunc = ((...args: any[]) => unknown) | GoFuncSpec;

/** Optional Go signature for methods of data objects: fn[goSig] = { params, variadic }. */
export const goSig: unique symbol = Symbol.for('tsecret.goSig');

export interface Sig {
  params: GoParam[];
  variadic?: GoParam;
}

export const GO_PARAM_NAME: Record<GoParam, string> = {
  any: 'interface {}',
  value: 'reflect.Value',
  string: 'string',
  int: 'int',
  bool: 'bool',
  float64: 'float64',
  '[]string': '[]string',
};

export function sigOf(f: GoFunc): Sig & { fn: (...args: any[]) => unknown } {
  if (typeof f === 'function') {
    const s = (f as unknown as Record<symbol, Sig | undefined>)[goSig];
    return { fn: f, params: s?.params ?? new Array<GoParam>(f.length).fill('any'), variadic: s?.variadic };
  }
  return f;
}

/** An error a function returns: the template reports "error calling NAME: message". */
export class GoCallError extends Error {}

type NumKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: Val): NumKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
  }
  if (v instanceof GoFloat) return 'float';
  const n = namedNumber(v);
  if (n !== undefined) return typeName(v).startsWith('float') ? 'float' : 'int';
  return 'invalid';
}

const num = (v: Val): number => (v instanceof GoFloat ? v.value : Number(namedNumber(v) ?? v));

function bigOf(v: Val): bigint {
  const n = namedNumber(v) ?? v;
  return typeof n === 'bigint' ? n : BigInt(n as number);
}

function eqBuiltin(arg1: Val, ...arg2: Val[]): boolean {
  arg1 = indirectInterface(arg1);
  if (arg2.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new GoCallError('incompatible types for comparison');
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          t = arg1 === arg;
          break;
        case 'int':
          t = bigOf(arg1) === bigOf(arg);
          break;
        case 'float':
          t = num(arg1) === num(arg);
          break;
        default: {
          const ka = cmpKind(arg1);
          const kb = cmpKind(arg);
          if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
            throw new GoCallError(sprintf('non-comparable types %s: %v, %s: %v', [arg1, typeName(arg1), typeName(arg), arg]));
          }
          const n1 = arg1 === undefined || arg1 === null || arg1 instanceof GoNil;
          const n2 = arg === undefined || arg === null || arg instanceof GoNil;
          if (n1 || n2) t = n1 === n2;
          else {
            if (!comparable(arg)) throw new GoCallError(sprintf('non-comparable type %s: %v', [arg, typeName(arg)]));
            t = goEqual(arg1, arg);
          }
        }
      }
    }
    if (t) return true;
  }
  return false;
}

/** reflect.Type.Comparable: slices, maps and funcs are not, nor structs holding them. */
function comparable(v: Val): boolean {
  if (v instanceof GoNil) return nilKind(v) === 'ptr';
  const k = cmpKind(v);
  if (k === 'slice' || k === 'map' || k === 'func') return false;
  if (k === 'struct') return structFields(v as object).every(([, x]) => x === null || x === undefined || comparable(x));
  return true;
}

/** Go's == on comparable values: pointers by identity, struct values field by field. */
function goEqual(a: Val, b: Val): boolean {
  if (a === b) return true;
  if (a instanceof GoFloat || b instanceof GoFloat) return num(a) === num(b);
  if (a instanceof GoNil || b instanceof GoNil) return a instanceof GoNil && b instanceof GoNil && a.type === b.type;
  if (cmpKind(a) !== 'struct' || cmpKind(b) !== 'struct' || typeName(a) !== typeName(b)) return false;
  const fa = structFields(a as object);
  const fb = structFields(b as object);
  return fa.length === fb.length && fa.every(([k, x], i) => fb[i][0] === k && goEqual(x, fb[i][1]));
}

/** reflect.Kind as eq sees it: typed nils and pointers to structs keep their Go kind. */
function cmpKind(v: Val): string {
  if (v === null || v === undefined) return 'invalid';
  if (v instanceof GoNil) return nilKind(v);
  const k = kindOf(v);
  return k === 'struct' && typeName(v).startsWith('*') ? 'ptr' : k;
}

function ltBuiltin(arg1: Val, arg2: Val): boolean {
  arg1 = indirectInterface(arg1);
  arg2 = indirectInterface(arg2);
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoCallError('invalid type for comparison');
  if (k1 !== k2) throw new GoCallError('incompatible types for comparison');
  switch (k1) {
    case 'bool':
      throw new GoCallError('invalid type for comparison');
    case 'int':
      return bigOf(arg1) < bigOf(arg2);
    case 'float':
      return num(arg1) < num(arg2);
    default:
      return compareBytes(arg1 as string, arg2 as string) < 0;
  }
}

function indexArg(index: Val, cap: number): number {
  let x: bigint;
  if (typeof index === 'number' && Number.isInteger(index)) x = BigInt(index);
  else if (typeof index === 'bigint') x = index;
  else if (index === undefined) throw new GoCallError('cannot index slice/array with nil');
  else throw new GoCallError('cannot index slice/array with type ' + (index instanceof Iface ? 'interface {}' : typeName(index)));
  if (x < 0n || x > BigInt(cap)) throw new GoCallError('index out of range: ' + x);
  return Number(x);
}

function indexBuiltin(item: Val, ...indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === undefined) throw new GoCallError('index of untyped nil');
  let byte = false; // indexing a string yields a uint8
  for (let index of indexes) {
    index = indirectInterface(index);
    if (item instanceof Iface) {
      if (item.v === null) throw new GoCallError('index of nil pointer');
      item = item.v;
    }
    if (byte) throw new GoCallError("can't index item of type uint8");
    if (item instanceof GoNil && nilKind(item) === 'map') {
      if (index === undefined) throw new GoCallError('value is nil; should be of type string');
      if (typeof index !== 'string') throw new GoCallError(`value has type ${typeName(index)}; should be string`);
      item = zeroOf(elemTypeName(item.type));
      continue;
    }
    if (item instanceof GoNil && nilKind(item) === 'slice') {
      indexArg(index, 0);
      throw new GoCallError('reflect: slice index out of range');
    }
    if (isNilVal(item)) throw new GoCallError('index of nil pointer');
    if (typeof item === 'string') {
      const b = utf8Bytes(item);
      const x = indexArg(index, b.length);
      if (x >= b.length) throw new GoCallError('reflect: string index out of range');
      item = b[x];
      byte = true;
      continue;
    }
    const k = kindOf(item);
    if (k === 'slice') {
      const arr = item as unknown[];
      const x = indexArg(index, arr.length);
      if (x >= arr.length) throw new GoCallError('reflect: slice index out of range');
      item = typeName(arr) === '[]interface {}' ? box(arr[x]) : arr[x];
      continue;
    }
    if (k === 'map') {
      const keyType = 'string';
      if (index === undefined) throw new GoCallError('value is nil; should be of type ' + keyType);
      if (typeof index !== 'string' && !(item instanceof Map)) {
        throw new GoCallError(`value has type ${typeName(index)}; should be ${keyType}`);
      }
      const [found, v] = lookup(item as object, index as string, 'map');
      const et = elemTypeName(typeName(item));
      if (found) item = et === 'interface {}' ? box(v) : v;
      else item = zeroOf(et);
      continue;
    }
    throw new GoCallError("can't index item of type " + typeName(item).replace(/^\*/, ''));
  }
  return item;
}

function sliceBuiltin(item: Val, ...indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === undefined) throw new GoCallError('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallError('too many slice indexes: ' + indexes.length);
  let cap: number;
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoCallError('cannot 3-index slice a string');
    bytes = utf8Bytes(item);
    cap = len = bytes.length;
  } else if (kindOf(item) === 'slice' && (Array.isArray(item) || item instanceof Uint8Array)) {
    cap = len = item.length;
  } else if (item instanceof GoNil && nilKind(item) === 'slice') {
    cap = len = 0;
    item = [];
  } else throw new GoCallError("can't slice item of type " + typeName(item));
  const idx = [0, len, 0];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  if (idx[0] > idx[1]) throw new GoCallError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new GoCallError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return utf8Decode(bytes.subarray(idx[0], idx[1]));
  return (item as unknown[] | Uint8Array).slice(idx[0], idx[1]);
}

function lenBuiltin(item: Val): number {
  if (item instanceof Iface && item.v === null) throw new GoCallError('len of nil pointer');
  item = indirectInterface(item);
  if (isNilVal(item)) {
    if (item === null || nilKind(item as GoNil) !== 'ptr') return 0; // a nil slice or map
    throw new GoCallError('len of nil pointer');
  }
  if (item === undefined) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return utf8Len(item);
  switch (kindOf(item)) {
    case 'slice':
      return Array.isArray(item) || item instanceof Uint8Array ? item.length : 0;
    case 'map':
      return mapSize(item as object);
  }
  throw new GoCallError('len of type ' + typeName(item).replace(/^\*/, ''));
}

function evalArgsString(args: Val[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // printableValue: a nil interface{} argument prints as "<no value>".
  return sprint(
    args.map((a) => (a === undefined || a === null ? '<no value>' : a)),
    true,
  );
}

function htmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\0':
        out += '\uFFFD';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c < 0x80 || isPrint(c)) out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      c === '-' ||
      c === '_' ||
      c === '.' ||
      c === '~'
    )
      out += c;
    else if (b === 0x20) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export interface BuiltinSpec extends GoFuncSpec {
  builtin: true;
}

/** The functions a template can call: the builtins, then the ones the template was given. */
export type FuncTable = Map<string, GoFunc | BuiltinSpec>;

const bi = (params: GoParam[], fn: (...args: any[]) => unknown, variadic?: GoParam): BuiltinSpec => ({
  builtin: true,
  params,
  variadic,
  fn,
});

let builtinTable: Map<string, BuiltinSpec> | undefined;
export function builtins(): Map<string, BuiltinSpec> {
  builtinTable ??= new Map<string, BuiltinSpec>([
    ['and', bi(['value'], () => undefined, 'value')],
    ['or', bi(['value'], () => undefined, 'value')],
    [
      'call',
      bi(
        ['value'],
        (fn: Val, ...args: Val[]) => {
          fn = indirectInterface(fn);
          if (fn === undefined || fn === null) throw new GoCallError('call of nil');
          if (typeof fn !== 'function') throw new GoCallError('non-function of type ' + typeName(fn));
          const s = sigOf(fn as GoFunc);
          if (s.variadic === undefined && args.length !== s.params.length) {
            throw new GoCallError(`wrong number of args: got ${args.length} want ${s.params.length}`);
          }
          return s.fn(...args.map(indirectInterface));
        },
        'value',
      ),
    ],
    ['html', bi([], (...a: Val[]) => htmlEscape(evalArgsString(a)), 'any')],
    ['index', bi(['value'], indexBuiltin, 'value')],
    ['slice', bi(['value'], sliceBuiltin, 'value')],
    ['js', bi([], (...a: Val[]) => jsEscape(evalArgsString(a)), 'any')],
    ['len', bi(['value'], lenBuiltin)],
    ['not', bi(['value'], (a: Val) => !truth(a))],
    ['print', bi([], (...a: Val[]) => sprint(a), 'any')],
    ['printf', bi(['string'], (f: string, ...a: Val[]) => sprintf(f, a), 'any')],
    ['println', bi([], (...a: Val[]) => sprintln(a), 'any')],
    ['urlquery', bi([], (...a: Val[]) => urlQueryEscape(evalArgsString(a)), 'any')],
    ['eq', bi(['value'], eqBuiltin, 'value')],
    ['ge', bi(['value', 'value'], (a: Val, b: Val) => !ltBuiltin(a, b))],
    ['gt', bi(['value', 'value'], (a: Val, b: Val) => !(ltBuiltin(a, b) || eqBuiltin(a, b)))],
    ['le', bi(['value', 'value'], (a: Val, b: Val) => ltBuiltin(a, b) || eqBuiltin(a, b))],
    ['lt', bi(['value', 'value'], ltBuiltin)],
    ['ne', bi(['value', 'value'], (a: Val, b: Val) => !eqBuiltin(a, b))],
  ]);
  return builtinTable;
}
