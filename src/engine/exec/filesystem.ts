/**
 * A tiny in-memory filesystem for the simulated task container: regular files and directories
 * only (no symlinks, devices or hard links), permission bits, owners and one mtime per node.
 * Path resolution follows the kernel's rules closely enough for coreutils' error texts
 * (ENOENT, ENOTDIR, EACCES on search permission, trailing slashes).
 */

import { GROUP, PASSWD } from './etc-files.js';

export interface SimFile {
  kind: 'file';
  data: Buffer;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
}
export interface SimDir {
  kind: 'dir';
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  entries: Map<string, SimNode>;
}
export type SimNode = SimFile | SimDir;

export interface NodeAttrs {
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
}

/** The caller's credentials, for permission checks (root bypasses read/write checks as CAP_DAC_OVERRIDE does). */
export interface Cred {
  uid: number;
  gid: number;
  groups: number[];
}
export const ROOT: Cred = { uid: 0, gid: 0, groups: [0] };

export type Errno = 'ENOENT' | 'ENOTDIR' | 'EACCES' | 'EISDIR' | 'EROFS' | 'EEXIST' | 'ENOEXEC';
export const ERRNO_TEXT: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOEXEC: 'Exec format error',
};

export interface Resolved {
  node?: SimNode;
  /** Absolute, normalized path of what was reached (or would be created). */
  abs: string;
  /** Parent directory of the last component, when the walk reached it. */
  parent?: SimDir;
  name: string;
  err?: Errno;
}

/** Device numbers shown by stat: the container's overlay root and the tmpfs of read-only mounts. */
export const ROOT_DEVICE = { major: 0, minor: 45 };
export const MOUNT_DEVICE = { major: 0, minor: 52 };

export const S_IFMT = { file: 0o100000, dir: 0o040000 } as const;

export function dir(attrs: NodeAttrs, entries: Record<string, SimNode> = {}): SimDir {
  return { kind: 'dir', ...attrs, entries: new Map(Object.entries(entries)) };
}
export function file(data: string | Buffer, attrs: NodeAttrs): SimFile {
  return { kind: 'file', data: typeof data === 'string' ? Buffer.from(data) : data, ...attrs };
}

export function canAccess(node: SimNode, cred: Cred, want: 'r' | 'w' | 'x'): boolean {
  const bit = want === 'r' ? 4 : want === 'w' ? 2 : 1;
  if (cred.uid === 0) return want !== 'x' || node.kind === 'dir' || (node.mode & 0o111) !== 0;
  const shift = node.uid === cred.uid ? 6 : cred.groups.includes(node.gid) || node.gid === cred.gid ? 3 : 0;
  return ((node.mode >> shift) & bit) !== 0;
}

