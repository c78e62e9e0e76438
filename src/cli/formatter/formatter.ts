// docker/cli cli/command/formatter/formatter.go: formatter.Context, which resolves a list
// command's --format/-q into a template and writes the rows (a table through the tabwriter with
// a header row, anything else one row per line), and formatter.MarshalJSON for {{json .}} rows.
import { marshalJSON } from '../../go/json/encode.js';
import { goJSON, goKind, goType } from '../../go/reflect/value.js';
import { formatCells, formatLines } from '../../go/tabwriter/tabwriter.js';
import { callStringMethod, isStruct, TemplateExecError, TemplateOutputLimitError } from '../../go/template/exec.js';
import { goSig, type Sig } from '../../go/template/funcs.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { Template } from '../../go/template/template.js';
import { isUpper } from '../../go/template/value.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { DOCKER_TABLE, LIST_OUTPUT_LIMIT } from '../table.js';
import { headerFunctions, parseDockerTemplate } from './templates.js';

export { DOCKER_TABLE } from '../table.js';

/** A row through rowParts(), or undefined when a method is not a plain string method. */
function renderRowParts(parts: Array<string | { method: string }>, row: object): string | undefined {
  if (!isStruct(row)) return undefined;
  let line = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      line += part;
      continue;
    }
    const text = callStringMethod(row, part.method);
    if (text === undefined) return undefined;
    line += text;
  }
  return line;
}

/** What renderRowParts checks of a row, taken from the first row: rows built alike skip those checks. */
interface RowShape {
  proto: object | null;
  kind: unknown;
  type: unknown;
  isArray: boolean;
  /** Each part: its text, or the method renderRowParts would call. */
  parts: Array<string | ((this: object) => unknown)>;
}

function rowShape(parts: Array<string | { method: string }>, row: object | undefined): RowShape | undefined {
  if (row === undefined || !isStruct(row)) return undefined;
  const fns: RowShape['parts'] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      fns.push(part);
      continue;
    }
    const method = (row as Record<string, unknown>)[part.method];
    // what callStringMethod accepts: a function of no parameters that is not a Go func value
    if (typeof method !== 'function' || method.length !== 0 || (method as unknown as Record<symbol, unknown>)[goSig]) return undefined;
    fns.push(method as (this: object) => unknown);
  }
  const r = row as Record<symbol, unknown>;
  return { proto: Object.getPrototypeOf(row), kind: r[goKind], type: r[goType], isArray: Array.isArray(row), parts: fns };
}

/**
 * renderRowParts for a row shaped like the first (same prototype, tags and methods, which is all
 * isStruct and callStringMethod look at): the methods called directly. undefined: not that shape,
 * or a method failed or gave no string (the general way then reports it as Go does).
 */
function renderShapedRow(shape: RowShape, parts: Array<string | { method: string }>, row: object): string | undefined {
  const r = row as Record<string | symbol, unknown>;
  if (
    Object.getPrototypeOf(row) !== shape.proto ||
    r[goKind] !== shape.kind ||
    r[goType] !== shape.type ||
    Array.isArray(row) !== shape.isArray
  )
    return undefined;
  let line = '';
  for (let i = 0; i < parts.length; i++) {
    const part = shape.parts[i];
    if (typeof part === 'string') {
      line += part;
      continue;
    }
    if (r[(parts[i] as { method: string }).method] !== part) return undefined;
    let text: unknown;
    try {
      text = part.call(row);
    } catch {
      return undefined;
    }
    if (typeof text !== 'string') return undefined;
    line += text;
  }
  return line;
}

/**
 * A table whose template is columns of methods ({{.A}}\t{{.B}}\t...), every row shaped like the
 * first and every cell plain: each method's text is a cell, laid out without building the lines
 * (tabwriter.formatCells). undefined: anything else, which the lines then handle.
 */
