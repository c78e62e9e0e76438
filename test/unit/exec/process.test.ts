/**
 * runProcess as docker exec starts it: start failures with the daemon's texts, users, binary
 * safety. The OCI texts were recorded from `docker exec` against the engine on this machine
 * (docker CLI 28.2.2, engine 20.10.24, runc 1.1.5): they go to stdout and end in "\r\n".
 */
import { describe, expect, it } from 'vitest';
import { SimFS } from '../../../src/engine/exec/filesystem.js';
import { badWorkdir, missingExecutable, notExecutable, resolveExecUser } from '../../../src/engine/exec/process.js';
import { ALL_BYTES, buildWorld, DOCKER_ENV, HOSTNAME, runInWorld, runProcessInWorld } from './world.js';

const run = runInWorld;

const OCI = 'OCI runtime exec failed: exec failed: unable to start container process: ';

describe('start failures (docker exec)', () => {
  it('missing command on $PATH', () => {
    const r = missingExecutable('nope');
    expect(r.stdout.toString()).toBe(`${OCI}exec: "nope": executable file not found in $PATH: unknown\r\n`);
    expect(r.stderr.length).toBe(0);
    expect(r.exitCode).toBe(127);
    expect(run(['nope'])).toMatchObject({ stdout: r.stdout.toString(), stderr: '', exitCode: 127 });
  });
  it('missing absolute and relative paths', () => {
    expect(missingExecutable('/nope').stdout.toString()).toBe(`${OCI}exec: "/nope": stat /nope: no such file or directory: unknown\r\n`);
    expect(run(['./nope']).stdout).toBe(`${OCI}exec: "./nope": stat ./nope: no such file or directory: unknown\r\n`);
  });
  it('a directory or a file without an execute bit: permission denied, 126', () => {
    expect(run(['/tmp'])).toMatchObject({ stdout: `${OCI}exec: "/tmp": permission denied: unknown\r\n`, exitCode: 126 });
    expect(run(['/etc/passwd'])).toMatchObject({ stdout: notExecutable('/etc/passwd').stdout.toString(), exitCode: 126 });
  });
  it('PATH comes from the container environment', () => {
    expect(run(['cat', '/etc/hostname'], { env: { PATH: '/x' } }).stdout).toBe(
      `${OCI}exec: "cat": executable file not found in $PATH: unknown\r\n`,
    );
    expect(run(['cat', '/etc/hostname'], { env: {} }).exitCode).toBe(127);
    expect(run(['/bin/cat', '/etc/hostname'], { env: {} }).stdout).toBe(`${HOSTNAME}\n`);
  });
  it('a text file without #!: runc reports exec format error on stderr, exit 1', () => {
    expect(run(['/data/run.sh'])).toMatchObject({ stdout: '', stderr: 'exec /data/run.sh: exec format error\n', exitCode: 1 });
  });
  it('a #! script runs through its interpreter', () => {
    const fs = buildWorld();
    fs.writeFile('/usr/local/bin/show', '#!/bin/sh\necho "$0 $1"; cat /run/secrets/userpw\n', { mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });
    expect(run(['show', 'arg'], { fs })).toMatchObject({ stdout: '/usr/local/bin/show arg\nuserpass123\n', exitCode: 0 });
  });
  it('a bad working directory', () => {
    expect(run(['pwd'], { cwd: '/nope' }).stdout).toBe(
      `${OCI}chdir to cwd ("/nope") set in config.json failed: no such file or directory: unknown\r\n`,
    );
    expect(badWorkdir('/etc/passwd', 'ENOTDIR').stdout.toString()).toBe(
      `${OCI}chdir to cwd ("/etc/passwd") set in config.json ` +
        'failed: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the ' +
        'specified host path exists and is the expected type\r\n',
    );
    expect(run(['sh', '-c', 'pwd'], { cwd: '/etc/passwd' }).exitCode).toBe(126);
    expect(run(['sh', '-c', 'pwd; ls'], { cwd: '/run/secrets' }).stdout).toBe(
      '/run/secrets\nall256\nbig\ndb_pw\nmy_first_secured_secret\nuserpw\nwww\n',
    );
  });
});

