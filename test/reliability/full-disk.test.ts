// A full disk (issue 10, item 4), on a small tmpfs: a write that fails for want of space cleans up
// after itself (no orphaned payload, no temp file) and says so in one line; secret rm, service rm
// and stack rm still go through on a disk with not one free block, and free space; once space is
// back, everything works and the store's invariants hold. Skipped, saying why, where mounting is
// not permitted.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, statfsSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/run.js';
import { invariantProblems, leftovers, loadState } from './invariants.js';
import { canMountTmpfs, expectOneLineError, INIT, type Store, storeIn } from './store-fixture.js';

const mounts = canMountTmpfs();
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
});

const value = (name: string): Buffer => Buffer.alloc(200 * 1024, `${name}|`);

/** Bytes the file system can still give. */
const free = (dir: string): number => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

/** Fills the file system until not one more byte fits. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'a');
  try {
    for (const chunk of [64 * 1024, 4096, 1]) {
      const bytes = Buffer.alloc(chunk, 0xaa);
      for (;;) {
        try {
          writeSync(fd, bytes);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  expect(free(dir)).toBe(0);
}

/** Payload files of secrets the state does not list. */
function orphans(store: Store): string[] {
  const live = new Set(loadState(store.statePath).secrets.map((s) => s.ID));
  return readdirSync(`${store.statePath}.payloads`).filter((f) => !live.has(f));
}

describe('a full disk', () => {
  it.skipIf(!mounts)(
    `a failed write cleans up, and secret rm, service rm and stack rm still free space on a full disk${mounts ? '' : ' (skipped: mounting a tmpfs is not permitted here; needs root or CAP_SYS_ADMIN)'}`,
    async () => {
      const disk = tempDir('tsecret-disk-');
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', disk]).status).toBe(0);
      mounted.push(disk);
      const files = tempDir('tsecret-disk-files-');
      const store = storeIn(disk);
      const inFiles = (args: string[], stdin?: string | Buffer) => store.run(args, { stdin, cwd: files });
      await store.ok(INIT);
      for (const name of ['s1', 's2', 's3']) await store.ok(['secret', 'create', name, '-'], value(name));
      await store.ok(['service', 'create', '-d', '--no-resolve-image', '--name', 'web', '--secret', 's1', 'busybox']);
      writeFileSync(join(files, 'key.pem'), value('st_key'));
      writeFileSync(
        join(files, 'stack.yml'),
        'version: "3.8"\nservices:\n  app:\n    image: busybox\n    secrets: [key]\nsecrets:\n  key:\n    file: ./key.pem\n',
      );
      expect(await inFiles(['stack', 'deploy', '-c', 'stack.yml', 'st'])).toMatchObject({ exit: 0, timedOut: false });

      fill(disk);
      // a create fails in one line, and leaves nothing behind
      for (const args of [
        ['secret', 'create', 'big', '-'],
        ['secret', 'create', 'small', '-'],
      ]) {
        const r = await store.run(args, { stdin: args[2] === 'big' ? value('big') : 'x' });
        expectOneLineError(r, args.join(' '));
        expect(r.stderr).toMatch(/^(write|open) \/\S+: no space left on device\n$/);
        expect(orphans(store), args.join(' ')).toEqual([]);
        expect(leftovers(store.statePath), args.join(' ')).toEqual([]);
      }
      // removals go through on the full disk and give space back
      const removals = [
        ['secret', 'rm', 's2'],
        ['service', 'rm', 'web'],
        ['stack', 'rm', 'st'],
        ['secret', 'rm', 's1'],
      ];
      for (const args of removals) {
        fill(disk);
        const r = await store.run(args);
        expect(r, args.join(' ')).toMatchObject({ exit: 0, stderr: '', timedOut: false });
        expect(invariantProblems(store.statePath, { expectedPayload: value }), args.join(' ')).toEqual([]);
      }
      fill(disk);
      const secretRm = await store.run(['secret', 'rm', 's3']);
      expect(secretRm).toMatchObject({ exit: 0, timedOut: false });
      expect(free(disk)).toBeGreaterThanOrEqual(200 * 1024);
      expect(loadState(store.statePath)).toMatchObject({ secrets: [], services: [] });

      // with room again, the store works as before
      unlinkSync(join(disk, 'filler'));
      await store.ok(['secret', 'create', 'again', '-'], value('again'));
      expect(invariantProblems(store.statePath, { expectedPayload: value })).toEqual([]);
      expect(leftovers(store.statePath)).toEqual([]);
    },
  );
});
