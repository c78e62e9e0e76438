// Reading YAML as docker's loader does (gopkg.in/yaml.v3 Unmarshal into interface{}): the first
// document only; plain scalars resolved by yaml.v3's rules (true/false but not yes/no, 0777 and
// 0o777 octal, 0x hex, `_` in numbers, `~`/null/empty as null, timestamps left as strings);
// `<<` merge keys; duplicate keys rejected. Syntax errors get libyaml's wording and its line
// numbers (yaml.v3 parser.fail) for the usual mistakes.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  type YAMLError,
} from 'yaml';
import { quoteGo } from '../go/strconv/quote.js';
import { ComposeError } from './errors.js';

/** A decoded YAML value: null, boolean, number, string, list or mapping (null-prototype object). */
export type YamlValue = null | boolean | number | string | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

/** A mapping that does not inherit from Object.prototype (keys such as `__proto__` stay data). */
export function newMap(): YamlMap {
  return Object.create(null) as YamlMap;
}

/** A mapping with a key that is not a string (`1: a`): yaml.v3 then makes a map[interface{}]interface{}. */
export class NonStringKeyMap {
  constructor(readonly entries: [unknown, unknown][]) {}
}

export function isYamlMap(v: unknown): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NonStringKeyMap);
}

const STR = 'tag:yaml.org,2002:str';

/** yaml.v3 resolve() for an untagged plain scalar. */
export function resolvePlain(s: string): null | boolean | number | string {
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity;
  }
  const c = s[0];
  if (c === '.') {
    const f = goParseFloat(s);
    return f === undefined ? s : f;
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    const plain = s.replaceAll('_', '');
    const i = goParseInt(plain);
    if (i !== undefined) return i;
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) {
      const f = goParseFloat(plain);
      if (f !== undefined) return f;
    }
    let m = /^(-?)0b([01]+)$/.exec(plain);
    if (m) return (m[1] ? -1 : 1) * parseInt(m[2], 2);
    m = /^(-?)0o([0-7]+)$/.exec(plain);
    if (m) return (m[1] ? -1 : 1) * parseInt(m[2], 8);
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64) (or ParseUint): sign, 0x/0o/0b/leading-0 prefixes; undefined when invalid. */
export function goParseInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body.slice(1), 8);
  else v = Number(body);
  if (m[1] === '-') {
    if (v > 2 ** 63) return undefined;
    return v === 0 ? 0 : -v;
  }
  if (v >= 2 ** 64) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64) for decimal forms (and inf/nan words); undefined when invalid. */
export function goParseFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined; // out of range: ParseFloat fails with ErrRange
  return v;
}

interface Ctx {
  doc: Document;
  lines: LineCounter;
  dupErrors: string[];
  /** yaml.v3's decoder counts: nodes decoded, and those decoded through an alias. */
  decodeCount: number;
  aliasCount: number;
  /** How deep the decoder is in the value being built (aliases expanded). */
  depth: number;
  /** Each alias's anchored node, found in one pass (the yaml package searches the document per alias). */
  anchors?: Map<Node, Node | undefined>;
}

/**
 * How deeply a compose file may nest. yaml.v3 refuses more than 10000 levels ("exceeded max depth
 * of 10000"); tsecret's parser and loader recurse on JavaScript's stack, which ends near 800, so it
 * refuses more than this many, in yaml.v3's words, instead of running out of stack.
 */
export const MAX_YAML_DEPTH = 500;

const depthError = (line: number): ComposeError =>
  new ComposeError(`yaml: ${line > 0 ? `line ${line}: ` : ''}exceeded max depth of ${MAX_YAML_DEPTH}`);

const isStackOverflow = (err: unknown): boolean => err instanceof RangeError && /call stack/i.test(err.message);

/**
 * yaml.v3 allowedAliasRatio: the share of decoded nodes that may come from alias expansion, 99%
 * for documents up to 400,000 decodes, scaling down to 10% at 4,000,000. It stops a "billion laughs"
 * document after a few thousand nodes instead of expanding it.
 */
function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

const lineOf = (ctx: Ctx, offset: number | undefined): number => (offset === undefined ? 0 : ctx.lines.linePos(offset).line);

