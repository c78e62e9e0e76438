// docker/cli cli/command/formatter/formatter.go: formatter.Context, which resolves a list
// command's --format/-q into a template and writes the rows (a table through the tabwriter with
// a header row, anything else one row per line), and formatter.MarshalJSON for {{json .}} rows.
import { marshalJSON } from '../../go/json/encode.js';
import { goJSON, goKind, goType } from '../../go/reflect/value.js';
import { formatLines, type TabWriterOptions } from '../../go/tabwriter/tabwriter.js';
import { callStringMethod, isStruct, TemplateExecError } from '../../go/template/exec.js';
import { goSig, type Sig } from '../../go/template/funcs.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { Template } from '../../go/template/template.js';
import { isUpper } from '../../go/template/value.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { headerFunctions, parseDockerTemplate } from './templates.js';

/** docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const DOCKER_TABLE: TabWriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 };

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
export function renderRows(
  format: string,
  rows: object[],
  headers: Record<string, string>,
  opts: { rowType?: string } = {},
): string {
  const { isTable, template } = dockerFormat(format);
  const tmpl = parseDockerTemplate(template);
  const parts = (tmpl as Template).rowParts();
  // a table's lines are gathered, then laid out at once (formatLines)
  const lines: string[] = [];
  let buffer = '';
  const emit = (line: string) => (isTable ? lines.push(line) : (buffer += line + '\n'));
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
  for (const row of rows) {
    const line = parts ? renderRowParts(parts, row) : undefined;
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