function columnsTable(header: string, parts: Array<string | { method: string }>, shape: RowShape, rows: object[]): string | undefined {
  if (parts.length % 2 === 0 || parts.some((p, i) => (i % 2 === 1) !== (p === '\t'))) return undefined;
  const columns = shape.parts.filter((p) => typeof p !== 'string') as Array<(this: object) => unknown>;
  const cells: string[][] = [header.split('\t')];
  for (const row of rows) {
    const r = row as Record<string | symbol, unknown>;
    if (
      Object.getPrototypeOf(row) !== shape.proto ||
      r[goKind] !== shape.kind ||
      r[goType] !== shape.type ||
      Array.isArray(row) !== shape.isArray
    )
      return undefined;
    const line: string[] = [];
    for (let j = 0; j < columns.length; j++) {
      if (r[(parts[2 * j] as { method: string }).method] !== columns[j]) return undefined;
      let text: unknown;
      try {
        text = columns[j].call(row);
      } catch {
        return undefined;
      }
      if (typeof text !== 'string') return undefined;
      line.push(text);
    }
    cells.push(line);
  }
  // counted after the rows, not in their loop: a few more operations per cell there made V8
  // compile the loop while it ran (on-stack replacement, ~15 ms on another thread at 1,000 rows),
  // and a process waits for such a compile to end before it exits
  if (linesLength(cells) > LIST_OUTPUT_LIMIT) throw new TemplateOutputLimitError(LIST_OUTPUT_LIMIT);
  return formatCells(cells, DOCKER_TABLE);
}

/** The list's bound counts what the lines would be: a tab between cells, a newline after each row. */
function linesLength(cells: string[][]): number {
  let n = 0;
  for (const line of cells) for (const cell of line) n += cell.length + 1;
  return n;
}

/**
 * formatter.Context.preFormat: "table" is a prefix checked before trimming; only spaces are
 * trimmed; "json" means {{json .}}; literal \t and \n become a tab and a newline.
 */
export function dockerFormat(format: string): { isTable: boolean; template: string } {
  const isTable = format.startsWith('table');
  let f = format;
  if (isTable) f = f.slice(5);
  else if (format === 'json') f = '{{json .}}';
  let start = 0;
  let end = f.length;
  while (start < end && f.charCodeAt(start) === 0x20) start++;
  while (end > start && f.charCodeAt(end - 1) === 0x20) end--;
  f = f.slice(start, end);
  let out = '';
  let last = 0;
  for (let i = f.indexOf('\\'); i >= 0 && i < f.length - 1; i = f.indexOf('\\', i)) {
    const c = f[i + 1];
    if (c === 't' || c === 'n') {
      out += f.slice(last, i) + (c === 't' ? '\t' : '\n');
      i += 2;
      last = i;
    } else i++;
  }
  return { isTable, template: out + f.slice(last) };
}

/**
 * formatter.MarshalJSON for a row: every exported zero-argument method (here: upper-case
 * property or zero-length function) except FullHeader, as a map — so keys come out sorted and,
 * since it goes through json.Marshal, <, > and & are escaped.
 */
export function rowJSON(row: object): string {
  const keys = new Set<string>();
  for (let o: object | null = row; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (isUpper(k) && k !== 'FullHeader') keys.add(k);
  }
  const m = new Map<string, unknown>();
  for (const k of keys) {
    const v = (row as Record<string, unknown>)[k];
    if (typeof v === 'function') {
      if (v.length === 0) m.set(k, (v as () => unknown).call(row));
    } else m.set(k, v);
  }
  return marshalJSON(m, { escapeHTML: true });
}

/** formatter.SubHeaderContext: the header map with its Label method. */
function headerContext(headers: Record<string, string>): object {
  const h: Record<string, unknown> = { ...headers };
  Object.defineProperty(h, 'Label', {
    value: (name: string) => {
      const parts = name.split('.');
      return parts[parts.length - 1].replaceAll('-', ' ').replaceAll('_', ' ');
    },
    enumerable: false,
  });
  (h.Label as Record<symbol, Sig>)[goSig] = { params: ['string'] };
  Object.defineProperty(h, goType, { value: 'formatter.SubHeaderContext' });
  Object.defineProperty(h, goKind, { value: 'map' });
  return h;
}