describe('resolveExecUser (docker exec -u)', () => {
  const fs = buildWorld();
  it('names and numbers, with groups from /etc/group', () => {
    expect(resolveExecUser(fs, undefined)).toEqual({ uid: 0, gid: 0, user: 'root', home: '/root', groups: [0] });
    expect(resolveExecUser(fs, 'www-data')).toEqual({ uid: 33, gid: 33, user: 'www-data', home: '/var/www', groups: [33, 2000] });
    expect(resolveExecUser(fs, '33')).toMatchObject({ uid: 33, gid: 33, user: 'www-data' });
    expect(resolveExecUser(fs, '1000')).toEqual({ uid: 1000, gid: 0, user: '1000', home: '/', groups: [0] });
    expect(resolveExecUser(fs, '1000:1000')).toEqual({ uid: 1000, gid: 1000, user: '1000', home: '/', groups: [1000] });
    expect(resolveExecUser(fs, 'mysql:www-data')).toMatchObject({ uid: 999, gid: 33, groups: [33] });
  });
  it("unknown names fail with runc's message (stdout, exit 126)", () => {
    const u = resolveExecUser(fs, 'nobodyx');
    expect('error' in u && u.error.stdout.toString()).toBe('unable to find user nobodyx: no matching entries in passwd file\r\n');
    const g = resolveExecUser(fs, '0:nogroupx');
    expect('error' in g && [g.error.stdout.toString(), g.error.exitCode]).toEqual([
      'unable to find group nogroupx: no matching entries in group file\r\n',
      126,
    ]);
  });
  it('the resolved user drives permissions and id', () => {
    const u = resolveExecUser(fs, 'www-data');
    if ('error' in u) throw new Error('unexpected');
    const r = run(['sh', '-c', 'id; cat /run/secrets/www; cat /run/secrets/userpw'], {
      uid: u.uid,
      gid: u.gid,
      groups: u.groups,
      user: u.user,
    });
    expect(r.stdout).toBe('uid=33(www-data) gid=33(www-data) groups=33(www-data),2000(secrets)\nwww only\n');
    expect(r.stderr).toBe('cat: /run/secrets/userpw: Permission denied\n');
    expect(r.exitCode).toBe(1);
    // Without an explicit list, the groups come from /etc/group for ctx.user.
    expect(run(['id', '-G'], { uid: 33, gid: 33, user: 'www-data' }).stdout).toBe('33 2000\n');
  });
});

describe('binary safety', () => {
  it('cat returns all 256 byte values unchanged', () => {
    expect(Buffer.compare(runProcessInWorld(['cat', '/run/secrets/all256']).stdout, ALL_BYTES)).toBe(0);
  });
  it('through sh -c, pipes and redirections', () => {
    expect(Buffer.compare(runProcessInWorld(['sh', '-c', 'cat /run/secrets/all256 | cat']).stdout, ALL_BYTES)).toBe(0);
    expect(Buffer.compare(runProcessInWorld(['bash', '-c', 'cat /run/secrets/all256 > /tmp/c; cat /tmp/c']).stdout, ALL_BYTES)).toBe(0);
    expect(Buffer.compare(runProcessInWorld(['cat'], { stdin: ALL_BYTES }).stdout, ALL_BYTES)).toBe(0);
  });
  it('a secret written by the CLI with arbitrary bytes reads back identically', () => {
    const fs = buildWorld();
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    fs.writeFile('/run/secrets/blob', bytes, { mode: 0o444, uid: 0, gid: 0, mtimeMs: 0 });
    fs.markReadOnly('/run/secrets/blob');
    expect(Buffer.compare(runProcessInWorld(['cat', '/run/secrets/blob'], { fs }).stdout, bytes)).toBe(0);
    expect(run(['wc', '-c', '/run/secrets/blob'], { fs }).stdout).toBe('4096 /run/secrets/blob\n');
  });
  it('UTF-8 in argv and the environment passes through as bytes', () => {
    expect(runProcessInWorld(['printenv', 'GREETING'], { env: { ...DOCKER_ENV, GREETING: 'héllo ✓' } }).stdout.toString('utf8')).toBe(
      'héllo ✓\n',
    );
    expect(runProcessInWorld(['echo', 'ünï'], {}).stdout.toString('utf8')).toBe('ünï\n');
  });
});

