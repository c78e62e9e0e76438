// docker/cli cli/command/formatter/tabwriter/tabwriter.go: Go's text/tabwriter as docker vendors
// it, counting cell width in terminal columns (go-runewidth) instead of runes. Elastic tabstops:
// cells are tab-terminated, a column is a block of consecutive lines that have a cell in it, and
// the last cell of a line is never part of a column. The Escape character (0xff byte) cannot occur
// in a JS string and is not supported.

import { stringWidth } from '../runewidth/runewidth.js';

export const FilterHTML = 1;
export const StripEscape = 2;
export const AlignRight = 4;
export const DiscardEmptyColumns = 8;
export const TabIndent = 16;
export const Debug = 32;

interface Cell {
  size: number; // cell size in UTF-16 units
  width: number; // cell width in terminal columns
  htab: boolean; // true if the cell is terminated by an htab ('\t')
}

export interface TabWriterOptions {
  minwidth?: number;
  tabwidth?: number;
  padding?: number;
  padchar?: string;
  flags?: number;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private buf = ''; // collected text excluding tabs or line breaks
  // Go keeps the buffer position up to which the incomplete cell's width is computed. Slicing a
  // string built by += from that position flattens the whole buffer each time (quadratic in the
  // table's size), so the text not yet measured is kept on its own instead.
  private unmeasured = '';
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = ''; // terminating char of an HTML tag/entity being skipped, or ''
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private out = '';

  /** Defaults are docker's: NewWriter(out, 10, 1, 3, ' ', 0). */
  constructor(opts: TabWriterOptions = {}) {
    this.minwidth = opts.minwidth ?? 10;
    this.tabwidth = opts.tabwidth ?? 1;
    this.padding = opts.padding ?? 3;
    this.padchar = opts.padchar ?? ' ';
    let flags = opts.flags ?? 0;
    if (this.minwidth < 0 || this.tabwidth < 0 || this.padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
    if (this.padchar === '\t') flags &= ~AlignRight; // tab padding enforces left-alignment
    this.flags = flags;
  }

  private reset(): void {
    this.buf = '';
    this.unmeasured = '';
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = '';
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return; // tabs have no width - can't do any padding
      cellw = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error('internal error');
      this.out += '\t'.repeat(Math.ceil(n / this.tabwidth));
      return;
    }
    if (cellw > textw) this.out += this.padchar.repeat(cellw - textw);
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && this.flags & Debug) this.out += '|';
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line - we don't have a newline, so just write any outstanding buffered data
        this.out += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.out += '\n';
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t];
      if (column >= line.length - 1) continue;
      // cell exists in this column => this line has more cells than the previous line
      pos = this.writeLines(pos, line0, t);
      line0 = t;
      // column block begin
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      // column block end
      if (discardable && this.flags & DiscardEmptyColumns) width = 0;
      this.widths.push(width);
      pos = this.format(pos, line0, t);
      this.widths.pop();
      line0 = t;
    }
    return this.writeLines(pos, line0, line1);
  }

  private append(text: string): void {
    this.buf += text;
    this.unmeasured += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += stringWidth(this.unmeasured);
    this.unmeasured = '';
  }

  private endEscape(): void {
    if (this.endChar === ';') this.cell.width++; // an HTML entity counts as one column; a tag as none
    this.unmeasured = '';
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private flushNoDefers(): void {
    if (this.cell.size > 0) {
      if (this.endChar) this.endEscape();
      this.terminateCell(false);
    }
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  write(text: string): void {
    // Jumps from one special character to the next (a regex scan runs natively), where Go's
    // loop looks at every byte; the text between is appended whole.
    const specials = this.flags & FilterHTML ? /[\t\v\n\f<&]/g : /[\t\v\n\f]/g;
    let n = 0;
    let i = 0;
    while (i < text.length) {
      if (this.endChar) {
        const end = text.indexOf(this.endChar, i);
        if (end < 0) break;
        this.append(text.slice(n, end + 1));
        n = i = end + 1;
        this.endEscape();
        continue;
      }
      specials.lastIndex = i;
      const m = specials.exec(text);
      if (!m) break;
      i = m.index;
      const ch = m[0];
      if (ch === '<' || ch === '&') {
        this.append(text.slice(n, i));
        this.updateWidth();
        n = i;
        this.endChar = ch === '<' ? '>' : ';';
      } else {
        this.append(text.slice(n, i));
        this.updateWidth();
        n = i + 1;
        const ncells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          // A line with only one cell does not affect the formatting of the following lines.
          if (ch === '\f' || ncells === 1) {
            this.flushNoDefers();
            if (ch === '\f' && this.flags & Debug) this.out += '---\n';
          }
        }
      }
      i++;
    }
    this.append(text.slice(n));
  }

  /** Formats what is buffered and returns all output produced since the previous flush. */
  flush(): string {
    this.flushNoDefers();
    const out = this.out;
    this.out = '';
    return out;
  }
}

