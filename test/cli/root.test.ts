// The root command: global flags before the command word, version, unknown commands, state location.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { session, spawnCli, tempDir } from '../helpers/run.js';

describe('root command', () => {
  it('prints its help on stderr when called alone, and on stdout for --help', async () => {
    const s = session();
    const alone = await s.run([]);
    expect(alone.exit).toBe(0);
    expect(alone.stdout).toBe('');
    expect(alone.stderr).toMatch(/^Usage: {2}tsecret \[OPTIONS\] COMMAND\n/);
    expect(alone.stderr).toContain(
      '\nManagement Commands:\n  container   Manage containers\n  network     Manage networks\n  system      Manage Docker\n  volume      Manage volumes\n',
    );
    expect(alone.stderr).toContain(
      '\nSwarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets\n  service     Manage Swarm services\n  stack       Manage Swarm stacks\n  swarm       Manage Swarm\n\nCommands:\n  exec ',
    );
    expect(alone.stderr).toContain('\n  info        Display system-wide information\n');
    // docker has no `demo` or `doctest`: they are listed apart, after docker's blocks
    expect(alone.stderr).toContain(
      "\n  version     Show the Docker version information\n\ntsecret's own commands:\n  demo        Run the first-secret walkthrough on a throwaway state\n" +
        "  doctest     Check that Markdown files' shell sessions print what they show\n\nGlobal Options:\n",
    );
    const help = await s.run('--help');
    expect(help).toEqual({ stdout: alone.stderr, stderr: '', exit: 0 });
  });

  it('makes the closing help line bold on a terminal only, and never under NO_COLOR', async () => {
    const s = session();
    const line = 'For more help on how to use Docker secrets, head to https://docs.docker.com/engine/swarm/secrets/';
    expect((await s.run('--help')).stdout).toContain(`\n\n${line}\n`);
    expect((await s.run('--help', { tty: true })).stdout).toContain(`\n\n\x1b[1m${line}\x1b[22m\n`);
    expect((await s.run('--help', { tty: true, env: { NO_COLOR: '1' } })).stdout).toContain(`\n\n${line}\n`);
  });

  it('answers --version and -v', async () => {
    const s = session();
    for (const flag of ['--version', '-v']) {
      const r = await s.run([flag]);
      expect(r.exit).toBe(0);
      expect(r.stdout).toMatch(/^tsecret version \d+\.\d+\.\d+/);
    }
  });

  it('reports unknown commands and flags as docker does', async () => {
    const s = session();
    expect(await s.run('nope')).toEqual({
      stdout: '',
      stderr: "tsecret: unknown command: tsecret nope\n\nRun 'tsecret --help' for more information\n",
      exit: 1,
    });
    expect(await s.run('--nope secret ls')).toEqual({
      stdout: '',
      stderr: "unknown flag: --nope\n\nUsage:  tsecret [OPTIONS] COMMAND [ARG...]\n\nRun 'tsecret --help' for more information\n",
      exit: 125,
    });
  });

  it('takes pflag booleans with a value: --quiet=false, and refuses a bad one', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    const id = (await s.run('secret create a -', { stdin: 'x' })).stdout.trim();
    expect((await s.run('secret ls --quiet=true')).stdout).toBe(`${id}\n`);
    expect((await s.run('secret ls --quiet=false')).stdout).toMatch(/^ID +NAME/);
    expect(await s.run('secret ls --quiet=maybe')).toEqual({
      stdout: '',
      stderr:
        'invalid argument "maybe" for "-q, --quiet" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n\n' +
        "Usage:  tsecret secret ls [OPTIONS]\n\nRun 'tsecret secret ls --help' for more information\n",
      exit: 125,
    });
  });

  it('finds its state by --state, then TSECRET_STATE, then XDG_STATE_HOME', async () => {
    const dir = tempDir();
    const byFlag = join(dir, 'flag', 'state.json');
    const byEnv = join(dir, 'env', 'state.json');
    const xdg = join(dir, 'xdg');
    const init = ['swarm', 'init', '--advertise-addr', '127.0.0.1'];
    expect((await spawnCli(['--state', byFlag, ...init], { env: { TSECRET_STATE: byEnv } })).exit).toBe(0);
    expect(existsSync(byFlag)).toBe(true);
    expect(existsSync(byEnv)).toBe(false);
    expect((await spawnCli(init, { env: { TSECRET_STATE: byEnv } })).exit).toBe(0);
    expect(existsSync(byEnv)).toBe(true);
    expect((await spawnCli(init, { env: { TSECRET_STATE: '', XDG_STATE_HOME: xdg } })).exit).toBe(0);
    expect(existsSync(join(xdg, 'tsecret', 'state.json'))).toBe(true);
  });

  it('wraps flag help to the terminal width docker reads from stdin', async () => {
    const s = session();
    const line = "'table':            Print output in table format with column headers (default)";
    expect((await s.run('secret ls --help')).stdout).not.toContain(line);
    expect((await s.run('secret ls --help', { columns: 120 })).stdout).toContain(`                        ${line}\n`);
  });
});

describe('swarm join on a simulated node', () => {
  it('cannot join another swarm, and says so in one line', async () => {
    const s = session();
    const r = await s.run('swarm join --token SWMTKN-1-x 10.0.0.9:2377');
    expect(r).toEqual({
      stdout: '',
      stderr:
        'tsecret simulates a single-node swarm and cannot join the swarm at 10.0.0.9:2377; use `tsecret swarm init` to make this node a manager\n',
      exit: 1,
    });
  });
});