describe('state the container keeps between execs', () => {
  it('files written by one exec are there for the next (same SimFS)', () => {
    const fs = buildWorld();
    expect(run(['sh', '-c', 'echo note > /tmp/n'], { fs }).exitCode).toBe(0);
    expect(run(['stat', '-c', '%a %U %s', '/tmp/n'], { fs }).stdout).toBe('644 root 5\n');
    expect(run(['cat', '/tmp/n'], { fs }).stdout).toBe('note\n');
    const n = fs.lookup('/tmp/n', '/');
    expect(n && n.kind === 'file' && n.data.toString()).toBe('note\n');
  });
  it('a file created by a non-root user is owned by it; ls shows it as recent', () => {
    const fs = buildWorld();
    run(['sh', '-c', 'echo x > /tmp/mine'], { fs, uid: 1000, gid: 1000 });
    expect(run(['ls', '-ln', '/tmp'], { fs }).stdout).toBe('total 4\n-rw-r--r-- 1 1000 1000 2 Nov 28 12:00 mine\n');
  });
  it('secret files stay read-only even for root, bash and dash word it their way', () => {
    const fs = buildWorld();
    expect(run(['bash', '-c', 'echo x >> /run/secrets/my_first_secured_secret'], { fs })).toMatchObject({
      stderr: 'bash: line 1: /run/secrets/my_first_secured_secret: Read-only file system\n',
      exitCode: 1,
    });
    expect(run(['sh', '-c', 'echo x > /custom/path'], { fs })).toMatchObject({
      stderr: 'sh: 1: cannot create /custom/path: Read-only file system\n',
      exitCode: 2,
    });
    expect(run(['cat', '/run/secrets/my_first_secured_secret'], { fs }).stdout).toBe('This is my first secured secret\n');
    expect(run(['test', '-w', '/run/secrets/my_first_secured_secret'], { fs }).exitCode).toBe(1);
  });
});

describe('robustness', () => {
  it('an empty filesystem and empty argv do not throw', () => {
    const fs = new SimFS();
    expect(run(['cat'], { fs }).exitCode).toBe(127);
    expect(run([], { fs }).exitCode).toBe(127);
  });
  it('the stdin of exec -i reaches the command', () => {
    expect(run(['wc', '-l'], { stdin: Buffer.from('a\nb\n') }).stdout).toBe('2\n');
    expect(run(['sh'], { stdin: Buffer.from('echo from script\nexit 4\n') })).toMatchObject({ stdout: 'from script\n', exitCode: 4 });
  });
});

describe('a pseudo-TTY (docker exec -t)', () => {
  it('joins stderr to stdout in write order and turns every \\n into \\r\\n', () => {
    expect(run(['sh', '-c', 'echo err >&2; echo out; cat /nope; exit 4'], { tty: true })).toMatchObject({
      stdout: 'err\r\nout\r\ncat: /nope: No such file or directory\r\n',
      stderr: '',
      exitCode: 4,
    });
    expect(run(['printf', 'a\\nb'], { tty: true }).stdout).toBe('a\r\nb');
  });
  it('leaves the streams apart without one', () => {
    expect(run(['sh', '-c', 'echo err >&2; echo out'])).toMatchObject({ stdout: 'out\n', stderr: 'err\n' });
  });
});
