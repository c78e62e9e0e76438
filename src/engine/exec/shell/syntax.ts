/**
 * Parser for the subset of the POSIX shell language the simulated sh/bash run: simple commands,
 * pipelines, `&&` / `||` lists, `;`, quoting, parameter expansion, redirections and comments.
 * Compound commands, functions, substitutions, here-documents and `&` are recognised and reported
 * as unsupported rather than misparsed.
 */

export type Part =
  | { t: 'lit'; s: string; q: boolean }
  | { t: 'param'; name: string; q: boolean; op?: string; arg?: Part[]; len?: boolean }
  | { t: 'tilde'; user: string };
export type Word = Part[];

export interface Redir { fd: number; op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>'; target: Word }
export interface SimpleCommand { assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[]; line: number }
export interface Pipeline { negate: boolean; cmds: SimpleCommand[]; line: number }
export interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; p: Pipeline }[] }
/** One line's worth of commands (`a; b && c`), run after it is parsed whole, as shells do. */
export type CompleteCommand = AndOr[];

export type SyntaxProblem =
  | { kind: 'token'; token: string }            // unexpected operator / newline / word
  | { kind: 'eof' }                             // input ended where a command was needed
  | { kind: 'quote'; quote: string }            // unterminated ' " or ${
  | { kind: 'badsubst'; text: string }          // dash: ${x/a/b}
  | { kind: 'unsupported'; what: string };      // valid shell, outside the simulation

export class ShellSyntaxError extends Error {
  constructor(public problem: SyntaxProblem, public line: number, public lineText: string) { super(problem.kind); }
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for',
  '{', '}', 'function', 'select', '[[', ']]', 'time', 'coproc', 'in']);
const OPS = ['&&', '||', ';;', '>>', '<<', '<&', '>&', '<>', '>|', '&>>', '&>', '|&', ';', '&', '|', '<', '>', '(', ')', '\n'];

export class Parser {
  private pos = 0;
  private line = 1;
  constructor(private src: string, private bash: boolean) {}

  private err(p: SyntaxProblem, line = this.line): never {
    const lines = this.src.split('\n');
    throw new ShellSyntaxError(p, line, lines[line - 1] ?? '');
  }

  /** Where parsing stopped (what follows is not yet parsed). */
  offset(): number { return this.pos; }

  /** Parses the next complete command; undefined at end of input. */
  next(): CompleteCommand | undefined {
    for (;;) {
      this.blank();
      if (this.pos >= this.src.length) return undefined;
      if (this.src[this.pos] === '\n') { this.pos++; this.line++; continue; }
      break;
    }
    const list: CompleteCommand = [];
    for (;;) {
      list.push(this.andOr());
      this.blank();
      const op = this.op();
      if (op === undefined) break;
      if (op === '\n') { this.pos++; this.line++; break; }
      if (op === ';') {
        this.pos++;
        this.blank();
        const after = this.op();
        if (this.pos >= this.src.length) break;
        if (after === '\n') { this.pos++; this.line++; break; }
        if (after !== undefined && !['<', '>', '>>', '<&', '>&', '&>', '&>>', '('].includes(after)) this.tokenError(after);
        continue;
      }
      if (op === '&') this.err({ kind: 'unsupported', what: "'&' (background jobs)" });
      this.tokenError(op);
    }
    return list;
  }

