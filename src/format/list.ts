// docker/cli formatter.Context: resolves a list command's --format/-q into a template and writes
// the rows (table through the tabwriter with a header row, anything else one row per line).
import type { IOStreams } from '../iostreams/iostreams.js';
import { renderRows, TemplateExecError, TemplateParseError } from './gotemplate.js';

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
