// Go's text/template/parse/parse.go: the parser, building a Tree per template (define/block add
// more to the set); errors are Go's, "template: :LINE: message".
import { quoteGo, unquote } from '../strconv/quote.js';
import {
  I_ASSIGN,
  I_BLOCK,
  I_BOOL,
  I_BREAK,
  I_CHAR,
  I_CHARCONST,
  I_COMPLEX,
  I_CONTINUE,
  I_DECLARE,
  I_DEFINE,
  I_DOT,
  I_ELSE,
  I_END,
  I_EOF,
  I_ERROR,
  I_FIELD,
  I_IDENT,
  I_IF,
  I_LDELIM,
  I_LPAREN,
  I_NIL,
  I_NUMBER,
  I_PIPE,
  I_RANGE,
  I_RAWSTRING,
  I_RDELIM,
  I_RPAREN,
  I_SPACE,
  I_STRING,
  I_TEMPLATE,
  I_TEXT,
  I_VARIABLE,
  I_WITH,
  type Item,
  itemString,
  type Lexer,
} from './lex.js';
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type ListNode,
  type Node,
  newNumber,
  nodeString,
  type PipeNode,
  type VariableNode,
} from './node.js';

export class TemplateParseError extends Error {
  override name = 'TemplateParseError';
}

/** The functions a template may call: the parser checks only that a name is defined. */
type FuncTable = ReadonlyMap<string, unknown>;

/** See Tree.nested: deep enough for any real format, shallow enough for parse and execution. */
const MAX_PARSE_DEPTH = 300;

export class Tree {
  root: ListNode | null = null;
  token: Item[] = [
    { typ: I_EOF, pos: 0, val: '', line: 0 },
    { typ: I_EOF, pos: 0, val: '', line: 0 },
    { typ: I_EOF, pos: 0, val: '', line: 0 },
  ];
  peekCount = 0;
  vars: string[] = ['$'];
  actionLine = 0;
  rangeDepth = 0;
  /** Nesting of parentheses and control blocks, see MAX_PARSE_DEPTH. */
  stackDepth = 0;