/**
 * docker's loader.ParseYAML: the first document as a mapping with string keys, else
 * `top-level object must be a mapping`. Throws ComposeError with yaml.v3's texts.
 */
export function parseComposeYAML(source: string): YamlMap {
  const value = parseYAML(source);
  if (!isYamlMap(value)) throw new ComposeError('top-level object must be a mapping');
  return value;
}

/** yaml.v3 Unmarshal into interface{} (first document; an empty stream is null). */
export function parseYAML(source: string): YamlValue | NonStringKeyMap {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, { schema: 'failsafe', uniqueKeys: false, lineCounter: lines, merge: false });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    // an empty stream: yaml returns an EmptyStream object
    return null;
  }
  const doc = list[0];
  if (!doc) return null;
  const directive = /^%YAML[ \t]+([^\s#]+)/m.exec(source);
  if (directive && directive[1] !== '1.1') throw new ComposeError('yaml: found incompatible YAML document');
  if (doc.errors.length) {
    const first = doc.errors[0];
    // the yaml package ran out of stack in a deeply nested document
    if (first.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(first.message)) throw depthError(first.linePos?.[0].line ?? 0);
    throw new ComposeError(syntaxError(first, source, lines));
  }
  const ctx: Ctx = { doc, lines, dupErrors: [], decodeCount: 0, aliasCount: 0, depth: 0 };
  let value: unknown;
  try {
    value = decode(ctx, doc.contents as Node | null);
  } catch (err) {
    if (isStackOverflow(err)) throw depthError(0);
    throw err;
  }
  if (ctx.dupErrors.length) throw new ComposeError(`yaml: unmarshal errors:\n${ctx.dupErrors.map((e) => `  ${e}`).join('\n')}`);
  return value as YamlValue | NonStringKeyMap;
}

function decode(ctx: Ctx, node: Node | null | undefined, aliasDepth = 0): unknown {
  if (node === null || node === undefined) return null;
  if (++ctx.depth > MAX_YAML_DEPTH) throw depthError(lineOf(ctx, node.range?.[0]));
  try {
    return decodeNode(ctx, node, aliasDepth);
  } finally {
    ctx.depth--;
  }
}

/** The anchored node an alias names: the last node with that anchor before it, as yaml.v3 resolves it. */
function anchorOf(ctx: Ctx, alias: Node): Node | undefined {
  if (!ctx.anchors) {
    const anchors = new Map<Node, Node | undefined>();
    const named = new Map<string, Node>();
    // document order, without recursion: a node before its children, a key before its value
    const todo: unknown[] = [ctx.doc.contents];
    while (todo.length) {
      const n = todo.pop();
      if (isAlias(n)) {
        anchors.set(n, named.get(n.source));
        continue;
      }
      if (!n || typeof n !== 'object') continue;
      const anchor = (n as { anchor?: string }).anchor;
      if (anchor) named.set(anchor, n as Node);
      if (isMap(n)) {
        for (let i = n.items.length - 1; i >= 0; i--) todo.push(n.items[i].value, n.items[i].key);
      } else if (isSeq(n)) {
        for (let i = n.items.length - 1; i >= 0; i--) todo.push(n.items[i]);
      }
    }
    ctx.anchors = anchors;
  }
  return ctx.anchors.get(alias);
}

function decodeNode(ctx: Ctx, node: Node, aliasDepth: number): unknown {
  // yaml.v3 decoder.unmarshal
  ctx.decodeCount++;
  if (aliasDepth > 0) ctx.aliasCount++;
  if (ctx.aliasCount > 100 && ctx.decodeCount > 1000 && ctx.aliasCount / ctx.decodeCount > allowedAliasRatio(ctx.decodeCount)) {
    throw new ComposeError('yaml: document contains excessive aliasing');
  }
  if (isAlias(node)) {
    if (aliasDepth > 100) throw new ComposeError('yaml: document contains excessive aliasing');
    const target = anchorOf(ctx, node);
    if (!target) throw new ComposeError(`yaml: unknown anchor '${node.source}' referenced`);
    return decode(ctx, target as Node, aliasDepth + 1);
  }
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return node.items.map((item) => decode(ctx, item as Node, aliasDepth));
  if (isMap(node)) {
    // yaml.v3 checks every pair of equal scalar keys before decoding the mapping's values
    const keys = node.items.map((p) => p.key as Node | null);
    let dup = false;
    keys.forEach((ki, i) => {
      for (let j = i + 1; j < keys.length; j++) {
        const kj = keys[j];
        if (isScalar(ki) && isScalar(kj) && String(ki.value) === String(kj.value)) {
          ctx.dupErrors.push(
            `line ${lineOf(ctx, kj.range?.[0])}: mapping key ${quoteGo(String(kj.value))} already defined at line ${lineOf(ctx, ki.range?.[0])}`,
          );
          dup = true;
        }
      }
    });
    if (dup) return newMap();
    const out = newMap();
    const setKeys = new Map<string, number>();
    let nonString: [unknown, unknown][] | undefined;
    const merges: Node[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        merges.push(pair.value as Node);
        continue;
      }
      const key = decode(ctx, keyNode, aliasDepth);
      const value = decode(ctx, pair.value as Node | null, aliasDepth);
      const line = lineOf(ctx, keyNode?.range?.[0]);
      if (typeof key === 'string' && !nonString) {
        setKeys.set(key, line);
        out[key] = value as YamlValue;
      } else {
        nonString ??= Object.entries(out);
        nonString.push([key, value]);
      }
    }
    for (const m of merges) mergeInto(ctx, out, setKeys, m, aliasDepth);
    return nonString ? new NonStringKeyMap(nonString) : out;
  }
  return null;
}

