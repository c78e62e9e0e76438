/**
 * Shell behaviour outside the oracle: constructs the simulation does not run (they must fail
 * with a shell-shaped message, never an exception) and chosen texts for things a chroot cannot
 * show. Real bash/dash behaviour is covered byte for byte in oracle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runInWorld } from './world.js';

const run = (argv: string[], stdin = '') => runInWorld(argv, { stdin: Buffer.from(stdin) });

const NOT = "not supported by tsecret's simulated shell";

describe('unsupported constructs fail like a shell, exit 2', () => {
  const cases: [string, string][] = [
    ['case x in x) echo;; esac', "'case' statements"],
    ['f() { echo; }', 'function definitions'],
    ['function f { echo; }', 'function definitions'],
    ['echo $((1 + 2))', 'arithmetic expansion $((...))'],
    ['sleep 1 &', "'&' (background jobs)"],
    ['cat <<EOF\nx\nEOF', "here-documents '<<'"],
    ['read line', 'read'],
    ['eval echo', 'eval'],
    ['[[ -f /x ]]', "'[['"],
  ];
  for (const [src, what] of cases) {
    it(`bash: ${src}`, () => {
      expect(run(['bash', '-c', src])).toEqual({ stdout: '', stderr: `bash: line 1: ${what}: ${NOT}\n`, exitCode: 2 });
    });
    it(`sh: ${src}`, () => {
      expect(run(['sh', '-c', src])).toEqual({ stdout: '', stderr: `sh: 1: ${what}: ${NOT}\n`, exitCode: 2 });
    });
  }
  it('lines before the unsupported one still run; the line number is reported', () => {
    expect(run(['sh', '-c', 'echo first\ncase a in a) ;; esac\necho never'])).toEqual({
      stdout: 'first\n',
      stderr: `sh: 2: 'case' statements: ${NOT}\n`,
      exitCode: 2,
    });
  });
  it('bash-only expansions are unsupported in bash, a real error in dash', () => {
    expect(run(['bash', '-c', 'x=ab; echo ${x/a/b}']).stderr).toBe(`bash: line 1: parameter expansion \${x/a/b}: ${NOT}\n`);
    expect(run(['sh', '-c', 'x=ab; echo ${x/a/b}'])).toEqual({ stdout: '', stderr: 'sh: 1: Bad substitution\n', exitCode: 2 });
  });
});

describe('supported features (beyond the oracle)', () => {
  it('an endless loop stops after 100000 iterations instead of hanging', () => {
    expect(run(['sh', '-c', 'while true; do :; done'])).toEqual({
      stdout: '',
      stderr: "sh: 1: loop ran more than 100000 times: stopped by tsecret's simulated shell\n",
      exitCode: 130,
    });
  });
  it('pipes feed stdout to stdin and keep stderr apart', () => {
    expect(run(['sh', '-c', 'cat /nope /run/secrets/userpw | wc -c'])).toEqual({
      stdout: '12\n',
      stderr: 'cat: /nope: No such file or directory\n',
      exitCode: 0,
    });
  });
  it('exit inside a pipeline only ends that element', () => {
    expect(run(['bash', '-c', 'exit 3 | true; echo still here'])).toMatchObject({ stdout: 'still here\n', exitCode: 0 });
  });
  it('assignments in a pipeline element do not leak', () => {
    expect(run(['sh', '-c', 'X=1 | true; echo "[$X]"']).stdout).toBe('[]\n');
  });
  it('quoting: single quotes are literal, double quotes expand', () => {
    expect(run(['sh', '-c', `X=v; echo '$X' "$X" "'$X'" '"$X"'`]).stdout).toBe(`$X v 'v' "$X"\n`);
  });
  it('"$@" keeps arguments apart, $* joins them', () => {
    expect(run(['sh', '-c', 'cat "$@"', 'sh', '/run/secrets/userpw', '/run/secrets/db_pw']).stdout).toBe('userpass123\ns3cr3t');
  });
  it('glob with no match stays literal; quoted globs never expand', () => {
    expect(run(['sh', '-c', 'echo /run/secrets/zz* "/run/secrets/*"']).stdout).toBe('/run/secrets/zz* /run/secrets/*\n');
    expect(run(['sh', '-c', 'cat /run/secrets/my_*']).stdout).toBe('This is my first secured secret\n');
  });
  it('/dev/null, /dev/stdout and /dev/stderr as redirection targets', () => {
    expect(run(['bash', '-c', 'echo out >/dev/stderr; echo err 2>/dev/null >&2; cat /dev/null; echo x > /dev/stdout'])).toEqual({
      stdout: 'x\n',
      stderr: 'out\n',
      exitCode: 0,
    }); // 2>/dev/null then >&2: both go to /dev/null
  });
  it('a script from stdin (docker exec -i c sh < script)', () => {
    expect(run(['bash'], 'X=1\necho "x=$X"\nfalse\n')).toEqual({ stdout: 'x=1\n', stderr: '', exitCode: 1 });
  });
  it('--version of bash', () => {
    expect(run(['bash', '--version']).stdout.split('\n')[0]).toBe('GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)');
  });
});
