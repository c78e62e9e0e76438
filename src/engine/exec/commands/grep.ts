/**
 * GNU grep 3.8 (src/grep.c) in the C locale: -G -E -F, -e -f, -i -y --no-ignore-case, -v -w -x,
 * -c -l -L -q -s, -n -b -H -h -Z --label, -m, -a and its binary-file rule (a file with a NUL byte
 * prints `grep: FILE: binary file matches` instead of its lines); exit 0 a line selected,
 * 1 none, 2 trouble. Context (-A -B -C), -o, -r, -z, -P and colours are refused.
 */
import { complain, errnoText, open, type Sys } from '../sys.js';
import { getopt } from './getopt.js';
import { compile, fixed, mapText, RegexError } from './regex.js';

// In grep.c's long_options order (getopt lists ambiguous possibilities in it).
const LONG = {
  'basic-regexp': ['none', 'G'],
  'extended-regexp': ['none', 'E'],
  'fixed-regexp': ['none', 'F'],
  'fixed-strings': ['none', 'F'],
  'perl-regexp': ['none', 'P'],
  'after-context': ['required', 'A'],
  'before-context': ['required', 'B'],
  'binary-files': ['required', 'binary-files'],
  'byte-offset': ['none', 'b'],
  context: ['required', 'C'],
  color: ['optional', 'color'],
  colour: ['optional', 'color'],
  count: ['none', 'c'],
  devices: ['required', 'D'],
  directories: ['required', 'd'],
  'dereference-recursive': ['none', 'R'],
  exclude: ['required', 'exclude'],
  'exclude-from': ['required', 'exclude-from'],
  'exclude-dir': ['required', 'exclude-dir'],
  file: ['required', 'f'],
  'files-with-matches': ['none', 'l'],
  'files-without-match': ['none', 'L'],
  'group-separator': ['required', 'group-separator'],
  help: ['none', 'help'],
  include: ['required', 'include'],
  'ignore-case': ['none', 'i'],
  'no-ignore-case': ['none', 'no-ignore-case'],
  'initial-tab': ['none', 'T'],
  label: ['required', 'label'],
  'line-buffered': ['none', 'line-buffered'],
  'line-number': ['none', 'n'],
  'line-regexp': ['none', 'x'],
  'max-count': ['required', 'm'],
  'no-filename': ['none', 'h'],
  'no-group-separator': ['none', 'group-separator'],
  'no-messages': ['none', 's'],
  null: ['none', 'Z'],
  'null-data': ['none', 'z'],
  'only-matching': ['none', 'o'],
  quiet: ['none', 'q'],
  recursive: ['none', 'r'],
  regexp: ['required', 'e'],
  'invert-match': ['none', 'v'],
  silent: ['none', 'q'],
  text: ['none', 'a'],
  binary: ['none', 'U'],
  'unix-byte-offsets': ['none', 'u'],
  version: ['none', 'V'],
  'with-filename': ['none', 'H'],
  'word-regexp': ['none', 'w'],
} as const;

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const VERSION =
  'grep (GNU grep) 3.8\nCopyright (C) 2022 Free Software Foundation, Inc.\n' +
  'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
  'This is free software: you are free to change and redistribute it.\n' +
  'There is NO WARRANTY, to the extent permitted by law.\n\n' +
  'Written by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n';