/** `<<: *a` or `<<: [*a, *b]`: keys set explicitly win, then earlier merged maps win over later ones. */
function mergeInto(ctx: Ctx, out: YamlMap, setKeys: Map<string, number>, node: Node, aliasDepth: number): void {
  const resolved = isAlias(node) ? anchorOf(ctx, node) : node;
  const sources: unknown[] = [];
  if (isSeq(resolved)) {
    for (const item of resolved.items) sources.push(decode(ctx, item as Node, aliasDepth));
  } else {
    sources.push(decode(ctx, node, aliasDepth));
  }
  for (const src of sources) {
    if (!isYamlMap(src)) {
      throw new ComposeError(
        isSeq(resolved)
          ? 'yaml: map merge requires map or sequence of maps as the value'
          : 'yaml: map merge requires map or sequence of maps as the value',
      );
    }
    for (const [k, v] of Object.entries(src)) {
      if (setKeys.has(k)) continue;
      setKeys.set(k, 0);
      out[k] = v;
    }
  }
}

function scalarValue(node: Scalar): unknown {
  const raw = String(node.value ?? '');
  const tag = node.tag;
  if (tag === STR || tag === '!!str') return raw;
  if (tag && tag !== '!') {
    const short = tag.replace('tag:yaml.org,2002:', '!!');
    if (short === '!!int') {
      const v = goParseInt(raw.replaceAll('_', ''));
      if (v === undefined) throw new ComposeError(`yaml: unmarshal errors:\n  cannot decode !!str \`${raw}\` as a !!int`);
      return v;
    }
    if (short === '!!float') return resolvePlain(raw);
    if (short === '!!bool' || short === '!!null') return resolvePlain(raw);
    return raw;
  }
  if (node.type !== 'PLAIN' || tag === '!') return raw;
  return resolvePlain(raw);
}

// ---- syntax errors in libyaml's words ----

/**
 * yaml.v3 reports `yaml: line N: <problem>`. For a parser error N is the 0-based line of the
 * construct being parsed (the "context mark": the block collection that expected a key or a `-`,
 * the flow collection that was not closed); for a scanner error it is the 1-based line of the
 * problem. When the 0-based line is 0 there is no `line N: ` at all. The `yaml` package finds the
 * same mistakes; the wording and the line are rebuilt here for the usual ones.
 */
