// The state lock under hostile conditions (issue 10, items 1 and 2): writers in different PID
// namespaces on one state directory (containers of one pod, a CI job and its sidecar) lose no
// acknowledged update; a lock no one will ever release (a reused pid, a link, a directory, a FIFO
// at its path) is recovered or refused at once instead of making every writer wait a minute.
// Commands run as processes killed at a deadline; PID namespaces come from `unshare` (root).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockRecordOf, startTimeOf } from '../helpers/lock-record.js';
import { builtCli } from '../helpers/run.js';
import { invariantProblems, loadState } from './invariants.js';
import { canUnshare, expectOneLineError, freshStore, INIT, type Store } from './store-fixture.js';

const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc'];
const namespaces = canUnshare();
const NO_NAMESPACES = 'unshare --pid --fork --mount-proc is not permitted here (needs root or CAP_SYS_ADMIN)';

/** Each secret's own value, so a payload swapped or lost shows. */
const value = (name: string): Buffer => Buffer.from(`value-of-${name}|`.repeat(64));

interface Outcome {
  args: string[];
  exit: number | null;
  stderr: string;
}

/** Runs the creates at once in one new PID namespace (pid 1 there is a node that starts them). */
function createsInNamespace(store: Store, names: string[]): Promise<Outcome[]> {
  const script = `
    const { spawn } = require('node:child_process');
    const [cli, jobs] = process.argv.slice(1);
    Promise.all(JSON.parse(jobs).map((j) => new Promise((done) => {
      const c = spawn(process.execPath, ['--', cli, ...j.args], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      c.stderr.on('data', (d) => (stderr += d));
      c.on('close', (exit) => done({ args: j.args, exit, stderr }));
      c.stdin.end(j.stdin);
    }))).then((r) => process.stdout.write(JSON.stringify(r)));`;
  const jobs = names.map((n) => ({ args: ['secret', 'create', n, '-'], stdin: value(n).toString() }));
  return new Promise((resolve, reject) => {
    const child = spawn(UNSHARE[0], [...UNSHARE.slice(1), process.execPath, '-e', script, builtCli, JSON.stringify(jobs)], {
      env: { ...process.env, ...store.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out) as Outcome[]);
      } catch {
        reject(new Error(`the namespace's writers did not report: ${out}`));
      }
    });
  });
}

/** Keeps a planted lock's lease fresh, as a live holder does; returns the stop function. */
function renewing(path: string): () => void {
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      /* taken away */
    }
  }, 200);
  return () => clearInterval(timer);
}

describe('the state lock across PID namespaces', () => {
  it.skipIf(!namespaces)(
    `8 writers in a PID namespace racing 8 outside it lose no acknowledged secret and leave none without its payload${namespaces ? '' : ` (skipped: ${NO_NAMESPACES})`}`,
    async () => {
      const store = freshStore();
      await store.ok(INIT);
      const acknowledged: string[] = [];
      for (let round = 0; round < 3; round++) {
        const inside = Array.from({ length: 8 }, (_, i) => `in${round}_${i}`);
        const outside = Array.from({ length: 8 }, (_, i) => `out${round}_${i}`);
        const [inner, outer] = await Promise.all([
          createsInNamespace(store, inside),
          Promise.all(
            outside.map((n) =>
              store
                .run(['secret', 'create', n, '-'], { stdin: value(n) })
                .then((r): Outcome => ({ args: ['secret', 'create', n, '-'], ...r })),
            ),
          ),
        ]);
        for (const r of [...inner, ...outer]) {
          expect({ exit: r.exit, stderr: r.stderr }, r.args.join(' ')).toEqual({ exit: 0, stderr: '' });
          acknowledged.push(r.args[2]);
        }
        const listed = new Set(loadState(store.statePath).secrets.map((s) => s.Spec.Name));
        expect(
          acknowledged.filter((n) => !listed.has(n)),
          `round ${round}: acknowledged but lost`,
        ).toEqual([]);
        expect(invariantProblems(store.statePath, { expectedPayload: value })).toEqual([]);
      }
    },
  );

  it.skipIf(!namespaces)(
    `a writer in another PID namespace waits while a live holder renews its lease, and takes over within seconds once it stops${namespaces ? '' : ` (skipped: ${NO_NAMESPACES})`}`,
    async () => {
      const store = freshStore();
      await store.ok(INIT);
      const lock = `${store.statePath}.lock`;
      // this test process is the holder: alive, in the root namespace, renewing its lease
      writeFileSync(lock, `${JSON.stringify(lockRecordOf(process.pid, { start: startTimeOf(process.pid) }))}\n`);
      const stop = renewing(lock);
      let settled = false;
      const writer = store
        .run(['secret', 'create', 'inner', '-'], { stdin: value('inner'), wrapper: UNSHARE, ms: 40_000 })
        .finally(() => (settled = true));
      try {
        // a create takes a fraction of a second; in three it has either waited or broken a live lock
        await new Promise((r) => setTimeout(r, 3_000));
        expect(settled, 'the writer went ahead while the lock was held').toBe(false);
      } finally {
        stop(); // the holder dies: nobody renews the lease any more
      }
      const r = await writer;
      expect(r).toMatchObject({ exit: 0, stderr: '', timedOut: false });
      expect(invariantProblems(store.statePath, { expectedPayload: value })).toEqual([]);
    },
  );

  it('a killed holder of this namespace is recovered at once, even with a fresh lease', async () => {
    const store = freshStore();
    await store.ok(INIT);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const lock = `${store.statePath}.lock`;
    writeFileSync(lock, `${JSON.stringify(lockRecordOf(dead.pid as number, { start: '1' }))}\n`);
    const stop = renewing(lock);
    try {
      const r = await store.run(['secret', 'create', 'after', '-'], { stdin: 'x' });
      expect(r).toMatchObject({ exit: 0, stderr: '', timedOut: false });
    } finally {
      stop();
    }
    expect(existsSync(lock)).toBe(false);
  });
});

