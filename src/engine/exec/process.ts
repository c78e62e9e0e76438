/**
 * Starting a process in the simulated task container the way `docker exec` does: runc resolves
 * argv[0] with Go's exec.LookPath over the container's PATH, then the simulated program runs
 * against the in-memory filesystem and returns its stdout, stderr and exit status.
 */

import { cat } from './commands/cat.js';
import { head } from './commands/head.js';
import { ls } from './commands/ls.js';
import { printf } from './commands/printf.js';
import { echo, env, falseCmd, hostname, id, printenv, pwd, trueCmd, whoami } from './commands/simple.js';
import { stat } from './commands/stat.js';
import { testCommand } from './commands/test.js';
import { wc } from './commands/wc.js';
import { lookPath, makeSys, runFile } from './execve.js';
import { absPath, type Errno, type SimFile, type SimFS } from './filesystem.js';
import { shellMain } from './shell/invoke.js';
import { type Command, groups, passwd, type Sys, userGroups } from './sys.js';

export interface ProcessContext {
  fs: SimFS;
  env: Record<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  /** The user's name (informational; ownership checks use uid/gid). */
  user: string;
  hostname: string;
  stdin: Buffer;
  /** Supplementary groups; default: the gid plus the groups /etc/group lists the user in. */
  groups?: number[];
  /** The clock for `ls -l` dates and files the process creates; default Date.now(). */
  nowMs?: number;
  /**
   * `docker exec -t`: stdout and stderr are one terminal, whose line discipline (onlcr) turns every
   * \n into \r\n. The programs still behave as without a terminal (`ls` prints no columns).
   */
  tty?: boolean;
}
export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

/** The programs the image provides, by basename. */
export function commandTable(): Record<string, Command> {
  return {
    cat,
    head,
    ls,
    stat,
    wc,
    env,
    printenv,
    printf,
    id,
    whoami,
    pwd,
    echo,
    hostname,
    true: trueCmd,
    false: falseCmd,
    test: testCommand,
    '[': testCommand,
    sh: shellMain('dash'),
    dash: shellMain('dash'),
    bash: shellMain('bash'),
  };
}

/** The text the daemon writes to the exec's stdout when runc cannot start the process (with `\r\n`). */
function ociFailure(detail: string, exitCode: number): ExecResult {
  return {
    stdout: Buffer.from(`OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown\r\n`),
    stderr: Buffer.alloc(0),
    exitCode,
  };
}

/** docker's message when the executable is not found in $PATH (exit 127). */
export function missingExecutable(argv0: string): ExecResult {
  if (argv0.includes('/')) return ociFailure(`exec: "${argv0}": stat ${argv0}: no such file or directory`, 127);
  return ociFailure(`exec: "${argv0}": executable file not found in $PATH`, 127);
}

/** docker's message when the executable exists but cannot be run: a directory or no execute bit (exit 126). */
export function notExecutable(argv0: string): ExecResult {
  return ociFailure(`exec: "${argv0}": permission denied`, 126);
}

/** docker's message when the working directory given with `-w` cannot be entered. */
export function badWorkdir(dir: string, err: 'ENOENT' | 'ENOTDIR'): ExecResult {
  if (err === 'ENOENT') return ociFailure(`chdir to cwd ("${dir}") set in config.json failed: no such file or directory`, 127);
  return {
    ...ociFailure(`chdir to cwd ("${dir}") set in config.json failed: not a directory`, 126),
    stdout: Buffer.from(
      `OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${dir}") ` +
        'set in config.json failed: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? ' +
        'Check if the specified host path exists and is the expected type\r\n',
    ),
  };
}

/**
 * Resolves `docker exec -u` (`name`, `uid`, `name:group`, `uid:gid`) against the container's
 * /etc/passwd and /etc/group as runc does; failures carry docker's message (exit 126).
 */
