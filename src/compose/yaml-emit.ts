// Writing YAML as gopkg.in/yaml.v3's Encoder does with SetIndent(2) (what `docker stack config`
// prints): block mappings and sequences (sequences indented under their key), `{}`/`[]` for empty
// ones, mapping keys in yaml.v3's natural order, and libyaml's choice of scalar style: plain when
// the text cannot be read back as something else, else single quotes, else double quotes with
// escapes; multi-line strings as literal blocks (`|`, `|-`, `|+`, with an indentation hint when
// the text starts with a space or a line break). Lines are never folded (yaml.v3 sets no width).
import { formatFloat } from '../go/strconv/ftoa.js';
import { resolvePlain } from './yaml.js';

export type YNode =
  | { kind: 'map'; entries: [string, YNode][] }
  | { kind: 'seq'; items: YNode[] }
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

export const ystr = (value: string): YNode => ({ kind: 'str', value });
export const yint = (value: number): YNode => ({ kind: 'int', value });

const INDENT = 2;

/** The whole document, as yaml.v3 Encoder.Encode writes it. */
export function emitYAML(node: YNode): string {
  const out: string[] = [];
  if (node.kind === 'map' && node.entries.length) emitMapping(node.entries, 0, out, false);
  else if (node.kind === 'seq' && node.items.length) emitSequence(node.items, 0, out, false);
  else out.push(`${inlineValue(node, 0, out) ?? ''}\n`);
  return out.join('');
}

/** A collection written on the current line (`{}` / `[]`) or a scalar; undefined for a block collection. */
function inlineValue(node: YNode, indent: number, out: string[]): string | undefined {
  switch (node.kind) {
    case 'map':
      return node.entries.length ? undefined : '{}';
    case 'seq':
      return node.items.length ? undefined : '[]';
    case 'null':
      return 'null';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'int':
      return String(node.value);
    case 'float':
      return floatText(node.value);
    case 'str':
      return scalarText(node.value, indent, false, out);
  }
}

/** yaml.v3 floatv: strconv.FormatFloat(f, 'g', -1, 64), with .inf/.nan spellings. */
function floatText(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return formatFloat(f, 'g', -1);
}

/**
 * Mapping entries at `indent`. `inlineFirst`: the first key continues a line already begun
 * (`- key: value` in a sequence).
 */
function emitMapping(entries: [string, YNode][], indent: number, out: string[], inlineFirst: boolean): void {
  entries.forEach(([key, value], i) => {
    const pad = i === 0 && inlineFirst ? '' : ' '.repeat(indent);
    out.push(`${pad}${scalarText(key, indent, true, out)}:`);
    writeValue(value, indent, out);
  });
}

function emitSequence(items: YNode[], indent: number, out: string[], inlineFirst: boolean): void {
  items.forEach((item, i) => {
    const pad = i === 0 && inlineFirst ? '' : ' '.repeat(indent);
    out.push(`${pad}-`);
    if (item.kind === 'map' && item.entries.length) {
      out.push(' ');
      emitMapping(item.entries, indent + INDENT, out, true);
    } else if (item.kind === 'seq' && item.items.length) {
      out.push(' ');
      emitSequence(item.items, indent + INDENT, out, true);
    } else {
      out.push(` ${inlineValue(item, indent + INDENT, out)}\n`);
    }
  });
}

/** After `key:`: a scalar on the same line, or a block collection on the next lines. */
function writeValue(value: YNode, indent: number, out: string[]): void {
  if (value.kind === 'map' && value.entries.length) {
    out.push('\n');
    emitMapping(value.entries, indent + INDENT, out, false);
  } else if (value.kind === 'seq' && value.items.length) {
    out.push('\n');
    emitSequence(value.items, indent + INDENT, out, false);
  } else {
    out.push(` ${inlineValue(value, indent + INDENT, out)}\n`);
  }
}

// ---- scalar styles (yaml.v3 encode.go stringv, emitterc.go analyze_scalar/select_scalar_style) ----

const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/** Whether a string read back plain would be a string (else yaml.v3 asks for double quotes). */
function canUsePlain(s: string): boolean {
  if (TIMESTAMP.test(s) && isValidTimestamp(s)) return false;
  return typeof resolvePlain(s) === 'string' && !(BASE60_FLOAT.test(s) || OLD_BOOLS.has(s));
}