const PLAIN_LINE = /^[\x20-\x7e\t]*$/;

/**
 * What a TabWriter made with opts prints for these lines (each written followed by "\n", then
 * Flush). Not a Go API: a table whose lines are all plain ASCII with the same number of tabs is
 * one column block per column, whose width is the widest cell plus padding (at least minwidth);
 * that case is computed in two passes over the lines, anything else goes through the writer.
 */
export function formatLines(lines: readonly string[], opts: TabWriterOptions): string {
  const table = opts.flags || (opts.padchar ?? ' ') !== ' ' ? undefined : uniformTable(lines, opts.minwidth ?? 10, opts.padding ?? 3);
  if (table !== undefined) return table;
  const w = new TabWriter(opts);
  for (const line of lines) w.write(`${line}\n`);
  return w.flush();
}

const PLAIN_CELL = /^[\x20-\x7e]*$/;

/**
 * formatLines for lines given as their cells (a line is its cells joined by tabs), without
 * building the lines: undefined unless every line has the same number of plain ASCII cells and
 * opts are those the two-pass layout takes (the caller then joins the cells and calls formatLines).
 */
export function formatCells(rows: readonly (readonly string[])[], opts: TabWriterOptions): string | undefined {
  if (opts.flags || (opts.padchar ?? ' ') !== ' ' || rows.length === 0) return undefined;
  const n = rows[0].length;
  if (n < 2) return undefined;
  const widths = new Array<number>(n - 1).fill(0);
  for (const cells of rows) {
    if (cells.length !== n) return undefined;
    for (let j = 0; j < n; j++) {
      const cell = cells[j];
      if (!PLAIN_CELL.test(cell)) return undefined;
      if (j < n - 1 && cell.length > widths[j]) widths[j] = cell.length;
    }
  }
  return layOut(rows, widths, opts.minwidth ?? 10, opts.padding ?? 3);
}

/** Each cell padded to its column's width (the widest cell plus padding, at least minwidth), the last one not. */
function layOut(rows: readonly (readonly string[])[], widths: number[], minwidth: number, padding: number): string {
  let widest = 0;
  for (let j = 0; j < widths.length; j++) {
    widths[j] = Math.max(minwidth, widths[j] + padding);
    widest = Math.max(widest, widths[j]);
  }
  const pads = Array.from({ length: widest + 1 }, (_, k) => ' '.repeat(k));
  const pieces: string[] = [];
  for (const cells of rows) {
    for (let j = 0; j < widths.length; j++) pieces.push(cells[j], pads[widths[j] - cells[j].length]);
    pieces.push(cells[widths.length], '\n');
  }
  return pieces.join('');
}

function uniformTable(lines: readonly string[], minwidth: number, padding: number): string | undefined {
  if (lines.length === 0) return undefined;
  const widths: number[] = [];
  for (let t = lines[0].indexOf('\t'); t >= 0; t = lines[0].indexOf('\t', t + 1)) widths.push(0);
  if (widths.length === 0) return undefined;
  for (const line of lines) {
    if (!PLAIN_LINE.test(line)) return undefined;
    let start = 0;
    let j = 0;
    for (let t = line.indexOf('\t'); t >= 0; t = line.indexOf('\t', start)) {
      if (j === widths.length) return undefined;
      if (t - start > widths[j]) widths[j] = t - start;
      j++;
      start = t + 1;
    }
    if (j !== widths.length) return undefined;
  }
  let widest = 0;
  for (let j = 0; j < widths.length; j++) {
    widths[j] = Math.max(minwidth, widths[j] + padding);
    widest = Math.max(widest, widths[j]);
  }
  // pieces joined once: no intermediate strings the size of the table
  const pads = Array.from({ length: widest + 1 }, (_, n) => ' '.repeat(n));
  const pieces: string[] = [];
  for (const line of lines) {
    let start = 0;
    let j = 0;
    for (let t = line.indexOf('\t'); t >= 0; t = line.indexOf('\t', start)) {
      pieces.push(line.slice(start, t), pads[widths[j] - (t - start)]);
      j++;
      start = t + 1;
    }
    pieces.push(line.slice(start), '\n');
  }
  return pieces.join('');
}
