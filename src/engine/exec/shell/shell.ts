/**
 * The simulated /bin/sh (dash 0.5.12) and /bin/bash (5.2): invocation, expansion, redirections,
 * pipelines and `&&`/`||`/`;` lists over the simulated programs, with each shell's own messages,
 * exit statuses and environment order (both export their variables in hash-table order).
 */

import { randomInt } from '../../../determinism/entropy.js';
import { printfFormat } from '../commands/printf.js';
import { echoBytes } from '../commands/simple.js';
import { runTest } from '../commands/test.js';
import { lookPath, makeSys, runFile } from '../execve.js';
import { absPath, canAccess, type Errno, type SimFile, type SimNode } from '../filesystem.js';
import { type Command, errnoText, passwd, type Sys } from '../sys.js';
import { globRegex } from './pattern.js';
import {
  type Compound,
  type List,
  Parser,
  type Part,
  type Pipeline,
  type Redir,
  type Command as ShCommand,
  ShellSyntaxError,
  type SimpleCommand,
  type Word,
} from './syntax.js';

export type Dialect = 'bash' | 'dash';

export const BASH_VERSION = '5.2.15(1)-release';
const MAX_ITERATIONS = 100_000;
const DEFAULT_PATH = {
  bash: '/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.',
  dash: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
};
const DASH_VARINIT = ['IFS', 'MAIL', 'MAILPATH', 'PATH', 'PS1', 'PS2', 'PS4', 'OPTIND', 'LINENO', 'TERM', 'HISTSIZE'];
const UNSUPPORTED_BUILTINS = new Set([
  '.',
  'source',
  'eval',
  'read',
  'local',
  'return',
  'trap',
  'wait',
  'jobs',
  'fg',
  'bg',
  'alias',
  'unalias',
  'getopts',
  'hash',
  'type',
  'command',
  'ulimit',
  'umask',
  'times',
  'kill',
  'let',
  'declare',
  'typeset',
  'readonly',
  'shopt',
  'enable',
  'builtin',
  'caller',
  'compgen',
  'complete',
  'mapfile',
  'readarray',
  'history',
  'fc',
  'dirs',
  'pushd',
  'popd',
  'disown',
  'suspend',
  'logout',
]);

/** Ends the shell (exit builtin, set -e, fatal expansion errors) with a status. */
class ShellExit {
  constructor(public status: number) {}
}
/** break / continue unwinding to the enclosing loop(s). */
class LoopJump {
  constructor(
    public kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

interface Var {
  value?: string;
  exported: boolean;
  seq: number;
}
interface Out {
  write(d: Buffer | string): void;
}
interface IO {
  stdin: Buffer;
  out: Out;
  err: Out;
}

const toBuf = (d: Buffer | string) => (Buffer.isBuffer(d) ? d : Buffer.from(d, 'latin1'));

/** bash's hash_string (FNV-1) and dash's hashvar, which decide the order of exported variables. */
function bashHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h, 16777619) >>> 0;
    h = (h ^ (s.charCodeAt(i) & 255)) >>> 0;
  }
  return h;
}
function dashBucket(s: string): number {
  let h = (s.charCodeAt(0) & 255) << 4;
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i) & 255;
  return h % 39;
}

export class Shell {
  vars = new Map<string, Var>();
  private seq = 0;
  status = 0;
  cwd: string;
  lineno = 1;
  /** The process's own streams; `exec 2>&1` style redirections replace them. */
  base: IO;
  private lastOfScript = false;
  /** >0 inside if/while conditions and non-final && || members, where set -e does not apply. */
  private noErrexit = 0;
  private loopDepth = 0;
  /** Loop iterations so far: an endless loop ends the simulated process instead of hanging the CLI. */
  private iterations = { n: 0 };
  /** $? of the last command substitution of the current command (what an assignment-only command returns). */
  private substStatus: number | undefined;