function isValidTimestamp(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/.exec(s)!;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const isBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isSpace = (c: number) => c === 0x20;
const isBlankOrEnd = (c: number | undefined) => c === undefined || c === 0x20 || c === 0x09 || isBreak(c);

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

function analyze(value: string): Analysis {
  const cps = [...value].map((ch) => ch.codePointAt(0)!);
  if (cps.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankOrEnd(cps[1]);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowIndicators = true;
    } else if (ch === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
    followedByWhitespace = isBlankOrEnd(cps[i + 2]);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function selectStyle(value: string, simpleKey: boolean): Style {
  let style: Style = value.includes('\n') ? 'literal' : canUsePlain(value) ? 'plain' : 'double';
  const a = analyze(value);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlain) style = 'single';
    if (value.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

/** A string scalar in its chosen style; a literal block appends its lines to `out`'s next lines. */
function scalarText(value: string, indent: number, simpleKey: boolean, _out: string[]): string {
  switch (selectStyle(value, simpleKey)) {
    case 'plain':
      return value;
    case 'single':
      return `'${value.replaceAll("'", "''")}'`;
    case 'double':
      return doubleQuoted(value);
    case 'literal':
      return literal(value, indent);
  }
}

function doubleQuoted(value: string): string {
  let s = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (!isPrintable(c) || c === 0xfeff || isBreak(c) || ch === '"' || ch === '\\') {
      switch (c) {
        case 0x00:
          s += '\\0';
          break;
        case 0x07:
          s += '\\a';
          break;
        case 0x08:
          s += '\\b';
          break;
        case 0x09:
          s += '\\t';
          break;
        case 0x0a:
          s += '\\n';
          break;
        case 0x0b:
          s += '\\v';
          break;
        case 0x0c:
          s += '\\f';
          break;
        case 0x0d:
          s += '\\r';
          break;
        case 0x1b:
          s += '\\e';
          break;
        case 0x22:
          s += '\\"';
          break;
        case 0x5c:
          s += '\\\\';
          break;
        case 0x85:
          s += '\\N';
          break;
        case 0xa0:
          s += '\\_';
          break;
        case 0x2028:
          s += '\\L';
          break;
        case 0x2029:
          s += '\\P';
          break;
        default: {
          const hex = c.toString(16).toUpperCase();
          if (c <= 0xff) s += `\\x${hex.padStart(2, '0')}`;
          else if (c <= 0xffff) s += `\\u${hex.padStart(4, '0')}`;
          else s += `\\U${hex.padStart(8, '0')}`;
        }
      }
    } else s += ch;
  }
  return `${s}"`;
}

/**
 * libyaml's write_literal_scalar: `|` + hints, then the lines indented by `indent`. A first line
 * break ends the header line itself (so a leading empty line is not written, as libyaml does).
 */
function literal(value: string, indent: number): string {
  const cps = [...value];
  let header = '|';
  const first = cps[0].codePointAt(0)!;
  if (isSpace(first) || isBreak(first)) header += String(INDENT);
  const last = cps[cps.length - 1].codePointAt(0)!;
  if (!isBreak(last)) header += '-';
  else if (cps.length === 1 || isBreak(cps[cps.length - 2].codePointAt(0)!)) header += '+';
  let text = header;
  let column = text.length + 1; // anything but 0: the header line is not ended yet
  let breaks = true;
  const pad = ' '.repeat(indent);
  for (const ch of cps) {
    if (isBreak(ch.codePointAt(0)!)) {
      text += '\n';
      column = 0;
      breaks = true;
    } else {
      if (breaks) {
        if (column !== 0) text += '\n';
        text += pad;
        breaks = false;
      }
      text += ch;
      column = 1;
    }
  }
  // the emitter ends the scalar's line before the next key: a trailing break already did
  return column === 0 ? text.slice(0, -1) : text;
}

// ---- key order (yaml.v3 keyList.Less) ----

const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return digits ? al : bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Mapping entries sorted as yaml.v3 sorts a Go map's keys. */
export function sortedEntries<V>(entries: [string, V][]): [string, V][] {
  return [...entries].sort(([a], [b]) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}
