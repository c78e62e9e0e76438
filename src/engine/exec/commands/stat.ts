/** GNU stat 9.1: default and terse output, -c/--format and --printf with printf-style modifiers. */
import { MOUNT_DEVICE, ROOT_DEVICE, type SimNode } from '../filesystem.js';
import {
  blocks512,
  complain,
  errnoText,
  groupName,
  modeString,
  nlink,
  nodeSize,
  quoteShell,
  type Sys,
  statDate,
  userName,
} from '../sys.js';
import { coreutilsVersion, getopt, helpUnavailable } from './getopt.js';

const DEFAULT =
  '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n' +
  'Device: %Hd,%Ld\tInode: %-11i Links: %h\n' +
  'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n' +
  'Access: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';

export function stat(args: string[], sys: Sys): number {
  const p = getopt(
    args,
    {
      short: 'c:fLtZ',
      long: {
        format: ['required', 'c'],
        printf: ['required', 'printf'],
        terse: ['none', 't'],
        dereference: ['none', 'L'],
        'file-system': ['none', 'f'],
        cached: ['required', 'cached'],
        help: ['none', 'help'],
        version: ['none', 'version'],
      },
    },
    sys,
  );
  if ('failed' in p) return 1;
  let fmt: string | undefined;
  let quoteN = false;
  for (const o of p.opts) {
    if (o.key === 'help') return helpUnavailable(sys, 'stat');
    if (o.key === 'version') return coreutilsVersion(sys, 'stat', 'Written by Michael Meskes.');
    if (o.key === 'f') {
      complain(sys, "--file-system is not supported by tsecret's simulated container");
      return 1;
    }
    if (o.key === 'c') {
      fmt = `${o.value}\n`;
      quoteN = true;
    }
    if (o.key === 'printf') {
      fmt = unescapeFormat(o.value ?? '');
      quoteN = true;
    }
    if (o.key === 't' && fmt === undefined) fmt = TERSE;
  }
  if (p.operands.length === 0) {
    complain(sys, 'missing operand');
    sys.err(`Try '${sys.prog} --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const name of p.operands) {
    const r = sys.fs.resolve(name, sys.cwd, sys.cred);
    if (r.err || !r.node) {
      complain(sys, `cannot statx ${quoteShell(name, true)}: ${errnoText(r.err ?? 'ENOENT')}`);
      status = 1;
      continue;
    }
    const dev = sys.fs.isReadOnly(r.abs) ? MOUNT_DEVICE : ROOT_DEVICE;
    sys.out(format(fmt ?? DEFAULT, name, r.node, dev, sys, quoteN));
  }
  return status;
}

/** --printf's backslash escapes. */
function unescapeFormat(s: string): string {
  const map: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (m, e: string) =>
    e[0] === 'x' && e.length > 1
      ? String.fromCharCode(parseInt(e.slice(1), 16))
      : /^[0-7]/.test(e)
        ? String.fromCharCode(parseInt(e, 8) & 255)
        : (map[e] ?? m),
  );
}

function fileType(n: SimNode): string {
  return n.kind === 'dir' ? 'directory' : n.data.length === 0 ? 'regular empty file' : 'regular file';
}

function format(fmt: string, name: string, node: SimNode, dev: { major: number; minor: number }, sys: Sys, quoteN: boolean): string {
  const secs = Math.floor(node.mtimeMs / 1000);
  const rawMode = (node.kind === 'dir' ? 0o040000 : 0o100000) | node.mode;
  return fmt.replace(
    /%([-#+ 0']*)(\d*)(?:\.(\d*))?([HL]?)(.?)/g,
    (whole, flags: string, width: string, prec: string | undefined, hl: string, conv: string) => {
      if (conv === '') return '%';
      if (conv === '%') return '%';
      const num = (v: number, radix: 8 | 10 | 16 = 10) => {
        let s = v.toString(radix);
        if (prec !== undefined && prec !== '') s = s.padStart(Number(prec), '0');
        if (flags.includes('#') && radix === 8 && !s.startsWith('0')) s = '0' + s;
        if (flags.includes('#') && radix === 16 && v !== 0) s = '0x' + s;
        if (radix === 10 && flags.includes('+')) s = '+' + s;
        else if (radix === 10 && flags.includes(' ')) s = ' ' + s;
        return pad(s, flags, width, flags.includes('0') && !flags.includes('-') && (prec === undefined || prec === ''));
      };
      const str = (s: string) => pad(prec !== undefined ? s.slice(0, Number(prec || 0)) : s, flags, width, false);
      const epoch = (s: number, ms: number) => {
        if (prec === undefined) return num(s);
        const digits = prec === '' ? 9 : Math.min(Number(prec), 9);
        const frac = String((ms % 1000) * 1_000_000)
          .padStart(9, '0')
          .slice(0, digits);
        return pad(digits ? `${s}.${frac}` : String(s), flags, width, flags.includes('0'));
      };
      if (hl) {
        if (conv === 'd') return num(hl === 'H' ? dev.major : dev.minor);
        if (conv === 'r') return num(0);
        return '?';
      }
      switch (conv) {
        case 'a':
          return num(node.mode & 0o7777, 8);
        case 'A':
          return str(modeString(node));
        case 'b':
          return num(blocks512(node));
        case 'B':
          return num(512);
        case 'd':
          return num(dev.major * 256 + dev.minor);
        case 'D':
          return num(dev.major * 256 + dev.minor, 16);
        case 'f':
          return num(rawMode, 16);
        case 'F':
          return str(fileType(node));
        case 'g':
          return num(node.gid);
        case 'G':
          return str(groupName(sys.fs, node.gid) ?? 'UNKNOWN');
        case 'h':
          return num(nlink(sys.fs, node));
        case 'i':
          return num(sys.fs.inode(node));
        case 'm':
          return str(dev === MOUNT_DEVICE ? sys.fs.resolve(name, sys.cwd, sys.cred).abs : '/');
        case 'n':
          return str(name);
        case 'N':
          return str(quoteN ? quoteShell(name, true) : name);
        case 'o':
          return num(4096);
        case 's':
          return num(nodeSize(node));
        case 't':
        case 'T':
          return num(0, 16);
        case 'u':
          return num(node.uid);
        case 'U':
          return str(userName(sys.fs, node.uid) ?? 'UNKNOWN');
        case 'w':
          return str('-');
        case 'W':
          return num(0);
        case 'x':
        case 'y':
        case 'z':
          return str(statDate(node.mtimeMs));
        case 'X':
        case 'Y':
        case 'Z':
          return epoch(secs, node.mtimeMs);
        default:
          return whole.length > 1 ? '?' : whole;
      }
    },
  );
}

function pad(s: string, flags: string, width: string, zero: boolean): string {
  const w = Number(width || 0);
  if (s.length >= w) return s;
  if (flags.includes('-')) return s.padEnd(w, ' ');
  if (zero) {
    const sign = /^[+ -]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  }
  return s.padStart(w, ' ');
}
