// The built CLI as a user runs it: the README's quick-start command (the seed walkthrough's secret
// and service parts), a first-secret round trip, and the process around a command (a reader that
// goes away, the code cache).

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, repoRoot, spawnCli, tempDir } from '../helpers/run.js';

describe('built CLI', () => {
  it('runs the demo on a throwaway state and leaves the user state alone', async () => {
    const home = tempDir();
    const r = await spawnCli(['demo'], { env: { HOME: home, XDG_STATE_HOME: '', TSECRET_STATE: '' } });
    expect(r.exit).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('$ tsecret secret ls\nID ');
    expect(r.stdout).toContain(
      'Error response from daemon: rpc error: code = AlreadyExists desc = secret MY_FIRST_SECURED_SECRET already exists\n(exit code 1)\n',
    );
    expect(r.stdout).toContain('Node left the swarm.\n');
    // the value shows only where docker shows it: read back inside the task container
    const cid = /\$ echo \$CID\n([0-9a-f]{12})\n/.exec(r.stdout)?.[1];
    expect(cid).toBeDefined();
    expect(r.stdout.split('This is my first secured secret\n')).toHaveLength(2);
    expect(r.stdout).toContain('$ tsecret container exec $CID cat /run/secrets/my_first_secured_secret\nThis is my first secured secret\n');
    expect(r.stdout).toContain('is in use by the following service: nginx\n(exit code 1)\n');
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

describe('built CLI: the process around a command', () => {
  it("goes quiet when its reader goes away, with the status Go's SIGPIPE gives (no stack trace)", async () => {
    const env = { ...process.env, TSECRET_STATE: join(tempDir(), 'state.json') };
    expect((await spawnCli(['swarm', 'init', '--advertise-addr', '127.0.0.1'], { env })).exit).toBe(0);
    const child = spawn(process.execPath, ['--', builtCli, 'secret', 'ls'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before tsecret writes its table
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 141, stderr: '' });
  });

  it('does the same when the reader of stderr goes away', async () => {
    const env = { ...process.env, TSECRET_STATE: join(tempDir(), 'state.json') };
    const child = spawn(process.execPath, ['--', builtCli, 'secret', 'inspect', 'nosuch'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr.destroy(); // docker prints `[]`, then its error would go there
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stdout }).toEqual({ code: 141, stdout: '[]\n' });
  });

  // bin/tsecret.cjs runs the bundle with the V8 code cache the build made; V8 checks that a cache
  // fits (node version, flags) and falls back to compiling. A copy of the install shows both ways.
  function installCopy(): string {
    const dir = tempDir();
    cpSync(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
    return dir;
  }

  it.each([
    ['a damaged cache', (dir: string) => writeFileSync(join(dir, 'dist', 'tsecret.cjs.cache'), 'not a V8 code cache')],
    ['no cache', (dir: string) => rmSync(join(dir, 'dist', 'tsecret.cjs.cache'))],
  ])('works the same with %s', async (_what, damage) => {
    const dir = installCopy();
    damage(dir);
    const env = { ...process.env, TSECRET_STATE: join(dir, 'state.json') };
    const run = (args: string[], stdin = '') =>
      spawnSync(process.execPath, ['--', join(dir, 'bin', 'tsecret.cjs'), ...args], { env, input: stdin, encoding: 'utf8' });
    expect(run(['swarm', 'init', '--advertise-addr', '127.0.0.1']).status).toBe(0);
    const created = run(['secret', 'create', 'cached', '-'], 'v');
    expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run(['secret', 'ls', '--format', '{{.Name}}'])).toMatchObject({ status: 0, stdout: 'cached\n', stderr: '' });
  });

  it('says in one line that a checkout without a build must be built', () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
    const r = spawnSync(process.execPath, ['--', join(dir, 'bin', 'tsecret.cjs'), 'secret', 'ls'], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `tsecret: ${join(dir, 'dist', 'tsecret.cjs')} is missing: run \`npm run build\`\n`,
    });
  });

  // the README's quick start is `npm ci && npm link --ignore-scripts`, then `tsecret ...`: npm ci
  // runs the package's own prepare script (and npm pack does), so that is where the build belongs
  it('is built by npm ci, as the quick start expects', async () => {
    const { scripts } = (await import('../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };
    expect(scripts.prepare).toBe('node scripts/build.mjs');
  });

  // package.json declares no dependencies: everything the CLI loads is in dist/ (bundled), so the
  // packed package must run with nothing installed beside it
  it('packs bin, dist, the README and package.json, and runs from the tarball alone', () => {
    const dir = tempDir();
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(packed.status).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual(['README.md', 'bin/tsecret.cjs', 'package.json']);
    expect(paths).toEqual(expect.arrayContaining(['dist/tsecret.cjs', 'dist/tsecret.cjs.cache', 'dist/tsecret.json']));
    expect(spawnSync('tar', ['-xzf', join(dir, filename), '-C', dir]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    const env = { ...process.env, TSECRET_STATE: join(dir, 'state.json'), NODE_PATH: '' };
    const run = (args: string[], stdin = '') =>
      spawnSync(process.execPath, ['--', join(dir, 'package', 'bin', 'tsecret.cjs'), ...args], { env, input: stdin, encoding: 'utf8' });
    expect(run(['swarm', 'init', '--advertise-addr', '127.0.0.1']).status).toBe(0);
    expect(run(['secret', 'create', 'packed', '-'], 'v').status).toBe(0);
    expect(run(['secret', 'ls', '--format', '{{.Name}} {{upper .Name}}'])).toMatchObject({
      status: 0,
      stdout: 'packed PACKED\n',
      stderr: '',
    });
    writeFileSync(join(dir, 'compose.yml'), 'services:\n  web:\n    image: nginx\n');
    expect(run(['stack', 'deploy', '--resolve-image', 'never', '-c', join(dir, 'compose.yml'), 'packed']).status).toBe(0);
    expect(run(['stack', 'ls'])).toMatchObject({ status: 0, stdout: 'NAME      SERVICES\npacked    1\n' });
  });

  it('has a code cache from the build that this node accepts', () => {
    const require = createRequire(import.meta.url);
    const { loadBundle } = require(join(repoRoot, 'bin', 'tsecret.cjs')) as {
      loadBundle: () => { script: { cachedDataRejected?: boolean } };
    };
    expect(existsSync(join(repoRoot, 'dist', 'tsecret.cjs.cache'))).toBe(true);
    expect(loadBundle().script.cachedDataRejected).toBe(false);
  });
});
