// Autolock as swarm has it: the data key wrapped under the unlock key, a "restarted" manager (its
// remembered unlock gone) refusing work with docker's texts until `swarm unlock`, and the key's
// rotation and removal through `swarm unlock-key` and `swarm update --autolock`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/root.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import type { IOStreams } from '../../src/iostreams/iostreams.js';
import { type Result, session, tempDir } from '../helpers/run.js';

const LOCKED =
  'Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n';
const KEY_RE = /SWMKEY-1-[A-Za-z0-9+/]{43}/;

/** A session whose remembered unlocks live in its own runtime dir, which restart() empties. */
function autolockSession() {
  const s = session();
  const runtime = join(s.dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  const run = (args: string[] | string, opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Result> =>
    s.run(args, { ...opts, env: { XDG_RUNTIME_DIR: runtime, TSECRET_UNLOCK_KEY: undefined, ...opts.env } });
  const stateDir = join(s.dir, 'state');
  return {
    ...s,
    run,
    runtime,
    stateDir,
    /** The manager restarts: what it remembered is gone. */
    restart: () => rmSync(join(runtime, 'tsecret'), { recursive: true, force: true }),
    async init(): Promise<string> {
      const r = await run('swarm init --advertise-addr 127.0.0.1 --autolock');
      expect(r.exit).toBe(0);
      return KEY_RE.exec(r.stdout)![0];
    },
    snapshot(): Map<string, Buffer> {
      const files = readdirSync(stateDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      return new Map(files.map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name))]));
    },
  };
}

