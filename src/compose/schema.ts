// Schema validation of a compose file as docker/cli's cli/compose/schema does: the version's JSON
// schema (draft-04, docker's own files, see schema-data.ts) checked the way xeipuuv/gojsonschema
// checks it (same traversal, error kinds, texts and oneOf/anyOf "best branch" scoring), then
// docker's getMostSpecificError picks the one error to print: `<field> <description>`.
//
// Why a small validator over the real schemas rather than hand-written checks: docker's message
// for a mistake is decided by that generic machinery (which branch of a oneOf scored best, which
// error is deepest, invalid-type winning ties), and by per-version schema differences (top-level
// `secrets` from 3.1, secret `name` from 3.5, `driver`/`template_driver` from 3.8, ...). Running
// the same schemas through the same rules reproduces every message, including the unusual ones,
// without a table of special cases to keep in step with docker.
import { brotliDecompressSync } from 'node:zlib';
import { formatFloat } from '../go/strconv/ftoa.js';
import { parseGoDuration } from '../go/time/duration.js';
import { parsePortSpec } from '../opts/nat.js';
import { ComposeError } from './errors.js';
import { PACKED_SCHEMAS } from './schema-data.js';
import { isYamlMap, NonStringKeyMap } from './yaml.js';

export const DEFAULT_VERSION = '3.13';

/** schema.Version: the `version` value as Go's %v prints it; missing, "" or "3" mean 3.13. */
export function composeVersion(config: Record<string, unknown>): string {
  if (!('version' in config)) return DEFAULT_VERSION;
  return normalizeVersion(goSprint(config.version));
}

export function normalizeVersion(version: string): string {
  return version === '' || version === '3' ? DEFAULT_VERSION : version;
}

/** fmt.Sprint of a decoded YAML value (as %v). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFloatString(v);
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isYamlMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** %v of a float64: strconv's shortest 'g' form (1.5, 1e+06, 1.23456785e+07). */
export function goFloatString(f: number): string {
  return formatFloat(f, 'g', -1);
}

// ---- schema compilation ----

