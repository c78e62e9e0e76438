// The built CLI as a user runs it: the README's quick-start command (the seed walkthrough's secret
// and service parts) and a first-secret round trip.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnCli, tempDir } from '../helpers/run.js';

describe('built CLI', () => {
  it('runs the demo on a throwaway state and leaves the user state alone', async () => {
    const home = tempDir();
    const r = await spawnCli(['demo'], { env: { HOME: home, XDG_STATE_HOME: '', TSECRET_STATE: '' } });
    expect(r.exit).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('$ tsecret secret ls\nID ');
    expect(r.stdout).toContain('Error response from daemon: rpc error: code = AlreadyExists desc = secret MY_FIRST_SECURED_SECRET already exists\n(exit code 1)\n');
    expect(r.stdout).toContain('Node left the swarm.\n');
    // the value shows only where docker shows it: read back inside the task container
    const cid = /\$ echo \$CID\n([0-9a-f]{12})\n/.exec(r.stdout)?.[1];
    expect(cid).toBeDefined();
    expect(r.stdout.split('This is my first secured secret\n')).toHaveLength(2);
    expect(r.stdout).toContain('$ tsecret container exec $CID cat /run/secrets/my_first_secured_secret\nThis is my first secured secret\n');
    expect(r.stdout).toContain("is in use by the following service: nginx\n(exit code 1)\n");
    expect(r.stdout).toContain('$ tsecret secret rm my_first_secured_secret\nmy_first_secured_secret\n');
    const ls = await spawnCli(['secret', 'ls'], { env: { HOME: home, XDG_STATE_HOME: '', TSECRET_STATE: '' } });
    expect(ls.stderr).toMatch(/^Error response from daemon: This node is not a swarm manager/);
  });

  it('keeps an --env-file argument from node, through the bin script', async () => {
    const env = { TSECRET_STATE: join(tempDir(), 'state.json') };
    // Node 20 reads --env-file anywhere on its command line unless `--` ends its options
    const r = await spawnCli(['service', 'create', '--env-file', 'no_such_env_file', 'nginx'], { env, viaBin: true });
    expect(r).toEqual({ stdout: '', stderr: 'open no_such_env_file: no such file or directory\n', exit: 1 });
  });

  it('prints its package version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect((await spawnCli(['--version'])).stdout).toBe(`tsecret version ${version}\n`);
  });

  it('keeps state between invocations', async () => {
    const env = { TSECRET_STATE: join(tempDir(), 'state.json') };
    expect((await spawnCli(['swarm', 'init', '--advertise-addr', '127.0.0.1'], { env })).exit).toBe(0);
    const id = (await spawnCli(['secret', 'create', 'kept', '-'], { env, stdin: 'v' })).stdout.trim();
    expect((await spawnCli(['secret', 'ls', '-q'], { env })).stdout).toBe(`${id}\n`);
  });
});
