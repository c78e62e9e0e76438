// `tsecret doctest` as a user runs it (the built CLI): the two fixtures, whose outputs were recorded
// from the real engine (npm run record:doctest), pass; a changed output line fails with a diff and
// exit 1; `--update` puts the file back byte for byte; outputs written by `--update` are the same
// bytes on every run (the throwaway state is deterministic).

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSessions } from '../../src/doctest/markdown.js';
import { repoRoot, spawnCli, tempDir } from '../helpers/run.js';

const fixtures = join(repoRoot, 'test', 'doctest', 'fixtures');
const seed = readFileSync(join(fixtures, 'seed-walkthrough.md'), 'utf8');

/** A copy of the fixtures in a temp dir: the tutorial's commands write keys and certificates beside the file. */
function copyFixtures(): string {
  const dir = tempDir('tsecret-doctest-test-');
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

/** The fixture with every command's output taken out. */
function withoutOutputs(text: string): string {
  const file = parseSessions(text);
  const drop = new Set<number>();
  for (const c of file.commands)
    c.expected.forEach((_, i) => {
      drop.add(c.expectedStart + i);
    });
  return file.lines.filter((_, i) => !drop.has(i)).join('\n');
}

describe('tsecret doctest', () => {
  it('passes the seed walkthrough, recorded from the real engine', async () => {
    const r = await spawnCli(['doctest', join(fixtures, 'seed-walkthrough.md')]);
    expect(r).toEqual({ stdout: '16 commands, 16 passed, 0 failed, 0 skipped\n', stderr: '', exit: 0 });
  });

  it("passes Docker's secrets tutorial, except the blocks that are skipped", async () => {
    const dir = copyFixtures();
    const file = join(dir, 'secrets-tutorial', 'secrets.md');
    const r = await spawnCli(['doctest', file]);
    expect(r).toEqual({ stdout: '56 commands, 31 passed, 0 failed, 25 skipped\n', stderr: '', exit: 0 });
  });

  it('skips in the tutorial, for tsecret, only what waits for commands tsecret lacks, and says which', () => {
    const text = readFileSync(join(fixtures, 'secrets-tutorial', 'secrets.md'), 'utf8');
    const forTsecret = parseSessions(text, 'tsecret').commands.filter((c) => c.skipped).length;
    const forDocker = parseSessions(text, 'docker').commands.filter((c) => c.skipped).length;
    const pending = [...text.matchAll(/<!-- doctest: skip engine=tsecret: (.*?) -->/g)].map((m) => m[1]);
    expect(forTsecret - forDocker).toBe(11);
    expect(pending.length).toBeGreaterThan(0);
    for (const reason of pending)
      expect(reason).toMatch(
        /^pending, (tsecret has no (network create|service create --mount|service create --publish)|needs the (mysql |wordpress )?services? above)/,
      );
  });

  // The tutorial's blocks that wait for other work: run them once tsecret has these commands,
  // by removing their `engine=tsecret` skips (the outputs are already recorded).
  it.todo('secrets tutorial: the WordPress and rotation blocks, pending on network create, service create --publish/--mount and volume rm');

  describe('a changed output line', () => {
    let dir: string;
    let file: string;
    beforeAll(() => {
      dir = copyFixtures();
      file = join(dir, 'seed-walkthrough.md');
      writeFileSync(file, seed.replace('\nThis is my first secured secret\n', '\nThis is my second secured secret\n'));
    });

    it('fails with the command, a diff and exit 1', async () => {
      const r = await spawnCli(['doctest', file]);
      expect(r.stderr).toBe('');
      expect(r.exit).toBe(1);
      expect(r.stdout).toBe(
        `${file}:111: $ docker container exec $CID cat /run/secrets/my_first_secured_secret\n` +
          '--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-This is my second secured secret\n+This is my first secured secret\n' +
          '16 commands, 15 passed, 1 failed, 0 skipped\n',
      );
    });

    it('is written back by --update, which leaves the rest of the file byte for byte', async () => {
      const r = await spawnCli(['doctest', '--update', file]);
      expect(r.exit).toBe(0);
      expect(r.stdout).toContain(`${file}: updated the output of 1 command\n`);
      expect(readFileSync(file, 'utf8')).toBe(seed);
    });
  });

  it('shows a changed ID-bearing line in placeholders, so only what differs shows', async () => {
    const dir = copyFixtures();
    const file = join(dir, 'seed-walkthrough.md');
    writeFileSync(file, seed.replace(/^(\S+ {3}my_first_secured_secret) {13}/m, '$1 (changed)  '));
    const r = await spawnCli(['doctest', file]);
    expect(r.exit).toBe(1);
    const line = seed.split('\n').indexOf('$ docker secret ls') + 1;
    expect(r.stdout).toContain(
      `${file}:${line}: $ docker secret ls\n--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n ID<SP>NAME<SP>DRIVER<SP>CREATED<SP>UPDATED\n-<ID2>   my_first_secured_secret (changed)  <AGO><SP><AGO>\n+<ID2>   my_first_secured_secret             <AGO><SP><AGO>\n`,
    );
  });

  it('fills in every output with --update --strict, the same bytes on every run', async () => {
    const outputs: string[] = [];
    for (let run = 0; run < 2; run++) {
      const dir = copyFixtures();
      const file = join(dir, 'seed-walkthrough.md');
      writeFileSync(file, withoutOutputs(seed));
      const r = await spawnCli(['doctest', '--update', '--strict', file]);
      expect(r.exit).toBe(0);
      outputs.push(readFileSync(file, 'utf8'));
      expect(await spawnCli(['doctest', '--strict', file])).toMatchObject({
        stdout: '16 commands, 16 passed, 0 failed, 0 skipped\n',
        exit: 0,
      });
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('\nThis is my first secured secret\n');
    expect(outputs[0]).not.toContain('TSECRET_DETERMINISTIC');
  });

  it('compares a command without output only with --strict', async () => {
    const dir = tempDir();
    const file = join(dir, 'quiet.md');
    writeFileSync(file, '```console\n$ echo hello\n$ echo shown\nshown\n```\n');
    expect(await spawnCli(['doctest', file])).toEqual({ stdout: '2 commands, 2 passed, 0 failed, 0 skipped\n', stderr: '', exit: 0 });
    const strict = await spawnCli(['doctest', '--strict', file]);
    expect(strict.exit).toBe(1);
    expect(strict.stdout).toBe(
      `${file}:2: $ echo hello\n--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+hello\n2 commands, 1 passed, 1 failed, 0 skipped\n`,
    );
  });

  it('runs a file in one shell session, in its directory, with docker and tsecret bound to tsecret', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'value.txt'), 'from a file\n');
    const file = join(dir, 'session.md');
    const text = [
      '<!-- doctest: skip -->',
      '```console',
      '$ this-command-does-not-exist',
      '```',
      '',
      '```sh-session',
      '$ NAME=carried',
      '$ echo "$NAME" \\',
      '    and continued',
      'carried and continued',
      '$ cat value.txt',
      'from a file',
      '$ docker swarm init --advertise-addr 127.0.0.1 >/dev/null && tsecret secret create s value.txt',
      '...',
      '$ docker secret ls --format "{{.Name}}"',
      's',
      '```',
      '',
      '```shell-session',
      '$ tsecret secret ls -q',
      '...',
      '```',
      '',
    ].join('\n');
    writeFileSync(file, text);
    const r = await spawnCli(['doctest', file]);
    expect(r).toEqual({ stdout: '7 commands, 6 passed, 0 failed, 1 skipped\n', stderr: '', exit: 0 });
  });

  it('binds docker and tsecret to the docker on PATH with --engine docker, on no state of its own', async () => {
    const dir = tempDir();
    // a stand-in for the real engine: says how it was called, and which state it would see
    writeFileSync(join(dir, 'docker'), '#!/bin/sh\necho "docker $* (state: ${TSECRET_STATE:-none})"\n', { mode: 0o755 });
    const file = join(dir, 'engine.md');
    writeFileSync(file, '```console\n$ docker secret ls\ndocker secret ls (state: none)\n$ tsecret info\ndocker info (state: none)\n```\n');
    const env = { PATH: `${dir}:${process.env.PATH}`, TSECRET_STATE: '' };
    expect(await spawnCli(['doctest', '--engine', 'docker', file], { env })).toEqual({
      stdout: '2 commands, 2 passed, 0 failed, 0 skipped\n',
      stderr: '',
      exit: 0,
    });
    // against tsecret, the same file fails: its docker is tsecret
    expect((await spawnCli(['doctest', file], { env })).exit).toBe(1);
  });

  it('reports a file it cannot read in one line, and goes on with the others', async () => {
    const dir = tempDir();
    const ok = join(dir, 'ok.md');
    writeFileSync(ok, '```console\n$ echo ok\nok\n```\n');
    const r = await spawnCli(['doctest', join(dir, 'missing.md'), ok]);
    expect(r).toEqual({
      stdout: '1 command, 1 passed, 0 failed, 0 skipped\n',
      stderr: `tsecret doctest: cannot read ${join(dir, 'missing.md')}: no such file or directory\n`,
      exit: 1,
    });
  });

  it('refuses an engine it does not know, as a flag error', async () => {
    const r = await spawnCli(['doctest', '--engine', 'podman', 'x.md']);
    expect(r.exit).toBe(125);
    expect(r.stderr).toMatch(/^invalid argument "podman" for "--engine" flag: must be one of "tsecret", "docker"\n/);
  });
});