  constructor(
    public name: string,
    readonly text: string,
    readonly lex: Lexer,
    readonly funcs: FuncTable,
    readonly treeSet: Map<string, Tree>,
  ) {}

  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }

  backup(): void {
    this.peekCount++;
  }

  backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === I_SPACE);
    return t;
  }

  peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    this.root = null;
    throw new TemplateParseError(`template: :${this.token[0].line}: ${msg}`);
  }

  expect(expected: number, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }

  expectOneOf(e1: number, e2: number, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }

  unexpected(token: Item, context: string): never {
    if (token.typ === I_ERROR) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at :${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(itemString(token) + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  hasFunction(name: string): boolean {
    return this.funcs.has(name);
  }

  add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quoteGo(this.name)}`);
  }

  /** A tree for {{define}}/{{block}} that shares the lexer (startParse in Go). */
  sub(name: string): Tree {
    return new Tree(name, this.text, this.lex, this.funcs, this.treeSet);
  }

  parse(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== I_EOF) {
      if (this.peek().typ === I_LDELIM) {
        const delim = this.next();
        if (this.nextNonSpace().typ === I_DEFINE) {
          const newT = this.sub('definition');
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(I_STRING, I_RAWSTRING, context);
    try {
      this.name = unquote(name.val);
    } catch (e) {
      this.errorf((e as Error).message);
    }
    this.expect(I_RDELIM, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== I_EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I_TEXT:
        return { type: 'text', pos: token.pos, text: token.val };
      case I_LDELIM: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
    }
    this.unexpected(token, 'input');
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I_BLOCK:
        return this.blockControl();
      case I_BREAK:
        return this.breakControl(token.pos, token.line, 'break');
      case I_CONTINUE:
        return this.breakControl(token.pos, token.line, 'continue');
      case I_ELSE:
        return this.elseControl();
      case I_END:
        return this.endControl();
      case I_IF:
        return this.parseControl('if');
      case I_RANGE:
        return this.parseControl('range');
      case I_TEMPLATE:
        return this.templateControl();
      case I_WITH:
        return this.parseControl('with');
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', I_RDELIM) };
  }

  breakControl(pos: number, line: number, kind: 'break' | 'continue'): Node {
    const token = this.nextNonSpace();
    if (token.typ !== I_RDELIM) this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos, line };
  }

  pipeline(context: string, end: number): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === I_VARIABLE) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === I_ASSIGN || next.typ === I_DECLARE) {
          pipe.isAssign = next.typ === I_ASSIGN;
          this.nextNonSpace();
          pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
          this.vars.push(v.val);
        } else if (next.typ === I_CHAR && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === I_VARIABLE || p === I_RDELIM || p === I_RPAREN) continue;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === I_SPACE) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case I_BOOL:
        case I_CHARCONST:
        case I_COMPLEX:
        case I_DOT:
        case I_FIELD:
        case I_IDENT:
        case I_NUMBER:
        case I_NIL:
        case I_RAWSTRING:
        case I_STRING:
        case I_VARIABLE:
        case I_LPAREN:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const t = pipe.cmds[i].args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /**
   * Go stops parenthesized nesting at 10000 (`max expression depth exceeded`) and grows its
   * stack for deeper blocks; a JS stack does not grow, so parentheses and if/range/with blocks
   * share a lower limit with Go's text instead of overflowing.
   */
  nested<T>(parse: () => T): T {
    if (this.stackDepth >= MAX_PARSE_DEPTH) this.errorf('max expression depth exceeded');
    this.stackDepth++;
    try {
      return parse();
    } finally {
      this.stackDepth--;
    }
  }

  parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    return this.nested(() => this.parseControlBlock(context));
  }

  private parseControlBlock(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, I_RDELIM);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        // {{else if}} and {{else with}} nest a new if/with that ends at the same {{end}}.
        if ((context === 'if' && this.peek().typ === I_IF) || (context === 'with' && this.peek().typ === I_WITH)) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.parseControl(context)] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  endControl(): Node {
    return { type: 'end', pos: this.expect(I_RDELIM, 'end').pos };
  }

  elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === I_IF || peek.typ === I_WITH) return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect(I_RDELIM, 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, I_RDELIM);
    const block = this.sub(name);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== I_RDELIM) {
      this.backup();
      pipe = this.pipeline(context, I_RDELIM);
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  parseTemplateName(token: Item, context: string): string {
    if (token.typ === I_STRING || token.typ === I_RAWSTRING) {
      try {
        return unquote(token.val);
      } catch (e) {
        this.errorf((e as Error).message);
      }
    }
    this.unexpected(token, context);
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === I_SPACE) continue;
      if (token.typ === I_RDELIM || token.typ === I_RPAREN) this.backup();
      else if (token.typ !== I_PIPE) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === I_FIELD) {
      const chain: ChainNode = { type: 'chain', pos: this.peek().pos, node, field: [] };
      while (this.peek().typ === I_FIELD) chain.field.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos: chain.pos, ident: nodeString(chain).slice(1).split('.') };
          break;
        case 'variable':
          node = { type: 'variable', pos: chain.pos, ident: nodeString(chain).split('.') };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quoteGo(nodeString(node))}`);
        default:
          node = chain;
      }
    }
    return node;
  }

  term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I_IDENT:
        if (!this.hasFunction(token.val)) this.errorf(`function ${quoteGo(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case I_DOT:
        return { type: 'dot', pos: token.pos };
      case I_NIL:
        return { type: 'nil', pos: token.pos };
      case I_VARIABLE:
        return this.useVar(token.pos, token.val);
      case I_FIELD:
        return { type: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case I_BOOL:
        return { type: 'bool', pos: token.pos, val: token.val === 'true' };
      case I_CHARCONST:
      case I_COMPLEX:
      case I_NUMBER:
        try {
          return newNumber(token.pos, token.val, token.typ);
        } catch (e) {
          this.errorf((e as Error).message);
        }
      case I_LPAREN:
        return this.nested(() => this.pipeline('parenthesized pipeline', I_RPAREN));
      case I_STRING:
      case I_RAWSTRING:
        try {
          return { type: 'string', pos: token.pos, quoted: token.val, text: unquote(token.val) };
        } catch (e) {
          this.errorf((e as Error).message);
        }
    }
    this.backup();
    return null;
  }

  useVar(pos: number, name: string): VariableNode {
    const v: VariableNode = { type: 'variable', pos, ident: name.split('.') };
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${quoteGo(v.ident[0])}`);
  }
}

function isEmptyTree(n: Node | null): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
  }
  return false;
}