  constructor(
    public d: Dialect,
    public sys: Sys,
    public arg0: string,
    public params: string[],
    public mode: 'c' | 'file' | 'stdin',
    public opts: { errexit: boolean; nounset: boolean },
  ) {
    this.cwd = sys.cwd;
    this.base = { stdin: sys.stdin, out: { write: (b) => sys.out(b) }, err: { write: (b) => sys.err(b) } };
    if (d === 'dash') {
      DASH_VARINIT.forEach((n, k) => {
        this.vars.set(n, { exported: false, seq: -100 + (DASH_VARINIT.length - k) });
      });
      this.vars.get('IFS')!.value = ' \t\n';
      this.vars.get('PATH')!.value = DEFAULT_PATH.dash;
      this.vars.get('PS1')!.value = sys.cred.uid === 0 ? '# ' : '$ ';
      this.vars.get('PS2')!.value = '> ';
      this.vars.get('PS4')!.value = '+ ';
      this.vars.get('OPTIND')!.value = '1';
    }
    for (const [k, v] of Object.entries(sys.env)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || (d === 'bash' && k === 'IFS')) continue;
      this.set(k, v, true);
    }
    if (d === 'bash') {
      const lvl = Number(/^\s*[-+]?\d+\s*$/.test(sys.env.SHLVL ?? '') ? sys.env.SHLVL : 0) + 1;
      this.set('SHLVL', String(lvl < 0 ? 0 : lvl >= 1000 ? 1 : lvl), true);
      this.set('PWD', this.cwd, true);
      if (!this.vars.has('OLDPWD')) this.vars.set('OLDPWD', { exported: true, seq: this.seq++ });
      for (const [k, v] of Object.entries({
        BASH: sys.prog.includes('/') ? sys.prog : '/usr/bin/bash',
        BASH_VERSION,
        HOSTTYPE: 'x86_64',
        IFS: ' \t\n',
        MACHTYPE: 'x86_64-pc-linux-gnu',
        OSTYPE: 'linux-gnu',
        PPID: '0',
        PS4: '+ ',
        UID: String(sys.cred.uid),
        EUID: String(sys.cred.uid),
      }))
        this.set(k, v, false);
      if (!this.vars.has('HOSTNAME')) this.set('HOSTNAME', sys.hostname, false);
      if (!this.vars.has('PATH')) this.set('PATH', DEFAULT_PATH.bash, false);
    } else {
      this.set('PWD', this.cwd, true);
    }
  }

  // ---- variables ----

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }
  set(name: string, value: string, exported?: boolean): void {
    const v = this.vars.get(name);
    if (v) {
      v.value = value;
      if (exported) v.exported = true;
    } else this.vars.set(name, { value, exported: !!exported, seq: this.seq++ });
  }

  /** The environment an external command receives, in the shell's own order. */
  environment(temp: [string, string][], path: string, direct: boolean): Record<string, string> {
    const env: Record<string, string> = {};
    if (this.d === 'dash') {
      const vars = new Map(this.vars);
      for (const [k, v] of temp) {
        const old = vars.get(k);
        vars.set(k, { value: v, exported: true, seq: old ? old.seq : this.seq + 1_000_000 });
      }
      const list = [...vars].filter(([, v]) => v.exported && v.value !== undefined);
      list.sort(([a, va], [b, vb]) => dashBucket(a) - dashBucket(b) || va.seq - vb.seq);
      for (const [k, v] of list) env[k] = v.value!;
      return env;
    }
    const tempNames = new Set<string>();
    const tempList = temp.map(([k, v], n) => ({ k, v, n }));
    tempList.sort((a, b) => (bashHash(a.k) & 3) - (bashHash(b.k) & 3) || b.n - a.n);
    for (const { k, v } of tempList)
      if (!tempNames.has(k)) {
        tempNames.add(k);
        env[k] = v;
      }
    const list = [...this.vars].filter(([k, v]) => v.exported && v.value !== undefined && !tempNames.has(k));
    list.sort(([a, va], [b, vb]) => (bashHash(a) & 1023) - (bashHash(b) & 1023) || vb.seq - va.seq);
    for (const [k, v] of list) env[k] = k === 'SHLVL' && direct ? String(Math.max(0, Number(v.value) - 1)) : v.value!;
    delete env._;
    env._ = path;
    return env;
  }

  // ---- messages ----

  prefix(): string {
    return this.d === 'dash' ? `${this.arg0}: ${this.lineno}: ` : `${this.arg0}: line ${this.lineno}: `;
  }

  private syntaxError(e: ShellSyntaxError, io: IO): number {
    const p = e.problem;
    const write = (s: string) => io.err.write(s + '\n');
    if (p.kind === 'unsupported') {
      write(
        `${this.d === 'dash' ? `${this.arg0}: ${e.line}: ` : `${this.arg0}: line ${e.line}: `}${p.what}: not supported by tsecret's simulated shell`,
      );
      return 2;
    }
    if (this.d === 'dash') {
      const at = `${this.arg0}: ${e.line}: `;
      if (p.kind === 'badsubst') write(`${at}Bad substitution`);
      else if (p.kind === 'quote') write(`${at}Syntax error: ${p.quote === '${' ? "Missing '}'" : 'Unterminated quoted string'}`);
      else if (p.kind === 'backquote') write(`${at}Syntax error: EOF in backquote substitution`);
      else if (p.kind === 'badfor') write(`${at}Syntax error: Bad for loop variable`);
      else if (p.kind === 'eof') write(`${at}Syntax error: end of file unexpected${p.expecting ? ` (expecting "${p.expecting}")` : ''}`);
      else if (p.kind === 'token') {
        const tok = p.token === 'newline' || p.token === 'word' ? p.token : `"${p.token}"`;
        write(`${at}Syntax error: ${tok} unexpected${p.expecting ? ` (expecting "${p.expecting}")` : ''}`);
      }
      return 2;
    }
    const at = `${this.arg0}: ${this.mode === 'c' ? '-c: ' : ''}line `;
    if (p.kind === 'quote') write(`${at}${e.line}: unexpected EOF while looking for matching \`${p.quote}'`);
    else if (p.kind === 'eof') write(`${at}${e.line}: syntax error: unexpected end of file`);
    else if (p.kind === 'token') {
      write(`${at}${e.line}: syntax error near unexpected token \`${p.token}'`);
      write(`${at}${e.line}: \`${e.lineText}'`);
    }
    return 2;
  }

  // ---- running ----

  runSource(src: string): number {
    const parser = new Parser(src, this.d === 'bash');
    try {
      let cmd: List | undefined;
      for (;;) {
        try {
          cmd = parser.next();
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          const p = e.problem;
          if (this.d === 'bash' && (p.kind === 'eof' || (p.kind === 'quote' && p.quote === ')'))) e.line = src.split('\n').length + 1;
          return this.syntaxError(e, this.base);
        }
        if (!cmd) return this.status;
        // bash -c execs the last simple command of its string instead of forking for it.
        this.lastOfScript = this.mode === 'c' && this.d === 'bash' && /^[\s;]*$/.test(src.slice(parser.offset()));
        this.runList(cmd, this.base, true);
      }
    } catch (e) {
      if (e instanceof ShellExit) return e.status;
      throw e;
    }
  }

  /**
   * Runs `a && b; c`. At top level (`top`) each and-or list reads the shell's current streams
   * (`exec 2>&1` changes them) and the last simple command may be exec'd without a fork.
   */
  private runList(list: List, io: IO, top = false): number {
    list.forEach((andOr, n) => {
      if (top) io = this.base;
      const lastAndOr = top && n === list.length - 1;
      const steps = [{ op: '', p: andOr.first }, ...andOr.rest];
      let status = this.status;
      steps.forEach((step, k) => {
        if (k > 0 && (step.op === '&&') !== (status === 0)) return;
        const last = k === steps.length - 1;
        if (!last) this.noErrexit++;
        try {
          status = this.status = this.runPipeline(step.p, io, lastAndOr && last);
        } finally {
          if (!last) this.noErrexit--;
        }
        if (last && this.opts.errexit && !this.noErrexit && status !== 0 && !step.p.negate) throw new ShellExit(status);
      });
    });
    return this.status;
  }

  /** A condition (if/while): set -e is off inside it. */
  private runCond(list: List, io: IO): number {
    this.noErrexit++;
    try {
      return this.runList(list, io);
    } finally {
      this.noErrexit--;
    }
  }

  private runPipeline(p: Pipeline, io: IO, lastInList: boolean): number {
    let status: number;
    if (p.negate) this.noErrexit++;
    try {
      if (p.cmds.length === 1) status = this.runCommand(p.cmds[0], io, lastInList && this.lastOfScript && !p.negate);
      else status = this.runPipe(p, io);
    } finally {
      if (p.negate) this.noErrexit--;
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  /** `a | b | c`: each element in a subshell, run one after the other; the status is the last one's. */
  private runPipe(p: Pipeline, io: IO): number {
    let status = 0;
    let stdin = io.stdin;
    p.cmds.forEach((c, k) => {
      const chunks: Buffer[] = [];
      const out: Out = k === p.cmds.length - 1 ? io.out : { write: (d) => chunks.push(toBuf(d)) };
      try {
        status = this.subshell().runCommand(c, { stdin, out, err: io.err }, false);
      } catch (e) {
        if (e instanceof LoopJump) status = 0;
        else if (e instanceof ShellExit) status = e.status;
        else throw e;
      }
      stdin = Buffer.concat(chunks);
    });
    return status;
  }

  private runCommand(c: ShCommand, io: IO, direct: boolean): number {
    return c.t === 'simple' ? this.runSimple(c, io, direct) : this.runCompound(c, io);
  }

  private runCompound(c: Compound, io: IO): number {
    this.lineno = c.line;
    const cio = this.redirect(c.redirs, io);
    if (!cio) return this.d === 'bash' ? 1 : 2;
    switch (c.t) {
      case 'group':
        return this.runList(c.body, cio);
      case 'subshell': {
        const sub = this.subshell();
        try {
          return sub.runList(c.body, cio);
        } catch (e) {
          if (e instanceof ShellExit) return e.status;
          if (e instanceof LoopJump) return 0; // break/continue end only the subshell
          throw e;
        }
      }
      case 'if': {
        for (const cl of c.clauses) if (this.runCond(cl.cond, cio) === 0) return this.runList(cl.body, cio);
        return c.otherwise ? this.runList(c.otherwise, cio) : (this.status = 0);
      }
      case 'for': {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)) {
          cio.err.write(`${this.prefix()}\`${c.name}': not a valid identifier\n`);
          return 1;
        }
        const items = c.words ? c.words.flatMap((w) => this.expandFields(w, cio)) : [...this.params];
        let status = 0;
        for (const item of items) {
          this.set(c.name, item);
          const j = this.loopBody(c.body, cio);
          status = this.status;
          if (j === 'break') break;
        }
        return (this.status = status);
      }
      case 'loop': {
        let status = 0;
        for (;;) {
          const cond = this.runCond(c.cond, cio);
          if ((cond === 0) === c.until) break;
          const j = this.loopBody(c.body, cio);
          status = this.status;
          if (j === 'break') break;
        }
        return (this.status = status);
      }
    }
  }

  /** Runs a loop body; break/continue aimed at an outer loop keep unwinding. */
  private loopBody(body: List, io: IO): 'break' | 'continue' | undefined {
    if (++this.iterations.n > MAX_ITERATIONS) {
      io.err.write(`${this.prefix()}loop ran more than ${MAX_ITERATIONS} times: stopped by tsecret's simulated shell\n`);
      throw new ShellExit(130);
    }
    this.loopDepth++;
    try {
      this.runList(body, io);
      return undefined;
    } catch (e) {
      if (!(e instanceof LoopJump)) throw e;
      if (e.levels > 1) throw new LoopJump(e.kind, e.levels - 1);
      return e.kind;
    } finally {
      this.loopDepth--;
    }
  }

  private subshell(): Shell {
    const s = Object.create(Shell.prototype) as Shell;
    Object.assign(s, this);
    s.vars = new Map([...this.vars].map(([k, v]) => [k, { ...v }]));
    s.params = [...this.params];
    s.opts = { ...this.opts };
    if (this.d === 'bash') s.loopDepth = 0; // bash: break/continue in a subshell see no enclosing loop
    return s;
  }

  private runSimple(cmd: SimpleCommand, io: IO, direct: boolean): number {
    this.lineno = cmd.line;
    this.substStatus = undefined;
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...this.expandFields(w, io));
    const cio = this.redirect(cmd.redirs, io);
    if (!cio) return this.d === 'bash' ? 1 : 2;
    const assigns = cmd.assigns.map((a) => [a.name, this.expandOne(a.value, io)] as [string, string]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.set(k, v);
      return this.substStatus ?? 0;
    }
    const name = argv[0];
    const builtin = this.builtin(name);
    if (builtin) {
      const saved = assigns.map(([k]) => [k, this.vars.get(k) && { ...this.vars.get(k)! }] as const);
      for (const [k, v] of assigns) this.set(k, v);
      try {
        return builtin(argv.slice(1), cio);
      } finally {
        // Assignments before regular builtins do not persist (POSIX special builtins aside).
        if (!['exit', 'export', 'unset', 'set', 'shift', ':', 'exec'].includes(name)) {
          for (const [k, old] of saved)
            if (old) this.vars.set(k, old);
            else this.vars.delete(k);
        }
      }
    }
    if (UNSUPPORTED_BUILTINS.has(name)) {
      cio.err.write(`${this.prefix()}${name}: not supported by tsecret's simulated shell\n`);
      return 2;
    }
    return this.external(argv, assigns, cio, direct && cmd.redirs.length === 0);
  }

  private external(argv: string[], assigns: [string, string][], io: IO, direct: boolean): number {
    const name = argv[0];
    const pathVar = assigns.find(([k]) => k === 'PATH')?.[1] ?? this.get('PATH') ?? '';
    const found = lookPath(name, pathVar, this.sys.fs, this.cwd, this.sys.cred);
    if (!('file' in found)) return this.notRunnable(name, found.errno, io);
    const env = this.environment(assigns, found.path, direct);
    const child = makeSys(
      {
        ...this.sys,
        env,
        cwd: this.cwd,
        stdin: io.stdin,
        out: (d) => io.out.write(d),
        err: (d) => io.err.write(d),
      },
      name,
    );
    const r = runFile(found, argv, child);
    if ('code' in r) return r.code;
    if (r.errno === 'ENOEXEC') return this.script(found, argv, child);
    return this.notRunnable(name, r.errno, io);
  }

  /** A file with no #! line: the shell runs it itself, in a child shell. */
  private script(found: { path: string; file: SimFile }, argv: string[], child: Sys): number {
    const sh = new Shell(this.d, { ...child, prog: this.d === 'bash' ? 'bash' : 'sh' }, found.path, argv.slice(1), 'file', {
      errexit: false,
      nounset: false,
    });
    return sh.runSource(found.file.data.toString('latin1'));
  }

  private notRunnable(name: string, errno: Errno, io: IO): number {
    const slash = name.includes('/');
    let msg: string;
    if (this.d === 'dash') msg = errno === 'ENOENT' || errno === 'ENOTDIR' ? 'not found' : 'Permission denied';
    else if (errno === 'ENOENT' && !slash) msg = 'command not found';
    else msg = errnoText(errno === 'ENOEXEC' ? 'EACCES' : errno);
    io.err.write(`${this.prefix()}${name}: ${msg}\n`);
    return errno === 'ENOENT' || errno === 'ENOTDIR' ? 127 : 126;
  }

  // ---- redirections ----

  private redirect(redirs: Redir[], io: IO): IO | undefined {
    const fds: (Out | Buffer)[] = [io.stdin, io.out, io.err];
    for (const r of redirs) {
      const target = this.expandOne(r.target, io);
      if (r.op === '>&' || r.op === '<&') {
        if (/^\d+$/.test(target)) {
          const src = fds[Number(target)];
          if (src === undefined || (r.op === '>&') === Buffer.isBuffer(src)) {
            io.err.write(`${this.prefix()}${target}: Bad file descriptor\n`);
            return undefined;
          }
          fds[r.fd] = src;
          continue;
        }
        if (target === '-') {
          fds[r.fd] = { write: () => undefined };
          continue;
        }
        if (r.op === '<&' || this.d === 'dash') {
          io.err.write(`${this.prefix()}${r.op === '<&' ? '' : ''}${target}: Bad file descriptor\n`);
          return undefined;
        }
      }
      if (r.op === '<') {
        const data = this.openRead(target, io);
        if (!data) return undefined;
        fds[r.fd] = data;
        continue;
      }
      const out = this.openWrite(target, r.op === '>>' || r.op === '&>>', io);
      if (!out) return undefined;
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
        fds[1] = out;
        fds[2] = out;
      } else fds[r.fd] = out;
    }
    const asOut = (x: Out | Buffer | undefined, dflt: Out) => (x && !Buffer.isBuffer(x) ? x : dflt);
    const stdin = fds[0];
    return { stdin: Buffer.isBuffer(stdin) ? stdin : Buffer.alloc(0), out: asOut(fds[1], io.out), err: asOut(fds[2], io.err) };
  }

  private openRead(path: string, io: IO): Buffer | undefined {
    if (absPath(path, this.cwd) === '/dev/stdin') return io.stdin;
    const r = this.sys.fs.resolve(path, this.cwd, this.sys.cred);
    let errno: Errno | undefined = r.err;
    if (!errno && r.node && r.node.kind === 'file' && !canAccess(r.node, this.sys.cred, 'r')) errno = 'EACCES';
    if (errno || !r.node) {
      const e = errno ?? 'ENOENT';
      io.err.write(
        this.d === 'bash'
          ? `${this.prefix()}${path}: ${errnoText(e)}\n`
          : `${this.prefix()}cannot open ${path}: ${e === 'ENOENT' ? 'No such file' : errnoText(e)}\n`,
      );
      return undefined;
    }
    return r.node.kind === 'file' ? r.node.data : Buffer.alloc(0);
  }

  private openWrite(path: string, append: boolean, io: IO): Out | undefined {
    const abs = absPath(path, this.cwd);
    if (abs === '/dev/stdout') return io.out;
    if (abs === '/dev/stderr') return io.err;
    if (abs === '/dev/null') return { write: () => undefined };
    const fs = this.sys.fs;
    const cred = this.sys.cred;
    const now = this.sys.nowMs;
    const r = fs.resolve(path, this.cwd, cred);
    let errno: Errno | undefined;
    let node: SimNode | undefined = r.node;
    if (r.err === 'ENOENT' && r.parent && !/\/$/.test(path)) {
      if (fs.isReadOnly(r.abs.slice(0, r.abs.lastIndexOf('/')) || '/')) errno = 'EROFS';
      else if (!canAccess(r.parent, cred, 'w')) errno = 'EACCES';
      else {
        node = { kind: 'file', data: Buffer.alloc(0), mode: 0o644, uid: cred.uid, gid: cred.gid, mtimeMs: now };
        r.parent.entries.set(r.name, node);
        r.parent.mtimeMs = now;
      }
    } else if (r.err) errno = r.err === 'ENOENT' && /\/$/.test(path) && r.parent ? 'EISDIR' : r.err;
    else if (node!.kind === 'dir') errno = 'EISDIR';
    else if (fs.isReadOnly(r.abs)) errno = 'EROFS';
    else if (!canAccess(node!, cred, 'w')) errno = 'EACCES';
    if (errno || !node || node.kind !== 'file') {
      const e = errno ?? 'EISDIR';
      io.err.write(
        this.d === 'bash'
          ? `${this.prefix()}${path}: ${errnoText(e)}\n`
          : `${this.prefix()}cannot create ${path}: ${e === 'ENOENT' ? 'Directory nonexistent' : errnoText(e)}\n`,
      );
      return undefined;
    }
    const f = node;
    if (!append) {
      f.data = Buffer.alloc(0);
      f.mtimeMs = now;
    }
    return {
      write: (d) => {
        f.data = Buffer.concat([f.data, toBuf(d)]);
        f.mtimeMs = now;
      },
    };
  }

  // ---- expansion ----

  private param(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.params.length);
      case '$':
        return '7';
      case '!':
        return undefined;
      case '-':
        return (
          (this.opts.errexit ? 'e' : '') +
          (this.opts.nounset ? 'u' : '') +
          (this.d === 'bash' ? 'hB' : '') +
          (this.mode === 'c' ? 'c' : this.mode === 'stdin' ? 's' : '')
        );
      case '0':
        return this.arg0;
      case '@':
      case '*':
        return this.params.join(' ');
      case 'LINENO':
        return String(this.lineno);
      case 'RANDOM':
        if (this.d === 'bash') return String(randomInt(32768));
    }
    if (/^\d+$/.test(name)) return this.params[Number(name) - 1];
    return this.get(name);
  }

  /** Expands a word into segments: text plus whether it came from an unquoted expansion (to split). */
  private segments(word: Word, io: IO): { text: string; quoted: boolean; split: boolean; brk?: boolean }[] {
    const segs: { text: string; quoted: boolean; split: boolean; brk?: boolean }[] = [];
    for (const p of word) {
      if (p.t === 'lit') {
        segs.push({ text: p.s, quoted: p.q, split: false });
        continue;
      }
      if (p.t === 'tilde') {
        const home = p.user === '' ? (this.get('HOME') ?? '') : passwd(this.sys.fs).find((e) => e.name === p.user)?.home;
        segs.push({ text: home ?? `~${p.user}`, quoted: true, split: false });
        continue;
      }
      if (p.t === 'cmdsub') {
        segs.push({ text: this.commandSubstitution(p.body, io), quoted: p.q, split: !p.q });
        continue;
      }
      if (p.name === '@' && p.q && !p.op && !p.len) {
        this.params.forEach((v, k) => {
          if (k > 0) segs.push({ text: '', quoted: true, split: false, brk: true });
          segs.push({ text: v, quoted: true, split: false });
        });
        continue;
      }
      const v = this.expandParam(p, io);
      if (p.name === '*' && p.q && !p.op) {
        segs.push({ text: this.params.join((this.get('IFS') ?? ' ')[0] ?? ''), quoted: true, split: false });
        continue;
      }
      segs.push({ text: v, quoted: p.q, split: !p.q });
    }
    return segs;
  }

  /** $(...): the list's stdout, run in a subshell, without its trailing newlines. */
  private commandSubstitution(body: List, io: IO): string {
    const chunks: Buffer[] = [];
    const sub = this.subshell();
    sub.loopDepth = 0;
    let status: number;
    try {
      status = sub.runList(body, { stdin: io.stdin, out: { write: (d) => chunks.push(toBuf(d)) }, err: io.err });
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      status = e.status;
    }
    this.status = this.substStatus = status;
    return Buffer.concat(chunks).toString('latin1').replace(/\n+$/, '');
  }

  private expandParam(p: Extract<Part, { t: 'param' }>, io: IO): string {
    const v = this.param(p.name);
    if (p.len) return String((v ?? '').length);
    if (!p.op) {
      if (v === undefined && this.opts.nounset && !['@', '*'].includes(p.name))
        this.fatal(`${p.name}: ${this.d === 'bash' ? 'unbound variable' : 'parameter not set'}`);
      return v ?? '';
    }
    const colon = p.op.startsWith(':');
    const unset = v === undefined || (colon && v === '');
    const arg = () => this.expandOne(p.arg ?? [], io);
    switch (p.op.replace(':', '')) {
      case '-':
        return unset ? arg() : v!;
      case '+':
        return unset ? '' : arg();
      case '=': {
        if (!unset) return v!;
        const a = arg();
        if (!/^[A-Za-z_]/.test(p.name)) this.fatal(`$${p.name}: cannot assign in this way`);
        this.set(p.name, a);
        return a;
      }
      case '?': {
        if (!unset) return v!;
        const a = arg();
        this.fatal(`${p.name}: ${a || (colon || this.d === 'bash' ? 'parameter null or not set' : 'parameter not set')}`);
      }
    }
    // Pattern removal: # ## % %%
    const s = v ?? '';
    const pat = this.patternRegex(p.arg ?? [], io);
    const longest = p.op.length === 2;
    if (p.op[0] === '#') {
      const lens = [...Array(s.length + 1).keys()];
      for (const n of longest ? lens.reverse() : lens) if (pat.test(s.slice(0, n))) return s.slice(n);
    } else {
      const lens = [...Array(s.length + 1).keys()];
      for (const n of longest ? lens : lens.reverse()) if (pat.test(s.slice(n))) return s.slice(0, n);
    }
    return s;
  }

  private fatal(msg: string): never {
    this.base.err.write(`${this.prefix()}${msg}\n`);
    throw new ShellExit(this.d === 'bash' ? 127 : 2);
  }

  /** A word expanded without field splitting or globbing (assignments, redirection targets). */
  expandOne(word: Word, io: IO): string {
    return this.segments(word, io)
      .map((s) => s.text)
      .join('');
  }

  private patternRegex(word: Word, io: IO): RegExp {
    const chars: { c: string; q: boolean }[] = [];
    for (const s of this.segments(word, io)) for (const c of s.text) chars.push({ c, q: s.quoted });
    return globRegex(chars);
  }

  /** A word expanded into fields: splitting on IFS, then pathname expansion. */
  expandFields(word: Word, io: IO): string[] {
    const ifs = this.get('IFS') ?? ' \t\n';
    const fields: { c: string; glob: boolean }[][] = [];
    let cur: { c: string; glob: boolean }[] | null = null;
    for (const seg of this.segments(word, io)) {
      if (seg.brk) {
        fields.push(cur ?? []);
        cur = [];
        continue;
      }
      if (!seg.split) {
        cur ??= [];
        for (const c of seg.text) cur.push({ c, glob: !seg.quoted });
        continue;
      }
      for (const c of seg.text) {
        if (ifs.includes(c)) {
          if (' \t\n'.includes(c)) {
            if (cur) fields.push(cur);
            cur = null;
          } else {
            fields.push(cur ?? []);
            cur = null;
          }
        } else (cur ??= []).push({ c, glob: true });
      }
    }
    if (cur) fields.push(cur);
    const out: string[] = [];
    for (const f of fields) {
      const text = f.map((x) => x.c).join('');
      if (f.some((x) => x.glob && '*?['.includes(x.c))) {
        const matches = this.glob(f);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(text);
    }
    return out;
  }

  private glob(chars: { c: string; glob: boolean }[]): string[] {
    const comps: { c: string; q: boolean }[][] = [[]];
    for (const x of chars) {
      if (x.c === '/') comps.push([]);
      else comps[comps.length - 1].push({ c: x.c, q: !x.glob });
    }
    const absolute = chars[0]?.c === '/';
    let paths: string[] = [absolute ? '/' : ''];
    const fs = this.sys.fs;
    comps.forEach((comp, k) => {
      if (k === 0 && absolute) return;
      const lastComp = k === comps.length - 1;
      const next: string[] = [];
      const magic = comp.some((x) => !x.q && '*?['.includes(x.c));
      const lit = comp.map((x) => x.c).join('');
      for (const base of paths) {
        const join = (n: string) => (base === '' ? n : base.endsWith('/') ? base + n : `${base}/${n}`);
        if (!magic) {
          if (lit === '' && lastComp) {
            next.push(base.endsWith('/') ? base : base + '/');
            continue;
          }
          const r = fs.resolve(join(lit), this.cwd, this.sys.cred);
          if (!r.err) next.push(join(lit));
          continue;
        }
        const r = fs.resolve(base === '' ? '.' : base, this.cwd, this.sys.cred);
        if (r.err || !r.node || r.node.kind !== 'dir' || !canAccess(r.node, this.sys.cred, 'r')) continue;
        const re = globRegex(comp);
        const names = [...r.node.entries.keys()].filter((n) => re.test(n) && (!n.startsWith('.') || comp[0]?.c === '.'));
        names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        next.push(...names.map(join));
      }
      paths = next;
    });
    return paths;
  }

  // ---- builtins ----

  private builtin(name: string): ((args: string[], io: IO) => number) | undefined {
    const w = (io: IO, s: string) => io.err.write(`${this.prefix()}${s}\n`);
    const table: Record<string, (args: string[], io: IO) => number> = {
      ':': () => 0,
      true: () => 0,
      false: () => 1,
      echo: (args, io) => {
        io.out.write(echoBytes(args, this.d));
        return 0;
      },
      test: (args, io) => this.testBuiltin('test', args, io),
      '[': (args, io) => this.testBuiltin('[', args, io),
      pwd: (_args, io) => {
        io.out.write(`${this.cwd}\n`);
        return 0;
      },
      exit: (args, io) => {
        if (args.length === 0) throw new ShellExit(this.status);
        if (!/^\s*[-+]?\d+\s*$/.test(args[0]) || (this.d === 'dash' && !/^\d+$/.test(args[0]))) {
          w(io, this.d === 'bash' ? `exit: ${args[0]}: numeric argument required` : `exit: Illegal number: ${args[0]}`);
          throw new ShellExit(2);
        }
        if (args.length > 1 && this.d === 'bash') {
          w(io, 'exit: too many arguments');
          return 1;
        }
        throw new ShellExit(((Number(args[0]) % 256) + 256) % 256);
      },
      cd: (args, io) => this.cd(args, io),
      export: (args, io) => this.exportUnset('export', args, io),
      unset: (args, io) => this.exportUnset('unset', args, io),
      shift: (args, io) => {
        const n = args.length ? Number(args[0]) : 1;
        if (!/^\d+$/.test(args[0] ?? '1') || n > this.params.length) {
          if (this.d === 'dash') {
            w(io, `shift: can't shift that many`);
            throw new ShellExit(2);
          }
          if (!/^\d+$/.test(args[0] ?? '1')) {
            w(io, `shift: ${args[0]}: numeric argument required`);
            return 1;
          }
          return 1;
        }
        this.params = this.params.slice(n);
        return 0;
      },
      set: (args, io) => {
        if (args.length === 0) {
          w(io, "set: listing variables is not supported by tsecret's simulated shell");
          return 2;
        }
        let k = 0;
        for (; k < args.length; k++) {
          const a = args[k];
          if (a === '--') {
            k++;
            this.params = args.slice(k);
            return 0;
          }
          if (!/^[-+][eu]+$/.test(a)) {
            if (/^[-+]/.test(a)) {
              w(io, `set: ${a}: not supported by tsecret's simulated shell`);
              return 2;
            }
            this.params = args.slice(k);
            return 0;
          }
          for (const c of a.slice(1)) this.opts[c === 'e' ? 'errexit' : 'nounset'] = a[0] === '-';
        }
        return 0;
      },
      break: (args, io) => this.loopJump('break', args, io),
      continue: (args, io) => this.loopJump('continue', args, io),
      printf: (args, io) => {
        let target: string | undefined;
        if (this.d === 'bash' && args[0] === '-v') {
          target = args[1];
          args = args.slice(2);
        }
        if (args[0] === '--') args = args.slice(1);
        if (args.length === 0 || target === '') {
          if (this.d === 'bash') io.err.write('printf: usage: printf [-v var] format [arguments]\n');
          else w(io, 'printf: usage: printf format [arg ...]');
          return 2;
        }
        const chunks: Buffer[] = [];
        const status = printfFormat(args[0], args.slice(1), this.d, { write: (b) => chunks.push(b) }, (m) => w(io, `printf: ${m}`));
        const out = Buffer.concat(chunks);
        if (target !== undefined) this.set(target, out.toString('latin1'));
        else io.out.write(out);
        return status;
      },
      exec: (args, io) => {
        if (args.length === 0) {
          this.base = io;
          return 0;
        }
        throw new ShellExit(this.external(args, [], io, false));
      },
    };
    return Object.hasOwn(table, name) ? table[name] : undefined;
  }

  private loopJump(kind: 'break' | 'continue', args: string[], io: IO): number {
    const n = args.length ? Number(args[0]) : 1;
    if (!/^\d+$/.test(args[0] ?? '1') || n < 1) {
      io.err.write(
        this.d === 'bash'
          ? `${this.prefix()}${kind}: ${args[0]}: loop count out of range\n`
          : `${this.prefix()}${kind}: Illegal number: ${args[0]}\n`,
      );
      if (this.d === 'dash') throw new ShellExit(2);
      return 1;
    }
    if (this.loopDepth === 0) {
      if (this.d === 'bash') io.err.write(`${this.prefix()}${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    throw new LoopJump(kind, Math.min(n, this.loopDepth));
  }

  private testBuiltin(name: string, args: string[], io: IO): number {
    const sys: Sys = {
      ...this.sys,
      cwd: this.cwd,
      env: Object.fromEntries([...this.vars].filter(([, v]) => v.value !== undefined).map(([k, v]) => [k, v.value!])),
    };
    return runTest(this.d, name === '[', args, sys, (m) => io.err.write(`${this.prefix()}${name}: ${m}\n`));
  }

  private cd(args: string[], io: IO): number {
    const w = (s: string) => io.err.write(`${this.prefix()}cd: ${s}\n`);
    if (this.d === 'bash' && args.length > 1) {
      w('too many arguments');
      return 1;
    }
    let dir: string | undefined = args[0];
    let print = false;
    if (dir === undefined) {
      dir = this.get('HOME');
      if (dir === undefined) {
        if (this.d === 'bash') {
          w('HOME not set');
          return 1;
        }
        return 0;
      }
    } else if (dir === '-') {
      dir = this.get('OLDPWD');
      print = true;
      if (dir === undefined) {
        w('OLDPWD not set');
        return this.d === 'bash' ? 1 : 2;
      }
    }
    const r = this.sys.fs.resolve(dir, this.cwd, this.sys.cred);
    let e: Errno | undefined = r.err;
    if (!e && r.node?.kind !== 'dir') e = 'ENOTDIR';
    if (!e && r.node && !canAccess(r.node, this.sys.cred, 'x')) e = 'EACCES';
    if (e) {
      if (this.d === 'bash') {
        w(`${dir}: ${errnoText(e)}`);
        return 1;
      }
      w(`can't cd to ${dir}`);
      return 2;
    }
    this.set('OLDPWD', this.cwd, this.d === 'dash' ? true : undefined);
    this.cwd = r.abs;
    this.set('PWD', r.abs);
    if (print) io.out.write(`${r.abs}\n`);
    return 0;
  }

  private exportUnset(which: 'export' | 'unset', args: string[], io: IO): number {
    let status = 0;
    const names = args.filter((a) => !(which === 'unset' && (a === '-v' || a === '-f')));
    if (which === 'export' && (names.length === 0 || names[0] === '-p')) {
      const list = [...this.vars].filter(([, v]) => v.exported).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [k, v] of list) {
        if (this.d === 'bash')
          io.out.write(`declare -x ${k}${v.value === undefined ? '' : `="${v.value.replace(/(["\\$`])/g, '\\$1')}"`}\n`);
        else io.out.write(`export ${k}${v.value === undefined ? '' : `='${v.value.replace(/'/g, `'\\''`)}'`}\n`);
      }
      return 0;
    }
    for (const a of names) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        if (this.d === 'bash') {
          io.err.write(`${this.prefix()}${which}: \`${a}': not a valid identifier\n`);
          status = 1;
          continue;
        }
        io.err.write(`${this.prefix()}${which}: ${name}: bad variable name\n`);
        throw new ShellExit(2);
      }
      if (which === 'unset') {
        this.vars.delete(name);
        continue;
      }
      if (eq >= 0) this.set(name, a.slice(eq + 1), true);
      else if (this.vars.has(name)) this.vars.get(name)!.exported = true;
      else this.vars.set(name, { exported: true, seq: this.seq++ });
    }
    return status;
  }
}