/**
 * What docker prints for a list command (formatter.Context.Write): each row rendered and
 * followed by "\n"; for "table ..." formats, the header row (rendered from headers with
 * HeaderFunctions, errors ignored) and the rows go through the tabwriter (10, 1, 3, ' ', 0).
 * The format is already resolved (resolveListFormat below turns the "table" keyword and -q into templates);
 * opts.rowType names the rows' Go type for errors. Throws TemplateParseError / TemplateExecError with Go's message: docker prints them
 * as "template parsing error: " + message.
 */
export function renderRows(format: string, rows: object[], headers: Record<string, string>, opts: { rowType?: string } = {}): string {
  const { isTable, template } = dockerFormat(format);
  const tmpl = parseDockerTemplate(template);
  const parts = (tmpl as Template).rowParts();
  // a table's lines are gathered, then laid out at once (formatLines)
  const lines: string[] = [];
  let buffer = '';
  let written = 0;
  const emit = (line: string) => {
    written += line.length + 1;
    if (written > LIST_OUTPUT_LIMIT) throw new TemplateOutputLimitError(LIST_OUTPUT_LIMIT);
    if (isTable) lines.push(line);
    else buffer += line + '\n';
  };
  if (isTable) {
    let header: string;
    try {
      header = tmpl.withFuncs(headerFunctions()).execute(headerContext(headers));
    } catch (e) {
      if (!(e instanceof TemplateExecError)) throw e;
      header = e.output;
    }
    emit(header);
  }
  const shape = parts ? rowShape(parts, rows[0]) : undefined;
  if (isTable && parts && shape) {
    const table = columnsTable(lines[0], parts, shape, rows);
    if (table !== undefined) return table;
  }
  for (const row of rows) {
    const line = parts ? ((shape && renderShapedRow(shape, parts, row)) ?? renderRowParts(parts, row)) : undefined;
    if (line !== undefined) {
      emit(line);
      continue;
    }
    // {{json .}} on a row is formatter.MarshalJSON; the tags are symbols, invisible elsewhere.
    if (Object.isExtensible(row)) {
      if (!(goJSON in row)) Object.defineProperty(row, goJSON, { value: () => rowJSON(row), configurable: true });
      if (opts.rowType && !(goType in row)) Object.defineProperty(row, goType, { value: opts.rowType, configurable: true });
    }
    emit(tmpl.execute(row));
  }
  return isTable ? formatLines(lines, DOCKER_TABLE) : buffer;
}

/** docker wraps parse and execution errors alike (formatter.Context, inspect.TemplateInspector). */
export const templateError = (err: Error): Error => new Error(`template parsing error: ${err.message}`);

export interface ListOutput {
  /** The user's --format, or "table"/"" for the default. */
  format: string;
  quiet?: boolean;
  /** The command's default table format ("table {{.ID}}\t..."). */
  defaultTable?: string;
  headers?: Record<string, string>;
  rows: object[];
  /** The rows' Go type, as template errors name it ("*secret.secretContext"). */
  rowType?: string;
}

/** Resolves docker's format keywords: "table" → the default table, or {{.ID}} with -q. */
export function resolveListFormat(format: string, quiet: boolean | undefined, defaultTable: string | undefined): string {
  if (format === 'table' || format === '') {
    if (quiet) return '{{.ID}}';
    return defaultTable ?? format;
  }
  return format;
}

/** Writes rows; template errors become docker's "template parsing error: ..." with nothing printed. */
export function writeList(io: IOStreams, out: ListOutput): void {
  const format = resolveListFormat(out.format, out.quiet, out.defaultTable);
  let text: string;
  try {
    text = renderRows(format, out.rows, out.headers ?? {}, { rowType: out.rowType });
  } catch (err) {
    throw err instanceof TemplateParseError || err instanceof TemplateExecError ? templateError(err) : err;
  }
  io.stdout.write(text);
}