/** Lexical join of cwd and path into an absolute normalized path (used for display and mounts). */
export function absPath(path: string, cwd: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export class SimFS {
  readonly root: SimDir;
  /** Mount points (absolute paths) of read-only mounts, e.g. each /run/secrets/<target>. */
  readonly readOnly = new Set<string>();
  /**
   * Directories that come from the image's layers: overlayfs shows them with a link count of 1
   * (`drwxr-xr-x 1 root root ... ..` in a container), while directories created in the
   * container, such as /run/secrets, show their real count.
   */
  readonly imageDirs = new WeakSet<SimDir>();
  private readonly inodes = new WeakMap<SimNode, number>();
  private nextInode = 1_048_577;

  constructor(root?: SimDir) {
    this.root = root ?? dir({ mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });
  }

  /**
   * A minimal Debian 12 (bookworm) root filesystem as the official images have it. Its directories
   * are image-layer directories (see imageDirs) unless `imageLayer: false`.
   */
  static debianBase(opts: { hostname: string; nowMs: number; imageLayer?: boolean }): SimFS {
    const t = opts.nowMs;
    const root = (mode: number) => ({ mode, uid: 0, gid: 0, mtimeMs: t });
    const fs = new SimFS(dir(root(0o755)));
    for (const d of [
      '/bin',
      '/boot',
      '/dev',
      '/etc',
      '/home',
      '/lib',
      '/media',
      '/mnt',
      '/opt',
      '/proc',
      '/root',
      '/run',
      '/sbin',
      '/srv',
      '/sys',
      '/tmp',
      '/usr',
      '/usr/bin',
      '/usr/lib',
      '/usr/local',
      '/usr/local/bin',
      '/usr/local/sbin',
      '/usr/sbin',
      '/usr/share',
      '/var',
      '/var/cache',
      '/var/lib',
      '/var/log',
      '/var/tmp',
    ]) {
      fs.mkdirp(d, d === '/root' ? 0o700 : d === '/tmp' || d === '/var/tmp' ? 0o1777 : d === '/proc' ? 0o555 : 0o755, 0, 0, t);
    }
    fs.mkdirp('/var/www', 0o755, 0, 0, t);
    fs.mkdirp('/run/lock', 0o1777, 0, 0, t);
    fs.writeFile('/dev/null', '', root(0o666)); // a character device in reality; reads empty, writes vanish
    fs.writeFile('/etc/passwd', PASSWD, { ...root(0o644) });
    fs.writeFile('/etc/group', GROUP, root(0o644));
    fs.writeFile('/etc/hostname', `${opts.hostname}\n`, root(0o644));
    fs.writeFile(
      '/etc/hosts',
      `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n` +
        `fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n` +
        `10.0.0.3\t${opts.hostname}\n`,
      root(0o644),
    );
    fs.writeFile('/etc/debian_version', '12.11\n', root(0o644));
    fs.writeFile(
      '/etc/os-release',
      [
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
        'NAME="Debian GNU/Linux"',
        'VERSION_ID="12"',
        'VERSION="12 (bookworm)"',
        'VERSION_CODENAME=bookworm',
        'ID=debian',
        'HOME_URL="https://www.debian.org/"',
        'SUPPORT_URL="https://www.debian.org/support"',
        'BUG_REPORT_URL="https://bugs.debian.org/"',
        '',
      ].join('\n'),
      root(0o644),
    );
    fs.writeFile('/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n', root(0o644));
    fs.writeFile('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n', root(0o644));
    // Executables: placeholders whose basename selects the simulated implementation.
    for (const name of EXECUTABLES) {
      for (const d of ['/bin', '/usr/bin']) fs.writeFile(`${d}/${name}`, `#!simulated ${name}\n`, root(0o755));
    }
    if (opts.imageLayer !== false) {
      const mark = (d: SimDir) => {
        fs.imageDirs.add(d);
        for (const e of d.entries.values()) if (e.kind === 'dir') mark(e);
      };
      mark(fs.root);
    }
    return fs;
  }

  inode(node: SimNode): number {
    let ino = this.inodes.get(node);
    if (ino === undefined) this.inodes.set(node, (ino = this.nextInode++));
    return ino;
  }

  markReadOnly(path: string): void {
    this.readOnly.add(absPath(path, '/'));
  }

  /** Mount points of writable mounts inside a read-only one (a tmpfs under a read-only root). */
  readonly writable = new Set<string>();
  markWritable(path: string): void {
    this.writable.add(absPath(path, '/'));
  }

  /** True when the innermost mount abs lies on (or under) is read-only. */
  isReadOnly(abs: string): boolean {
    const under = (m: string) => abs === m || abs.startsWith(m === '/' ? '/' : m + '/');
    let depth = -1;
    let ro = false;
    for (const m of this.readOnly)
      if (under(m) && m.length > depth) {
        depth = m.length;
        ro = true;
      }
    for (const m of this.writable)
      if (under(m) && m.length > depth) {
        depth = m.length;
        ro = false;
      }
    return ro;
  }

  /** Walks path from cwd, checking search permission on every directory crossed. */
  resolve(path: string, cwd: string, cred: Cred = ROOT): Resolved {
    if (path === '') return { abs: '', name: '', err: 'ENOENT' };
    const full = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
    const comps = full.split('/').filter((c) => c !== '');
    const trailingSlash = /\/$/.test(path) && comps.length > 0;
    const stack: SimDir[] = [];
    const names: string[] = [];
    let cur: SimNode = this.root;
    for (let i = 0; i < comps.length; i++) {
      const c = comps[i];
      if (cur.kind !== 'dir') return { abs: '/' + names.join('/'), name: c, err: 'ENOTDIR' };
      if (!canAccess(cur, cred, 'x')) return { abs: '/' + names.join('/'), name: c, err: 'EACCES' };
      if (c === '.') continue;
      if (c === '..') {
        cur = stack.pop() ?? this.root;
        names.pop();
        continue;
      }
      const next: SimNode | undefined = cur.entries.get(c);
      const abs = '/' + [...names, c].join('/');
      if (!next) return { abs, parent: i === comps.length - 1 ? cur : undefined, name: c, err: 'ENOENT' };
      stack.push(cur);
      names.push(c);
      cur = next;
    }
    const abs = '/' + names.join('/');
    if (trailingSlash && cur.kind !== 'dir') return { abs, node: cur, name: names[names.length - 1] ?? '', err: 'ENOTDIR' };
    return { abs, node: cur, parent: stack[stack.length - 1], name: names[names.length - 1] ?? '' };
  }

  lookup(path: string, cwd: string): SimNode | undefined {
    const r = this.resolve(path, cwd);
    return r.err ? undefined : r.node;
  }

  /**
   * Creates path and any missing parents (existing directories are left as they are; a directory
   * that gains an entry takes mtimeMs as its modification time, as with mkdir(2)).
   */
  mkdirp(path: string, mode: number, uid: number, gid: number, mtimeMs: number): SimDir {
    let cur = this.root;
    for (const c of absPath(path, '/').split('/').filter(Boolean)) {
      let next = cur.entries.get(c);
      if (!next) {
        cur.entries.set(c, (next = dir({ mode, uid, gid, mtimeMs })));
        cur.mtimeMs = mtimeMs;
      }
      if (next.kind !== 'dir') throw new Error(`mkdirp: ${path}: not a directory`);
      cur = next;
    }
    return cur;
  }

  /** Creates or replaces a file; missing parent directories are created 0755 root-owned. */
  writeFile(path: string, data: Buffer | string, attrs: NodeAttrs): SimFile {
    const abs = absPath(path, '/');
    const slash = abs.lastIndexOf('/');
    const parent = this.mkdirp(abs.slice(0, slash) || '/', 0o755, 0, 0, attrs.mtimeMs);
    const f = file(data, attrs);
    if (!parent.entries.has(abs.slice(slash + 1))) parent.mtimeMs = attrs.mtimeMs;
    parent.entries.set(abs.slice(slash + 1), f);
    return f;
  }
}

/** The simulated executables; Debian 12 merges /bin into /usr/bin, so each exists in both. */
export const EXECUTABLES = [
  '[',
  'bash',
  'cat',
  'dash',
  'echo',
  'env',
  'false',
  'head',
  'hostname',
  'id',
  'ls',
  'printenv',
  'printf',
  'pwd',
  'sh',
  'stat',
  'test',
  'true',
  'wc',
  'whoami',
];
