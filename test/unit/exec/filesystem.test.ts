/** SimFS: the Debian base tree, path resolution with the kernel's errors, and mounts. */
import { describe, expect, it } from 'vitest';
import { absPath, canAccess, ROOT, SimFS } from '../../../src/engine/exec/filesystem.js';
import { runProcess } from '../../../src/engine/exec/process.js';

const T = Date.UTC(2026, 10, 28, 10, 0, 0);

describe('SimFS.debianBase', () => {
  const fs = SimFS.debianBase({ hostname: 'abc123def456', nowMs: T });
  it('has the Debian users, groups and host files', () => {
    const text = (p: string) => {
      const n = fs.lookup(p, '/');
      return n?.kind === 'file' ? n.data.toString() : undefined;
    };
    for (const u of [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:',
      'bin:x:2:2:',
      'sys:x:3:3:',
      'www-data:x:33:33:',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    ])
      expect(text('/etc/passwd')).toContain(u);
    expect(text('/etc/group')).toContain('www-data:x:33:\n');
    expect(text('/etc/hostname')).toBe('abc123def456\n');
    expect(text('/etc/hosts')).toContain('127.0.0.1\tlocalhost\n');
  });
  it('has the usual directories with their modes', () => {
    const mode = (p: string) => fs.lookup(p, '/')?.mode;
    expect(mode('/tmp')).toBe(0o1777);
    expect(mode('/root')).toBe(0o700);
    expect(mode('/usr/bin')).toBe(0o755);
    expect(fs.lookup('/run/secrets', '/')).toBeUndefined();
  });
  it('provides the simulated executables in /bin and /usr/bin', () => {
    for (const p of ['/bin/sh', '/bin/bash', '/usr/bin/cat', '/bin/cat', '/usr/bin/[', '/usr/bin/env', '/bin/ls']) {
      expect(fs.lookup(p, '/')).toMatchObject({ kind: 'file', mode: 0o755 });
    }
  });
});

describe('path resolution', () => {
  const fs = new SimFS();
  fs.mkdirp('/a/b', 0o755, 0, 0, T);
  fs.writeFile('/a/f', 'data', { mode: 0o600, uid: 0, gid: 0, mtimeMs: T });
  fs.mkdirp('/priv', 0o700, 0, 0, T);
  fs.writeFile('/priv/x', 'x', { mode: 0o644, uid: 0, gid: 0, mtimeMs: T });
  const user = { uid: 1000, gid: 1000, groups: [1000] };
  it('lookup relative to a cwd, with . and ..', () => {
    expect(fs.lookup('f', '/a')).toMatchObject({ kind: 'file' });
    expect(fs.lookup('./b/../f', '/a')).toMatchObject({ kind: 'file' });
    expect(fs.lookup('../../..', '/a/b')).toBe(fs.root);
    expect(fs.lookup('/a/nope', '/')).toBeUndefined();
  });
  it('reports ENOENT, ENOTDIR and EACCES as the kernel does', () => {
    expect(fs.resolve('/a/nope', '/').err).toBe('ENOENT');
    expect(fs.resolve('/nope/x', '/').err).toBe('ENOENT');
    expect(fs.resolve('/a/f/x', '/').err).toBe('ENOTDIR');
    expect(fs.resolve('/a/f/', '/').err).toBe('ENOTDIR');
    expect(fs.resolve('/a/f/..', '/').err).toBe('ENOTDIR');
    expect(fs.resolve('/priv/x', '/', user).err).toBe('EACCES');
    expect(fs.resolve('/priv/x', '/', ROOT).err).toBeUndefined();
    expect(fs.resolve('', '/').err).toBe('ENOENT');
  });
  it('gives the parent of a missing last component (for creating files)', () => {
    const r = fs.resolve('/a/new', '/');
    expect(r.parent).toBe(fs.lookup('/a', '/'));
    expect(r.name).toBe('new');
    expect(r.abs).toBe('/a/new');
    expect(fs.resolve('/nope/new', '/').parent).toBeUndefined();
  });
  it('permission checks: root reads anything, executes only with an x bit', () => {
    const f = fs.lookup('/a/f', '/')!;
    expect(canAccess(f, ROOT, 'r')).toBe(true);
    expect(canAccess(f, ROOT, 'x')).toBe(false);
    expect(canAccess(f, user, 'r')).toBe(false);
    expect(canAccess(fs.lookup('/a', '/')!, user, 'x')).toBe(true);
  });
  it('absPath normalizes lexically', () => {
    expect(absPath('x/../y/./z', '/a')).toBe('/a/y/z');
    expect(absPath('/../..', '/')).toBe('/');
  });
});

