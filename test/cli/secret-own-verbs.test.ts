// tsecret's own secret verbs (docker has none of them): `secret exists`, `secret verify`,
// `secret rm --ignore`, and how `secret --help` lists them apart from docker's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

const NOT_MANAGER =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';

describe('secret --help', () => {
  it("lists docker's verbs as docker does, then tsecret's own in a block of their own", async () => {
    const s = session();
    const help = await s.run('secret --help');
    expect(help.exit).toBe(0);
    expect(help.stdout).toBe(
      'Usage:  tsecret secret COMMAND\n\nManage Swarm secrets\n\nCommands:\n' +
        '  create      Create a secret from a file or STDIN as content\n' +
        '  inspect     Display detailed information on one or more secrets\n' +
        '  ls          List secrets\n' +
        '  rm          Remove one or more secrets\n\n' +
        "tsecret's own commands:\n" +
        '  exists      Exit with 0 when a secret exists, 1 when it does not\n' +
        '  rotate      Replace a secret with a new version in every service that uses it\n' +
        '  verify      Exit with 0 when a secret holds the given data, 1 when not\n\n' +
        "Run 'tsecret secret COMMAND --help' for more information on a command.\n",
    );
  });

  it("shows rm's --ignore under tsecret's own options, after docker's text", async () => {
    const s = session();
    expect((await s.run('secret rm --help')).stdout).toBe(
      'Usage:  tsecret secret rm SECRET [SECRET...]\n\nRemove one or more secrets\n\nAliases:\n  tsecret secret rm, tsecret secret remove\n\n' +
        "tsecret's own options:\n  -i, --ignore   Skip secrets that do not exist instead of failing (as\n                 podman secret rm --ignore)\n",
    );
  });
});

describe('secret exists', () => {
  it('exits 0 for a name (any case), a full ID or an ID prefix, and 1 silently for a missing one', async () => {
    const s = await swarm();
    const id = (await s.run('secret create db_password -', { stdin: 'pw' })).stdout.trim();
    for (const ref of ['db_password', 'DB_Password', id, id.slice(0, 6)]) {
      expect(await s.run(['secret', 'exists', ref])).toEqual({ stdout: '', stderr: '', exit: 0 });
    }
    expect(await s.run('secret exists no_such_secret')).toEqual({ stdout: '', stderr: '', exit: 1 });
    await s.run('secret rm db_password');
    expect(await s.run('secret exists db_password')).toEqual({ stdout: '', stderr: '', exit: 1 });
  });

  it('exits 125 with the reason when it cannot tell (not a manager), as podman does', async () => {
    const s = session();
    expect(await s.run('secret exists db_password')).toEqual({ stdout: '', stderr: NOT_MANAGER, exit: 125 });
  });

  it('takes exactly one argument', async () => {
    const s = await swarm();
    const r = await s.run('secret exists');
    expect(r.exit).toBe(1);
    expect(r.stderr).toBe(
      "tsecret: 'tsecret secret exists' requires 1 argument\n\nUsage:  tsecret secret exists SECRET\n\nRun 'tsecret secret exists --help' for more information\n",
    );
  });
});

describe('secret verify', () => {
  it('exits 0 when the stored bytes equal the file or stdin, by name or ID, and prints nothing', async () => {
    const s = await swarm();
    const id = (await s.run('secret create api_key -', { stdin: 'k3y-value' })).stdout.trim();
    writeFileSync(join(s.dir, 'key.txt'), 'k3y-value');
    expect(await s.run('secret verify api_key key.txt')).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect(await s.run(['secret', 'verify', id, '-'], { stdin: 'k3y-value' })).toEqual({ stdout: '', stderr: '', exit: 0 });
  });

  it('exits 1 with "does not match", never the value, for other bytes (a trailing newline too)', async () => {
    const s = await swarm();
    await s.run('secret create api_key -', { stdin: 'k3y-value' });
    for (const given of ['k3y-value\n', 'other', 'k3y-valu', 'k3y-value-and-more']) {
      const r = await s.run('secret verify api_key -', { stdin: given });
      expect(r).toEqual({ stdout: '', stderr: 'secret api_key does not match\n', exit: 1 });
    }
  });

  it("reads the data with secret create's rules and errors, after finding the secret", async () => {
    const s = await swarm();
    await s.run('secret create api_key -', { stdin: 'k3y-value' });
    expect(await s.run('secret verify api_key')).toEqual({ stdout: '', stderr: 'secret file is required\n', exit: 1 });
    expect(await s.run('secret verify api_key -', { stdin: '' })).toEqual({
      stdout: '',
      stderr: 'error reading from STDIN: data is empty\n',
      exit: 1,
    });
    expect(await s.run('secret verify api_key nosuch.txt')).toEqual({
      stdout: '',
      stderr: 'error reading from nosuch.txt: open nosuch.txt: no such file or directory\n',
      exit: 1,
    });
    expect(await s.run('secret verify No_Such -', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: secret No_Such not found\n',
      exit: 1,
    });
  });
});

describe('secret rm --ignore', () => {
  it('skips secrets that do not exist, silently, and removes and prints the others', async () => {
    const s = await swarm();
    await s.run('secret create one_s -', { stdin: '1' });
    await s.run('secret create two_s -', { stdin: '2' });
    expect(await s.run('secret rm --ignore one_s Missing_A two_s Missing_B')).toEqual({ stdout: 'one_s\ntwo_s\n', stderr: '', exit: 0 });
    expect(await s.run('secret rm -i one_s')).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect((await s.run('secret ls -q')).stdout).toBe('');
  });

  it('still fails for a secret in use, and without the flag behaves as docker', async () => {
    const s = await swarm();
    await s.run('secret create used_s -', { stdin: '1' });
    await s.run('service create -d --no-resolve-image --name web --secret used_s nginx:latest');
    expect(await s.run('secret rm --ignore used_s Missing_A')).toEqual({
      stdout: '',
      stderr:
        "Error response from daemon: rpc error: code = InvalidArgument desc = secret 'used_s' is in use by the following service: web\n",
      exit: 1,
    });
    expect(await s.run('secret rm Missing_A')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: secret Missing_A not found\n',
      exit: 1,
    });
  });
});
