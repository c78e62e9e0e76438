// The Markdown side of doctest: which blocks are sessions, what a command and its output are,
// skips, and `--update`'s rewrite, which must leave everything else byte for byte.
import { describe, expect, it } from 'vitest';
import { parseSessions, parseSkip, replaceOutputs } from '../../src/doctest/markdown.js';

describe('parseSessions', () => {
  it('reads console, shell-session and sh-session blocks, and nothing else', () => {
    const text = [
      '```console',
      '$ one',
      'out',
      '```',
      '```sh',
      '$ not-a-session',
      '```',
      '~~~shell-session',
      '$ two',
      '~~~',
      '````sh-session title="x"',
      '$ three',
      '```',
      'still inside',
      '````',
      '```bash',
      '$ nor-this',
      '```',
    ].join('\n');
    const { commands } = parseSessions(text);
    expect(commands.map((c) => [c.line, c.text, c.expected])).toEqual([
      [2, 'one', ['out']],
      [9, 'two', []],
      [12, 'three', ['```', 'still inside']],
    ]);
  });

  it('joins continued lines into one command, and stops at an even number of backslashes', () => {
    const text = '```console\n$ echo a \\\n  b\nout\n$ echo c\\\\\nc\\\n```\n';
    const { commands } = parseSessions(text);
    expect(commands.map((c) => [c.text, c.expected, c.expectedStart])).toEqual([
      ['echo a \\\n  b', ['out'], 3],
      ['echo c\\\\', ['c\\'], 5],
    ]);
  });

  it('removes the indentation of a block in a list item, and remembers it', () => {
    const text = '1.  Step\n\n    ```console\n    $ cmd\n\n    out\n      indented\n    ```\n';
    const [cmd] = parseSessions(text).commands;
    expect(cmd).toMatchObject({ text: 'cmd', expected: ['', 'out', '  indented'], indent: '    ' });
  });

  it('skips a block after a skip comment, for every engine or for the one it names', () => {
    const text = [
      '<!-- doctest: skip -->',
      '',
      '```console',
      '$ a',
      '```',
      '<!-- doctest: skip engine=tsecret: pending, no network create -->',
      '```console',
      '$ b',
      '```',
      '<!-- a comment -->',
      '```console',
      '$ c',
      '```',
    ].join('\n');
    const skipped = (engine: string) => parseSessions(text, engine).commands.map((c) => [c.text, c.skipped, c.skipReason]);
    expect(skipped('tsecret')).toEqual([
      ['a', true, ''],
      ['b', true, 'pending, no network create'],
      ['c', false, undefined],
    ]);
    expect(skipped('docker').map(([t, s]) => [t, s])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(parseSkip('<!-- doctest: skip: needs a terminal -->')).toEqual({ reason: 'needs a terminal' });
    expect(parseSkip('<!-- doctest: run -->')).toBeUndefined();
  });
});

describe('replaceOutputs', () => {
  it('replaces only the lines between the blank lines around an output, indented as the block', () => {
    const text = '  ```console\n  $ a\n\n  old\n  lines\n\n  $ b\n  ```\ntrailing text  \n';
    const file = parseSessions(text);
    const [a] = file.commands;
    expect(replaceOutputs(file, new Map([[a, ['new', '', 'out']]]))).toBe(
      '  ```console\n  $ a\n\n  new\n\n  out\n\n  $ b\n  ```\ntrailing text  \n',
    );
  });

  it('keeps the CRLF line ends of a file written with them', () => {
    const text = '```console\r\n$ a\r\nold\r\n```\r\n';
    const file = parseSessions(text);
    expect(file.commands.map((c) => [c.text, c.expected])).toEqual([['a', ['old']]]);
    expect(replaceOutputs(file, new Map([[file.commands[0], ['new', 'lines']]]))).toBe('```console\r\n$ a\r\nnew\r\nlines\r\n```\r\n');
  });

  it('puts the output of a command that showed none right after it', () => {
    const text = '```console\n$ a\n\n$ b\nx\n```';
    const file = parseSessions(text);
    const [a, b] = file.commands;
    expect(
      replaceOutputs(
        file,
        new Map([
          [a, ['A']],
          [b, ['B1', 'B2']],
        ]),
      ),
    ).toBe('```console\n$ a\nA\n\n$ b\nB1\nB2\n```');
  });
});