describe('swarm autolock', () => {
  it('init --autolock prints the key and leaves the manager unlocked', async () => {
    const s = autolockSession();
    const r = await s.run('swarm init --advertise-addr 127.0.0.1 --autolock');
    expect(r.stdout).toMatch(
      /\nTo unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand and provide the following key:\n\n {4}SWMKEY-1-[A-Za-z0-9+/]{43}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n$/,
    );
    const key = KEY_RE.exec(r.stdout)![0];
    expect(await s.run('secret create a -', { stdin: 'x' })).toMatchObject({ exit: 0, stderr: '' });
    expect(await s.run('swarm unlock-key -q')).toEqual({ stdout: `${key}\n`, stderr: '', exit: 0 });
    expect(await s.run('swarm unlock', { stdin: key })).toEqual({ stdout: '', stderr: 'Error: swarm is not locked\n', exit: 1 });
  });

  it('a restarted manager refuses every swarm command with docker’s locked error', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    await s.run('service create -d --no-resolve-image --name web --secret a nginx:latest');
    s.restart();
    for (const cmd of [
      'secret ls',
      'secret inspect a',
      'secret rm a',
      'service ls',
      'service ps web',
      'service inspect web',
      'service rm web',
      'service create -d --no-resolve-image nginx:latest',
      'swarm join-token worker',
      'swarm join-token --rotate worker',
      'swarm ca',
      'swarm update --task-history-limit 2',
      'swarm update --autolock=false',
      'swarm unlock-key --rotate',
    ]) {
      // inspect prints its empty list, as it does for any daemon error
      const stdout = cmd.includes(' inspect ') ? '[]\n' : '';
      expect([cmd, await s.run(cmd)]).toEqual([cmd, { stdout, stderr: LOCKED, exit: 1 }]);
    }
    expect(await s.run('secret create b -', { stdin: 'y' })).toEqual({ stdout: '', stderr: LOCKED, exit: 1 });
    expect(await s.run('swarm unlock-key')).toEqual({ stdout: '', stderr: `could not fetch unlock key: ${LOCKED}`, exit: 1 });
    expect(await s.run('swarm unlock-key -q')).toEqual({ stdout: '', stderr: `could not fetch unlock key: ${LOCKED}`, exit: 1 });
    expect(await s.run('swarm init')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
      exit: 1,
    });
    expect(await s.run('swarm init --force-new-cluster')).toEqual({
      stdout: '',
      stderr:
        "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
      exit: 1,
    });
    expect(await s.run('swarm join --token SWMTKN-1-x 10.0.0.1:2377')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n',
      exit: 1,
    });
    expect(await s.run('swarm leave')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: Swarm is encrypted and locked. Please unlock it first or use `--force` to ignore this message.\n',
      exit: 1,
    });
    // the node's containers are the daemon's, not the swarm's: listed, but a secret cannot be read
    const id = (await s.run('ps -q')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await s.run(['exec', id, 'cat', '/run/secrets/a'])).toEqual({ stdout: '', stderr: LOCKED, exit: 1 });
    // no orchestrator runs while locked: a stopped task container is replaced only after the unlock
    expect(await s.run(['stop', id])).toMatchObject({ stdout: `${id}\n`, exit: 0 });
    expect((await s.run('ps -q')).stdout).toBe('');
    expect(await s.run('swarm unlock', { stdin: key })).toEqual({ stdout: '', stderr: '', exit: 0 });
    const replacement = (await s.run('ps -q')).stdout.trim();
    expect(replacement).toMatch(/^[0-9a-f]{12}$/);
    expect(replacement).not.toBe(id);
    expect((await s.run(['exec', replacement, 'cat', '/run/secrets/a'])).stdout).toBe('x');
  });

  it('a wrong, empty or malformed key changes nothing', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    s.restart();
    const before = s.snapshot();
    const other = `SWMKEY-1-${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`;
    const cases: [string, string][] = [
      [`${other}\n`, 'Error response from daemon: swarm could not be unlocked: invalid key provided\n'],
      // one changed character inside the key (the last one carries 2 bits Go's decoder ignores)
      [
        `${key.slice(0, 20)}${key[20] === 'A' ? 'B' : 'A'}${key.slice(21)}\n`,
        'Error response from daemon: swarm could not be unlocked: invalid key provided\n',
      ],
      ['SWMKEY-1-\n', 'Error response from daemon: swarm could not be unlocked: invalid key provided\n'],
      ['', 'Error response from daemon: invalid key string\n'],
      ['\n', 'Error response from daemon: invalid key string\n'],
      [key.slice('SWMKEY-1-'.length), 'Error response from daemon: invalid key string\n'],
      [`${key}=`, 'Error response from daemon: invalid key string\n'],
      [`${key}!`, 'Error response from daemon: invalid key string\n'],
      [`swmkey-1-${key.slice(9)}`, 'Error response from daemon: invalid key string\n'],
    ];
    for (const [stdin, stderr] of cases) {
      expect([stdin, await s.run('swarm unlock', { stdin })]).toEqual([stdin, { stdout: '', stderr, exit: 1 }]);
      expect(await s.run('secret ls')).toMatchObject({ stderr: LOCKED, exit: 1 });
    }
    expect(s.snapshot()).toEqual(before);
    expect(readdirSync(s.runtime)).toEqual([]);
  });

  it('swarm unlock reads the first line of stdin, trimmed, and the manager stays unlocked', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'the value' });
    await s.run('service create -d --no-resolve-image --name web --secret a nginx:latest');
    s.restart();
    expect(await s.run('swarm unlock', { stdin: `  ${key} \t\nignored second line\n` })).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('a\n');
    const id = (await s.run('ps -q')).stdout.trim();
    expect((await s.run(['exec', id, 'cat', '/run/secrets/a'])).stdout).toBe('the value');
    expect((await s.run('swarm unlock-key -q')).stdout).toBe(`${key}\n`);
    expect(await s.run('swarm unlock', { stdin: key })).toMatchObject({ stderr: 'Error: swarm is not locked\n', exit: 1 });
  });

  it('swarm unlock outside a swarm, and on a swarm without autolock', async () => {
    const s = autolockSession();
    expect(await s.run('swarm unlock', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr: 'Error: This node is not part of a swarm\n',
      exit: 1,
    });
    await s.run('swarm init --advertise-addr 127.0.0.1');
    s.restart();
    expect(await s.run('swarm unlock', { stdin: 'x' })).toEqual({ stdout: '', stderr: 'Error: swarm is not locked\n', exit: 1 });
    expect(await s.run('secret ls -q')).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect(await s.run('swarm unlock-key')).toEqual({ stdout: '', stderr: 'no unlock key is set\n', exit: 1 });
  });

  it('TSECRET_UNLOCK_KEY opens a locked swarm for one invocation, remembering nothing', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    s.restart();
    expect(await s.run('secret ls -q', { env: { TSECRET_UNLOCK_KEY: `${key}\n` } })).toMatchObject({ stderr: '', exit: 0 });
    expect(await s.run('swarm unlock-key -q', { env: { TSECRET_UNLOCK_KEY: key } })).toEqual({ stdout: `${key}\n`, stderr: '', exit: 0 });
    expect(await s.run('swarm unlock', { stdin: key, env: { TSECRET_UNLOCK_KEY: key } })).toMatchObject({
      stderr: 'Error: swarm is not locked\n',
    });
    expect(readdirSync(s.runtime)).toEqual([]);
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: LOCKED, exit: 1 });
    expect(await s.run('secret ls -q', { env: { TSECRET_UNLOCK_KEY: 'SWMKEY-1-nope' } })).toMatchObject({ stderr: LOCKED, exit: 1 });
  });

  it('unlock-key --rotate rewraps: only the new key opens the restarted manager', async () => {
    const s = autolockSession();
    const old = await s.init();
    await s.run('secret create a -', { stdin: 'kept' });
    const rotated = await s.run('swarm unlock-key --rotate');
    expect(rotated.stdout).toMatch(/^Successfully rotated manager unlock key\.\nTo unlock a swarm manager after it restarts/);
    const key = KEY_RE.exec(rotated.stdout)![0];
    expect(key).not.toBe(old);
    const quiet = await s.run('swarm unlock-key -q --rotate');
    const newest = quiet.stdout.trim();
    expect(newest).toMatch(KEY_RE);
    expect(newest).not.toBe(key);
    s.restart();
    for (const stale of [old, key]) {
      expect(await s.run('swarm unlock', { stdin: stale })).toMatchObject({
        stderr: 'Error response from daemon: swarm could not be unlocked: invalid key provided\n',
        exit: 1,
      });
    }
    expect(await s.run('swarm unlock', { stdin: newest })).toMatchObject({ stderr: '', exit: 0 });
    expect((await s.run('secret inspect -f {{.Spec.Name}} a')).stdout).toBe('a\n');
  });

  it('update --autolock=false unwraps the key, --autolock=true wraps it under a new one', async () => {
    const s = autolockSession();
    const first = await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    expect(await s.run('swarm update --autolock=false')).toEqual({ stdout: 'Swarm updated.\n', stderr: '', exit: 0 });
    expect(readdirSync(join(s.runtime, 'tsecret'))).toEqual([]);
    s.restart();
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: '', exit: 0 });
    expect(await s.run('swarm unlock-key')).toEqual({ stdout: '', stderr: 'no unlock key is set\n', exit: 1 });
    const on = await s.run('swarm update --autolock=true');
    expect(on.stdout).toMatch(/^Swarm updated\.\nTo unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand/);
    const second = KEY_RE.exec(on.stdout)![0];
    expect(second).not.toBe(first);
    expect(await s.run('swarm update --autolock=true')).toEqual({ stdout: 'Swarm updated.\n', stderr: '', exit: 0 });
    s.restart();
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: LOCKED, exit: 1 });
    expect(await s.run('swarm unlock', { stdin: second })).toMatchObject({ exit: 0 });
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: '', exit: 0 });
  });

  it('leave --force on a locked manager erases everything, its remembered unlock included', async () => {
    const s = autolockSession();
    await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    s.restart();
    expect(await s.run('swarm leave --force')).toEqual({ stdout: 'Node left the swarm.\n', stderr: '', exit: 0 });
    expect([...s.snapshot().keys()].map((f) => f.slice(s.dir.length))).toEqual(['/state/state.json', '/state/state.json.reserve']);
    expect(await s.run('secret ls')).toMatchObject({ exit: 1, stderr: expect.stringContaining('This node is not a swarm manager') });
    const key = await s.init();
    expect(readdirSync(join(s.runtime, 'tsecret'))).toHaveLength(1);
    expect(await s.run('swarm leave --force')).toMatchObject({ exit: 0 });
    expect(readdirSync(join(s.runtime, 'tsecret'))).toEqual([]);
    expect(key).toMatch(KEY_RE);
  });

  it('prompts on a terminal and reads the key without echo', async () => {
    const s = autolockSession();
    const key = await s.init();
    s.restart();
    const out: Buffer[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (c: Buffer) => out.push(c));
    const stderr = new PassThrough();
    const modes: boolean[] = [];
    const stdin = Object.assign(new PassThrough(), { isRaw: false, setRawMode: (m: boolean) => void modes.push(m) });
    const env = { ...process.env, TSECRET_STATE: s.statePath, XDG_RUNTIME_DIR: s.runtime, TSECRET_UNLOCK_KEY: undefined };
    const io: IOStreams = {
      stdin,
      stdout,
      stderr,
      stdoutIsTTY: true,
      stderrIsTTY: true,
      stdinIsTTY: true,
      env,
      cwd: s.dir,
      now: () => Date.now(),
    };
    // typed with a mistake erased by backspace, then Enter
    stdin.write(`${key.slice(0, 20)}x\x7f${key.slice(20)}\r`);
    const code = await runCli(['swarm', 'unlock'], io, () => localEngineFor(s.statePath, io));
    expect(code).toBe(0);
    expect(Buffer.concat(out).toString()).toBe('Enter unlock key: \n');
    expect(modes).toEqual([true, false]);
    expect(await s.run('secret ls -q')).toMatchObject({ exit: 0 });
  });

  it('while locked, no file under the state directory holds the data key or the unlock key', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'x' });
    const remembered = readdirSync(join(s.runtime, 'tsecret'));
    expect(remembered).toHaveLength(1);
    const sessionFile = JSON.parse(readFileSync(join(s.runtime, 'tsecret', remembered[0]), 'utf8')) as { dataKey: string };
    const dataKey = Buffer.from(sessionFile.dataKey, 'base64');
    const keyBytes = Buffer.from(key.slice(9), 'base64');
    s.restart();
    const needles = [
      dataKey,
      Buffer.from(dataKey.toString('base64')),
      Buffer.from(dataKey.toString('hex')),
      Buffer.from(key),
      Buffer.from(key.slice(9)),
      keyBytes,
      Buffer.from(keyBytes.toString('hex')),
    ];
    for (const [file, bytes] of s.snapshot()) {
      for (const needle of needles) expect([file, bytes.includes(needle)]).toEqual([file, false]);
    }
  });

  it('a key file from before wrapping (plaintext unlock key) is migrated and stays unlocked', async () => {
    const s = autolockSession();
    const key = await s.init();
    await s.run('secret create a -', { stdin: 'old secret' });
    const sessionName = readdirSync(join(s.runtime, 'tsecret'))[0];
    const dataKey = (JSON.parse(readFileSync(join(s.runtime, 'tsecret', sessionName), 'utf8')) as { dataKey: string }).dataKey;
    // what tsecret wrote before: version 1, both keys in plaintext
    writeFileSync(`${s.statePath}.key`, JSON.stringify({ version: 1, dataKey, unlockKey: key }), { mode: 0o600 });
    s.restart();
    expect(await s.run('swarm unlock-key -q')).toEqual({ stdout: `${key}\n`, stderr: '', exit: 0 });
    const migrated = JSON.parse(readFileSync(`${s.statePath}.key`, 'utf8')) as Record<string, unknown>;
    expect(migrated.version).toBe(2);
    expect(migrated.dataKey).toBeUndefined();
    expect(migrated.unlockKey).toBeUndefined();
    expect(JSON.stringify(migrated)).not.toContain(key.slice(9));
    expect(JSON.stringify(migrated)).not.toContain(dataKey);
    await s.run('service create -d --no-resolve-image --name web --secret a nginx:latest');
    const id = (await s.run('ps -q')).stdout.trim();
    expect((await s.run(['exec', id, 'cat', '/run/secrets/a'])).stdout).toBe('old secret');
    s.restart();
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: LOCKED });
    expect(await s.run('swarm unlock', { stdin: key })).toMatchObject({ exit: 0 });
  });

  it('a version 1 key file without autolock is migrated as it is', async () => {
    const s = autolockSession();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await s.run('secret create a -', { stdin: 'x' });
    const v2 = JSON.parse(readFileSync(`${s.statePath}.key`, 'utf8')) as { dataKey: string };
    writeFileSync(`${s.statePath}.key`, JSON.stringify({ version: 1, dataKey: v2.dataKey }), { mode: 0o600 });
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: '', exit: 0 });
    const migrated = JSON.parse(readFileSync(`${s.statePath}.key`, 'utf8')) as { version: number; dataKey: string };
    expect(migrated).toMatchObject({ version: 2, dataKey: v2.dataKey });
    expect(await s.run('swarm unlock-key')).toMatchObject({ stderr: 'no unlock key is set\n' });
  });

  it('a damaged key file is reported in one line', async () => {
    const s = autolockSession();
    await s.init();
    writeFileSync(`${s.statePath}.key`, '{"version":2,"keyId":"x"}');
    const r = await s.run('secret ls');
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(
      /^invalid key file .*state\.json\.key: needs exactly one of a data key and a wrapped data key \(tsecret left it untouched\)\n$/,
    );
  });
});