export function grep(args: string[], sys: Sys): number {
  // grep's usage() names the program by its short name; glibc's getopt messages by argv[0]
  const p = getopt(
    args,
    { short: '0123456789A:B:C:D:EFGHIJLNPRSTUVX:abcd:e:f:hiLlm:noqRrsuvwxyZz', long: { ...LONG }, tryHelp: (s) => s.err(USAGE) },
    sys,
  );
  if ('failed' in p) return 2;
  let matcher: string | undefined;
  let keys: string | undefined;
  let icase = false;
  let invert = false;
  let words = false;
  let wholeLines = false;
  let count = false;
  let list: 'l' | 'L' | undefined;
  let quiet = false;
  let noMessages = false;
  let lineNumbers = false;
  let byteOffsets = false;
  let withFilename: boolean | undefined;
  let nullAfterName = false;
  let label = '(standard input)';
  let maxCount = Infinity;
  let text = false;
  for (const o of p.opts) {
    switch (o.key) {
      case 'help':
        sys.out(
          "Usage: grep [OPTION]... PATTERNS [FILE]...\n(grep: full --help text is not reproduced by tsecret's simulated container)\n",
        );
        return 0;
      case 'V':
        sys.out(VERSION);
        return 0;
      case 'E':
      case 'F':
      case 'G':
        if (matcher && matcher !== o.key) {
          complain(sys, 'conflicting matchers specified');
          return 2;
        }
        matcher = o.key;
        break;
      case 'e':
        keys = `${keys ?? ''}${o.value}\n`;
        break;
      case 'f': {
        const name = o.value ?? '';
        let data: Buffer;
        if (name === '-') data = sys.stdin;
        else {
          const r = open(sys, name);
          if ('errno' in r || r.node.kind === 'dir') {
            complain(sys, `${name}: ${errnoText('errno' in r ? r.errno : 'EISDIR')}`);
            return 2;
          }
          data = r.node.data;
        }
        const t = data.toString('latin1');
        keys = (keys ?? '') + t + (t !== '' && !t.endsWith('\n') ? '\n' : '');
        break;
      }
      case 'i':
      case 'y':
        icase = true;
        break;
      case 'no-ignore-case':
        icase = false;
        break;
      case 'v':
        invert = true;
        break;
      case 'w':
        words = true;
        break;
      case 'x':
        wholeLines = true;
        break;
      case 'c':
        count = true;
        break;
      case 'l':
      case 'L':
        list = o.key;
        break;
      case 'q':
        quiet = true;
        break;
      case 's':
        noMessages = true;
        break;
      case 'n':
        lineNumbers = true;
        break;
      case 'b':
        byteOffsets = true;
        break;
      case 'H':
        withFilename = true;
        break;
      case 'h':
        withFilename = false;
        break;
      case 'Z':
        nullAfterName = true;
        break;
      case 'label':
        label = o.value ?? '';
        break;
      case 'a':
        text = true;
        break;
      case 'U': // O_BINARY: no effect on Linux
      case 'line-buffered': // output is written whole anyway
        break;
      case 'color':
        if (o.value === 'never' || o.value === 'no' || o.value === 'none') break;
        complain(sys, `--color${o.value === undefined ? '' : `=${o.value}`} is not supported by tsecret's simulated container`);
        return 2;
      case 'm': {
        const m = /^[ \t\n\v\f\r]*([-+]?[0-9]+)$/.exec(o.value ?? '');
        if (!m) {
          complain(sys, 'invalid max count');
          return 2;
        }
        const n = Number(m[1]);
        maxCount = n < 0 ? Infinity : n;
        break;
      }
      default: {
        const what = o.key.length === 1 ? `-${o.key}` : `--${o.key}`;
        complain(sys, `option ${what} is not supported by tsecret's simulated container`);
        return 2;
      }
    }
  }
  const operands = [...p.operands];
  let matchNothing = false;
  if (keys !== undefined) {
    if (keys === '') {
      // no patterns at all (-f /dev/null): nothing matches
      matchNothing = true;
    } else keys = keys.slice(0, -1);
  } else {
    if (operands.length === 0) {
      sys.err(USAGE);
      return 2;
    }
    keys = operands.shift()!;
  }
  if (maxCount === 0) return 1;

  let regexes: RegExp[] = [];
  if (!matchNothing) {
    try {
      regexes = keys.split('\n').map((pat) => {
        let src: string;
        if (matcher === 'F') src = fixed(pat);
        else {
          const c = compile(pat, matcher === 'E' ? 'extended' : 'basic');
          for (const w of c.warnings) complain(sys, `warning: ${w}`);
          src = c.source;
        }
        if (wholeLines) src = `^(?:${src})$`;
        else if (words) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
        return new RegExp(src, icase ? 'i' : '');
      });
    } catch (e) {
      if (!(e instanceof RegexError)) throw e;
      complain(sys, e.message);
      return 2;
    }
  }
  const selects = (line: string) => regexes.some((re) => re.test(line)) !== invert;

  const files = operands.length ? operands : ['-'];
  const showNames = withFilename ?? files.length > 1;
  let trouble = false;
  let anySelected = false;
  for (const file of files) {
    let data: Buffer;
    const name = file === '-' ? label : file;
    if (file === '-') data = sys.stdin;
    else {
      const r = open(sys, file);
      if ('errno' in r || r.node.kind === 'dir') {
        if (!noMessages) complain(sys, `${file}: ${errnoText('errno' in r ? r.errno : 'EISDIR')}`);
        trouble = true;
        continue;
      }
      data = r.node.data;
    }
    const binary = !text && data.includes(0);
    const nameOut = (sep: string) => (nullAfterName ? `${name}\0` : `${name}${sep}`);
    let selected = 0;
    let offset = 0;
    let lineNo = 0;
    while (offset < data.length) {
      const nl = data.indexOf(10, offset);
      const end = nl < 0 ? data.length : nl;
      const line = data.subarray(offset, end).toString('latin1');
      lineNo++;
      if (selects(mapText(line))) {
        selected++;
        if (quiet) return 0;
        if (!count && !list && !binary) {
          sys.out(`${showNames ? nameOut(':') : ''}${lineNumbers ? `${lineNo}:` : ''}${byteOffsets ? `${offset}:` : ''}${line}\n`);
        }
        // -l and -L need one line; a binary file stops at its first (and prints no lines)
        if (list || (binary && !count) || selected >= maxCount) break;
      }
      offset = end + 1;
    }
    if (selected > 0) anySelected = true;
    if (list) {
      if ((list === 'l') === selected > 0) sys.out(nullAfterName ? `${name}\0` : `${name}\n`);
    } else if (count) sys.out(`${showNames ? nameOut(':') : ''}${selected}\n`);
    else if (binary && selected > 0) complain(sys, `${name}: binary file matches`);
  }
  return trouble ? 2 : anySelected ? 0 : 1;
}