describe('a lock that can never be released', () => {
  it('a lock naming a live process that is not its holder (a reused pid) is recovered at once', async () => {
    const store = freshStore();
    await store.ok(INIT);
    const lock = `${store.statePath}.lock`;
    const unrelated = spawn('sleep', ['120']);
    try {
      // this namespace, this pid, another start time: the holder died and its pid went to `sleep`
      writeFileSync(lock, `${JSON.stringify(lockRecordOf(unrelated.pid as number, { start: '1' }))}\n`);
      const stop = renewing(lock);
      const r = await store.run(['secret', 'create', 'a', '-'], { stdin: 'x' }).finally(stop);
      expect(r).toMatchObject({ exit: 0, stderr: '', timedOut: false });
      // an older tsecret's lock ("pid\nhost\n") says nothing of namespaces: its age decides
      writeFileSync(lock, `${unrelated.pid}\n${(await import('node:os')).hostname()}\n`);
      const aMinuteAgo = new Date(Date.now() - 60_000);
      utimesSync(lock, aMinuteAgo, aMinuteAgo);
      const r2 = await store.run(['secret', 'create', 'b', '-'], { stdin: 'x' });
      expect(r2).toMatchObject({ exit: 0, stderr: '', timedOut: false });
    } finally {
      unrelated.kill('SIGKILL');
    }
    expect(loadState(store.statePath).secrets.map((s) => s.Spec.Name)).toEqual(['a', 'b']);
  });

  const planted: [string, (path: string) => void, RegExp][] = [
    [
      'a dangling symlink',
      (p) => symlinkSync('/nonexistent/tsecret-lock', p),
      /is a symbolic link, not a lock file tsecret made; if no tsecret command is running, remove it: rm \S+\.lock\n$/,
    ],
    [
      'a directory',
      (p) => mkdirSync(p),
      /is a directory, not a lock file tsecret made; if no tsecret command is running, remove it: rm -r \S+\.lock\n$/,
    ],
    [
      'a FIFO',
      (p) => spawnSync('mkfifo', [p]),
      /is a named pipe \(FIFO\), not a lock file tsecret made; if no tsecret command is running, remove it: rm \S+\.lock\n$/,
    ],
  ];
  for (const [what, plant, message] of planted) {
    it(`${what} at the lock path is refused at once, in one line that says what to remove`, async () => {
      const store = freshStore();
      await store.ok(INIT);
      plant(`${store.statePath}.lock`);
      for (const args of [
        ['secret', 'create', 'x', '-'],
        ['service', 'rm', 'nothing'],
      ]) {
        const r = await store.run(args, { stdin: 'x' });
        expectOneLineError(r, `${what}: ${args.join(' ')}`);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain(`the state lock ${store.statePath}.lock `);
      }
      // readers take no lock
      expect(await store.run(['secret', 'ls', '-q'])).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    });
  }
});