describe('remembered unlocks', () => {
  it('live in a private directory, one 0600 file per state', async () => {
    const s = autolockSession();
    await s.init();
    const { statSync } = await import('node:fs');
    const dir = join(s.runtime, 'tsecret');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
  });

  it('of a state whose directory was deleted are removed by the next unlock remembered', async () => {
    const s = autolockSession();
    await s.init();
    const throwaway = join(tempDir(), 'ci-state');
    const other = { TSECRET_STATE: join(throwaway, 'state.json') };
    expect((await s.run('swarm init --advertise-addr 127.0.0.1 --autolock', { env: other })).exit).toBe(0);
    const dir = join(s.runtime, 'tsecret');
    expect(readdirSync(dir)).toHaveLength(2);
    const kept = readdirSync(dir).filter((f) => readFileSync(join(dir, f), 'utf8').includes(s.statePath));
    rmSync(throwaway, { recursive: true });
    // still there: nothing has written a session since
    expect(readdirSync(dir)).toHaveLength(2);
    const key = KEY_RE.exec((await s.run('swarm unlock-key --rotate')).stdout)![0];
    expect(readdirSync(dir)).toEqual(kept);
    s.restart();
    expect(await s.run('swarm unlock', { stdin: key })).toEqual({ stdout: '', stderr: '', exit: 0 });
  });

  it('are not used from a directory others can read', async () => {
    const s = autolockSession();
    await s.init();
    const { chmodSync } = await import('node:fs');
    const dir = join(s.runtime, 'tsecret');
    chmodSync(join(dir, readdirSync(dir)[0]), 0o644);
    expect(await s.run('secret ls -q')).toMatchObject({ stderr: LOCKED, exit: 1 });
  });

  it('without XDG_RUNTIME_DIR, live in a per-user directory under the temp dir', async () => {
    const tmp = tempDir();
    const s = autolockSession();
    const r = await s.run('swarm init --advertise-addr 127.0.0.1 --autolock', { env: { XDG_RUNTIME_DIR: undefined, TMPDIR: tmp } });
    expect(r.exit).toBe(0);
    expect(await s.run('secret ls -q', { env: { XDG_RUNTIME_DIR: undefined, TMPDIR: tmp } })).toMatchObject({ exit: 0, stderr: '' });
    expect(readdirSync(tmp)).toEqual([`tsecret-${process.getuid!()}`]);
  });
});
