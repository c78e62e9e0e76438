/**
 * GNU ls 9.1 writing to a pipe in the C locale (bytewise sorting, one name per line, literal
 * names): -1 -a -A -d -F -g -G -h -i -l -n -o -p -r -S -t -U, --color=never.
 */
import type { SimNode } from '../filesystem.js';
import { blocks512, complain, errnoText, groupName, lsDate, modeString, nlink, nodeSize, quoteShell, type Sys, userName } from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

interface Entry {
  name: string;
  node: SimNode;
}
interface Flags {
  all: boolean;
  almostAll: boolean;
  dirsAsFiles: boolean;
  long: boolean;
  numeric: boolean;
  owner: boolean;
  group: boolean;
  reverse: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  human: boolean;
  inode: boolean;
  indicator: 'none' | 'slash' | 'classify';
}

const UNSUPPORTED = new Set(['C', 'x', 'm', 'R', 's', 'Z', 'l-context', 'D', 'b', 'Q', 'k', 'I', 'w', 'T', 'X', 'v', 'f']);

export function ls(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: '1aAbcCdDfFgGhHiI:klLmnNopqQrRsStT:uUvw:xXZ',
      long: {
        all: ['none', 'a'],
        'almost-all': ['none', 'A'],
        directory: ['none', 'd'],
        classify: ['optional', 'F'],
        'human-readable': ['none', 'h'],
        inode: ['none', 'i'],
        'numeric-uid-gid': ['none', 'n'],
        reverse: ['none', 'r'],
        'no-group': ['none', 'G'],
        dereference: ['none', 'L'],
        'dereference-command-line': ['none', 'H'],
        literal: ['none', 'N'],
        recursive: ['none', 'R'],
        size: ['none', 's'],
        color: ['optional', 'color'],
        'group-directories-first': ['none', 'gdf'],
        'full-time': ['none', 'full-time'],
        sort: ['required', 'sort'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 2;
  const f: Flags = {
    all: false,
    almostAll: false,
    dirsAsFiles: false,
    long: false,
    numeric: false,
    owner: true,
    group: true,
    reverse: false,
    sort: 'name',
    human: false,
    inode: false,
    indicator: 'none',
  };
  for (const o of p.opts) {
    switch (o.key) {
      case 'help':
        return helpUnavailable(sys, 'ls');
      case 'version':
        return coreutilsVersion(sys, 'ls', 'Written by Richard M. Stallman and David MacKenzie.');
      case 'a':
        f.all = true;
        f.almostAll = false;
        break;
      case 'A':
        f.almostAll = true;
        f.all = false;
        break;
      case 'd':
        f.dirsAsFiles = true;
        break;
      case 'l':
        f.long = true;
        break;
      case 'n':
        f.long = true;
        f.numeric = true;
        break;
      case 'g':
        f.long = true;
        f.owner = false;
        break;
      case 'o':
        f.long = true;
        f.group = false;
        break;
      case 'G':
        f.group = false;
        break;
      case '1':
        break; // -1 has no effect after -l
      case 'r':
        f.reverse = true;
        break;
      case 't':
        f.sort = 'time';
        break;
      case 'S':
        f.sort = 'size';
        break;
      case 'U':
        f.sort = 'none';
        break;
      case 'h':
        f.human = true;
        break;
      case 'i':
        f.inode = true;
        break;
      case 'p':
        f.indicator = 'slash';
        break;
      case 'F':
        f.indicator = 'classify';
        break;
      case 'c':
      case 'u':
      case 'L':
      case 'H':
      case 'N':
      case 'q':
        break; // no symlinks; all timestamps are equal
      case 'color':
        if (o.value !== undefined && !['never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(o.value)) {
          complain(sys, `--color=${o.value} is not supported by tsecret's simulated container`);
          return 2;
        }
        break;
      case 'sort': {
        const m: Record<string, Flags['sort']> = { none: 'none', time: 'time', size: 'size', name: 'name' };
        if (!(o.value! in m)) {
          complain(sys, `--sort=${o.value} is not supported by tsecret's simulated container`);
          return 2;
        }
        f.sort = m[o.value!];
        break;
      }
      default:
        if (UNSUPPORTED.has(o.key) || o.key.length > 1) {
          complain(sys, `option '${o.key.length > 1 ? '--' + o.key : '-' + o.key}' is not supported by tsecret's simulated container`);
          return 2;
        }
    }
  }

  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  const operands = p.operands.length ? p.operands : ['.'];
  for (const name of operands) {
    const r = sys.fs.resolve(name, sys.cwd, sys.cred);
    if (r.err || !r.node) {
      complain(sys, `cannot access ${quoteShell(name, true)}: ${errnoText(r.err ?? 'ENOENT')}`);
      status = 2;
      continue;
    }
    (r.node.kind === 'dir' && !f.dirsAsFiles ? dirs : files).push({ name, node: r.node });
  }
  sortEntries(files, f);
  sortEntries(dirs, f);
  let printDirName = true;
  if (files.length) {
    // Column widths come from every command-line operand, directories included.
    sys.out(render(files, f, sys, [...files, ...dirs]));
    if (dirs.length) sys.out('\n');
  } else if (operands.length <= 1 && dirs.length === 1) printDirName = false;

  let first = true;
  for (const d of dirs) {
    const node = d.node as Extract<SimNode, { kind: 'dir' }>;
    if (!(sys.cred.uid === 0 || readable(node, sys))) {
      complain(sys, `cannot open directory ${quoteShell(d.name, true)}: ${errnoText('EACCES')}`);
      status = 2;
      continue;
    }
    if (printDirName) {
      sys.out(`${first ? '' : '\n'}${d.name}:\n`);
      first = false;
    }
    const entries: Entry[] = [];
    if (f.all) {
      entries.push({ name: '.', node });
      const parent = sys.fs.resolve(`${d.name}/..`, sys.cwd, sys.cred).node ?? node;
      entries.push({ name: '..', node: parent });
    }
    for (const [name, child] of node.entries) {
      if (name.startsWith('.') && !f.all && !f.almostAll) continue;
      entries.push({ name, node: child });
    }
    sortEntries(entries, f);
    if (f.long) {
      const total = entries.reduce((s, e) => s + blocks512(e.node), 0);
      sys.out(`total ${f.human ? human(total * 512) : Math.ceil(total / 2)}\n`);
    }
    sys.out(render(entries, f, sys));
    printDirName = true;
  }
  return status;
}

function readable(node: SimNode, sys: Sys): boolean {
  const c = sys.cred;
  const shift = node.uid === c.uid ? 6 : c.groups.includes(node.gid) ? 3 : 0;
  return ((node.mode >> shift) & 4) !== 0;
}

function sortEntries(list: Entry[], f: Flags): void {
  if (f.sort === 'none') return;
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const cmp = (a: Entry, b: Entry) =>
    f.sort === 'time'
      ? b.node.mtimeMs - a.node.mtimeMs || byName(a, b)
      : f.sort === 'size'
        ? nodeSize(b.node) - nodeSize(a.node) || byName(a, b)
        : byName(a, b);
  list.sort((a, b) => (f.reverse ? -cmp(a, b) : cmp(a, b)));
}

/** human_readable() with -h: powers of 1024, one decimal below 10, rounded up. */
export function human(n: number): string {
  if (n < 1024) return String(n);
  const units = 'KMGTPE';
  let u = -1;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `10${units[u]}`;
    return `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  return r >= 1024 && u < units.length - 1 ? `1.0${units[u + 1]}` : `${r}${units[u]}`;
}

function indicator(node: SimNode, f: Flags): string {
  if (f.indicator === 'none') return '';
  if (node.kind === 'dir') return '/';
  return f.indicator === 'classify' && node.mode & 0o111 ? '*' : '';
}

function render(entries: Entry[], f: Flags, sys: Sys, widthFrom: Entry[] = entries): string {
  const inoW = Math.max(0, ...widthFrom.map((e) => String(sys.fs.inode(e.node)).length));
  const ino = (e: Entry) => (f.inode ? `${String(sys.fs.inode(e.node)).padStart(inoW, ' ')} ` : '');
  if (!f.long) return entries.map((e) => `${ino(e)}${e.name}${indicator(e.node, f)}\n`).join('');
  const rows = widthFrom.map((e) => {
    const u = f.numeric ? undefined : userName(sys.fs, e.node.uid);
    const g = f.numeric ? undefined : groupName(sys.fs, e.node.gid);
    return {
      e,
      links: String(nlink(sys.fs, e.node)),
      user: u ?? String(e.node.uid),
      userNum: u === undefined,
      group: g ?? String(e.node.gid),
      groupNum: g === undefined,
      size: f.human ? human(nodeSize(e.node)) : String(nodeSize(e.node)),
    };
  });
  const w = (k: 'links' | 'user' | 'group' | 'size') => Math.max(...rows.map((r) => r[k].length));
  const [lw, uw, gw, sw] = [w('links'), w('user'), w('group'), w('size')];
  const col = (s: string, width: number, num: boolean) => (num ? s.padStart(width, ' ') : s.padEnd(width, ' ')) + ' ';
  return rows
    .filter((r) => entries.includes(r.e))
    .map(
      (r) =>
        `${ino(r.e)}${modeString(r.e.node)} ${r.links.padStart(lw, ' ')} ` +
        (f.owner ? col(r.user, uw, r.userNum) : '') +
        (f.group ? col(r.group, gw, r.groupNum) : '') +
        `${r.size.padStart(sw, ' ')} ${lsDate(r.e.node.mtimeMs, sys.nowMs)} ${r.e.name}${indicator(r.e.node, f)}\n`,
    )
    .join('');
}