describe('writing and mounts', () => {
  it('writeFile creates parents and replaces files; mkdirp keeps existing directories', () => {
    const fs = new SimFS();
    fs.writeFile('/run/secrets/s', Buffer.from([0, 255]), { mode: 0o400, uid: 5, gid: 6, mtimeMs: T });
    expect(fs.lookup('/run/secrets', '/')).toMatchObject({ kind: 'dir', mode: 0o755, uid: 0 });
    expect(fs.lookup('/run/secrets/s', '/')).toMatchObject({ kind: 'file', mode: 0o400, uid: 5, gid: 6, data: Buffer.from([0, 255]) });
    fs.writeFile('/run/secrets/s', 'new', { mode: 0o444, uid: 0, gid: 0, mtimeMs: T });
    expect((fs.lookup('/run/secrets/s', '/') as { data: Buffer }).data.toString()).toBe('new');
    const d = fs.mkdirp('/run', 0o700, 1, 1, 0);
    expect(d.mode).toBe(0o755);
    expect(() => fs.mkdirp('/run/secrets/s/x', 0o755, 0, 0, 0)).toThrow();
  });
  it('read-only mounts cover a path and what is under it', () => {
    const fs = new SimFS();
    fs.markReadOnly('/run/secrets/a');
    fs.markReadOnly('/mnt/ro/');
    expect(fs.isReadOnly('/run/secrets/a')).toBe(true);
    expect(fs.isReadOnly('/run/secrets/ab')).toBe(false);
    expect(fs.isReadOnly('/run/secrets')).toBe(false);
    expect(fs.isReadOnly('/mnt/ro/x/y')).toBe(true);
  });
  it('inode numbers are stable per node', () => {
    const fs = SimFS.debianBase({ hostname: 'h', nowMs: T });
    const a = fs.inode(fs.lookup('/etc/passwd', '/')!);
    expect(fs.inode(fs.lookup('/etc/passwd', '/')!)).toBe(a);
    expect(fs.inode(fs.lookup('/etc/group', '/')!)).not.toBe(a);
  });
});

describe('a task container as swarm builds it (GNU rendering of the real-engine transcript)', () => {
  // real-engine-transcript.md: `docker exec <nginx task> ls -la /run/secrets` (busybox there; GNU here),
  // `ls -ln /run/secrets` and `stat -c "%a %u %g %s %n" /run/secrets /run/secrets/my_first_secured_secret`.
  const start = Date.UTC(2026, 10, 28, 5, 57, 41);
  const fs = SimFS.debianBase({ hostname: '5f0e1c2d3b4a', nowMs: Date.UTC(2026, 10, 20) });
  fs.mkdirp('/run/secrets', 0o755, 0, 0, start);
  fs.writeFile('/run/secrets/my_first_secured_secret', 'This is my first secured secret\n', {
    mode: 0o444,
    uid: 0,
    gid: 0,
    mtimeMs: start,
  });
  fs.markReadOnly('/run/secrets/my_first_secured_secret');
  const run = (...argv: string[]) =>
    runProcess(argv, {
      fs,
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      cwd: '/',
      uid: 0,
      gid: 0,
      user: 'root',
      hostname: '5f0e1c2d3b4a',
      stdin: Buffer.alloc(0),
      nowMs: start + 60_000,
    }).stdout.toString();
  it('image directories show one link (overlayfs); /run/secrets, made in the container, its real count', () => {
    expect(run('/bin/ls', '-la', '/run/secrets')).toBe(
      'total 12\n' +
        'drwxr-xr-x 2 root root 4096 Nov 28 05:57 .\n' +
        'drwxr-xr-x 1 root root 4096 Nov 28 05:57 ..\n' +
        '-r--r--r-- 1 root root   32 Nov 28 05:57 my_first_secured_secret\n',
    );
    expect(run('/bin/ls', '-ln', '/run/secrets')).toBe('total 4\n-r--r--r-- 1 0 0 32 Nov 28 05:57 my_first_secured_secret\n');
    expect(run('/usr/bin/stat', '-c', '%h %n', '/', '/etc', '/run/secrets')).toBe('1 /\n1 /etc\n2 /run/secrets\n');
  });
  it('stat -c as in the transcript', () => {
    expect(run('stat', '-c', '%a %u %g %s %n', '/run/secrets', '/run/secrets/my_first_secured_secret')).toBe(
      '755 0 0 4096 /run/secrets\n444 0 0 32 /run/secrets/my_first_secured_secret\n',
    );
  });
  it('stat of a secret: its own device (a tmpfs mount), no birth time', () => {
    expect(run('stat', '/run/secrets/my_first_secured_secret')).toMatch(
      new RegExp(
        '^  File: /run/secrets/my_first_secured_secret\n' +
          '  Size: 32        \tBlocks: 8          IO Block: 4096   regular file\n' +
          'Device: 0,52\tInode: \\d+ +Links: 1\n' +
          'Access: \\(0444/-r--r--r--\\)  Uid: \\(    0/    root\\)   Gid: \\(    0/    root\\)\n' +
          'Access: 2026-11-28 05:57:41.000000000 \\+0000\nModify: 2026-11-28 05:57:41.000000000 \\+0000\n' +
          'Change: 2026-11-28 05:57:41.000000000 \\+0000\n Birth: -\n$',
      ),
    );
  });
  it('mkdirp and writeFile update the parent directory time like mkdir(2) and creat(2)', () => {
    expect(fs.lookup('/run', '/')!.mtimeMs).toBe(start);
    expect(fs.lookup('/etc', '/')!.mtimeMs).toBe(Date.UTC(2026, 10, 20));
  });
});
