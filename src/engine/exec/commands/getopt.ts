/** glibc getopt_long as coreutils uses it: permutation, clustered short options, long-option prefixes. */
import { complain, type Sys } from '../sys.js';

export type ArgKind = 'none' | 'required' | 'optional';
export interface OptSpec {
  /** getopt short-option string: `n:` takes an argument. */
  short: string;
  long?: Record<string, readonly [ArgKind, string]>;
  /** false: stop at the first operand (env's `+` optstring). */
  permute?: boolean;
}
export interface Opt {
  key: string;
  value?: string;
}
export type Parsed = { opts: Opt[]; operands: string[] } | { failed: true };

/** Parses args; on error prints glibc's message plus `Try '<prog> --help'` and returns failed. */
export function getopt(args: string[], spec: OptSpec, sys: Sys): Parsed {
  const opts: Opt[] = [];
  const operands: string[] = [];
  const fail = (msg: string): Parsed => {
    complain(sys, msg);
    sys.err(`Try '${sys.prog} --help' for more information.\n`);
    return { failed: true };
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const longs = spec.long ?? {};
      let match = Object.hasOwn(longs, name) ? [name] : Object.keys(longs).filter((k) => k.startsWith(name));
      if (match.length > 1 && new Set(match.map((m) => longs[m].join('\0'))).size === 1) match = [match[0]];
      if (match.length === 0) return fail(`unrecognized option '${a}'`);
      if (match.length > 1)
        return fail(
          `option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${match.map((m) => ` '--${m}'`).join('')}`,
        );
      const [kind, key] = longs[match[0]];
      if (kind === 'none') {
        if (eq >= 0) return fail(`option '--${match[0]}' doesn't allow an argument`);
        opts.push({ key });
      } else if (eq >= 0) opts.push({ key, value: a.slice(eq + 1) });
      else if (kind === 'optional') opts.push({ key });
      else if (i + 1 < args.length) opts.push({ key, value: args[++i] });
      else return fail(`option '--${match[0]}' requires an argument`);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const at = c === ':' ? -1 : spec.short.indexOf(c);
        if (at < 0) return fail(`invalid option -- '${c}'`);
        const kind = spec.short[at + 1] === ':' ? (spec.short[at + 2] === ':' ? 'optional' : 'required') : 'none';
        if (kind === 'none') {
          opts.push({ key: c });
          continue;
        }
        if (j + 1 < a.length) opts.push({ key: c, value: a.slice(j + 1) });
        else if (kind === 'optional') opts.push({ key: c });
        else if (i + 1 < args.length) opts.push({ key: c, value: args[++i] });
        else return fail(`option requires an argument -- '${c}'`);
        break;
      }
      continue;
    }
    operands.push(a);
    if (spec.permute === false) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { opts, operands };
}

/** `--version` text of the coreutils 9.1 tools. */
export function coreutilsVersion(sys: Sys, name: string, authors: string): number {
  sys.out(
    `${name} (GNU coreutils) 9.1\nCopyright (C) 2022 Free Software Foundation, Inc.\n` +
      'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
      'This is free software: you are free to change and redistribute it.\n' +
      `There is NO WARRANTY, to the extent permitted by law.\n\n${authors}\n`,
  );
  return 0;
}

/** --help is not reproduced: say so in a GNU-shaped way rather than print a wrong text. */
export function helpUnavailable(sys: Sys, name: string): number {
  sys.out(`Usage: ${sys.prog} [OPTION]...\n(${name}: full --help text is not reproduced by tsecret's simulated container)\n`);
  return 0;
}
