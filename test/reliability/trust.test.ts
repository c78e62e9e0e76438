// The state directory's trust model and bounded reads (issue 10, items 3, 7 and 11): nothing
// outside the state directory is written or deleted, whatever was planted inside it; a directory
// others can write is refused as ssh refuses a loose key; state, key and session files are read
// only as regular files of a bounded size; every failure of the file system reads as one line
// naming the path, never Node's or V8's own text; reading creates no directory. Commands run as
// processes killed at a deadline.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveStatePath } from '../../src/store/paths.js';
import { builtCli, tempDir } from '../helpers/run.js';
import { snapshot } from './fixture.js';
import { canMountTmpfs, expectOneLineError, freshStore, INIT, RAW_TEXT, type Store, storeIn } from './store-fixture.js';

const isRoot = process.getuid?.() === 0;
const mounts = canMountTmpfs();
const NO_MOUNT = 'mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN)';
const NOT_ROOT = 'needs root, to hand files to another uid';
/** Whether uid nobody can read the built CLI at all (a checkout under a 0700 directory cannot). */
const nobodyCanRunCli =
  isRoot &&
  spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(builtCli)}, 4)`], { uid: 65534, gid: 65534 })
    .status === 0;
const NOBODY_CANNOT_RUN = 'uid nobody cannot read this checkout, so it cannot run the CLI';
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
});

/** A store with a swarm, a secret and a service, to be damaged. */
async function populated(): Promise<Store> {
  const store = freshStore();
  await store.ok(INIT);
  await store.ok(['secret', 'create', 'keep', '-'], 'keep-value');
  await store.ok(['service', 'create', '-d', '--no-resolve-image', '--name', 'web', '--secret', 'keep', 'busybox']);
  return store;
}

/** Files elsewhere that a planted link points at; none may change. */
function victim(): { dir: string; unchanged(): void } {
  const dir = tempDir('tsecret-victim-');
  writeFileSync(join(dir, 'precious.txt'), 'not tsecret data');
  writeFileSync(join(dir, 'zwlg9kp554boncfiuqs7q6yuz'), 'named like a secret ID');
  const before = snapshot(dir);
  return { dir, unchanged: () => expect(snapshot(dir)).toEqual(before) };
}

const WRITERS = [
  ['secret', 'create', 'fresh', '-'],
  ['secret', 'rm', 'keep'],
  ['service', 'rm', 'web'],
  ['swarm', 'leave', '--force'],
];

describe('nothing outside the state directory is written or deleted', () => {
  it('a payload directory that is a link to another directory is refused, and that directory is left alone', async () => {
    const store = await populated();
    const payloads = `${store.statePath}.payloads`;
    const elsewhere = victim();
    renameSync(payloads, `${payloads}.moved`);
    symlinkSync(elsewhere.dir, payloads);
    for (const args of WRITERS) {
      const r = await store.run(args, { stdin: 'v' });
      expectOneLineError(r, args.join(' '));
      expect(r.stderr).toBe(
        `refusing payload directory ${payloads}: it is a symbolic link, and tsecret follows no links in its state directory; move it aside\n`,
      );
    }
    elsewhere.unchanged();
    expect(lstatSync(payloads).isSymbolicLink()).toBe(true);
  });

  it('a state, key or lock file that is a link is refused, and what it points at is neither read nor written', async () => {
    for (const file of ['state.json', 'state.json.key']) {
      const store = await populated();
      const path = join(store.dir, 'state', file);
      const elsewhere = victim();
      copyFileSync(path, join(elsewhere.dir, file));
      const before = snapshot(elsewhere.dir);
      renameSync(path, `${path}.moved`);
      symlinkSync(join(elsewhere.dir, file), path);
      for (const args of [['secret', 'ls'], ...WRITERS]) {
        const r = await store.run(args, { stdin: 'v' });
        expectOneLineError(r, `${file}: ${args.join(' ')}`);
        expect(r.stderr).toMatch(
          new RegExp(`^(state|key) file ${path} is a symbolic link: tsecret follows no links in its state directory`),
        );
      }
      expect(snapshot(elsewhere.dir)).toEqual(before);
      expect(lstatSync(path).isSymbolicLink()).toBe(true);
    }
  });

  it('a state directory group or others can write (0777) is refused with the fix, and nothing is written in it', async () => {
    const dir = tempDir('tsecret-open-');
    const stateDir = join(dir, 'shared');
    mkdirSync(stateDir);
    chmodSync(stateDir, 0o777);
    const store = storeIn(dir, join(stateDir, 'state.json'));
    for (const args of [INIT, ['secret', 'ls'], ['secret', 'create', 'x', '-']]) {
      const r = await store.run(args, { stdin: 'v' });
      expectOneLineError(r, args.join(' '));
      expect(r.stderr).toBe(
        `refusing state directory ${stateDir}: group or others can write in it (mode 0777); make it yours alone with chmod go-w ${stateDir}\n`,
      );
    }
    expect(readdirSync(stateDir)).toEqual([]);
    // a shared sticky directory such as /tmp gets the other fix
    const r = await storeIn(dir, '/tmp/state.json').run(['secret', 'ls']);
    expectOneLineError(r, '/tmp');
    expect(r.stderr).toMatch(
      /^refusing state directory \/tmp: group or others can write in it \(mode 1777\); keep the state in a directory of your own/,
    );
    // and a populated store whose directory was opened up later is refused too
    const store2 = await populated();
    chmodSync(join(store2.dir, 'state'), 0o770);
    expectOneLineError(await store2.run(['secret', 'ls']), 'group-writable');
  });

  it.skipIf(!isRoot)(`a state directory owned by another user is refused${isRoot ? '' : ` (skipped: ${NOT_ROOT})`}`, async () => {
    const store = await populated();
    const stateDir = join(store.dir, 'state');
    chownSync(stateDir, 4242, 4242);
    const r = await store.run(['secret', 'ls']);
    expectOneLineError(r, 'foreign owner');
    expect(r.stderr).toBe(
      `refusing state directory ${stateDir}: it is owned by uid 4242, not by you (uid 0); use a directory of your own\n`,
    );
  });
});

describe('every input bounded', () => {
  it('--state /dev/zero, and a FIFO at the state or key path, give one line at once', async () => {
    const store = freshStore();
    const zero = await store.run(['--state', '/dev/zero', 'secret', 'ls']);
    expectOneLineError(zero, '/dev/zero');
    expect(zero.stderr).toBe('state file /dev/zero is a character device, not a regular file\n');
    expectOneLineError(await store.run(['--state', '/dev/zero', 'secret', 'create', 'x', '-'], { stdin: 'v' }), '/dev/zero create');

    const withFifo = await populated();
    for (const file of ['state.json', 'state.json.key']) {
      const s = storeIn(tempDir('tsecret-fifo-'));
      cpSync(join(withFifo.dir, 'state'), join(s.dir, 'state'), { recursive: true });
      const path = join(s.dir, 'state', file);
      renameSync(path, `${path}.moved`);
      expect(spawnSync('mkfifo', [path]).status).toBe(0);
      for (const args of [
        ['secret', 'ls'],
        ['secret', 'create', 'x', '-'],
      ]) {
        const r = await s.run(args, { stdin: 'v' });
        expectOneLineError(r, `${file} FIFO: ${args.join(' ')}`);
        expect(r.stderr).toBe(`${file === 'state.json' ? 'state' : 'key'} file ${path} is a named pipe (FIFO), not a regular file\n`);
      }
    }
  });

  it('state and key files larger than tsecret ever writes are refused without being read', async () => {
    for (const [file, size, cap] of [
      ['state.json', 300 << 20, '256 MiB'],
      ['state.json.key', 1 << 30, '64 KiB'],
    ] as const) {
      const store = await populated();
      const path = join(store.dir, 'state', file);
      truncateSync(path, size); // sparse: no disk space, but node would read every byte
      const r = await store.run(['secret', 'ls']);
      expectOneLineError(r, file);
      expect(r.stderr).toBe(
        `${file === 'state.json' ? 'state' : 'key'} file ${path} is larger than ${cap}, more than tsecret ever writes: is it the right file?\n`,
      );
    }
  });
});

describe('errors in words', () => {
  it('a path that is not a directory, a link loop, or a directory where a file belongs: one line naming it', async () => {
    const dir = tempDir('tsecret-words-');
    writeFileSync(join(dir, 'file'), 'x');
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    mkdirSync(join(dir, 'adir'), { mode: 0o700 });
    mkdirSync(join(dir, 'keydir', 'state.json.key'), { recursive: true, mode: 0o700 });
    const bothCommands = [INIT, ['secret', 'ls']];
    const cases: [string, RegExp, string[][]][] = [
      [join(dir, 'file', 'state.json'), /^refusing state directory \S+\/file: it is a regular file, not a directory\n$/, bothCommands],
      [join(dir, 'file', 'deeper', 'state.json'), /^stat \S+\/file\/deeper: not a directory\n$/, bothCommands],
      [join(dir, 'loop-a', 'state.json'), /^stat \S+\/loop-a: too many levels of symbolic links\n$/, bothCommands],
      [join(dir, 'adir'), /^state file \S+\/adir is a directory, not a regular file\n$/, bothCommands],
      // the key is not read before a swarm exists: `secret ls` there is docker's "not a manager"
      [join(dir, 'keydir', 'state.json'), /^key file \S+\/keydir\/state.json.key is a directory, not a regular file\n$/, [INIT]],
      // node's recursive mkdir loops for ever here
      [`/proc/tsecret-${process.pid}/state.json`, /^mkdir \/proc\/tsecret-\d+: no such file or directory\n$/, [INIT]],
    ];
    for (const [statePath, message, commands] of cases) {
      for (const args of commands) {
        const r = await storeIn(dir, statePath).run(args);
        expectOneLineError(r, `${statePath}: ${args.join(' ')}`);
        expect(r.stderr, `${statePath}: ${args.join(' ')}`).toMatch(message);
      }
    }
  });

  it.skipIf(!mounts)(
    `a read-only file system (EROFS, and the ENOENT node makes of it for a new directory) reads as one line${mounts ? '' : ` (skipped: ${NO_MOUNT})`}`,
    async () => {
      const ro = tempDir('tsecret-ro-');
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', ro]).status).toBe(0);
      mounted.push(ro);
      const store = storeIn(ro);
      await store.ok(INIT);
      await store.ok(['secret', 'create', 'keep', '-'], 'v');
      expect(spawnSync('mount', ['-o', 'remount,ro', ro]).status).toBe(0);
      // readers still work; writers cannot take the lock
      expect(await store.run(['secret', 'ls', '--format', '{{.Name}}'])).toMatchObject({ exit: 0, stdout: 'keep\n', stderr: '' });
      for (const args of [
        ['secret', 'create', 'x', '-'],
        ['secret', 'rm', 'keep'],
        ['swarm', 'leave', '--force'],
      ]) {
        const r = await store.run(args, { stdin: 'v' });
        expectOneLineError(r, args.join(' '));
        expect(r.stderr).toBe(`open ${store.statePath}.lock: read-only file system\n`);
      }
      const r = await storeIn(ro, join(ro, 'new', 'deeper', 'state.json')).run(INIT);
      expectOneLineError(r, 'mkdir on a read-only parent');
      expect(r.stderr).toBe(`mkdir ${join(ro, 'new')}: read-only file system\n`);
    },
  );

  it.skipIf(!nobodyCanRunCli)(
    `permission denied (EACCES) reads as one line, for a user the files are closed to${nobodyCanRunCli ? '' : ` (skipped: ${isRoot ? NOBODY_CANNOT_RUN : NOT_ROOT})`}`,
    async () => {
      const nobody = 65534;
      const base = tempDir('tsecret-eacces-');
      chmodSync(base, 0o755);
      const store = storeIn(base, join(base, 'state', 'state.json'));
      await store.ok(INIT);
      // nobody's own state directory, holding root's files
      chownSync(join(base, 'state'), nobody, nobody);
      const as = { uid: nobody, gid: nobody, env: { HOME: base, XDG_RUNTIME_DIR: '' } };
      const r = await store.run(['secret', 'ls'], as);
      expectOneLineError(r, 'EACCES read');
      expect(r.stderr).toBe(`open ${store.statePath}: permission denied\n`);
      // and a directory nobody cannot enter
      chmodSync(base, 0o700);
      const r2 = await store.run(['secret', 'ls'], as);
      expectOneLineError(r2, 'EACCES stat');
      expect(r2.stderr).toBe(`stat ${join(base, 'state')}: permission denied\n`);
    },
  );
});

describe('where the state goes, and reading creates nothing', () => {
  it('an empty HOME does not put the state under the current directory; a relative XDG_STATE_HOME is ignored', async () => {
    const cwd = tempDir('tsecret-cwd-');
    const passwdHome = userInfo().homedir;
    expect(resolveStatePath(undefined, { HOME: '' }, cwd)).toBe(join(passwdHome, '.local', 'state', 'tsecret', 'state.json'));
    expect(resolveStatePath(undefined, { HOME: join(cwd, 'h'), XDG_STATE_HOME: 'rel' }, cwd)).toBe(
      join(cwd, 'h', '.local', 'state', 'tsecret', 'state.json'),
    );
    // as a process: a failing write with an empty HOME leaves the current directory as it was
    const env = { HOME: '', TSECRET_STATE: '', XDG_STATE_HOME: '' };
    const r = await storeIn(cwd).run(['service', 'rm', 'x'], { env });
    expect(r).toMatchObject({ exit: 1, timedOut: false });
    expect(r.stderr).not.toMatch(RAW_TEXT);
    expect(readdirSync(cwd)).toEqual([]);
    // a relative XDG_STATE_HOME: the state is made under HOME, nothing under the current directory
    const init = await storeIn(cwd).run(INIT, { env: { HOME: join(cwd, 'h'), TSECRET_STATE: '', XDG_STATE_HOME: 'rel' } });
    expect(init).toMatchObject({ exit: 0, timedOut: false });
    expect(existsSync(join(cwd, 'h', '.local', 'state', 'tsecret', 'state.json'))).toBe(true);
    expect(readdirSync(cwd)).toEqual(['h']);
  });

  it('commands that fail or only read create no directory', async () => {
    const cwd = tempDir('tsecret-none-');
    const store = storeIn(cwd, join(cwd, 'a', 'b', 'state.json'));
    for (const args of [
      ['secret', 'ls'],
      ['secret', 'rm', 'x'],
      ['secret', 'create', 'x', '-'],
      ['service', 'rm', 'x'],
      ['service', 'update', '--replicas', '2', 'x'],
      ['stack', 'rm', 'x'],
      ['swarm', 'leave', '--force'],
      ['swarm', 'unlock-key'],
      ['ps', '-a'],
      ['rm', '-f', 'x'],
    ]) {
      const r = await store.run(args, { stdin: 'v' });
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.stderr, args.join(' ')).not.toMatch(RAW_TEXT);
      expect(readdirSync(cwd), args.join(' ')).toEqual([]);
    }
  });
});
