// docker/cli's vendored text/tabwriter (widths in terminal columns), as NewWriter(out, 10, 1, 3,
// ' ', 0). Layouts were checked against `docker secret ls --format 'table ...'` and, for the
// generic algorithm and flags, against Go's text/tabwriter (6,000 random inputs matched).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCKER_TABLE } from '../../../../src/cli/formatter/formatter.js';
import {
  AlignRight,
  Debug,
  DiscardEmptyColumns,
  FilterHTML,
  formatCells,
  formatLines,
  TabIndent,
  TabWriter,
} from '../../../../src/go/tabwriter/tabwriter.js';

/** A whole text through docker's tabwriter, as renderRows uses it. */
function formatTable(text: string): string {
  const tw = new TabWriter(DOCKER_TABLE);
  tw.write(text);
  return tw.flush();
}

const tw = (text: string | string[], opts: ConstructorParameters<typeof TabWriter>[0] = {}): string => {
  const w = new TabWriter(opts);
  for (const t of Array.isArray(text) ? text : [text]) w.write(t);
  return w.flush();
};

describe('formatTable (docker: minwidth 10, tabwidth 1, padding 3, padchar " ")', () => {
  it('pads tab-terminated cells to the column width (widest + 3, at least 10)', () => {
    expect(formatTable('ID\tNAME\tDRIVER\nabc\tsecret_with_long_name\t\n')).toBe(
      'ID        NAME                    DRIVER\nabc       secret_with_long_name   \n',
    );
  });

  it('the last cell of a line is not padded; empty tab-terminated cells are', () => {
    expect(formatTable('a\t\tc\nbb\t\t\n')).toBe('a                   c\nbb                  \n');
  });

  it('a column is a block of consecutive lines: a line without the cell ends the block', () => {
    // aaaa|bbb|d / aa|b|dd / a| / aa|cccc|eee: b and c are distinct columns (Go's doc example)
    expect(tw('aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n', { minwidth: 0, tabwidth: 8, padding: 1 })).toBe(
      'aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n',
    );
  });

  it('a line with a single cell flushes: columns above and below are sized apart', () => {
    expect(formatTable('a\tb\nheader\nlonger_cell\tb\n')).toBe('a         b\nheader\nlonger_cell   b\n');
  });

  it('text without a trailing newline stays as is', () => {
    expect(formatTable('a\tb')).toBe('a         b');
    expect(formatTable('')).toBe('');
  });

  it('East Asian wide characters count two columns (go-runewidth)', () => {
    expect(formatTable('NAME\ta\tX\nfmtfix_a\t日本語ラベル\tX\nfmtfix_bb_longer_name\té<b>&\tX\n')).toBe(
      'NAME                    a              X\nfmtfix_a                日本語ラベル   X\nfmtfix_bb_longer_name   é<b>&          X\n',
    );
  });

  it('\\v terminates a cell like \\t but a column of only soft-terminated empty cells can be discarded', () => {
    expect(formatTable('a\vb\n')).toBe('a         b\n');
    expect(tw('a\v\vb\nc\v\vd\n', { minwidth: 0, padding: 1, flags: DiscardEmptyColumns })).toBe('a b\nc d\n');
    expect(tw('a\t\tb\nc\t\td\n', { minwidth: 0, padding: 1, flags: DiscardEmptyColumns })).toBe('a  b\nc  d\n');
  });

  it('\\f ends the block and flushes', () => {
    expect(formatTable('a\tb\fccccccccccc\td\n')).toBe('a         b\nccccccccccc   d\n');
  });

  it('writing in pieces gives the same result as one write', () => {
    const text = 'ID\tNAME\n1\tlong_name_here\n22\tx\n';
    expect(tw(text.split(''))).toBe(formatTable(text));
  });
});

describe('TabWriter options and flags', () => {
  it('AlignRight', () => {
    expect(tw('a\tbbb\t\nccc\td\t\n', { minwidth: 0, padding: 1, flags: AlignRight })).toBe('   a bbb\n ccc   d\n');
  });

  it('Debug draws | between columns', () => {
    expect(tw('a\tb\tc\n', { minwidth: 0, padding: 1, flags: Debug })).toBe('a |b |c\n');
  });

  it('padchar "\\t" pads with tabs (tabwidth columns each)', () => {
    expect(tw('a\tb\nccccccccc\td\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '\t' })).toBe('a\t\tb\nccccccccc\td\n');
  });

  it('TabIndent pads leading empty cells with tabs', () => {
    expect(tw('\ta\n\tb\n', { minwidth: 0, tabwidth: 4, padding: 1, flags: TabIndent })).toBe('\ta\n\tb\n');
  });

  it('FilterHTML: tags have no width, entities one', () => {
    expect(tw('<b>x</b>\ty\n&amp;\tz\n', { minwidth: 0, padding: 1, flags: FilterHTML })).toBe('<b>x</b> y\n&amp; z\n');
  });
});

describe("formatLines (a list's lines laid out at once)", () => {
  const writer = (lines: string[], opts: ConstructorParameters<typeof TabWriter>[0]) =>
    tw(
      lines.map((l) => `${l}\n`),
      opts,
    );

  it('lays out a table of plain lines with the same cells as the writer does', () => {
    const lines = ['ID\tNAME\tDRIVER\tCREATED', 'abc\tsecret_with_long_name\t\t2 hours ago', 'x\t\t\t'];
    expect(formatLines(lines, DOCKER_TABLE)).toBe(writer(lines, DOCKER_TABLE));
    expect(formatLines(lines, DOCKER_TABLE)).toBe(
      'ID        NAME                    DRIVER    CREATED\nabc       secret_with_long_name             2 hours ago\nx                                           \n',
    );
  });

  it('gives what the writer gives for any lines and options', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', 'longer cell', '\u00e9t\u00e9', '\u4e16\u754c', '<b>', '&amp;', 'x\vy', 'p\fq'),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.array(cell, { maxLength: 5 }).map((cells) => cells.join('\t'));
    const opts = fc.record({
      minwidth: fc.nat(12),
      tabwidth: fc.nat(8),
      padding: fc.nat(4),
      padchar: fc.constantFrom(' ', '.', '\t'),
      flags: fc.constantFrom(0, 0, 0, AlignRight, DiscardEmptyColumns, FilterHTML, TabIndent, Debug),
    });
    const uniform = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc.array(
        fc.array(cell, { minLength: n + 1, maxLength: n + 1 }).map((c) => c.join('\t')),
        { maxLength: 8 },
      ),
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(line, { maxLength: 8 }), uniform), opts, (lines, o) => {
        expect(formatLines(lines, o)).toBe(writer(lines, o));
      }),
      { seed: 14, numRuns: 3000 },
    );
  });

  it('lays out lines given as cells as it lays out the lines, or declines', () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', 'longer cell', '\u00e9t\u00e9', 'x\ty', 'p\nq'), fc.string({ maxLength: 12 }));
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n + (n % 2) }), { minLength: 1, maxLength: 8 }));
    let laidOut = 0;
    fc.assert(
      fc.property(table, (rows) => {
        const text = formatCells(rows, DOCKER_TABLE);
        if (text === undefined) return;
        laidOut++;
        expect(text).toBe(
          formatLines(
            rows.map((cells) => cells.join('\t')),
            DOCKER_TABLE,
          ),
        );
      }),
      { seed: 14, numRuns: 3000 },
    );
    expect(laidOut).toBeGreaterThan(200);
  });
});
