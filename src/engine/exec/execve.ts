// execve(2) and execvp(3) inside the simulated container: finding an executable along PATH with
// the kernel's permission checks, and running it (a simulated program by basename, or a `#!`
// script through its interpreter). The programs come with the process (Sys.programs), so the
// shell, itself one of them, can start others without importing the table that lists it.
import type { Errno, SimFile, SimFS } from './filesystem.js';
import type { Sys } from './sys.js';

/** What a path lookup found: a runnable file, or an errno as execve(2) would report it. */
export type Lookup = { path: string; file: SimFile } | { errno: Errno; path: string };

/** Finds an executable the way execvp/LookPath do: names with a slash directly, others along PATH. */
export function lookPath(name: string, pathVar: string | undefined, fs: SimFS, cwd: string, cred: Sys['cred']): Lookup {
  const check = (p: string): Lookup => {
    const r = fs.resolve(p, cwd, cred);
    if (r.err || !r.node) return { errno: r.err ?? 'ENOENT', path: p };
    if (r.node.kind === 'dir') return { errno: 'EISDIR', path: p };
    if (!(r.node.mode & 0o111) || (cred.uid !== 0 && !canExec(r.node, cred))) return { errno: 'EACCES', path: p };
    return { path: p, file: r.node };
  };
  if (name.includes('/')) return check(name);
  if (name === '') return { errno: 'ENOENT', path: name };
  let denied: Lookup | undefined;
  for (const dir of (pathVar ?? '').split(':')) {
    const r = check(`${dir === '' ? '.' : dir}/${name}`);
    if ('file' in r) return r;
    if (r.errno === 'EACCES' && !denied) denied = r;
  }
  return denied ?? { errno: 'ENOENT', path: name };
}

function canExec(f: SimFile, cred: Sys['cred']): boolean {
  const shift = f.uid === cred.uid ? 6 : cred.groups.includes(f.gid) ? 3 : 0;
  return ((f.mode >> shift) & 1) !== 0;
}

/**
 * Runs a found executable: a simulated program by basename, or a `#!` script through its
 * interpreter. Plain files with no known program fail with ENOEXEC, like execve(2).
 */
export function runFile(found: { path: string; file: SimFile }, argv: string[], sys: Sys): { code: number } | { errno: Errno } {
  const base = found.path.slice(found.path.lastIndexOf('/') + 1);
  const text = found.file.data.toString('latin1');
  const program = sys.programs[base];
  if (program && text.startsWith('#!simulated ')) return { code: program(argv.slice(1), { ...sys, prog: argv[0] }) };
  if (text.startsWith('#!')) {
    const [interp, ...opt] = text
      .slice(2)
      .split('\n')[0]
      .trim()
      .split(/[ \t]+/);
    const r = lookPath(interp, undefined, sys.fs, sys.cwd, sys.cred);
    if (!('file' in r)) return { errno: 'ENOENT' };
    const args = [interp, ...(opt.length ? [opt.join(' ')] : []), found.path, ...argv.slice(1)];
    return runFile(r, args, sys);
  }
  if (program) return { code: program(argv.slice(1), { ...sys, prog: argv[0] }) };
  return { errno: 'ENOEXEC' };
}

/** A Sys for a process with the given streams; exec() is execvp over the new environment's PATH. */
export function makeSys(base: Omit<Sys, 'exec' | 'prog'>, prog = ''): Sys {
  const sys: Sys = {
    ...base,
    prog,
    exec(argv, envVars, cwd = sys.cwd) {
      const child: Sys = makeSys({ ...sys, env: envVars, cwd }, argv[0]);
      const found = lookPath(argv[0], envVars.PATH ?? '/bin:/usr/bin', sys.fs, cwd, sys.cred);
      if (!('file' in found)) return { errno: found.errno };
      const r = runFile(found, argv, child);
      if ('errno' in r && r.errno === 'ENOEXEC') {
        // glibc's execvp runs a file without a #! line with /bin/sh.
        return { code: sys.programs.sh(['sh', found.path, ...argv.slice(1)].slice(1), { ...child, prog: '/bin/sh' }) };
      }
      return r;
    },
  };
  return sys;
}
