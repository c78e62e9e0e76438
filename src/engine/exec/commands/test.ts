/**
 * test / [ in three dialects with their own parsers and messages:
 * GNU coreutils 9.1 (/usr/bin/test), the bash 5.2 builtin, and the dash 0.5.12 builtin (NetBSD's).
 * Exit 0 true, 1 false, 2 on a syntax or number error.
 */
import { canAccess, type SimNode } from '../filesystem.js';
import type { Sys } from '../sys.js';
import { coreutilsVersion, helpUnavailable } from './getopt.js';

export type TestDialect = 'gnu' | 'bash' | 'dash';

class TestError extends Error {}

const UNARY_GNU = new Set('abcdefghknprstuwxzGLOSN'.split('').map((c) => '-' + c));
const UNARY_BASH = new Set('abcdefghknoprstuvwxzGLNORS'.split('').map((c) => '-' + c));
const UNARY_DASH = new Set('rwxefdcbpugkstznhOGLS'.split('').map((c) => '-' + c));
const BINARY_GNU = new Set(['=', '==', '!=', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const BINARY_BASH = new Set([...BINARY_GNU, '<', '>']);
const BINARY_DASH = new Set(['=', '!=', '<', '>', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Entry point for /usr/bin/test and /usr/bin/[. */
export function testCommand(args: string[], sys: Sys): number {
  const bracket = sys.prog.endsWith('[');
  if (bracket && args.length === 1 && (args[0] === '--help' || args[0] === '--version')) {
    return args[0] === '--help'
      ? helpUnavailable(sys, '[')
      : coreutilsVersion(sys, '[', 'Written by Kevin Braunsdorf and Matthew Bradburn.');
  }
  return runTest('gnu', bracket, args, sys, (m) => sys.err(`${sys.prog}: ${m}\n`));
}

/** Evaluates test's arguments (without the command name); report() receives the bare message. */
export function runTest(d: TestDialect, bracket: boolean, args: string[], sys: Sys, report: (msg: string) => void): number {
  try {
    if (bracket) {
      if (args.length === 0 || args[args.length - 1] !== ']') {
        throw new TestError(d === 'gnu' ? "missing ']'" : d === 'bash' ? "missing `]'" : 'missing ]');
      }
      args = args.slice(0, -1);
    }
    return (d === 'dash' ? dashTest(args, sys) : new PosixTest(d, args, sys).run()) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    report(e.message);
    return 2;
  }
}

// ---- predicates shared by all dialects ----

function fileTest(op: string, path: string, sys: Sys): boolean {
  const r = path === '' ? undefined : sys.fs.resolve(path, sys.cwd, sys.cred);
  const n: SimNode | undefined = r && !r.err ? r.node : undefined;
  if (!n) return false;
  switch (op) {
    case '-e':
    case '-a':
      return true;
    case '-f':
      return n.kind === 'file';
    case '-d':
      return n.kind === 'dir';
    case '-r':
      return canAccess(n, sys.cred, 'r');
    case '-w':
      return canAccess(n, sys.cred, 'w') && !sys.fs.isReadOnly(r!.abs);
    case '-x':
      return canAccess(n, sys.cred, 'x');
    case '-s':
      return n.kind === 'dir' || n.data.length > 0;
    case '-u':
      return (n.mode & 0o4000) !== 0;
    case '-g':
      return (n.mode & 0o2000) !== 0;
    case '-k':
      return (n.mode & 0o1000) !== 0;
    case '-O':
      return n.uid === sys.cred.uid;
    case '-G':
      return n.gid === sys.cred.gid;
    default:
      return false; // -b -c -p -S -L -h -N: no such files here
  }
}

function stringOrNumber(op: string, a: string, b: string, int: (s: string) => number, sys: Sys): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot':
    case '-ef': {
      const na = sys.fs.lookup(a, sys.cwd);
      const nb = sys.fs.lookup(b, sys.cwd);
      if (op === '-ef') return !!na && na === nb;
      if (op === '-nt') return !!na && (!nb || na.mtimeMs > nb.mtimeMs);
      return !!nb && (!na || na.mtimeMs < nb.mtimeMs);
    }
  }
  const x = int(a);
  const y = int(b);
  return op === '-eq' ? x === y : op === '-ne' ? x !== y : op === '-lt' ? x < y : op === '-le' ? x <= y : op === '-gt' ? x > y : x >= y;
}

// ---- GNU coreutils and bash: the POSIX argument-count algorithm plus a recursive grammar ----

class PosixTest {
  private pos = 0;
  constructor(
    private d: 'gnu' | 'bash',
    private argv: string[],
    private sys: Sys,
  ) {}

  private q(s: string): string {
    return this.d === 'gnu' ? `'${s}'` : s;
  }
  private err(gnu: string, bash: string): never {
    throw new TestError(this.d === 'gnu' ? gnu : bash);
  }
  private isUnary(s: string): boolean {
    return (this.d === 'gnu' ? UNARY_GNU : UNARY_BASH).has(s);
  }
  private isBinary(s: string | undefined): boolean {
    return s !== undefined && (this.d === 'gnu' ? BINARY_GNU : BINARY_BASH).has(s);
  }
  private beyond(): never {
    this.err(`missing argument after ${this.q(this.argv[this.argv.length - 1])}`, 'argument expected');
  }
  private advance(f: boolean): void {
    this.pos++;
    if (f && this.pos >= this.argv.length) this.beyond();
  }

  run(): boolean {
    const n = this.argv.length;
    if (n === 0) return false;
    const v = this.posix(n);
    if (this.pos !== n) {
      const a = this.argv[this.pos];
      if (this.d === 'gnu') this.err(`extra argument ${this.q(a)}`, '');
      this.err('', a.startsWith('-') ? `syntax error: \`${a}' unexpected` : 'too many arguments');
    }
    return v;
  }

  private posix(nargs: number): boolean {
    const a = this.argv;
    const p = this.pos;
    switch (nargs) {
      case 1:
        this.pos++;
        return a[p] !== '';
      case 2:
        return this.two();
      case 3:
        return this.three();
      case 4:
        if (a[p] === '!') {
          this.advance(true);
          return !this.three();
        }
        if (a[p] === '(' && a[p + 3] === ')') {
          this.advance(false);
          const v = this.two();
          this.advance(false);
          return v;
        }
    }
    return this.expr();
  }

  private two(): boolean {
    const a = this.argv[this.pos];
    if (a === '!') {
      this.pos++;
      return this.argv[this.pos++] === '';
    }
    if (a.length === 2 && a[0] === '-') {
      if (this.isUnary(a)) return this.unary();
      this.err(`${this.q(a)}: unary operator expected`, `${a}: unary operator expected`);
    }
    if (this.d === 'bash') this.err('', `${a}: unary operator expected`);
    this.beyond();
  }

  private three(): boolean {
    const a = this.argv;
    const p = this.pos;
    if (this.isBinary(a[p + 1])) return this.binary();
    if (this.d === 'bash' && (a[p + 1] === '-a' || a[p + 1] === '-o')) {
      this.pos += 3;
      return a[p + 1] === '-a' ? a[p] !== '' && a[p + 2] !== '' : a[p] !== '' || a[p + 2] !== '';
    }
    if (a[p] === '!') {
      this.advance(true);
      return !this.two();
    }
    if (a[p] === '(' && a[p + 2] === ')') {
      this.pos += 3;
      return a[p + 1] !== '';
    }
    if (a[p + 1] === '-a' || a[p + 1] === '-o') return this.expr();
    this.err(`${this.q(a[p + 1])}: binary operator expected`, `${a[p + 1]}: binary operator expected`);
  }

  private expr(): boolean {
    let v = this.and();
    while (this.argv[this.pos] === '-o') {
      this.advance(true);
      v = this.and() || v;
    }
    return v;
  }
  private and(): boolean {
    let v = this.term();
    while (this.argv[this.pos] === '-a') {
      this.advance(true);
      v = this.term() && v;
    }
    return v;
  }
  private term(): boolean {
    const a = this.argv;
    if (this.pos >= a.length) this.beyond();
    let invert = false;
    while (this.pos < a.length && a[this.pos] === '!') {
      this.advance(true);
      invert = !invert;
    }
    let v: boolean;
    if (a[this.pos] === '(') {
      this.advance(true);
      if (this.d === 'gnu') {
        let nargs = 1;
        while (this.pos + nargs < a.length && a[this.pos + nargs] !== ')')
          if (++nargs === 4) {
            nargs = a.length - this.pos;
            break;
          }
        v = this.posix(nargs);
      } else v = this.expr();
      if (this.pos >= a.length) this.err("')' expected", "`)' expected");
      if (a[this.pos] !== ')') this.err(`')' expected, found ${this.q(a[this.pos])}`, `\`)' expected, found ${a[this.pos]}`);
      this.advance(false);
    } else if (this.pos + 3 <= a.length && this.isBinary(a[this.pos + 1])) v = this.binary();
    else if (this.isUnary(a[this.pos]) && (this.d === 'gnu' || this.pos + 2 <= a.length)) v = this.unary();
    else if (this.d === 'gnu' && a[this.pos].length === 2 && a[this.pos][0] === '-') {
      this.err(`${this.q(a[this.pos])}: unary operator expected`, '');
    } else {
      v = a[this.pos] !== '';
      this.advance(false);
    }
    return invert !== v;
  }

  private unary(): boolean {
    const op = this.argv[this.pos];
    this.advance(true);
    const arg = this.argv[this.pos++];
    if (op === '-z') return arg === '';
    if (op === '-n') return arg !== '';
    if (op === '-t') {
      this.int(arg);
      return false;
    }
    if (op === '-v') return arg in this.sys.env;
    if (op === '-o' || op === '-R') return false;
    return fileTest(op, arg, this.sys);
  }

  private binary(): boolean {
    const a = this.argv;
    const p = this.pos;
    this.pos += 3;
    return stringOrNumber(a[p + 1], a[p], a[p + 2], (s) => this.int(s), this.sys);
  }

  private int(s: string): number {
    if (!/^[ \t\n\v\f\r]*[-+]?\d+[ \t\n\v\f\r]*$/.test(s)) {
      this.err(`invalid integer ${this.q(s)}`, `${s}: integer expression expected`);
    }
    return Number(s.trim());
  }
}

// ---- dash: NetBSD's test (t_lex / oexpr / aexpr / nexpr / primary) ----

type Tok = { kind: 'EOI' } | { kind: 'OPERAND' } | { kind: 'UNOP' | 'BINOP' | 'NOT' | 'AND' | 'OR' | 'LP' | 'RP'; text: string };

function dashTest(argv: string[], sys: Sys): boolean {
  let status = 1; // dash's `res`: the exit status before the expression is xor-ed in
  let w = argv.slice();
  for (;;) {
    if (w.length < 1) return status === 0;
    if (w.length === 3 && BINARY_DASH.has(w[1])) break;
    if ((w.length === 3 || w.length === 4) && w[0] === '(' && w[w.length - 1] === ')') {
      w = w.slice(1, -1);
      break;
    }
    if ((w.length === 3 || w.length === 4) && w[0] === '!') {
      status = 0;
      w = w.slice(1);
      continue;
    }
    break;
  }
  const syntax = (op: string | undefined, msg: string): never => {
    throw new TestError(op ? `${op}: ${msg}` : msg);
  };
  const num = (s: string): number => {
    const m = /^[ \t\n\v\f\r]*([-+]?\d+)[ \t\n\v\f\r]*$/.exec(s);
    if (!m) throw new TestError(`Illegal number: ${s}`);
    return Number(m[1]);
  };
  let i = 0;
  let op: Tok = { kind: 'EOI' };
  const lex = (at: number): Tok['kind'] => {
    const s = w[at];
    if (s === undefined) {
      op = { kind: 'EOI' };
      return 'EOI';
    }
    const kind =
      s === '!'
        ? 'NOT'
        : s === '-a'
          ? 'AND'
          : s === '-o'
            ? 'OR'
            : s === '('
              ? 'LP'
              : s === ')'
                ? 'RP'
                : UNARY_DASH.has(s)
                  ? 'UNOP'
                  : BINARY_DASH.has(s)
                    ? 'BINOP'
                    : undefined;
    const isOperand = kind === 'UNOP' && (w[at + 1] === undefined || (w[at + 2] !== undefined && BINARY_DASH.has(w[at + 1])));
    if (kind && !isOperand && !(kind === 'LP' && w[at + 1] === undefined)) {
      op = { kind, text: s };
      return kind;
    }
    op = { kind: 'OPERAND' };
    return 'OPERAND';
  };
  const oexpr = (n: Tok['kind']): boolean => {
    let r = false;
    for (;;) {
      r = aexpr(n) || r;
      if (lex(i + 1) !== 'OR') return r;
      i += 2;
      n = lex(i);
    }
  };
  const aexpr = (n: Tok['kind']): boolean => {
    let r = true;
    for (;;) {
      if (!nexpr(n)) r = false;
      if (lex(i + 1) !== 'AND') return r;
      i += 2;
      n = lex(i);
    }
  };
  const nexpr = (n: Tok['kind']): boolean => (n === 'NOT' ? !nexpr(lex(++i)) : primary(n));
  const primary = (n: Tok['kind']): boolean => {
    if (n === 'EOI') return false;
    if (n === 'LP') {
      const nn = lex(++i);
      if (nn === 'RP') return false;
      const r = oexpr(nn);
      if (lex(++i) !== 'RP') syntax(undefined, 'closing paren expected');
      return r;
    }
    if (op.kind === 'UNOP') {
      const text = op.text;
      if (w[++i] === undefined) syntax(text, 'argument expected');
      const a = w[i];
      if (text === '-z') return a === '';
      if (text === '-n') return a !== '';
      if (text === '-t') {
        num(a);
        return false;
      }
      return fileTest(text, a, sys);
    }
    lex(i + 1);
    if (op.kind === 'BINOP') {
      const a = w[i];
      const text = op.text;
      i++;
      const b = w[++i];
      if (b === undefined) syntax(text, 'argument expected');
      return stringOrNumber(text, a, b, num, sys);
    }
    return (w[i] ?? '') !== '';
  };
  const truth = oexpr(lex(0));
  if (w[i] !== undefined && w[i + 1] !== undefined) syntax(w[i], 'unexpected operator');
  return status === 1 ? truth : !truth;
}