  private tokenError(op: string): never {
    if (op === '|&' && !this.bash) op = '|';
    this.err({ kind: 'token', token: op });
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.blank();
      const op = this.op();
      if (op !== '&&' && op !== '||') return { first, rest };
      this.pos += 2;
      this.linebreak();
      rest.push({ op, p: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    this.blank();
    const line = this.line;
    let negate = false;
    if (this.src[this.pos] === '!' && /[ \t\n]/.test(this.src[this.pos + 1] ?? ' ')) {
      negate = true;
      this.pos++;
    }
    const cmds = [this.command()];
    for (;;) {
      this.blank();
      const op = this.op();
      if (op === '|&') {
        if (!this.bash) this.err({ kind: 'token', token: '&' });
        cmds[cmds.length - 1].redirs.push({ fd: 2, op: '>&', target: [{ t: 'lit', s: '1', q: false }] });
        this.pos += 2;
      } else if (op === '|') this.pos++;
      else return { negate, cmds, line };
      this.linebreak();
      cmds.push(this.command());
    }
  }

  /** Newlines (and comments) allowed after `|`, `&&`, `||`. */
  private linebreak(): void {
    for (;;) {
      this.blank();
      if (this.src[this.pos] === '\n') { this.pos++; this.line++; continue; }
      return;
    }
  }

  private command(): SimpleCommand {
    this.blank();
    const cmd: SimpleCommand = { assigns: [], words: [], redirs: [], line: this.line };
    for (;;) {
      this.blank();
      if (this.pos >= this.src.length) break;
      const op = this.op();
      const ioNumber = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos));
      if (ioNumber || (op !== undefined && ['<', '>', '>>', '<&', '>&', '>|', '&>', '&>>', '<<', '<>'].includes(op))) {
        this.redirect(cmd, ioNumber ? Number(ioNumber[1]) : undefined, ioNumber?.[1].length ?? 0);
        continue;
      }
      if (op === '(') {
        this.err({ kind: 'unsupported', what: cmd.words.length ? 'function definitions' : "subshells '( ... )'" });
      }
      if (op !== undefined) break;
      const start = this.pos;
      const word = this.word();
      const raw = this.src.slice(start, this.pos);
      if (cmd.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw) && word[0]?.t === 'lit' && !word[0].q) {
        const eq = raw.indexOf('=');
        cmd.assigns.push({ name: raw.slice(0, eq), value: this.subWord(word, eq + 1) });
        continue;
      }
      if (cmd.words.length === 0 && RESERVED.has(raw)) {
        this.err({ kind: 'unsupported', what: `'${raw}'${['if', 'for', 'while', 'until', 'case', 'select'].includes(raw) ? ' statements' : ''}` });
      }
      cmd.words.push(word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) {
      if (this.pos >= this.src.length) this.err({ kind: 'eof' });
      const op = this.op() ?? '';
      this.tokenError(op === '\n' ? 'newline' : op);
    }
    return cmd;
  }

  /** Drops the first n characters of a freshly parsed unquoted word (the `NAME=` of an assignment). */
  private subWord(word: Word, n: number): Word {
    const out: Word = [];
    for (const p of word) {
      if (n > 0 && p.t === 'lit') {
        if (p.s.length <= n) { n -= p.s.length; continue; }
        out.push({ ...p, s: p.s.slice(n) });
        n = 0;
      } else out.push(p);
    }
    return out;
  }

  private redirect(cmd: SimpleCommand, fd: number | undefined, skip: number): void {
    this.pos += skip;
    const op = this.op()!;
    if (op === '<<') this.err({ kind: 'unsupported', what: "here-documents '<<'" });
    if (op === '<>') this.err({ kind: 'unsupported', what: "'<>' redirections" });
    if ((op === '&>' || op === '&>>') && !this.bash) this.err({ kind: 'unsupported', what: "'&' (background jobs)" });
    this.pos += op.length;
    this.blank();
    const next = this.op();
    if (this.pos >= this.src.length) {
      if (this.bash) this.err({ kind: 'token', token: 'newline' });
      this.err({ kind: 'eof' });
    }
    if (next !== undefined) this.tokenError(next === '\n' ? 'newline' : next);
    const target = this.word();
    const kind = op === '>|' ? '>' : (op as Redir['op']);
    cmd.redirs.push({ fd: fd ?? (kind === '<' || kind === '<&' ? 0 : 1), op: kind, target });
  }

  private op(): string | undefined {
    if (this.pos >= this.src.length) return undefined;
    for (const o of OPS) if (this.src.startsWith(o, this.pos)) return o === '&>' || o === '&>>' || o === '|&' ? (this.bash ? o : o[0]) : o;
    return undefined;
  }

