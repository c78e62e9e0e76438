/**
 * grep, sort, cmp and ulimit beyond the oracle (whose byte-exact cases are in oracle-spec.ts):
 * the limits docker gives a container, which a chroot on the recording machine cannot have,
 * CAP_SYS_RESOURCE, and the options the simulation refuses instead of ignoring.
 */
import { describe, expect, it } from 'vitest';
import { dockerDefaultRlimits, RLIM_INFINITY, setrlimit, withUlimits } from '../../../src/engine/exec/rlimits.js';
import { runInWorld } from './world.js';

const run = runInWorld;

describe('a container`s resource limits', () => {
  it('without --ulimit: containerd`s nofile (nr_open), unlimited processes and core, the kernel`s stack and signals', () => {
    expect(run(['sh', '-c', 'ulimit -n; ulimit -Hn; ulimit -p; ulimit -c; ulimit -s; ulimit -Hs'])).toEqual({
      stdout: '1048576\n1048576\nunlimited\nunlimited\n8192\nunlimited\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(['bash', '-c', 'ulimit -u; ulimit -i; ulimit -l; ulimit -q']).stdout).toBe('unlimited\n32768\n8192\n819200\n');
  });

  it('pending signals follow the node`s memory (max_threads / 2)', () => {
    expect(dockerDefaultRlimits(16 * 1024 ** 3).sigpending).toEqual({ soft: 65536n, hard: 65536n });
  });

  it('--ulimit values replace the defaults; -1 is unlimited; unknown names are left alone', () => {
    const limits = withUlimits(dockerDefaultRlimits(), [
      { Name: 'nofile', Soft: 1024, Hard: 2048 },
      { Name: 'stack', Soft: -1, Hard: -1 },
      { Name: 'nosuch', Soft: 1, Hard: 1 },
    ]);
    expect(limits.nofile).toEqual({ soft: 1024n, hard: 2048n });
    expect(limits.stack).toEqual({ soft: RLIM_INFINITY, hard: RLIM_INFINITY });
    expect(run(['sh', '-c', 'ulimit -n; ulimit -Hn; ulimit -s'], { rlimits: limits }).stdout).toBe('1024\n2048\nunlimited\n');
  });

  it('raising a hard limit needs CAP_SYS_RESOURCE, and nofile stays at most nr_open', () => {
    const rlimits = withUlimits(dockerDefaultRlimits(), [{ Name: 'nofile', Soft: 1024, Hard: 2048 }]);
    expect(run(['sh', '-c', 'ulimit -n 4096'], { rlimits })).toEqual({
      stdout: '',
      stderr: 'sh: 1: ulimit: error setting limit (Operation not permitted)\n',
      exitCode: 2,
    });
    expect(run(['sh', '-c', 'ulimit -n 4096; ulimit -Hn; ulimit -n 1048577'], { rlimits, capSysResource: true })).toEqual({
      stdout: '4096\n',
      stderr: 'sh: 1: ulimit: error setting limit (Operation not permitted)\n',
      exitCode: 2,
    });
    expect(setrlimit(rlimits, 'core', { soft: 5n, hard: 4n }, true)).toEqual({ errno: 'EINVAL' });
  });

  it('a lowered limit reaches the commands the shell starts later, not the shell that started it', () => {
    expect(run(['bash', '-c', 'ulimit -n 64; sh -c "ulimit -n"; (ulimit -n 32); bash -c "ulimit -n"']).stdout).toBe('64\n64\n');
    expect(run(['sh', '-c', 'sh -c "ulimit -n 64"; ulimit -n']).stdout).toBe('1048576\n');
  });

  it('bash --help of ulimit is not reproduced', () => {
    expect(run(['bash', '-c', 'ulimit --help'])).toEqual({
      stdout: '',
      stderr: "bash: line 1: ulimit: --help: not supported by tsecret's simulated shell\n",
      exitCode: 2,
    });
  });
});

describe('options the simulation refuses instead of ignoring', () => {
  const refused = (prog: string, what: string) => `${prog}: ${what} is not supported by tsecret's simulated container\n`;
  it('grep: context, -o, -r, -P, -z and colours', () => {
    for (const [opt, what] of [
      ['-o', 'option -o'],
      ['-r', 'option -r'],
      ['-A1', 'option -A'],
      ['-C2', 'option -C'],
      ['-P', 'option -P'],
      ['-z', 'option -z'],
      ['--include=*.txt', 'option --include'],
    ])
      expect(run(['grep', opt, 'line', '/data/lines.txt'])).toEqual({ stdout: '', stderr: refused('grep', what), exitCode: 2 });
    expect(run(['grep', '--color=always', 'x', '/data/lines.txt']).stderr).toBe(refused('grep', '--color=always'));
    expect(run(['grep', '--color', 'x', '/data/lines.txt']).stderr).toBe(refused('grep', '--color'));
  });
  it('sort: other orderings, -o, -m and tuning options', () => {
    const cases: [string[], string][] = [
      [['-h'], 'option -h'],
      [['-V'], 'option -V'],
      [['-o', '/tmp/out'], 'option -o'],
      [['-m'], 'option -m'],
      [['-S', '1M'], 'option -S'],
      [['--parallel=2'], 'option --parallel'],
    ];
    for (const [args, what] of cases)
      expect(run(['sort', ...args, '/data/table.txt'])).toEqual({ stdout: '', stderr: refused('sort', what), exitCode: 2 });
    expect(run(['sort', '-k2h', '/data/table.txt'])).toEqual({
      stdout: '',
      stderr: "sort: ordering option 'h' is not supported by tsecret's simulated container\n",
      exitCode: 2,
    });
  });
});

describe('grep beyond the oracle', () => {
  it('bytes above 0x7f are no letters: -i folds ASCII only, \\w and [[:alpha:]] skip them', () => {
    const stdin = Buffer.from([0xe9, 0x0a, 0xc9, 0x0a, 0x41, 0x0a]); // é, É (latin1), A
    const count = (script: string) => run(['sh', '-c', script], { stdin }).stdout;
    expect(count('grep -ic "$(printf \'\\351\')"')).toBe('1\n');
    expect(count('grep -c "[$(printf \'\\300-\\377\')]"')).toBe('2\n');
    expect(count('grep -c "\\w"')).toBe('1\n');
    expect(count('grep -c "[[:alpha:]]"')).toBe('1\n');
    expect(count('grep -c .')).toBe('3\n');
  });
});
