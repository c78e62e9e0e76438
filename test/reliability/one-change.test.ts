// Changes that must be whole (issue 10, items 5 and 6): a stack deploy is one change of the store,
// so killed half-way (for example while it reads a secret file from a FIFO) it leaves no network and
// no secret behind; readers never take a swarm for locked while autolock is switched on and off;
// an autolock whose unlock cannot be remembered is refused instead of leaving the swarm locked.
import { spawnSync } from 'node:child_process';
import fs, { closeSync, constants, openSync, type PathLike, readFileSync, type StatSyncOptions, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/run.js';
import { sessionIn } from './fixture.js';
import { invariantProblems, loadState } from './invariants.js';
import { rng, SEED } from './seeded.js';
import { expectOneLineError, freshStore, INIT, storeIn } from './store-fixture.js';

const STACK = `version: "3.8"
services:
  app:
    image: busybox
    networks: [back]
    secrets: [a, b]
  db:
    image: busybox
    networks: [back]
    secrets: [a]
networks:
  back: {}
secrets:
  a:
    file: ./a.pem
  b:
    file: ./b.pem
`;

/** What of stack `st` the state holds: its networks, secrets and services, by name. */
function stackParts(statePath: string): string[] {
  const state = loadState(statePath);
  return [...state.networks.map((n) => n.Name), ...state.secrets.map((s) => s.Spec.Name), ...state.services.map((s) => s.Spec.Name)]
    .filter((n) => n.startsWith('st_'))
    .sort();
}
const WHOLE_STACK = ['st_a', 'st_app', 'st_b', 'st_back', 'st_db'];

describe('stack deploy is one change', () => {
  it('killed while it reads a secret file from a FIFO, it leaves the state as it was', async () => {
    const store = freshStore();
    await store.ok(INIT);
    writeFileSync(join(store.dir, 'stack.yml'), STACK);
    writeFileSync(join(store.dir, 'a.pem'), 'value-a');
    const fifo = join(store.dir, 'b.pem');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const before = readFileSync(store.statePath);
    let kill = () => {};
    const deploy = store.run(['stack', 'deploy', '-c', 'stack.yml', 'st'], { started: (c) => (kill = () => c.kill('SIGKILL')) });
    // the deploy has the FIFO open for reading once a non-blocking open for writing succeeds
    let writer = -1;
    for (const deadline = Date.now() + 15_000; writer < 0 && Date.now() < deadline; ) {
      try {
        writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(writer, 'the deploy never opened the FIFO').toBeGreaterThanOrEqual(0);
    kill();
    const r = await deploy;
    closeSync(writer);
    expect(r.exit).toBe(137);
    expect(readFileSync(store.statePath)).toEqual(before);
    expect(stackParts(store.statePath)).toEqual([]);
    expect(await store.run(['stack', 'ls'])).toMatchObject({ exit: 0, stdout: 'NAME      SERVICES\n' });
  });

  it('killed at random moments, it leaves the whole stack or none of it', async () => {
    const r = rng(SEED);
    const store = freshStore();
    await store.ok(INIT);
    writeFileSync(join(store.dir, 'stack.yml'), STACK);
    writeFileSync(join(store.dir, 'a.pem'), 'value-a');
    writeFileSync(join(store.dir, 'b.pem'), 'value-b');
    for (let round = 0; round < 10; round++) {
      const at = r.int(40, 400);
      const deploy = store.run(['stack', 'deploy', '-c', 'stack.yml', 'st'], { started: (c) => setTimeout(() => c.kill('SIGKILL'), at) });
      const done = await deploy;
      const parts = stackParts(store.statePath);
      expect([[], WHOLE_STACK], `round ${round}, killed after ${at} ms (exit ${done.exit}) (RELIABILITY_SEED=${SEED})`).toContainEqual(
        parts,
      );
      // a kill between the payloads and the state's commit leaves sealed payloads no secret names:
      // tolerated here, swept by the next write that touches payloads (checked below)
      expect(invariantProblems(store.statePath, { allowOrphanPayloads: true })).toEqual([]);
      if (parts.length) await store.ok(['stack', 'rm', 'st']);
    }
    expect(await store.run(['stack', 'deploy', '-c', 'stack.yml', 'st'])).toMatchObject({ exit: 0 });
    await store.ok(['stack', 'rm', 'st']);
    expect(invariantProblems(store.statePath)).toEqual([]);
  });
});

describe('autolock', () => {
  it('readers never see a false "locked" while autolock is switched on and off', async () => {
    const dir = tempDir('tsecret-toggle-');
    const reader = sessionIn(dir);
    const env = { TSECRET_STATE: reader.statePath, XDG_RUNTIME_DIR: dir };
    const writer = storeIn(dir, reader.statePath);
    expect(await writer.run(INIT, { env })).toMatchObject({ exit: 0, timedOut: false });
    expect(await writer.run(['secret', 'create', 'one', '-'], { env, stdin: 'v' })).toMatchObject({ exit: 0, timedOut: false });
    // The race: a reader reads the wrapped key, is descheduled, and looks for the session after a
    // writer turning autolock off has stored the key unwrapped and removed the session. A loaded
    // machine deschedules readers at random (about 1 read in 50 failed); here the in-process
    // reader is held up 100 ms (longer than a writer takes from the key to the session) every
    // time it looks for a session, so toggles meet it there.
    const sessions = join(dir, 'tsecret');
    const nodeFs = fs as { lstatSync: typeof fs.lstatSync };
    const lstat = fs.lstatSync;
    nodeFs.lstatSync = ((path: PathLike, opts?: StatSyncOptions) => {
      if (String(path).startsWith(sessions)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      return lstat(path, opts);
    }) as typeof fs.lstatSync;
    syncBuiltinESMExports();
    let toggling = true;
    const toggles = (async () => {
      try {
        for (let i = 0; i < 12; i++) {
          for (const on of ['true', 'false']) {
            const t = await writer.run(['swarm', 'update', `--autolock=${on}`], { env });
            expect(t, `--autolock=${on}`).toMatchObject({ exit: 0, timedOut: false });
          }
        }
      } finally {
        toggling = false;
      }
    })();
    const falseLocks: string[] = [];
    let reads = 0;
    try {
      while (toggling) {
        const r = await reader.run(['secret', 'ls', '--format', '{{.Name}}']);
        reads++;
        if (r.exit !== 0 || r.stdout !== 'one\n') falseLocks.push(`${r.exit} ${r.stdout}${r.stderr}`);
        await new Promise((done) => setTimeout(done, 1));
      }
    } finally {
      nodeFs.lstatSync = lstat;
      syncBuiltinESMExports();
    }
    await toggles;
    expect(reads).toBeGreaterThan(20);
    expect(falseLocks).toEqual([]);
  });

  it('an autolock whose unlock cannot be remembered is refused, and the swarm is left as it was', async () => {
    const dir = tempDir('tsecret-nosession-');
    const notADir = join(dir, 'runtime-is-a-file');
    writeFileSync(notADir, '');
    const store = storeIn(dir);
    const env = { XDG_RUNTIME_DIR: notADir };
    const init = await store.run([...INIT, '--autolock'], { env });
    expectOneLineError(init, 'swarm init --autolock');
    expect(init.stderr).toBe(
      `cannot remember the unlock, so the swarm would stay locked: stat ${join(notADir, 'tsecret')}: not a directory; nothing was changed\n`,
    );
    expect(await store.run(['secret', 'ls'], { env })).toMatchObject({
      exit: 1,
      stderr: expect.stringContaining('This node is not a swarm manager'),
    });
    // a swarm without autolock: turning it on is refused the same way, and it stays unlocked
    expect(await store.run(INIT, { env })).toMatchObject({ exit: 0, timedOut: false });
    const update = await store.run(['swarm', 'update', '--autolock=true'], { env });
    expectOneLineError(update, 'swarm update --autolock=true');
    expect(await store.run(['secret', 'ls', '-q'], { env })).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    expect(await store.run(['swarm', 'unlock-key', '-q'], { env })).toMatchObject({
      exit: 1,
      stderr: expect.stringContaining('no unlock key is set'),
    });
  });
});
