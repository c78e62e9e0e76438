/** What a simulated command sees of its process: fs, credentials, environment and standard streams. */
import { type Cred, canAccess, ERRNO_TEXT, type Errno, type SimFS, type SimNode } from './filesystem.js';

export interface Sys {
  /** The programs the image provides, by basename (what execve can run). */
  programs: Record<string, Command>;
  fs: SimFS;
  env: Record<string, string>;
  cwd: string;
  cred: Cred;
  hostname: string;
  nowMs: number;
  stdin: Buffer;
  /** argv[0] as invoked: GNU tools print it verbatim in their messages (`/bin/cat: x: ...`). */
  prog: string;
  out(data: Buffer | string): void;
  err(data: Buffer | string): void;
  /** execvp(): runs another simulated executable with this process's streams (used by env, sh). */
  exec(argv: string[], env: Record<string, string>, cwd?: string): { code: number } | { errno: Errno };
}

export type Command = (args: string[], sys: Sys) => number;

/** Writes `prog: msg\n` to stderr. */
export function complain(sys: Sys, msg: string): void {
  sys.err(`${sys.prog}: ${msg}\n`);
}
export function errnoText(e: Errno): string {
  return ERRNO_TEXT[e];
}

/** gnulib's shell-escape quoting: quotef (only when needed) and quoteaf (always). */
export function quoteShell(s: string, always = false): string {
  if (!always && s !== '' && /^[A-Za-z0-9%+,\-./:=@_^]+$/.test(s) && !/^[~#]/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  const ctrl = /[\x00-\x1f\x7f]/;
  if (!ctrl.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  let out = '';
  let inQuote = false;
  for (const ch of s) {
    if (ctrl.test(ch)) {
      const esc: Record<string, string> = { '\n': 'n', '\t': 't', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v', '\x07': 'a' };
      const e = esc[ch] ?? ch.charCodeAt(0).toString(8).padStart(3, '0');
      out += `${inQuote ? "'" : ''}$'\\${e}'`;
      inQuote = false;
    } else {
      if (!inQuote) {
        out += "'";
        inQuote = true;
      }
      out += ch === "'" ? `'\\''` : ch;
    }
  }
  return out + (inQuote ? "'" : '');
}
/** gnulib's locale quoting in the C locale: 'x' with C-style backslash escapes. */
export function quoteLocale(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${s.replace(/\\/g, '\\\\').replace(/[\x00-\x1f\x7f]/g, (c) => {
    const esc: Record<string, string> = { '\n': 'n', '\t': 't', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v', '\x07': 'a' };
    return '\\' + (esc[c] ?? c.charCodeAt(0).toString(8).padStart(3, '0'));
  })}'`;
}

/** open(path, O_RDONLY): the node, or the errno (a directory opens fine; reading it gives EISDIR). */
export function open(sys: Sys, path: string): { node: SimNode } | { errno: Errno } {
  const r = sys.fs.resolve(path, sys.cwd, sys.cred);
  if (r.err || !r.node) return { errno: r.err ?? 'ENOENT' };
  if (!canAccess(r.node, sys.cred, 'r')) return { errno: 'EACCES' };
  return { node: r.node };
}
/** open + read of a whole file, errors as cat reports them. */
export function openRead(sys: Sys, path: string): { data: Buffer } | { errno: Errno } {
  const r = open(sys, path);
  if ('errno' in r) return r;
  return r.node.kind === 'dir' ? { errno: 'EISDIR' } : { data: r.node.data };
}

// ---- users and groups from /etc/passwd and /etc/group ----

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}
export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readText(fs: SimFS, path: string): string {
  const n = fs.lookup(path, '/');
  return n && n.kind === 'file' ? n.data.toString('latin1') : '';
}
export function passwd(fs: SimFS): PasswdEntry[] {
  return readText(fs, '/etc/passwd')
    .split('\n')
    .filter((l) => l.includes(':'))
    .map((l) => {
      const f = l.split(':');
      return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' };
    });
}
export function groups(fs: SimFS): GroupEntry[] {
  return readText(fs, '/etc/group')
    .split('\n')
    .filter((l) => l.includes(':'))
    .map((l) => {
      const f = l.split(':');
      return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
    });
}
export function userName(fs: SimFS, uid: number): string | undefined {
  return passwd(fs).find((p) => p.uid === uid)?.name;
}
export function groupName(fs: SimFS, gid: number): string | undefined {
  return groups(fs).find((g) => g.gid === gid)?.name;
}
/** The supplementary groups initgroups() gives a user: the primary gid plus every group listing the name. */
export function userGroups(fs: SimFS, name: string | undefined, gid: number): number[] {
  const out = [gid];
  if (name) for (const g of groups(fs)) if (g.members.includes(name) && !out.includes(g.gid)) out.push(g.gid);
  return out;
}

// ---- time formatting (containers run in UTC) ----

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `ls -l` date: `Nov 28 10:00` within six months of now, else `Nov 28  2025`. */
export function lsDate(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const halfYearMs = (31556952 / 2) * 1000;
  // GNU re-reads the clock for files that look newer than its start; our clock is frozen, hence <=.
  const recent = nowMs - halfYearMs < mtimeMs && mtimeMs <= nowMs;
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}`;
  return recent ? `${head} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : `${head}  ${d.getUTCFullYear()}`;
}

/** stat's `2026-11-28 05:57:12.123000000 +0000`. */
export function statDate(ms: number): string {
  const d = new Date(ms);
  const ns = String((((ms % 1000) + 1000) % 1000) * 1_000_000).padStart(9, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${ns} +0000`
  );
}

/** Symbolic mode as `ls -l` and stat %A print it: `-rw-r--r--`, `drwxrwxrwt`. */
export function modeString(node: SimNode): string {
  const m = node.mode;
  const rwx = (shift: number, special: number, ch: string) => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = m & (1 << shift);
    const s = m & special;
    return r + w + (s ? (x ? ch : ch.toUpperCase()) : x ? 'x' : '-');
  };
  return (node.kind === 'dir' ? 'd' : '-') + rwx(6, 0o4000, 's') + rwx(3, 0o2000, 's') + rwx(0, 0o1000, 't');
}

/** 512-byte blocks allocated, as st_blocks reports for files on ext4/tmpfs (4 KiB allocation unit). */
export function blocks512(node: SimNode): number {
  return node.kind === 'dir' ? 8 : Math.ceil(node.data.length / 4096) * 8;
}
export function nodeSize(node: SimNode): number {
  return node.kind === 'dir' ? 4096 : node.data.length;
}
/** Link count; overlayfs reports 1 for directories merged from image layers. */
export function nlink(fs: SimFS, node: SimNode): number {
  if (node.kind === 'file') return 1;
  if (fs.imageDirs.has(node)) return 1;
  let n = 2;
  for (const e of node.entries.values()) if (e.kind === 'dir') n++;
  return n;
}
