// How doctest matches an output: exact after normalization, `...` for any lines, IDs one to one
// across a file, progress reduced to its outcome, the recording machine's hostname found.
import { describe, expect, it } from 'vitest';
import { align, type CommandOutputs, compareSession, recordedHostname, summarizeProgress, unifiedDiff } from '../../src/doctest/compare.js';

const run = (expected: string, actual: string, command = 'cmd'): CommandOutputs => ({ command, expected, actual, compared: true });

describe('compareSession', () => {
  it('passes what differs only in IDs, times and ages, and fails anything else', () => {
    const verdicts = compareSession([
      run('abcdefghij0123456789klmno\n', 'zyxwvutsrq9876543210ponml\n'),
      run('Created at: 2024-01-01 10:00:00.5 +0000 utc\n', 'Created at: 2025-01-01 00:00:00 +0000 utc\n'),
      run('Running 5 seconds ago\n', 'Running less than a second ago\n'),
      run('Running 5 seconds ago\n', 'Failed less than a second ago\n'),
    ]);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false]);
    // after a task state docker writes the age in lower case: a capitalised one is left as is, so it shows
    expect(compareSession([run('Running less than a second ago\n', 'Running Less than a second ago\n')])[0].ok).toBe(false);
  });

  it('keeps an ID the same ID throughout the file', () => {
    const a = 'aaaaaaaaaaaaaaaaaaaaaaaa1';
    const b = 'bbbbbbbbbbbbbbbbbbbbbbbb2';
    const x = 'xxxxxxxxxxxxxxxxxxxxxxxx1';
    const y = 'yyyyyyyyyyyyyyyyyyyyyyyy2';
    const same = compareSession([run(`${a}\n`, `${x}\n`), run(`${b}\n`, `${y}\n`), run(`${a} ${b}\n`, `${x} ${y}\n`)]);
    expect(same.every((v) => v.ok)).toBe(true);
    const swapped = compareSession([run(`${a}\n`, `${x}\n`), run(`${b}\n`, `${y}\n`), run(`${a} ${b}\n`, `${y} ${x}\n`)]);
    expect(swapped.map((v) => v.ok)).toEqual([true, true, false]);
    expect(swapped[2].diff).toBe('--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-<ID1> <ID2>\n+<ID2> <ID1>\n');
  });

  it('compares times as times: a standing clock prints one instant where docker prints several', () => {
    const verdicts = compareSession([
      run('"CreatedAt": "2026-12-05T04:34:09.891491858Z"\n', '"CreatedAt": "2025-01-01T00:00:00Z"\n'),
      run('"CreatedAt": "2026-12-05T04:35:10.5Z"\n', '"CreatedAt": "2025-01-01T00:00:00Z"\n'),
    ]);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true]);
  });

  it('lets `...` stand for any lines, none included, and numbers IDs only in the lines compared', () => {
    const id = 'abcdefghij0123456789klmno';
    const other = 'zzzzzzzzzz0123456789zzzzz';
    const verdicts = compareSession([
      run('first\n...\nlast\n', 'first\nmiddle\nmore\nlast\n'),
      run('...\n', ''),
      run('...\nend\n', `${other}\nend\n`),
      run(`${id}\n`, 'qqqqqqqqqq0123456789qqqqq\n'),
      run('first\n...\nlast\n', 'first\nlast but not least\n'),
    ]);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, true, false]);
  });

  it('does not compare trailing spaces or the blank lines around an output', () => {
    expect(compareSession([run('\nID   NAME\n\n', 'ID   NAME   \n')])[0].ok).toBe(true);
    expect(compareSession([run('ID   NAME\n', 'ID  NAME\n')])[0].ok).toBe(false);
  });

  it("takes docker's and tsecret's cobra texts as the same", () => {
    const docker = "docker: 'docker secret rm' requires at least 1 argument\n\nSee 'docker secret rm --help' for more information\n";
    const tsecret = "tsecret: 'tsecret secret rm' requires at least 1 argument\n\nSee 'tsecret secret rm --help' for more information\n";
    expect(compareSession([run(docker, tsecret)])[0].ok).toBe(true);
  });

  it('finds the hostname the file was recorded on, so NODE columns compare', () => {
    const expected = 'ID             NAME      NODE      DESIRED STATE\nx3j2k1l0m9n8   web.1     moby      Running\n';
    const actual = 'ID             NAME      NODE          DESIRED STATE\nq1w2e3r4t5y6   web.1     buildhost     Running\n';
    expect(recordedHostname([run(expected, actual)], 'buildhost')).toBe('moby');
    expect(compareSession([run(expected, actual)], { actualHostname: 'buildhost' })[0].ok).toBe(true);
    expect(compareSession([run(expected, actual.replace('web.1', 'api.1'))], { actualHostname: 'buildhost' })[0].ok).toBe(false);
  });
});

describe('summarizeProgress', () => {
  it("reduces a terminal's and a pipe's progress output to the same outcome", () => {
    const pipe =
      'abc\noverall progress: 0 out of 1 tasks\n1/1:  \noverall progress: 1 out of 1 tasks\nverify: Waiting 5 seconds to verify that tasks are stable...\nverify: Service abc converged\n';
    const tty =
      'abc\noverall progress: 1 out of 1 tasks \n1/1: running   [==================================================>] \nverify: Service abc converged \n';
    expect(summarizeProgress(pipe)).toBe('abc\n<PROGRESS>\nverify: Service abc converged\n');
    expect(summarizeProgress(tty)).toBe(summarizeProgress(pipe));
    expect(summarizeProgress('1/2: not progress\n')).toBe('1/2: not progress\n');
  });
});

describe('align and unifiedDiff', () => {
  it('pairs lines around `...`', () => {
    expect(align(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toEqual([
      [0, 0],
      [2, 3],
    ]);
    expect(align(['a', '...'], ['b'])).toBeUndefined();
  });

  it('prints hunks as diff -u does', () => {
    const a = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const b = [...a.slice(0, 4), 'five', ...a.slice(5), '21'];
    expect(unifiedDiff(a, b)).toBe(
      '--- expected\n+++ actual\n' + '@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n' + '@@ -18,3 +18,4 @@\n 18\n 19\n 20\n+21\n',
    );
    expect(unifiedDiff([], ['x'])).toBe('--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+x\n');
  });
});
