// Go's text/tabwriter as vendored by docker/cli (cli/command/formatter/tabwriter), which counts
// cell width in terminal columns (go-runewidth) instead of runes. Elastic tabstops: cells are
// tab-terminated, a column is a block of consecutive lines that have a cell in it, and the last
// cell of a line is never part of a column. The Escape character (0xff byte) cannot occur in a
// JS string and is not supported.

export const FilterHTML = 1;
export const StripEscape = 2;
export const AlignRight = 4;
export const DiscardEmptyColumns = 8;
export const TabIndent = 16;
export const Debug = 32;

// East Asian Wide/Fullwidth and emoji ranges that terminals draw two columns wide.
const WIDE: readonly number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3, 0x25fd, 0x25fe,
  0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be,
  0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa,
  0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755,
  0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55,
  0x2e80, 0x303e, 0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf, 0xa960, 0xa97f, 0xac00, 0xd7a3,
  0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x17000, 0x18cff,
  0x1b000, 0x1b2ff, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a, 0x1f200, 0x1f251,
  0x1f300, 0x1f64f, 0x1f680, 0x1f6ff, 0x1f7e0, 0x1f7eb, 0x1f90c, 0x1f9ff, 0x1fa70, 0x1faff, 0x20000, 0x2fffd,
  0x30000, 0x3fffd,
];

// Zero-width: combining marks and invisible formatting characters.
const ZERO: readonly number[] = [
  0x0300, 0x036f, 0x0483, 0x0489, 0x0591, 0x05bd, 0x0610, 0x061a, 0x064b, 0x065f, 0x0670, 0x0670, 0x06d6, 0x06dc,
  0x0900, 0x0903, 0x093a, 0x094f, 0x0e31, 0x0e31, 0x0e34, 0x0e3a, 0x0e47, 0x0e4e, 0x1ab0, 0x1aff, 0x1dc0, 0x1dff,
  0x200b, 0x200f, 0x2028, 0x202e, 0x2060, 0x2064, 0x20d0, 0x20ff, 0x302a, 0x302d, 0x3099, 0x309a, 0xfe00, 0xfe0f,
  0xfe20, 0xfe2f, 0xfeff, 0xfeff, 0x1f3fb, 0x1f3ff, 0xe0100, 0xe01ef,
];

function inTable(t: readonly number[], r: number): boolean {
  let lo = 0;
  let hi = t.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r < t[2 * mid]) hi = mid - 1;
    else if (r > t[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** go-runewidth RuneWidth (non-East-Asian locale): control 0, combining 0, wide 2, else 1. */
export function runeWidth(r: number): number {
  if (r < 0x20 || (r >= 0x7f && r <= 0x9f) || r === 0xad) return 0;
  if (r < 0x300) return 1;
  if (inTable(ZERO, r)) return 0;
  if (inTable(WIDE, r)) return 2;
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** go-runewidth StringWidth. */
export function stringWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length; // the common case, one native scan
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x7f) {
      if (c >= 0x20) w++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if ((d & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    w += runeWidth(c);
  }
  return w;
}

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

/** docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const DOCKER_TABLE: TabWriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 };