function syntaxError(err: YAMLError, source: string, lines: LineCounter): string {
  const line0 = (offset: number) => lines.linePos(offset).line - 1;
  const pos = Math.min(err.pos[0], source.length);
  const where = (l0: number) => (l0 > 0 ? `line ${l0 + (scanner ? 1 : 0)}: ` : '');
  let scanner = true;
  const text = source.split('\n');
  const lineStart = source.lastIndexOf('\n', pos - 1) + 1;
  const midLine = source.slice(lineStart, pos).trim() !== '';
  const flow = unclosedFlow(source, pos);
  if (
    flow &&
    (err.code === 'BAD_INDENT' || err.code === 'MISSING_CHAR' || err.code === 'UNEXPECTED_TOKEN') &&
    /flow|]|}/i.test(err.message)
  ) {
    scanner = false;
    return `yaml: ${where(line0(flow.offset))}did not find expected ',' or '${flow.close}'`;
  }
  switch (err.code) {
    case 'TAB_AS_INDENT':
      return `yaml: ${where(line0(pos))}found character that cannot start any token`;
    case 'MISSING_CHAR':
      if (/quote/i.test(err.message)) return `yaml: ${where(line0(quoteStart(source, pos)))}found unexpected end of stream`;
      return `yaml: ${where(line0(pos))}could not find expected ':'`;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const startsItem = !midLine && /^\s*-(\s|$)/.test(text[line0(pos)] ?? '');
      if (!startsItem) {
        const colon = source.indexOf(': ', pos);
        return `yaml: ${where(line0(colon >= 0 ? colon : pos))}mapping values are not allowed in this context`;
      }
      break;
    }
  }
  scanner = false;
  const parent = enclosingBlock(text, line0(pos), midLine);
  const kind = parent.seq ? "did not find expected '-' indicator" : 'did not find expected key';
  return `yaml: ${where(parent.line0)}${kind}`;
}

function quoteStart(source: string, pos: number): number {
  const d = source.lastIndexOf('"', pos);
  const s = source.lastIndexOf("'", pos);
  return Math.max(d, s, 0);
}

/** The last `[` or `{` before pos that is not closed (outside quotes and comments). */
function unclosedFlow(source: string, pos: number): { offset: number; close: string } | undefined {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < pos && i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(source[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  const top = stack.pop();
  return top === undefined ? undefined : { offset: top, close: source[top] === '[' ? ']' : '}' };
}

/**
 * The block collection that stopped parsing at line `bad` (0-based): for a token in the middle of
 * a line, the collection that line belongs to; for a line that starts badly, the innermost
 * collection open at the previous line whose indentation is not deeper than the bad line's.
 * Returns that collection's first line (0-based) and whether it is a sequence.
 */
function enclosingBlock(all: string[], bad: number, midLine: boolean): { line0: number; seq: boolean } {
  const skip = (l: string | undefined) =>
    l === undefined || l.trim() === '' || l.trimStart().startsWith('#') || l.startsWith('---') || l.startsWith('%');
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const isItem = (l: string) => /^\s*-(\s|$)/.test(l);
  const startOf = (anchor: number, m: number): number => {
    let start = anchor;
    for (let i = anchor - 1; i >= 0; i--) {
      if (skip(all[i])) continue;
      const ind = indentOf(all[i]);
      if (ind < m) break;
      if (ind === m) start = i;
    }
    return start;
  };
  if (midLine) {
    const m = indentOf(all[bad]);
    const start = startOf(bad, m);
    return { line0: start, seq: isItem(all[start]) };
  }
  const badIndent = indentOf(all[bad] ?? '');
  let prev = bad - 1;
  while (prev >= 0 && skip(all[prev])) prev--;
  if (prev < 0) return { line0: 0, seq: false };
  // the ancestors of `prev`: each line less indented than everything after it
  let anchor = prev;
  let m = indentOf(all[prev]);
  for (let i = prev; i >= 0 && m > badIndent; i--) {
    if (skip(all[i])) continue;
    if (indentOf(all[i]) < m) {
      m = indentOf(all[i]);
      anchor = i;
    }
  }
  if (m > badIndent) return { line0: firstContent(all, skip), seq: false };
  const start = startOf(anchor, m);
  const seq = isItem(all[start]);
  // a `-` item where a mapping expected a key (or a key where a sequence expected `-`) at the same indentation
  return { line0: start, seq: m === badIndent ? seq && !isItem(all[bad] ?? '') : seq };
}

function firstContent(all: string[], skip: (l: string | undefined) => boolean): number {
  for (let j = 0; j < all.length; j++) if (!skip(all[j])) return j;
  return 0;
}