interface SubSchema {
  types: string[];
  properties?: [string, SubSchema][];
  patternProperties?: [RegExp, SubSchema][];
  additionalProperties?: boolean | SubSchema;
  required?: string[];
  items?: SubSchema;
  uniqueItems?: boolean;
  enum?: string[];
  oneOf?: SubSchema[];
  anyOf?: SubSchema[];
  allOf?: SubSchema[];
  format?: string;
  minimum?: number;
  ref?: string;
  resolved?: SubSchema;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

let allSchemas: Record<string, Json> | undefined;
const compiled = new Map<string, SubSchema>();

function schemaFor(version: string): SubSchema | undefined {
  const hit = compiled.get(version);
  if (hit) return hit;
  allSchemas ??= JSON.parse(brotliDecompressSync(Buffer.from(PACKED_SCHEMAS, 'base64')).toString('utf8')) as Record<string, Json>;
  const raw = Object.hasOwn(allSchemas, version) ? allSchemas[version] : undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const root = raw as Record<string, Json>;
  const refs = new Map<string, SubSchema>();
  const compile = (node: Json): SubSchema => {
    const o = (node ?? {}) as Record<string, Json>;
    const s: SubSchema = { types: o.type === undefined ? [] : Array.isArray(o.type) ? (o.type as string[]) : [o.type as string] };
    if (typeof o.$ref === 'string') {
      s.ref = o.$ref;
      return s;
    }
    if (o.properties) s.properties = Object.entries(o.properties as Record<string, Json>).map(([k, v]) => [k, compile(v)]);
    if (o.patternProperties) {
      s.patternProperties = Object.entries(o.patternProperties as Record<string, Json>).map(([k, v]) => [new RegExp(k, 'u'), compile(v)]);
    }
    if (o.additionalProperties !== undefined) {
      s.additionalProperties = typeof o.additionalProperties === 'boolean' ? o.additionalProperties : compile(o.additionalProperties);
    }
    if (Array.isArray(o.required)) s.required = o.required as string[];
    if (o.items !== undefined && !Array.isArray(o.items)) s.items = compile(o.items);
    if (o.uniqueItems === true) s.uniqueItems = true;
    if (Array.isArray(o.enum)) s.enum = (o.enum as Json[]).map((e) => canonicalJSON(e));
    if (Array.isArray(o.oneOf)) s.oneOf = (o.oneOf as Json[]).map(compile);
    if (Array.isArray(o.anyOf)) s.anyOf = (o.anyOf as Json[]).map(compile);
    if (Array.isArray(o.allOf)) s.allOf = (o.allOf as Json[]).map(compile);
    if (typeof o.format === 'string') s.format = o.format;
    if (typeof o.minimum === 'number') s.minimum = o.minimum;
    return s;
  };
  const top = compile(root);
  const resolve = (ref: string): SubSchema => {
    let hitRef = refs.get(ref);
    if (hitRef) return hitRef;
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: Json = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, Json>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    hitRef = compile(node);
    refs.set(ref, hitRef);
    return hitRef;
  };
  const link = (s: SubSchema, seen: Set<SubSchema>) => {
    if (seen.has(s)) return;
    seen.add(s);
    if (s.ref) {
      s.resolved = resolve(s.ref);
      link(s.resolved, seen);
    }
    for (const [, c] of s.properties ?? []) link(c, seen);
    for (const [, c] of s.patternProperties ?? []) link(c, seen);
    if (typeof s.additionalProperties === 'object') link(s.additionalProperties, seen);
    if (s.items) link(s.items, seen);
    for (const c of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) link(c, seen);
  };
  link(top, new Set());
  compiled.set(version, top);
  return top;
}

// ---- validation (gojsonschema's validateRecursive and friends) ----

interface ResultError {
  type: string;
  /** the path below the root; Field() joins it with '.' or says "(root)" */
  path: string[];
  description: string;
  details: Record<string, string>;
}

class Result {
  errors: ResultError[] = [];
  score = 0;
  add(type: string, path: string[], descriptionFormat: (d: Record<string, string>) => string, details: Record<string, string> = {}): void {
    const field = fieldOf(path);
    const all = { ...details, field };
    this.errors.push({ type, path, description: descriptionFormat(all), details: all });
  }
  merge(other: Result): void {
    this.errors.push(...other.errors);
    this.score += other.score;
  }
  get valid(): boolean {
    return this.errors.length === 0;
  }
}

const fieldOf = (path: string[]): string => (path.length === 0 ? '(root)' : path.join('.'));

type JsonKind = 'null' | 'number' | 'array' | 'object' | 'boolean' | 'string';

function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const typesString = (types: string[]): string => (types.length === 1 ? types[0] : `[${types.join(',')}]`);

function invalidType(result: Result, s: SubSchema, path: string[], given: string): void {
  const expected = typesString(s.types);
  result.add('invalid_type', path, (d) => `Invalid type. Expected: ${d.expected}, given: ${d.given}`, { expected, given });
}

function validateRecursive(s: SubSchema, node: unknown, result: Result, path: string[]): void {
  if (s.resolved) {
    validateRecursive(s.resolved, node, result, path);
    return;
  }
  const typed = s.types.length > 0;
  const kind = kindOf(node);
  if (kind === 'null') {
    if (typed && !s.types.includes('null')) {
      invalidType(result, s, path, 'null');
      return;
    }
    validateKeywords(s, node, result, path);
    validateCommon(s, node, result, path);
  } else if (kind === 'number') {
    const isInt = Number.isInteger(node);
    const validType = s.types.includes('number') || (isInt && s.types.includes('integer'));
    if (typed && !validType) {
      invalidType(result, s, path, isInt ? 'integer' : 'number');
      return;
    }
    validateKeywords(s, node, result, path);
    validateNumber(s, node as number, result, path);
    validateCommon(s, node, result, path);
  } else {
    if (typed && !s.types.includes(kind)) {
      invalidType(result, s, path, kind);
      return;
    }
    validateKeywords(s, node, result, path);
    if (kind === 'array') {
      validateArray(s, node as unknown[], result, path);
      validateCommon(s, node, result, path);
    } else if (kind === 'object') {
      const obj = node as Record<string, unknown>;
      validateObject(s, obj, result, path);
      validateCommon(s, node, result, path);
      // gojsonschema walks the schema's properties in Go map order (random); file order here
      for (const key of Object.keys(obj)) {
        const child = s.properties?.find(([k]) => k === key);
        if (child) validateRecursive(child[1], obj[key], result, [...path, key]);
      }
    } else {
      validateCommon(s, node, result, path);
      if (kind === 'string') validateString(s, node as string, result, path);
    }
  }
  result.score++;
}

function subValidate(s: SubSchema, node: unknown, path: string[]): Result {
  const r = new Result();
  validateRecursive(s, node, r, path);
  return r;
}

function validateKeywords(s: SubSchema, node: unknown, result: Result, path: string[]): void {
  if (s.anyOf?.length) {
    let ok = false;
    let best: Result | undefined;
    for (const sub of s.anyOf) {
      if (ok) continue;
      const r = subValidate(sub, node, path);
      ok = r.valid;
      if (!ok && (!best || r.score > best.score)) best = r;
    }
    if (!ok) {
      result.add('number_any_of', path, () => 'Must validate at least one schema (anyOf)');
      if (best) result.merge(best);
    }
  }
  if (s.oneOf?.length) {
    let n = 0;
    let best: Result | undefined;
    for (const sub of s.oneOf) {
      const r = subValidate(sub, node, path);
      if (r.valid) n++;
      else if (n === 0 && (!best || r.score > best.score)) best = r;
    }
    if (n !== 1) {
      result.add('number_one_of', path, () => 'Must validate one and only one schema (oneOf)');
      if (n === 0 && best) result.merge(best);
    }
  }
  if (s.allOf?.length) {
    let n = 0;
    for (const sub of s.allOf) {
      const r = subValidate(sub, node, path);
      if (r.valid) n++;
      result.merge(r);
    }
    if (n !== s.allOf.length) result.add('number_all_of', path, () => 'Must validate all the schemas (allOf)');
  }
  result.score++;
}

function validateCommon(s: SubSchema, node: unknown, result: Result, path: string[] = []): void {
  if (s.enum?.length) {
    if (!s.enum.includes(canonicalJSON(node))) {
      const allowed = s.enum.join(', ');
      result.add('enum', path, (d) => `${d.field} must be one of the following: ${d.allowed}`, { allowed });
    }
  }
  result.score++;
}

function validateArray(s: SubSchema, value: unknown[], result: Result, path: string[]): void {
  if (s.items) {
    value.forEach((item, i) => {
      result.merge(subValidate(s.items!, item, [...path, String(i)]));
    });
  }
  if (s.uniqueItems) {
    const seen = new Map<string, number>();
    value.forEach((item, j) => {
      const key = canonicalJSON(item);
      const i = seen.get(key);
      if (i !== undefined) {
        result.add('unique', path, (d) => `${d.type} items[${d.i},${d.j}] must be unique`, { type: 'array', i: String(i), j: String(j) });
      }
      seen.set(key, j);
    });
  }
  result.score++;
}

function validateObject(s: SubSchema, value: Record<string, unknown>, result: Result, path: string[]): void {
  for (const req of s.required ?? []) {
    if (Object.hasOwn(value, req)) result.score++;
    else result.add('required', path, (d) => `${d.property} is required`, { property: req });
  }
  for (const key of Object.keys(value)) {
    const found = s.properties?.some(([k]) => k === key) ?? false;
    let matched = false;
    for (const [re, sub] of s.patternProperties ?? []) {
      if (re.test(key)) {
        matched = true;
        result.merge(subValidate(sub, value[key], [...path, key]));
      }
    }
    if (matched) result.score++;
    if (!found && !matched) {
      const ap = s.additionalProperties;
      if (ap === false) {
        result.add('additional_property_not_allowed', path, (d) => `Additional property ${d.property} is not allowed`, { property: key });
      } else if (typeof ap === 'object') {
        result.merge(subValidate(ap, value[key], [...path, key]));
      }
    }
  }
  result.score++;
}

function validateString(s: SubSchema, value: string, result: Result, path: string[]): void {
  if (s.format && !isFormat(s.format, value)) {
    result.add('format', path, (d) => `Does not match format '${d.format}'`, { format: s.format! });
  }
  result.score++;
}

function validateNumber(s: SubSchema, value: number, result: Result, path: string[]): void {
  if (s.minimum !== undefined && value < s.minimum) {
    const min = String(s.minimum);
    result.add('number_gte', path, (d) => `Must be greater than or equal to ${d.min}`, { min });
  }
  if (s.format && !isFormat(s.format, value)) {
    result.add('format', path, (d) => `Does not match format '${d.format}'`, { format: s.format! });
  }
  result.score++;
}

function isDuration(value: string): boolean {
  try {
    parseGoDuration(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * docker's format checkers: "duration" is time.ParseDuration (strings only), "ports" must parse
 * as a port spec (a number as its big.Rat numerator), "expose" accepts anything.
 */
function isFormat(format: string, value: string | number): boolean {
  if (format === 'duration') return typeof value === 'string' && isDuration(value);
  if (format === 'ports') {
    try {
      parsePortSpec(typeof value === 'string' ? value : ratNumerator(value));
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

/** The numerator of a JSON number as big.Rat reduces it ("1.5" is 3/2: "3"). */
function ratNumerator(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const [mant, exp = '0'] = String(n).split('e');
  const [int, frac = ''] = mant.split('.');
  let p = BigInt(int + frac);
  let q = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) p *= 10n ** BigInt(e);
  else q *= 10n ** BigInt(-e);
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  return String(p / gcd(p, q));
}

/** encoding/json of a value, maps with sorted keys (gojsonschema's marshalWithoutNumber). */
function canonicalJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloatString(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`)
    .join(',')}}`;
}

// ---- docker's error selection (cli/compose/schema/schema.go) ----

function humanReadableType(definition: string): string {
  if (definition.startsWith('[')) {
    const all = definition.slice(1, -1).split(',').map(humanReadableType);
    return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  }
  if (definition === 'object') return 'mapping';
  if (definition === 'array') return 'list';
  return definition;
}

const specificity = (e: ResultError): number => fieldOf(e.path).split('.').length;

function description(parent: ResultError, child: ResultError | undefined): string {
  switch (parent.type) {
    case 'invalid_type':
      return `must be a ${humanReadableType(parent.details.expected)}`;
    case 'number_one_of':
    case 'number_any_of':
      return child ? child.description : parent.description;
  }
  return parent.description;
}

function mostSpecificError(errs: ResultError[]): string {
  let most = 0;
  errs.forEach((err, i) => {
    if (specificity(err) > specificity(errs[most])) {
      most = i;
      return;
    }
    if (specificity(err) === specificity(errs[most]) && err.type === 'invalid_type' && errs[most].type !== 'invalid_type') most = i;
  });
  const parent = errs[most];
  const child = most + 1 < errs.length && (parent.type === 'number_one_of' || parent.type === 'number_any_of') ? errs[most + 1] : undefined;
  return `${fieldOf(parent.path)} ${description(parent, child)}`;
}

/**
 * schema.Validate. Throws ComposeError: `unsupported Compose file version: X` for a version with
 * no schema, encoding/json's error for values JSON cannot hold, or docker's most specific error.
 */
export function validateSchema(config: Record<string, unknown>, version: string): void {
  const v = normalizeVersion(version);
  const schema = schemaFor(v);
  if (!schema) throw new ComposeError(`unsupported Compose file version: ${v}`);
  checkJSONable(config);
  const result = subValidate(schema, config, []);
  if (!result.valid) throw new ComposeError(mostSpecificError(result.errors));
}

/** gojsonschema's Go loader marshals the document to JSON first, and fails as encoding/json does. */
function checkJSONable(v: unknown): void {
  if (v instanceof NonStringKeyMap) throw new ComposeError('json: unsupported type: map[interface {}]interface {}');
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new ComposeError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
  }
  if (Array.isArray(v)) v.forEach(checkJSONable);
  else if (isYamlMap(v)) Object.values(v).forEach(checkJSONable);
}
