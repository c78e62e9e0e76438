// docker/cli cli/command/formatter/formatter.go: the tabwriter a "table" format writes through
// (tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)), and a table given as its cells. It sits in the cli
// folder, not in formatter/, so a list's default table is laid out without loading the template
// engine and the formatter's chunk (a direct path such as `secret ls` checks its own output against
// the template path's in tests).
import { formatCells, formatLines, type TabWriterOptions } from '../go/tabwriter/tabwriter.js';

/** docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const DOCKER_TABLE: TabWriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 };

/** tsecret's own bound on a whole list's output (each row's template is bounded by TEMPLATE_OUTPUT_LIMIT). */
export const LIST_OUTPUT_LIMIT = 256 << 20;

/** The rows of a table, each its cells (a line is its cells joined by tabs), laid out as the tabwriter does. */
export function cellsTable(rows: readonly (readonly string[])[]): string {
  return (
    formatCells(rows, DOCKER_TABLE) ??
    formatLines(
      rows.map((cells) => cells.join('\t')),
      DOCKER_TABLE,
    )
  );
}
