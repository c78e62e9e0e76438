/**
 * Parser for the part of the POSIX shell language the simulated sh/bash run: simple commands,
 * pipelines, `&&` / `||` / `;` lists, `if`, `for`, `while`/`until`, `{ }`, `( )`, quoting,
 * parameter expansion, command substitution, redirections and comments. Other valid syntax
 * (case, functions, here-documents, `&`, arithmetic) is reported as unsupported, never misparsed.
 */

export type Part =
  | { t: 'lit'; s: string; q: boolean }
  | { t: 'param'; name: string; q: boolean; op?: string; arg?: Part[]; len?: boolean }
  | { t: 'tilde'; user: string }
  | { t: 'cmdsub'; body: List; q: boolean };
export type Word = Part[];

export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>';
  target: Word;
}
export interface SimpleCommand {
  t: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirs: Redir[];
  line: number;
}
export type Compound = (
  | { t: 'group' | 'subshell'; body: List }
  | { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List }
  | { t: 'for'; name: string; words?: Word[]; body: List }
  | { t: 'loop'; until: boolean; cond: List; body: List }
) & { redirs: Redir[]; line: number };
export type Command = SimpleCommand | Compound;
export interface Pipeline {
  negate: boolean;
  cmds: Command[];
  line: number;
}
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}
export type List = AndOr[];

export type SyntaxProblem =
  | { kind: 'token'; token: string; expecting?: string } // unexpected operator / word / newline
  | { kind: 'eof'; expecting?: string } // input ended inside a command
  | { kind: 'quote'; quote: string } // unterminated ' " ${ $( `
  | { kind: 'backquote' } // dash: EOF in backquote substitution
  | { kind: 'badfor' } // dash: Bad for loop variable
  | { kind: 'badsubst'; text: string } // dash: ${x/a/b}
  | { kind: 'unsupported'; what: string }; // valid shell, outside the simulation

export class ShellSyntaxError extends Error {
  constructor(
    public problem: SyntaxProblem,
    public line: number,
    public lineText: string,
  ) {
    super(problem.kind);
  }
}

