// What the state store promises a user: parallel commands lose nothing, a killed writer leaves a
// usable store, a damaged state file is reported and left as it was, payloads are never plaintext.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRecordOf } from '../../helpers/lock-record.js';
import { builtCli, session, spawnCli, tempDir } from '../../helpers/run.js';

const INIT = ['swarm', 'init', '--advertise-addr', '127.0.0.1'];

function freshState(): { env: NodeJS.ProcessEnv; statePath: string; dir: string } {
  const dir = tempDir();
  const statePath = join(dir, 'state', 'state.json');
  return { dir, statePath, env: { TSECRET_STATE: statePath } };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('state store', () => {
  it('50 parallel `secret create` processes leave 50 secrets', async () => {
    const { env } = freshState();
    expect((await spawnCli(INIT, { env })).exit).toBe(0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => spawnCli(['secret', 'create', `s${i + 1}`, '-'], { env, stdin: 'x' })),
    );
    for (const r of results) expect(r).toMatchObject({ exit: 0, stderr: '' });
    const ls = await spawnCli(['secret', 'ls', '--format', '{{.Name}}'], { env });
    expect(ls.stdout.split('\n').filter(Boolean)).toEqual(Array.from({ length: 50 }, (_, i) => `s${i + 1}`));
  });

  it('a lock left by a killed process does not block the next command', async () => {
    const { env, statePath } = freshState();
    expect((await spawnCli(INIT, { env })).exit).toBe(0);
    // a process of this PID namespace that is gone, named in the lock as a killed holder leaves it
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    writeFileSync(`${statePath}.lock`, `${JSON.stringify(lockRecordOf(dead.pid as number))}\n`);
    const started = Date.now();
    const r = await spawnCli(['secret', 'create', 'after_crash', '-'], { env, stdin: 'x' });
    expect(r).toMatchObject({ exit: 0, stderr: '' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  });

  it('SIGKILLed writers leave a store holding only whole secrets', async () => {
    const { env, statePath } = freshState();
    expect((await spawnCli(INIT, { env })).exit).toBe(0);
    const big = Buffer.alloc(400 * 1024, 'k');
    for (let i = 0; i < 12; i++) {
      const child = spawn(process.execPath, [builtCli, 'secret', 'create', `big${i}`, '-'], { env: { ...process.env, ...env } });
      const closed = new Promise((r) => child.on('close', r));
      child.stdin.on('error', () => {});
      child.stdin.end(big);
      // kill points spread over start-up, reading stdin, sealing and the atomic writes
      await new Promise((r) => setTimeout(r, 20 + ((i * 37) % 90)));
      child.kill('SIGKILL');
      await closed;
      const ls = await spawnCli(['secret', 'ls', '--format', '{{.Name}}'], { env });
      expect(ls.exit).toBe(0);
      expect(ls.stderr).toBe('');
    }
    // the next write goes through at once, and every listed secret has its whole payload
    const after = await spawnCli(['secret', 'create', 'after', '-'], { env, stdin: 'y' });
    expect(after).toMatchObject({ exit: 0, stderr: '' });
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { secrets: { ID: string; Spec: { Name: string } }[] };
    const { StateStore } = await import('../../../src/store/state-store.js');
    const { statePaths } = await import('../../../src/store/paths.js');
    const store = new StateStore(statePaths(statePath));
    for (const s of state.secrets) {
      const bytes = store.readPayload(s.ID);
      expect(bytes.length).toBe(s.Spec.Name === 'after' ? 1 : big.length);
    }
  });

  const damaged: [string, string | Buffer, RegExp][] = [
    ['garbage', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a, 0x7b]), /not valid JSON/],
    ['truncated', '{"version":1,"swarm":null,"secr', /not valid JSON/],
    ['empty', '', /the file is empty/],
    ['a newer version', '{"version":99,"swarm":null,"secrets":[]}', /version 99 is newer/],
    ['no version', '{"swarm":null,"secrets":[]}', /no version field/],
    ['wrong shape', '{"version":1,"swarm":null,"secrets":{}}', /"secrets" is not a list/],
  ];
  for (const [what, content, reason] of damaged) {
    it(`a ${what} state file is reported in one line and left byte for byte`, async () => {
      const s = session();
      await s.run(INIT);
      writeFileSync(s.statePath, content);
      for (const cmd of [
        ['secret', 'ls'],
        ['secret', 'create', 'x', '-'],
        ['swarm', 'leave', '--force'],
      ]) {
        const r = await s.run(cmd, { stdin: 'x' });
        expect(r.exit).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(reason);
        expect(r.stderr).toContain(s.statePath);
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(readFileSync(s.statePath)).toEqual(Buffer.from(content));
      }
    });
  }

  it('keeps the state 0600 in a 0700 directory, and no payload in plaintext', async () => {
    const s = session();
    await s.run(INIT);
    const value = 'correct horse battery staple 7f3a';
    expect((await s.run(['secret', 'create', 'pw', '-'], { stdin: value })).exit).toBe(0);
    const dir = join(s.dir, 'state');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(s.statePath).mode & 0o777).toBe(0o600);
    expect(statSync(`${s.statePath}.key`).mode & 0o777).toBe(0o600);
    for (const file of filesUnder(dir)) {
      expect(statSync(file).mode & 0o077).toBe(0);
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(value))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(value).toString('base64')))).toBe(false);
    }
  });

  it('swarm leave --force erases the key and every payload (the reserve of free space stays)', async () => {
    const s = session();
    await s.run(INIT);
    await s.run(['secret', 'create', 'a', '-'], { stdin: 'x' });
    expect((await s.run('swarm leave --force')).exit).toBe(0);
    expect(filesUnder(join(s.dir, 'state')).map((f) => f.slice(s.dir.length))).toEqual(['/state/state.json', '/state/state.json.reserve']);
  });
});