export function resolveExecUser(
  fs: SimFS,
  spec: string | undefined,
): { uid: number; gid: number; user: string; home: string; groups: number[] } | { error: ExecResult } {
  const fail = (msg: string) => ({ error: { stdout: Buffer.from(`${msg}\r\n`), stderr: Buffer.alloc(0), exitCode: 126 } });
  const [u, g] = (spec === undefined || spec === '' ? 'root' : spec).split(':', 2);
  const users = passwd(fs);
  const numeric = /^\d+$/.test(u);
  const ent = users.find((p) => p.name === u) ?? (numeric ? users.find((p) => p.uid === Number(u)) : undefined);
  if (!ent && !numeric) return fail(`unable to find user ${u}: no matching entries in passwd file`);
  const uid = ent ? ent.uid : Number(u);
  let gid = ent ? ent.gid : 0;
  if (g !== undefined) {
    const grp = groups(fs).find((x) => x.name === g) ?? (/^\d+$/.test(g) ? { gid: Number(g) } : undefined);
    if (!grp) return fail(`unable to find group ${g}: no matching entries in group file`);
    gid = grp.gid;
  }
  const list = g !== undefined ? [gid] : userGroups(fs, ent?.name, gid);
  return { uid, gid, user: ent?.name ?? String(uid), home: ent?.home ?? '/', groups: list };
}

/** Runs argv as docker exec would start it (no shell unless argv[0] is sh/bash). */
export function runProcess(argv: string[], ctx: ProcessContext): ExecResult {
  // Inside the simulation strings are byte strings (one char per byte), as argv and environ are.
  const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  argv = argv.map(bytes);
  ctx = { ...ctx, env: Object.fromEntries(Object.entries(ctx.env).map(([k, v]) => [bytes(k), bytes(v)])), hostname: bytes(ctx.hostname) };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const cred = { uid: ctx.uid, gid: ctx.gid, groups: ctx.groups ?? userGroups(ctx.fs, ctx.user, ctx.gid) };
  const result = (code: number): ExecResult => {
    if (!ctx.tty) return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: code };
    return { stdout: onlcr(Buffer.concat([...out, ...err])), stderr: Buffer.alloc(0), exitCode: code };
  };
  const cwd = absPath(ctx.cwd || '/', '/');
  const wd = ctx.fs.resolve(cwd, '/', cred);
  if (wd.err || !wd.node || wd.node.kind !== 'dir') return badWorkdir(ctx.cwd, wd.err === 'ENOENT' || !wd.node ? 'ENOENT' : 'ENOTDIR');
  const argv0 = argv[0] ?? '';
  const found = lookPath(argv0, ctx.env.PATH, ctx.fs, cwd, cred);
  if (!('file' in found)) {
    return found.errno === 'ENOENT' || found.errno === 'ENOTDIR' ? missingExecutable(argv0) : notExecutable(argv0);
  }
  const sys = makeSys(
    {
      programs: commandTable(),
      fs: ctx.fs,
      env: { ...ctx.env },
      cwd,
      cred,
      hostname: ctx.hostname,
      nowMs: ctx.nowMs ?? Date.now(),
      stdin: ctx.stdin,
      out: (d) => out.push(Buffer.isBuffer(d) ? d : Buffer.from(d, 'latin1')),
      err: (d) => (ctx.tty ? out : err).push(Buffer.isBuffer(d) ? d : Buffer.from(d, 'latin1')),
    },
    argv0,
  );
  try {
    const r = runFile(found, argv, sys);
    if ('code' in r) return result(r.code);
    // The process started, then execve failed: runc's init reports it on stderr.
    err.push(Buffer.from(`exec ${found.path}: ${r.errno === 'ENOEXEC' ? 'exec format error' : 'no such file or directory'}\n`));
    return result(1);
  } catch (e) {
    // A simulation bug must not crash the CLI: report it as the process's failure.
    err.push(Buffer.from(`tsecret: internal error in simulated ${argv0}: ${(e as Error).message}\n`));
    return result(125);
  }
}

/** The terminal's output processing: every \n leaves as \r\n. */
function onlcr(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = data.indexOf(0x0a); i >= 0; i = data.indexOf(0x0a, i + 1)) {
    parts.push(data.subarray(start, i), Buffer.from('\r\n'));
    start = i + 1;
  }
  parts.push(data.subarray(start));
  return Buffer.concat(parts);
}