  /** Skips blanks, line continuations and comments (not newlines). */
  private blank(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') { this.pos += 2; this.line++; }
      else if (c === '#') { while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++; }
      else return;
    }
  }

  private word(): Word {
    const parts: Word = [];
    const lit = (s: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.t === 'lit' && last.q === q) last.s += s;
      else parts.push({ t: 'lit', s, q });
    };
    const startPos = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (/[ \t\n;&|<>()]/.test(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n === undefined) { lit('\\', false); break; }
        if (n === '\n') { this.line++; continue; }
        lit(n, true);
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.err({ kind: 'quote', quote: "'" });
        const s = this.src.slice(this.pos + 1, end);
        this.line += s.split('\n').length - 1;
        lit(s, true);
        if (s === '') parts.push({ t: 'lit', s: '', q: true });
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        const before = parts.length;
        this.doubleQuoted(parts, lit);
        if (parts.length === before) parts.push({ t: 'lit', s: '', q: true });
      } else if (c === '$') this.dollar(parts, false, lit);
      else if (c === '`') this.err({ kind: 'unsupported', what: 'command substitution `...`' });
      else if (c === '~' && this.pos === startPos) {
        const m = /^~([A-Za-z0-9_.-]*)(?=[/ \t\n;&|<>()]|$)/.exec(this.src.slice(this.pos));
        if (m) { parts.push({ t: 'tilde', user: m[1] }); this.pos += m[0].length; } else { lit('~', false); this.pos++; }
      } else { lit(c, false); this.pos++; }
    }
    return parts;
  }

  private doubleQuoted(parts: Word, lit: (s: string, q: boolean) => void): void {
    for (;;) {
      if (this.pos >= this.src.length) this.err({ kind: 'quote', quote: '"' });
      const c = this.src[this.pos];
      if (c === '"') { this.pos++; return; }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') { this.pos += 2; this.line++; continue; }
        if (n !== undefined && '$`"\\'.includes(n)) { lit(n, true); this.pos += 2; continue; }
        lit('\\', true);
        this.pos++;
      } else if (c === '$') this.dollar(parts, true, lit);
      else if (c === '`') this.err({ kind: 'unsupported', what: 'command substitution `...`' });
      else { if (c === '\n') this.line++; lit(c, true); this.pos++; }
    }
  }

  private dollar(parts: Word, q: boolean, lit: (s: string, q: boolean) => void): void {
    const rest = this.src.slice(this.pos + 1);
    if (rest.startsWith('((')) this.err({ kind: 'unsupported', what: 'arithmetic expansion $((...))' });
    if (rest.startsWith('(')) this.err({ kind: 'unsupported', what: 'command substitution $(...)' });
    if (rest.startsWith("'") && this.bash && !q) this.err({ kind: 'unsupported', what: "ANSI-C quoting $'...'" });
    if (rest.startsWith('{')) { this.braced(parts, q); return; }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])/.exec(rest);
    if (!m) { lit('$', q); this.pos++; return; }
    parts.push({ t: 'param', name: m[1], q });
    this.pos += 1 + m[1].length;
  }

  private braced(parts: Word, q: boolean): void {
    const open = this.pos;
    this.pos += 2;
    const close = () => {
      if (this.pos >= this.src.length) this.err(this.bash ? { kind: 'quote', quote: '}' } : { kind: 'quote', quote: '${' });
    };
    const bad = (): never => {
      let depth = 1, i = this.pos;
      for (; i < this.src.length && depth; i++) { if (this.src[i] === '{') depth++; else if (this.src[i] === '}') depth--; }
      if (depth) { this.pos = this.src.length; close(); }
      const text = this.src.slice(open, i);
      if (this.bash) this.err({ kind: 'unsupported', what: `parameter expansion ${text}` });
      this.err({ kind: 'badsubst', text });
    };
    let len = false;
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}') { len = true; this.pos++; }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])/.exec(this.src.slice(this.pos));
    if (!m) { close(); bad(); }
    this.pos += m![1].length;
    close();
    if (this.src[this.pos] === '}') { this.pos++; parts.push({ t: 'param', name: m![1], q, len }); return; }
    if (len) bad();
    const opm = /^(:[-=+?]|[-=+?]|##|#|%%|%)/.exec(this.src.slice(this.pos));
    if (!opm) bad();
    this.pos += opm![1].length;
    // The operand: a word up to the matching `}` (quotes and nested expansions allowed).
    const arg: Word = [];
    const lit = (s: string, qq: boolean) => {
      const last = arg[arg.length - 1];
      if (last && last.t === 'lit' && last.q === qq) last.s += s;
      else arg.push({ t: 'lit', s, q: qq });
    };
    for (;;) {
      close();
      const c = this.src[this.pos];
      if (c === '}') { this.pos++; break; }
      if (c === '\\') { const n = this.src[this.pos + 1] ?? ''; lit(n, true); this.pos += 2; }
      else if (c === "'" && !q) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.err({ kind: 'quote', quote: "'" });
        lit(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') { this.pos++; this.doubleQuoted(arg, lit); }
      else if (c === '$') this.dollar(arg, q, lit);
      else { if (c === '\n') this.line++; lit(c, q); this.pos++; }
    }
    parts.push({ t: 'param', name: m![1], q, op: opm![1], arg });
  }
}