const RESERVED_RE = /^(if|then|else|elif|fi|do|done|case|esac|while|until|for|in|\{|\}|!|function|select|\[\[|coproc)(?=[ \t\n;&|<>()]|$)/;
const OPS = ['&&', '||', ';;', '>>', '<<', '<&', '>&', '<>', '>|', '&>>', '&>', '|&', ';', '&', '|', '<', '>', '(', ')', '\n'];
const REDIR_OPS = ['<', '>', '>>', '<&', '>&', '>|', '&>', '&>>', '<<', '<>'];

export class Parser {
  private pos = 0;
  private line = 1;
  constructor(
    private src: string,
    private bash: boolean,
  ) {}

  private err(p: SyntaxProblem, line = this.line): never {
    throw new ShellSyntaxError(p, line, this.src.split('\n')[line - 1] ?? '');
  }

  /** Where parsing stopped (what follows is not yet parsed). */
  offset(): number {
    return this.pos;
  }

  /** Parses the next complete command (up to an unnested newline); undefined at end of input. */
  next(): List | undefined {
    for (;;) {
      this.blank();
      if (this.pos >= this.src.length) return undefined;
      if (this.src[this.pos] === '\n') {
        this.pos++;
        this.line++;
        continue;
      }
      break;
    }
    const list: List = [];
    for (;;) {
      list.push(this.andOr());
      this.blank();
      const op = this.op();
      if (op === undefined) {
        if (this.pos >= this.src.length) break;
        this.tokenError(this.reserved() ?? this.wordToken()); // e.g. `{ a; } b`
      }
      if (op === '\n') {
        this.pos++;
        this.line++;
        break;
      }
      if (op === ';') {
        this.pos++;
        this.blank();
        if (this.pos >= this.src.length) break;
        const after = this.op();
        if (after === '\n') {
          this.pos++;
          this.line++;
          break;
        }
        if (after !== undefined && !REDIR_OPS.includes(after) && after !== '(') this.tokenError(after);
        continue;
      }
      if (op === '&') this.err({ kind: 'unsupported', what: "'&' (background jobs)" });
      this.tokenError(op);
    }
    return list;
  }

  /** A list inside a compound command, up to one of the terminating reserved words (or `)`). */
  private compoundList(terms: string[], expecting: string): List {
    const list: List = [];
    for (;;) {
      this.linebreak();
      if (this.atTerm(terms)) break;
      if (this.pos >= this.src.length) this.eof(expecting);
      const w = this.reserved();
      if (w && list.length && ['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac'].includes(w)) this.tokenError(w, expecting);
      list.push(this.andOr());
      this.blank();
      const op = this.op();
      if (op === ';' || op === '\n') {
        if (op === '\n') this.line++;
        this.pos++;
        continue;
      }
      if (op === '&') this.err({ kind: 'unsupported', what: "'&' (background jobs)" });
      if (this.atTerm(terms)) break;
      if (this.pos >= this.src.length) this.eof(expecting);
      this.tokenError(op ?? this.reserved() ?? this.wordToken(), expecting);
    }
    if (list.length === 0) this.tokenError(this.reserved() ?? this.op() ?? this.wordToken());
    return list;
  }

  private atTerm(terms: string[]): boolean {
    if (terms.includes(')') && this.src[this.pos] === ')') return true;
    const w = this.reserved();
    return w !== undefined && terms.includes(w);
  }

  /** The reserved word at the current position, if any. */
  private reserved(): string | undefined {
    return RESERVED_RE.exec(this.src.slice(this.pos))?.[1];
  }

  private expectWord(w: string): void {
    this.linebreak();
    if (this.reserved() === w) {
      this.pos += w.length;
      return;
    }
    if (this.pos >= this.src.length) this.eof(w);
    this.tokenError(this.reserved() ?? this.op() ?? this.wordToken(), w);
  }

  /** How an unexpected plain word is named: bash quotes it, dash says `word`. */
  private wordToken(): string {
    return this.bash ? /^[^ \t\n;&|<>()]*/.exec(this.src.slice(this.pos))![0] : 'word';
  }

  private eof(expecting: string): never {
    if (expecting === ')' && this.bash) this.err({ kind: 'quote', quote: ')' });
    this.err({ kind: 'eof', expecting });
  }

  private tokenError(op: string, expecting?: string): never {
    if (op === '|&' && !this.bash) op = '|';
    this.err({ kind: 'token', token: op === '\n' ? 'newline' : op, expecting });
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
    if (this.reserved() === '!') {
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

  /** Newlines (and comments) allowed after `|`, `&&`, `||` and inside compound commands. */
  private linebreak(): void {
    for (;;) {
      this.blank();
      if (this.src[this.pos] === '\n') {
        this.pos++;
        this.line++;
        continue;
      }
      return;
    }
  }

  private command(): Command {
    this.blank();
    const line = this.line;
    const w = this.reserved();
    let c: Compound | undefined;
    if (w === 'if') c = this.ifClause(line);
    else if (w === 'for') c = this.forClause(line);
    else if (w === 'while' || w === 'until') {
      this.pos += w.length;
      const cond = this.compoundList(['do'], 'do');
      this.expectWord('do');
      const body = this.compoundList(['done'], 'done');
      this.expectWord('done');
      c = { t: 'loop', until: w === 'until', cond, body, redirs: [], line };
    } else if (w === '{') {
      this.pos++;
      const body = this.compoundList(['}'], '}');
      this.expectWord('}');
      c = { t: 'group', body, redirs: [], line };
    } else if (this.src[this.pos] === '(') {
      this.pos++;
      const body = this.compoundList([')'], ')');
      this.linebreak();
      if (this.src[this.pos] !== ')') this.eof(')');
      this.pos++;
      c = { t: 'subshell', body, redirs: [], line };
    } else if (w && ['case', 'function', 'select', '[[', 'coproc'].includes(w)) {
      this.err({
        kind: 'unsupported',
        what: w === 'case' || w === 'select' ? `'${w}' statements` : w === 'function' ? 'function definitions' : `'${w}'`,
      });
    } else if (w && w !== '!') this.tokenError(w);
    if (c) {
      // Redirections may follow a compound command; nothing else may.
      for (;;) {
        this.blank();
        const ioNumber = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos));
        const op = this.op();
        if (!ioNumber && !(op !== undefined && REDIR_OPS.includes(op))) break;
        this.redirect(c.redirs, ioNumber ? Number(ioNumber[1]) : undefined, ioNumber?.[1].length ?? 0);
      }
      return c;
    }
    return this.simple(line);
  }

  private ifClause(line: number): Compound {
    this.pos += 2;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.compoundList(['then'], 'then');
      this.expectWord('then');
      const body = this.compoundList(['elif', 'else', 'fi'], 'fi');
      clauses.push({ cond, body });
      const next = this.reserved();
      this.pos += next!.length;
      if (next === 'elif') continue;
      if (next === 'else') {
        otherwise = this.compoundList(['fi'], 'fi');
        this.expectWord('fi');
      }
      return { t: 'if', clauses, otherwise, redirs: [], line };
    }
  }

  private forClause(line: number): Compound {
    this.pos += 3;
    this.blank();
    const m = /^[^ \t\n;&|<>()]+/.exec(this.src.slice(this.pos));
    if (!m) this.tokenError(this.op() ?? this.wordToken());
    const name = m![0];
    if (!this.bash && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.err({ kind: 'badfor' });
    this.pos += name.length;
    this.linebreak();
    let words: Word[] | undefined;
    if (this.reserved() === 'in') {
      this.pos += 2;
      words = [];
      for (;;) {
        this.blank();
        const op = this.op();
        if (op === ';' || op === '\n') {
          this.pos++;
          if (op === '\n') this.line++;
          break;
        }
        if (op !== undefined) this.tokenError(op);
        if (this.pos >= this.src.length) this.eof('do');
        words.push(this.word());
      }
    } else if (this.src[this.pos] === ';') this.pos++;
    this.expectWord('do');
    const body = this.compoundList(['done'], 'done');
    this.expectWord('done');
    return { t: 'for', name, words, body, redirs: [], line };
  }

  private simple(line: number): SimpleCommand {
    const cmd: SimpleCommand = { t: 'simple', assigns: [], words: [], redirs: [], line };
    for (;;) {
      this.blank();
      if (this.pos >= this.src.length) break;
      const op = this.op();
      const ioNumber = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos));
      if (ioNumber || (op !== undefined && REDIR_OPS.includes(op))) {
        this.redirect(cmd.redirs, ioNumber ? Number(ioNumber[1]) : undefined, ioNumber?.[1].length ?? 0);
        continue;
      }
      if (op === '(' && cmd.words.length) this.err({ kind: 'unsupported', what: 'function definitions' });
      if (op !== undefined) break;
      const start = this.pos;
      const word = this.word();
      const raw = this.src.slice(start, this.pos);
      if (cmd.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw) && word[0]?.t === 'lit' && !word[0].q) {
        const eq = raw.indexOf('=');
        cmd.assigns.push({ name: raw.slice(0, eq), value: this.subWord(word, eq + 1) });
        continue;
      }
      cmd.words.push(word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) {
      if (this.pos >= this.src.length) this.err({ kind: 'eof' });
      this.tokenError(this.op() ?? this.wordToken());
    }
    return cmd;
  }

  /** Drops the first n characters of a freshly parsed unquoted word (the `NAME=` of an assignment). */
  private subWord(word: Word, n: number): Word {
    const out: Word = [];
    for (const p of word) {
      if (n > 0 && p.t === 'lit') {
        if (p.s.length <= n) {
          n -= p.s.length;
          continue;
        }
        out.push({ ...p, s: p.s.slice(n) });
        n = 0;
      } else out.push(p);
    }
    return out;
  }

  private redirect(redirs: Redir[], fd: number | undefined, skip: number): void {
    this.pos += skip;
    const op = this.op()!;
    if (op === '<<') this.err({ kind: 'unsupported', what: "here-documents '<<'" });
    if (op === '<>') this.err({ kind: 'unsupported', what: "'<>' redirections" });
    this.pos += op.length;
    this.blank();
    const next = this.op();
    if (this.pos >= this.src.length) {
      if (this.bash) this.err({ kind: 'token', token: 'newline' });
      this.err({ kind: 'eof' });
    }
    if (next !== undefined) this.tokenError(next);
    const target = this.word();
    const kind = op === '>|' ? '>' : (op as Redir['op']);
    redirs.push({ fd: fd ?? (kind === '<' || kind === '<&' ? 0 : 1), op: kind, target });
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
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
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
        if (n === undefined) {
          lit('\\', false);
          break;
        }
        if (n === '\n') {
          this.line++;
          continue;
        }
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
      else if (c === '`') this.backquote(parts, false);
      else if (c === '~' && this.pos === startPos) {
        const m = /^~([A-Za-z0-9_.-]*)(?=[/ \t\n;&|<>()]|$)/.exec(this.src.slice(this.pos));
        if (m) {
          parts.push({ t: 'tilde', user: m[1] });
          this.pos += m[0].length;
        } else {
          lit('~', false);
          this.pos++;
        }
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return parts;
  }

  private doubleQuoted(parts: Word, lit: (s: string, q: boolean) => void): void {
    for (;;) {
      if (this.pos >= this.src.length) this.err({ kind: 'quote', quote: '"' });
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n !== undefined && '$`"\\'.includes(n)) {
          lit(n, true);
          this.pos += 2;
          continue;
        }
        lit('\\', true);
        this.pos++;
      } else if (c === '$') this.dollar(parts, true, lit);
      else if (c === '`') this.backquote(parts, true);
      else {
        if (c === '\n') this.line++;
        lit(c, true);
        this.pos++;
      }
    }
  }

  /** `...`: the text up to the closing backquote, unescaped, parsed as a script of its own. */
  private backquote(parts: Word, q: boolean): void {
    let inner = '';
    let i = this.pos + 1;
    for (; ; i++) {
      if (i >= this.src.length) this.err(this.bash ? { kind: 'quote', quote: '`' } : { kind: 'backquote' });
      const c = this.src[i];
      if (c === '`') break;
      if (
        c === '\\' &&
        (this.src[i + 1] === '`' || this.src[i + 1] === '\\' || this.src[i + 1] === '$' || (q && this.src[i + 1] === '"'))
      ) {
        inner += this.src[++i];
      } else inner += c;
    }
    this.pos = i + 1;
    const sub = new Parser(inner, this.bash);
    const body: List = [];
    for (let l = sub.next(); l; l = sub.next()) body.push(...l);
    this.line += inner.split('\n').length - 1;
    parts.push({ t: 'cmdsub', body, q });
  }

  private dollar(parts: Word, q: boolean, lit: (s: string, q: boolean) => void): void {
    const rest = this.src.slice(this.pos + 1);
    if (rest.startsWith('((')) this.err({ kind: 'unsupported', what: 'arithmetic expansion $((...))' });
    if (rest.startsWith('(')) {
      this.pos += 2;
      const body = this.compoundList([')'], ')');
      this.linebreak();
      if (this.src[this.pos] !== ')') this.eof(')');
      this.pos++;
      parts.push({ t: 'cmdsub', body, q });
      return;
    }
    if (rest.startsWith("'") && this.bash && !q) this.err({ kind: 'unsupported', what: "ANSI-C quoting $'...'" });
    if (rest.startsWith('{')) {
      this.braced(parts, q);
      return;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])/.exec(rest);
    if (!m) {
      lit('$', q);
      this.pos++;
      return;
    }
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
      let depth = 1,
        i = this.pos;
      for (; i < this.src.length && depth; i++) {
        if (this.src[i] === '{') depth++;
        else if (this.src[i] === '}') depth--;
      }
      if (depth) {
        this.pos = this.src.length;
        close();
      }
      const text = this.src.slice(open, i);
      if (this.bash) this.err({ kind: 'unsupported', what: `parameter expansion ${text}` });
      this.err({ kind: 'badsubst', text });
    };
    let len = false;
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}') {
      len = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])/.exec(this.src.slice(this.pos));
    if (!m) {
      close();
      bad();
    }
    this.pos += m![1].length;
    close();
    if (this.src[this.pos] === '}') {
      this.pos++;
      parts.push({ t: 'param', name: m![1], q, len });
      return;
    }
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
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1] ?? '';
        lit(n, true);
        this.pos += 2;
      } else if (c === "'" && !q) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.err({ kind: 'quote', quote: "'" });
        lit(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        this.doubleQuoted(arg, lit);
      } else if (c === '$') this.dollar(arg, q, lit);
      else if (c === '`') this.backquote(arg, q);
      else {
        if (c === '\n') this.line++;
        lit(c, q);
        this.pos++;
      }
    }
    parts.push({ t: 'param', name: m![1], q, op: opm![1], arg });
  }
}
