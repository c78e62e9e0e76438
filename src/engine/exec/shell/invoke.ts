// Starting the simulated sh/dash/bash (dash main.c/options.c, bash shell.c): the invocation's
// options, `-c` strings, script files and stdin, with each shell's usage and error texts.
import { canAccess, type Errno } from '../filesystem.js';
import { type Command, errnoText, type Sys } from '../sys.js';
import { BASH_VERSION, type Dialect, Shell } from './shell.js';

/** The sh/dash/bash program. */
export function shellMain(d: Dialect): Command {
  return (args, sys) => invoke(d, args, sys);
}

function invoke(d: Dialect, args: string[], sys: Sys): number {
  const name = sys.prog;
  const opts = { errexit: false, nounset: false };
  let cmdMode = false;
  let stdinMode = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--' || (a === '-' && d === 'dash')) {
      i++;
      break;
    }
    if (d === 'bash' && a.startsWith('--')) {
      if (a === '--version') {
        sys.out(bashVersion());
        return 0;
      }
      if (['--norc', '--noprofile', '--posix', '--login', '--noediting', '--verbose'].includes(a)) continue;
      sys.err(`${name}: ${a}: invalid option\n${BASH_USAGE(name)}`);
      return 2;
    }
    if (!/^[-+]./.test(a)) break;
    for (const c of a.slice(1)) {
      const on = a[0] === '-';
      if (c === 'c') cmdMode = true;
      else if (c === 's') stdinMode = true;
      else if (c === 'e') opts.errexit = on;
      else if (c === 'u') opts.nounset = on;
      else if ('silvpaf'.includes(c) || (d === 'bash' && 'hBH'.includes(c))) continue;
      else {
        if (d === 'bash') sys.err(`${name}: -${c}: invalid option\n${BASH_USAGE(name)}`);
        else sys.err(`${name}: 0: Illegal option ${a[0]}${c}\n`);
        return 2;
      }
    }
  }
  let source: string;
  let arg0 = name;
  let mode: 'c' | 'file' | 'stdin' = 'stdin';
  if (cmdMode) {
    if (i >= args.length) {
      sys.err(d === 'bash' ? `${name}: -c: option requires an argument\n` : `${name}: 0: -c requires an argument\n`);
      return 2;
    }
    source = args[i];
    arg0 = args[i + 1] ?? name;
    args = args.slice(i + 2);
    mode = 'c';
  } else if (i < args.length && !stdinMode) {
    const path = args[i];
    const r = sys.fs.resolve(path, sys.cwd, sys.cred);
    const node = r.err ? undefined : r.node;
    if (!node || node.kind === 'dir' || !canAccess(node, sys.cred, 'r')) {
      const e: Errno = !node ? (r.err ?? 'ENOENT') : node.kind === 'dir' ? 'EISDIR' : 'EACCES';
      if (d === 'bash') sys.err(`${name}: ${path}: ${errnoText(e)}\n`);
      else sys.err(`${name}: 0: cannot open ${path}: ${e === 'ENOENT' ? 'No such file' : errnoText(e)}\n`);
      return d === 'bash' ? (e === 'ENOENT' ? 127 : 126) : 2;
    }
    source = node.data.toString('latin1');
    arg0 = path;
    args = args.slice(i + 1);
    mode = 'file';
  } else {
    source = sys.stdin.toString('latin1');
    args = args.slice(i);
    sys = { ...sys, stdin: Buffer.alloc(0) };
  }
  const sh = new Shell(d, sys, arg0, args, mode, opts);
  return sh.runSource(source);
}

const bashVersion = () =>
  `GNU bash, version ${BASH_VERSION} (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\n` +
  'License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n' +
  'This is free software; you are free to change and redistribute it.\n' +
  'There is NO WARRANTY, to the extent permitted by law.\n';

const BASH_USAGE = (name: string) =>
  `Usage:\t${name} [GNU long option] [option] ...\n\t${name} [GNU long option] [option] script-file ...\n` +
  'GNU long options:\n' +
  [
    'debug',
    'debugger',
    'dump-po-strings',
    'dump-strings',
    'help',
    'init-file',
    'login',
    'noediting',
    'noprofile',
    'norc',
    'posix',
    'pretty-print',
    'rcfile',
    'restricted',
    'verbose',
    'version',
  ]
    .map((o) => `\t--${o}\n`)
    .join('') +
  'Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n';
