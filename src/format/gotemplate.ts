// Go's text/template (Go 1.24, as in docker CLI 28) with docker/cli's template funcs, plus
// docker's formatter.Context rules for list output. Ported from text/template/parse (lex.go,
// parse.go, node.go), text/template (exec.go, funcs.go) and docker/cli templates/templates.go,
// cli/command/formatter/formatter.go; error messages are Go's, word for word.
// See govalue.ts for how JS values stand for Go values.

import {
  GoFloat,
  GoNil,
  compareBytes,
  elemTypeName,
  formatGoValue,
  formatTemplateValue,
  structFields,
  goJSON,
  goKind,
  goType,
  isPrint,
  kindOf,
  mapEntries,
  mapSize,
  marshalJSON,
  parseGoIntSyntax,
  quoteGo,
  sprint,
  sprintf,
  sprintln,
  typeName,
  utf8Bytes,
  utf8Decode,
  utf8Len,
} from './govalue.js';
import { DOCKER_TABLE, TabWriter } from './tabwriter.js';

// ---------------------------------------------------------------------------------------------
// Errors

export class TemplateParseError extends Error {
  override name = 'TemplateParseError';
}

export class TemplateExecError extends Error {
  override name = 'TemplateExecError';
  /** What Go had already written to the output when the error happened. */
  output = '';
}

// ---------------------------------------------------------------------------------------------
// Functions

/** A Go parameter type, as far as the engine checks and converts arguments. */
export type GoParam = 'any' | 'value' | 'string' | 'int' | 'bool' | 'float64' | '[]string';

/** A function with a Go signature; fn throws to return an error ("error calling name: msg"). */
export interface GoFuncSpec {
  fn: (...args: any[]) => unknown;
  params: GoParam[];
  variadic?: GoParam;
}

/** A plain JS function takes fn.length arguments of any type. */
export type GoFunc = ((...args: any[]) => unknown) | GoFuncSpec;

/** Optional Go signature for methods of data objects: fn[goSig] = { params, variadic }. */
export const goSig: unique symbol = Symbol.for('tsecret.goSig');

interface Sig {
  params: GoParam[];
  variadic?: GoParam;
}

const GO_PARAM_NAME: Record<GoParam, string> = {
  any: 'interface {}',
  value: 'reflect.Value',
  string: 'string',
  int: 'int',
  bool: 'bool',
  float64: 'float64',
  '[]string': '[]string',
};

function sigOf(f: GoFunc): Sig & { fn: (...args: any[]) => unknown } {
  if (typeof f === 'function') {
    const s = (f as unknown as Record<symbol, Sig | undefined>)[goSig];
    return { fn: f, params: s?.params ?? new Array<GoParam>(f.length).fill('any'), variadic: s?.variadic };
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// Lexer (text/template/parse/lex.go)

const I_ERROR = 0;
const I_BOOL = 1;
const I_CHAR = 2;
const I_CHARCONST = 3;
const I_COMPLEX = 5;
const I_ASSIGN = 6;
const I_DECLARE = 7;
const I_EOF = 8;
const I_FIELD = 9;
const I_IDENT = 10;
const I_LDELIM = 11;
const I_LPAREN = 12;
const I_NUMBER = 13;
const I_PIPE = 14;
const I_RAWSTRING = 15;
const I_RDELIM = 16;
const I_RPAREN = 17;
const I_SPACE = 18;
const I_STRING = 19;
const I_TEXT = 20;
const I_VARIABLE = 21;
const I_KEYWORD = 22;
const I_BLOCK = 23;
const I_BREAK = 24;
const I_CONTINUE = 25;
const I_DOT = 26;
const I_DEFINE = 27;
const I_ELSE = 28;
const I_END = 29;
const I_IF = 30;
const I_NIL = 31;
const I_RANGE = 32;
const I_TEMPLATE = 33;
const I_WITH = 34;

const KEYWORDS = new Map<string, number>([
  ['.', I_DOT],
  ['block', I_BLOCK],
  ['break', I_BREAK],
  ['continue', I_CONTINUE],
  ['define', I_DEFINE],
  ['else', I_ELSE],
  ['end', I_END],
  ['if', I_IF],
  ['range', I_RANGE],
  ['nil', I_NIL],
  ['template', I_TEMPLATE],
  ['with', I_WITH],
]);

interface Item {
  typ: number;
  pos: number;
  val: string;
  line: number;
}

const EOF = -1;

function itemString(i: Item): string {
  if (i.typ === I_EOF) return 'EOF';
  if (i.typ === I_ERROR) return i.val;
  if (i.typ > I_KEYWORD) return '<' + i.val + '>';
  if (utf8Len(i.val) > 10) return quoteGo(Array.from(i.val).slice(0, 10).join('')) + '...';
  return quoteGo(i.val);
}

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;

let letterRe: RegExp | undefined;
function isAlphaNumeric(r: number): boolean {
  if (r === 0x5f) return true;
  if (r < 0x80) return (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  if (r < 0) return false;
  letterRe ??= /^[\p{L}\p{Nd}]$/u;
  return letterRe.test(String.fromCodePoint(r));
}

/** fmt's %#U: U+0041 'A'. */
function fmtU(r: number): string {
  const s = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? s + " '" + String.fromCodePoint(r) + "'" : s;
}

type StateFn = (l: Lexer) => StateFn | null;

class Lexer {
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  insideAction = false;
  item: Item = { typ: I_EOF, pos: 0, val: 'EOF', line: 0 };

  constructor(
    public input: string,
    readonly breakOK: boolean,
    readonly continueOK: boolean,
  ) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      let w = 1;
      const c = this.input.charCodeAt(this.pos - 1);
      if (c >= 0xdc00 && c <= 0xdfff && this.pos > 1) {
        const h = this.input.charCodeAt(this.pos - 2);
        if (h >= 0xd800 && h <= 0xdbff) w = 2;
      }
      this.pos -= w;
      if (c === 0x0a) this.line--;
    }
  }

  thisItem(t: number): Item {
    const i = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  emit(t: number): null {
    this.item = this.thisItem(t);
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r >= 0 && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r < 0 || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(msg: string): null {
    this.item = { typ: I_ERROR, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  nextItem(): Item {
    this.item = { typ: I_EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn | null = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item;
  }

  hasLeftTrimMarker(i: number): boolean {
    return i + 1 < this.input.length && this.input.charCodeAt(i) === 0x2d && isSpace(this.input.charCodeAt(i + 1));
  }

  hasRightTrimMarker(i: number): boolean {
    return i + 1 < this.input.length && isSpace(this.input.charCodeAt(i)) && this.input.charCodeAt(i + 1) === 0x2d;
  }

  /** [delim, trimSpaces] */
  atRightDelim(): [boolean, boolean] {
    if (this.hasRightTrimMarker(this.pos) && this.input.startsWith('}}', this.pos + 2)) return [true, true];
    if (this.input.startsWith('}}', this.pos)) return [true, false];
    return [false, false];
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith('}}', this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf('{{', l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      const trimLength = l.hasLeftTrimMarker(x + 2) ? rightTrimLength(l.input, l.start, l.pos) : 0;
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const i = l.thisItem(I_TEXT);
      l.pos += trimLength;
      l.ignore();
      if (i.val.length > 0) {
        l.item = i;
        return null;
      }
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(I_TEXT);
  }
  return l.emit(I_EOF);
}

function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += 2;
  const afterMarker = l.hasLeftTrimMarker(l.pos) ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem(I_LDELIM);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  l.item = i;
  return null;
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpace) l.pos += 2;
  l.pos += 2;
  if (trimSpace) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn | null {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += 2;
  const i = l.thisItem(I_RDELIM);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  l.item = i;
  return null;
}

function lexInsideAction(l: Lexer): StateFn | null {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit(I_ASSIGN);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(I_DECLARE);
    case 0x7c:
      return l.emit(I_PIPE);
    case 0x22:
      return lexQuote;
    case 0x60:
      return lexRawQuote;
    case 0x24:
      return lexVariable;
    case 0x27:
      return lexChar;
    case 0x2e: {
      if (l.pos < l.input.length) {
        const c = l.input.charCodeAt(l.pos);
        if (c < 0x30 || c > 0x39) return lexField;
      }
      l.backup();
      return lexNumber;
    }
    case 0x28:
      l.parenDepth++;
      return l.emit(I_LPAREN);
    case 0x29:
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(I_RPAREN);
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r < 0x80 && isPrint(r)) return l.emit(I_CHAR);
  return l.errorf('unrecognized character in action: ' + fmtU(r));
}

function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  if (l.hasRightTrimMarker(l.pos - 1) && l.input.startsWith('}}', l.pos + 1)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(I_SPACE);
}

function lexIdentifier(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf('bad character ' + fmtU(r));
    const kw = KEYWORDS.get(word);
    if (kw !== undefined && kw > I_KEYWORD) {
      if ((kw === I_BREAK && !l.breakOK) || (kw === I_CONTINUE && !l.continueOK)) return l.emit(I_IDENT);
      return l.emit(kw);
    }
    if (word[0] === '.') return l.emit(I_FIELD);
    if (word === 'true' || word === 'false') return l.emit(I_BOOL);
    return l.emit(I_IDENT);
  }
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, I_FIELD);
}

function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) return l.emit(I_VARIABLE);
  return lexFieldOrVariable(l, I_VARIABLE);
}

function lexFieldOrVariable(l: Lexer, typ: number): StateFn | null {
  if (l.atTerminator()) return l.emit(typ === I_VARIABLE ? I_VARIABLE : I_DOT);
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf('bad character ' + fmtU(r));
  return l.emit(typ);
}

function lexQuoted(l: Lexer, quote: number, typ: number, msg: string): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf(msg);
    }
    if (r === EOF || r === 0x0a) return l.errorf(msg);
    if (r === quote) break;
  }
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn | null {
  return lexQuoted(l, 0x27, I_CHARCONST, 'unterminated character constant');
}

function lexQuote(l: Lexer): StateFn | null {
  return lexQuoted(l, 0x22, I_STRING, 'unterminated quoted string');
}

function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(I_RAWSTRING);
}

function lexNumber(l: Lexer): StateFn | null {
  if (!l.scanNumber()) return l.errorf('bad number syntax: ' + quoteGo(l.input.slice(l.start, l.pos)));
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf('bad number syntax: ' + quoteGo(l.input.slice(l.start, l.pos)));
    return l.emit(I_COMPLEX);
  }
  return l.emit(I_NUMBER);
}

// ---------------------------------------------------------------------------------------------
// Nodes (text/template/parse/node.go)

interface NodeBase {
  pos: number;
}
interface TextNode extends NodeBase {
  type: 'text';
  text: string;
}
interface PipeNode extends NodeBase {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
interface ActionNode extends NodeBase {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
interface CommandNode extends NodeBase {
  type: 'command';
  args: Node[];
}
interface IdentifierNode extends NodeBase {
  type: 'identifier';
  ident: string;
}
interface VariableNode extends NodeBase {
  type: 'variable';
  ident: string[];
}
interface DotNode extends NodeBase {
  type: 'dot';
}
interface NilNode extends NodeBase {
  type: 'nil';
}
interface FieldNode extends NodeBase {
  type: 'field';
  ident: string[];
}
interface ChainNode extends NodeBase {
  type: 'chain';
  node: Node;
  field: string[];
}
interface BoolNode extends NodeBase {
  type: 'bool';
  val: boolean;
}
interface NumberNode extends NodeBase {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  float64: number;
}
interface StringNode extends NodeBase {
  type: 'string';
  quoted: string;
  text: string;
}
interface ListNode extends NodeBase {
  type: 'list';
  nodes: Node[];
}
interface BranchNode extends NodeBase {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
interface TemplateNode extends NodeBase {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | null;
}
interface BreakNode extends NodeBase {
  type: 'break' | 'continue';
  line: number;
}
interface EndNode extends NodeBase {
  type: 'end';
}
interface ElseNode extends NodeBase {
  type: 'else';
  line: number;
}

type Node =
  | TextNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | ListNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | EndNode
  | ElseNode;

/** Node.String(): how Go shows a node in "executing ... at <...>". */
function nodeString(n: Node): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + ' := ';
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'action':
      return '{{' + nodeString(n.pipe) + '}}';
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'chain':
      return (n.node.type === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'bool':
      return n.val ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return (
        '{{' +
        n.type +
        ' ' +
        nodeString(n.pipe) +
        '}}' +
        nodeString(n.list) +
        (n.elseList ? '{{else}}' + nodeString(n.elseList) : '') +
        '{{end}}'
      );
    case 'template':
      return '{{template ' + quoteGo(n.name) + (n.pipe ? ' ' + nodeString(n.pipe) : '') + '}}';
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}

// ---------------------------------------------------------------------------------------------
// Literals: strconv.Unquote, strconv.ParseInt/ParseUint/ParseFloat (base 0)

/** strconv's errors, reported by the parser as "template: :N: <message>". */
class SyntaxError_ extends Error {}

function unquote(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new SyntaxError_('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (!body.includes('\\')) {
    if (body.includes('\n') || (q === "'" ? false : body.includes(q))) throw new SyntaxError_('invalid syntax');
    return body;
  }
  // Decode to bytes, since \x and octal escapes are bytes, then decode the bytes as UTF-8.
  const bytes: number[] = [];
  const pushStr = (str: string) => {
    for (const b of utf8Bytes(str)) bytes.push(b);
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === q || c === '\n') throw new SyntaxError_('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      pushStr(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case '\\':
        bytes.push(0x5c);
        break;
      case "'":
      case '"':
        if (e !== q) throw new SyntaxError_('invalid syntax');
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw new SyntaxError_('invalid syntax');
        i += n;
        const v = parseInt(hex, 16);
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
          pushStr(String.fromCodePoint(v));
        }
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct)) throw new SyntaxError_('invalid syntax');
          const v = parseInt(oct, 8);
          if (v > 255) throw new SyntaxError_('invalid syntax');
          bytes.push(v);
          i += 2;
          break;
        }
        throw new SyntaxError_('invalid syntax');
      }
    }
  }
  return utf8Decode(Uint8Array.from(bytes));
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseFloat(s, 64) for Go literal syntax (decimal and hex). */
function parseGoFloat(text: string): number | undefined {
  const s = text.replaceAll('_', '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m && (m[2] || m[3])) {
    const mant = parseInt((m[2] || '0') + (m[3] || ''), 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * m[3].length);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}

function newNumber(pos: number, text: string, typ: number): NumberNode {
  const n: NumberNode = { type: 'number', pos, text, isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, float64: 0 };
  if (typ === I_CHARCONST) {
    const cps = Array.from(unquote(text));
    if (cps.length !== 1) throw new SyntaxError_('malformed character constant: ' + text);
    const r = cps[0].codePointAt(0) as number;
    n.int64 = BigInt(r);
    n.float64 = r;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === I_COMPLEX || text.endsWith('i')) throw new SyntaxError_('complex numbers are not supported: ' + quoteGo(text));
  // As Go: ParseUint and ParseInt (base 0), else ParseFloat, which must look like a float.
  const i = parseGoIntSyntax(text);
  if (i !== undefined) {
    if (i >= 0n && i <= UINT64_MAX && text[0] !== '+' && text[0] !== '-') n.isUint = true;
    if (i >= INT64_MIN && i <= INT64_MAX) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) n.isUint = true;
    }
  }
  if (n.isInt || n.isUint) {
    n.isFloat = true;
    n.float64 = Number(i);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined && Number.isFinite(f)) {
      if (!/[.eEpP]/.test(text)) throw new SyntaxError_('integer overflow: ' + quoteGo(text));
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new SyntaxError_('illegal number syntax: ' + quoteGo(text));
  return n;
}

// ---------------------------------------------------------------------------------------------
// Parser (text/template/parse/parse.go)

type FuncTable = Map<string, GoFunc | BuiltinSpec>;

/** See Tree.nested: deep enough for any real format, shallow enough for parse and execution. */
const MAX_PARSE_DEPTH = 300;

class Tree {
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
    decls: for (;;) {
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
            if (p === I_VARIABLE || p === I_RDELIM || p === I_RPAREN) continue decls;
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

// ---------------------------------------------------------------------------------------------
// Execution (text/template/exec.go)

/** Go's missingVal: "no final value" for a command. */
const MISSING: unique symbol = Symbol('missing');
/**
 * A value read from a map[string]interface{} or an []interface{}: Go reports its type as
 * "interface {}" until the end of the command unwraps it; a nil one then becomes "no value".
 */
class Iface {
  constructor(readonly v: unknown) {}
}
const box = (v: Val): Iface => new Iface(v === undefined ? null : v);

type Val = unknown;

class ControlSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}
const BREAK = new ControlSignal('break');
const CONTINUE = new ControlSignal('continue');

class GoCallError extends Error {}

const isUpper = (s: string): boolean => {
  const c = s.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0x80) return false;
  const ch = String.fromCodePoint(s.codePointAt(0) as number);
  return ch.toUpperCase() === ch && ch.toLowerCase() !== ch;
};

// A list's rows are mostly {{.Name}} actions calling a row method that returns a string: these
// take a short way, ahead of the general evaluation (the same result; anything else, including
// every error, goes the general way).
const simpleMethods = new WeakMap<ActionNode, string | null>();

/** The method name of an action that is a lone `{{.Name}}`, else null. */
function simpleMethod(node: ActionNode): string | null {
  let name = simpleMethods.get(node);
  if (name === undefined) {
    const { decl, cmds } = node.pipe;
    const arg = cmds.length === 1 && cmds[0].args.length === 1 ? cmds[0].args[0] : undefined;
    name = decl.length === 0 && arg?.type === 'field' && arg.ident.length === 1 && isUpper(arg.ident[0]) ? arg.ident[0] : null;
    simpleMethods.set(node, name);
  }
  return name;
}

/** Whether text/template would look fields and methods up on dot as on a Go struct. */
function isStruct(dot: Val): dot is object {
  if (typeof dot !== 'object' || dot === null || dot instanceof Iface || dot instanceof GoNil || dot instanceof GoFloat) return false;
  return kindOf(dot) === 'struct';
}

/** dot.name() when that method takes nothing and returns a string; dot is a struct. */
function callStringMethod(dot: object, name: string): string | undefined {
  const method = (dot as Record<string, unknown>)[name];
  if (typeof method !== 'function' || method.length !== 0 || (method as unknown as Record<symbol, unknown>)[goSig]) return undefined;
  let result: unknown;
  try {
    result = method.call(dot);
  } catch {
    return undefined; // the general way reports it as Go does
  }
  return typeof result === 'string' ? result : undefined;
}

/** Field or method lookup on an object, [found, value]. */
function lookup(obj: object, name: string, kind: string): [boolean, unknown] {
  if (obj instanceof Map) return obj.has(name) ? [true, obj.get(name)] : [false, undefined];
  if (kind === 'map') {
    return Object.prototype.hasOwnProperty.call(obj, name) ? [true, (obj as Record<string, unknown>)[name]] : [false, undefined];
  }
  // Structs: only exported (upper-case) names, own or inherited (class getters and methods).
  if (!isUpper(name) || !(name in obj)) return [false, undefined];
  return [true, (obj as Record<string, unknown>)[name]];
}

function indirectInterface(v: Val): Val {
  return v instanceof Iface ? (v.v === null ? undefined : v.v) : v;
}

function isTrue(v: Val): [boolean, boolean] {
  v = indirectInterface(v);
  if (v === undefined || v === null || v instanceof GoNil) return [false, true];
  switch (typeof v) {
    case 'boolean':
      return [v, true];
    case 'number':
      return [v !== 0, true];
    case 'bigint':
      return [v !== 0n, true];
    case 'string':
      return [v.length > 0, true];
    case 'function':
      return [true, true];
  }
  if (v instanceof GoFloat) return [v.value !== 0, true];
  switch (kindOf(v)) {
    case 'slice':
      return [Array.isArray(v) || v instanceof Uint8Array ? v.length > 0 : false, true];
    case 'map':
      return [mapSize(v as object) > 0, true];
  }
  return [true, true];
}

function truth(v: Val): boolean {
  return isTrue(v)[0];
}

/** Go's zero value for an element type name, for index on a map with a missing key. */
function zeroOf(t: string): Val {
  if (t === 'string') return '';
  if (t === 'bool') return false;
  if (/^u?int(8|16|32|64)?$/.test(t)) return 0;
  if (t === 'float64' || t === 'float32') return new GoFloat(0);
  if (t === 'interface {}' || t === 'any') return box(null);
  return null;
}

type NumKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: Val): NumKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
  }
  if (v instanceof GoFloat) return 'float';
  return 'invalid';
}

const num = (v: Val): number => (v instanceof GoFloat ? v.value : Number(v));

function bigOf(v: Val): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

function eqBuiltin(arg1: Val, ...arg2: Val[]): boolean {
  arg1 = indirectInterface(arg1);
  if (arg2.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new GoCallError('incompatible types for comparison');
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          t = arg1 === arg;
          break;
        case 'int':
          t = bigOf(arg1) === bigOf(arg);
          break;
        case 'float':
          t = num(arg1) === num(arg);
          break;
        default: {
          const ka = cmpKind(arg1);
          const kb = cmpKind(arg);
          if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
            throw new GoCallError(sprintf('non-comparable types %s: %v, %s: %v', [arg1, typeName(arg1), typeName(arg), arg]));
          }
          const n1 = arg1 === undefined || arg1 === null || arg1 instanceof GoNil;
          const n2 = arg === undefined || arg === null || arg instanceof GoNil;
          if (n1 || n2) t = n1 === n2;
          else {
            if (!comparable(arg)) throw new GoCallError(sprintf('non-comparable type %s: %v', [arg, typeName(arg)]));
            t = goEqual(arg1, arg);
          }
        }
      }
    }
    if (t) return true;
  }
  return false;
}

/** reflect.Type.Comparable: slices, maps and funcs are not, nor structs holding them. */
function comparable(v: Val): boolean {
  if (v instanceof GoNil) return nilKind(v) === 'ptr';
  const k = cmpKind(v);
  if (k === 'slice' || k === 'map' || k === 'func') return false;
  if (k === 'struct') return structFields(v as object).every(([, x]) => x === null || x === undefined || comparable(x));
  return true;
}

/** Go's == on comparable values: pointers by identity, struct values field by field. */
function goEqual(a: Val, b: Val): boolean {
  if (a === b) return true;
  if (a instanceof GoFloat || b instanceof GoFloat) return num(a) === num(b);
  if (a instanceof GoNil || b instanceof GoNil) return a instanceof GoNil && b instanceof GoNil && a.type === b.type;
  if (cmpKind(a) !== 'struct' || cmpKind(b) !== 'struct' || typeName(a) !== typeName(b)) return false;
  const fa = structFields(a as object);
  const fb = structFields(b as object);
  return fa.length === fb.length && fa.every(([k, x], i) => fb[i][0] === k && goEqual(x, fb[i][1]));
}

/** reflect.Kind as eq sees it: typed nils and pointers to structs keep their Go kind. */
function cmpKind(v: Val): string {
  if (v === null || v === undefined) return 'invalid';
  if (v instanceof GoNil) return nilKind(v);
  const k = kindOf(v);
  return k === 'struct' && typeName(v).startsWith('*') ? 'ptr' : k;
}

function ltBuiltin(arg1: Val, arg2: Val): boolean {
  arg1 = indirectInterface(arg1);
  arg2 = indirectInterface(arg2);
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoCallError('invalid type for comparison');
  if (k1 !== k2) throw new GoCallError('incompatible types for comparison');
  switch (k1) {
    case 'bool':
      throw new GoCallError('invalid type for comparison');
    case 'int':
      return bigOf(arg1) < bigOf(arg2);
    case 'float':
      return num(arg1) < num(arg2);
    default:
      return compareBytes(arg1 as string, arg2 as string) < 0;
  }
}

function indexArg(index: Val, cap: number): number {
  let x: bigint;
  if (typeof index === 'number' && Number.isInteger(index)) x = BigInt(index);
  else if (typeof index === 'bigint') x = index;
  else if (index === undefined) throw new GoCallError('cannot index slice/array with nil');
  else throw new GoCallError('cannot index slice/array with type ' + (index instanceof Iface ? 'interface {}' : typeName(index)));
  if (x < 0n || x > BigInt(cap)) throw new GoCallError('index out of range: ' + x);
  return Number(x);
}

function isNilVal(v: Val): boolean {
  return v === null || v instanceof GoNil;
}

/** The kind of a typed nil: a nil map or slice behaves as an empty one. */
function nilKind(v: GoNil): 'map' | 'slice' | 'ptr' {
  return v.type.startsWith('map[') ? 'map' : v.type.startsWith('[]') ? 'slice' : 'ptr';
}

function indexBuiltin(item: Val, ...indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === undefined) throw new GoCallError('index of untyped nil');
  let byte = false; // indexing a string yields a uint8
  for (let index of indexes) {
    index = indirectInterface(index);
    if (item instanceof Iface) {
      if (item.v === null) throw new GoCallError('index of nil pointer');
      item = item.v;
    }
    if (byte) throw new GoCallError("can't index item of type uint8");
    if (item instanceof GoNil && nilKind(item) === 'map') {
      if (index === undefined) throw new GoCallError('value is nil; should be of type string');
      if (typeof index !== 'string') throw new GoCallError(`value has type ${typeName(index)}; should be string`);
      item = zeroOf(elemTypeName(item.type));
      continue;
    }
    if (item instanceof GoNil && nilKind(item) === 'slice') {
      indexArg(index, 0);
      throw new GoCallError('reflect: slice index out of range');
    }
    if (isNilVal(item)) throw new GoCallError('index of nil pointer');
    if (typeof item === 'string') {
      const b = utf8Bytes(item);
      const x = indexArg(index, b.length);
      if (x >= b.length) throw new GoCallError('reflect: string index out of range');
      item = b[x];
      byte = true;
      continue;
    }
    const k = kindOf(item);
    if (k === 'slice') {
      const arr = item as unknown[];
      const x = indexArg(index, arr.length);
      if (x >= arr.length) throw new GoCallError('reflect: slice index out of range');
      item = typeName(arr) === '[]interface {}' ? box(arr[x]) : arr[x];
      continue;
    }
    if (k === 'map') {
      const keyType = 'string';
      if (index === undefined) throw new GoCallError('value is nil; should be of type ' + keyType);
      if (typeof index !== 'string' && !(item instanceof Map)) {
        throw new GoCallError(`value has type ${typeName(index)}; should be ${keyType}`);
      }
      const [found, v] = lookup(item as object, index as string, 'map');
      const et = elemTypeName(typeName(item));
      if (found) item = et === 'interface {}' ? box(v) : v;
      else item = zeroOf(et);
      continue;
    }
    throw new GoCallError("can't index item of type " + typeName(item).replace(/^\*/, ''));
  }
  return item;
}

function sliceBuiltin(item: Val, ...indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === undefined) throw new GoCallError('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallError('too many slice indexes: ' + indexes.length);
  let cap: number;
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoCallError('cannot 3-index slice a string');
    bytes = utf8Bytes(item);
    cap = len = bytes.length;
  } else if (kindOf(item) === 'slice' && (Array.isArray(item) || item instanceof Uint8Array)) {
    cap = len = item.length;
  } else if (item instanceof GoNil && nilKind(item) === 'slice') {
    cap = len = 0;
    item = [];
  } else throw new GoCallError("can't slice item of type " + typeName(item));
  const idx = [0, len, 0];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  if (idx[0] > idx[1]) throw new GoCallError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new GoCallError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return utf8Decode(bytes.subarray(idx[0], idx[1]));
  return (item as unknown[] | Uint8Array).slice(idx[0], idx[1]);
}

function lenBuiltin(item: Val): number {
  if (item instanceof Iface && item.v === null) throw new GoCallError('len of nil pointer');
  item = indirectInterface(item);
  if (isNilVal(item)) {
    if (item === null || nilKind(item as GoNil) !== 'ptr') return 0; // a nil slice or map
    throw new GoCallError('len of nil pointer');
  }
  if (item === undefined) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return utf8Len(item);
  switch (kindOf(item)) {
    case 'slice':
      return Array.isArray(item) || item instanceof Uint8Array ? item.length : 0;
    case 'map':
      return mapSize(item as object);
  }
  throw new GoCallError('len of type ' + typeName(item).replace(/^\*/, ''));
}

function evalArgsString(args: Val[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // printableValue: a nil interface{} argument prints as "<no value>".
  return sprint(
    args.map((a) => (a === undefined || a === null ? '<no value>' : a)),
    true,
  );
}

function htmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\0':
        out += '\uFFFD';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c < 0x80 || isPrint(c)) out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || c === '-' || c === '_' || c === '.' || c === '~') out += c;
    else if (b === 0x20) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

interface BuiltinSpec extends GoFuncSpec {
  builtin: true;
}

const bi = (params: GoParam[], fn: (...args: any[]) => unknown, variadic?: GoParam): BuiltinSpec => ({ builtin: true, params, variadic, fn });

let builtinTable: Map<string, BuiltinSpec> | undefined;
function builtins(): Map<string, BuiltinSpec> {
  builtinTable ??= new Map<string, BuiltinSpec>([
    ['and', bi(['value'], () => undefined, 'value')],
    ['or', bi(['value'], () => undefined, 'value')],
    [
      'call',
      bi(
        ['value'],
        (fn: Val, ...args: Val[]) => {
          fn = indirectInterface(fn);
          if (fn === undefined || fn === null) throw new GoCallError('call of nil');
          if (typeof fn !== 'function') throw new GoCallError('non-function of type ' + typeName(fn));
          const s = sigOf(fn as GoFunc);
          if (s.variadic === undefined && args.length !== s.params.length) {
            throw new GoCallError(`wrong number of args: got ${args.length} want ${s.params.length}`);
          }
          return s.fn(...args.map(indirectInterface));
        },
        'value',
      ),
    ],
    ['html', bi([], (...a: Val[]) => htmlEscape(evalArgsString(a)), 'any')],
    ['index', bi(['value'], indexBuiltin, 'value')],
    ['slice', bi(['value'], sliceBuiltin, 'value')],
    ['js', bi([], (...a: Val[]) => jsEscape(evalArgsString(a)), 'any')],
    ['len', bi(['value'], lenBuiltin)],
    ['not', bi(['value'], (a: Val) => !truth(a))],
    ['print', bi([], (...a: Val[]) => sprint(a), 'any')],
    ['printf', bi(['string'], (f: string, ...a: Val[]) => sprintf(f, a), 'any')],
    ['println', bi([], (...a: Val[]) => sprintln(a), 'any')],
    ['urlquery', bi([], (...a: Val[]) => urlQueryEscape(evalArgsString(a)), 'any')],
    ['eq', bi(['value'], eqBuiltin, 'value')],
    ['ge', bi(['value', 'value'], (a: Val, b: Val) => !ltBuiltin(a, b))],
    ['gt', bi(['value', 'value'], (a: Val, b: Val) => !(ltBuiltin(a, b) || eqBuiltin(a, b)))],
    ['le', bi(['value', 'value'], (a: Val, b: Val) => ltBuiltin(a, b) || eqBuiltin(a, b))],
    ['lt', bi(['value', 'value'], ltBuiltin)],
    ['ne', bi(['value', 'value'], (a: Val, b: Val) => !eqBuiltin(a, b))],
  ]);
  return builtinTable;
}

// ---- docker/cli templates/templates.go

const spec = (params: GoParam[], fn: (...args: any[]) => unknown): GoFuncSpec => ({ params, fn });

/** strings.Split */
function goSplit(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

/** strings.Title: title-cases the first letter of each word (letters, digits and _ make words). */
function goTitle(s: string): string {
  let prev = 0x20;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    out += isSeparator(prev) ? toTitle(c, ch) : ch;
    prev = c;
  }
  return out;
}

/** unicode.ToTitle: the upper case, except for the four digraphs with a title-case form (ǅ). */
function toTitle(c: number, ch: string): string {
  if ((c >= 0x1c4 && c <= 0x1cc) || (c >= 0x1f1 && c <= 0x1f3)) {
    const base = c >= 0x1f1 ? 0x1f1 : c - ((c - 0x1c4) % 3);
    return String.fromCodePoint(base + 1);
  }
  return mapRune(ch, true);
}

let sepRe: RegExp | undefined;
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  sepRe ??= /^[\p{L}\p{Nd}\p{Nl}\p{No}]$/u;
  if (sepRe.test(String.fromCodePoint(r))) return false;
  return /^\s$/u.test(String.fromCodePoint(r));
}

/** unicode.ToUpper/ToTitle/ToLower map one rune to one rune; JS may expand (ß → SS), Go keeps it. */
function mapRune(ch: string, upper: boolean): string {
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  if (m === ch) return ch;
  if (Array.from(m).length !== 1) return ch === '\u0130' && !upper ? 'i' : ch;
  return m;
}

function mapString(s: string, upper: boolean): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) out += mapRune(ch, upper);
  return out;
}

let dockerTable: Map<string, GoFunc> | undefined;
/** docker/cli templates.basicFunctions */
function dockerFuncs(): Map<string, GoFunc> {
  dockerTable ??= new Map<string, GoFunc>([
    [
      'json',
      spec(['any'], (v: Val) => {
        // enc.SetEscapeHTML(false); the Encode error is ignored, leaving nothing.
        try {
          return marshalJSON(v, { escapeHTML: false });
        } catch {
          return '';
        }
      }),
    ],
    ['split', spec(['string', 'string'], goSplit)],
    ['join', spec(['[]string', 'string'], (a: string[] | null, sep: string) => (a ?? []).join(sep))],
    ['title', spec(['string'], goTitle)],
    ['lower', spec(['string'], (s: string) => mapString(s, false))],
    ['upper', spec(['string'], (s: string) => mapString(s, true))],
    [
      'pad',
      spec(['string', 'int', 'int'], (s: string, prefix: number, suffix: number) => {
        if (s === '') return s;
        if (prefix < 0 || suffix < 0) throw new GoCallError('strings: negative Repeat count');
        return ' '.repeat(prefix) + s + ' '.repeat(suffix);
      }),
    ],
    [
      'truncate',
      spec(['string', 'int'], (s: string, n: number) => {
        // source[:length] counts bytes, as docker does.
        const b = utf8Bytes(s);
        if (b.length < n) return s;
        if (n < 0) throw new GoCallError(`runtime error: slice bounds out of range [:${n}]`);
        return utf8Decode(b.subarray(0, n));
      }),
    ],
  ]);
  return dockerTable;
}

let headerTable: Map<string, GoFunc> | undefined;
/** docker/cli templates.HeaderFunctions: keep table headers intact (pad is not overridden). */
function headerFuncs(): Map<string, GoFunc> {
  headerTable ??= new Map<string, GoFunc>([
    ['json', spec(['string'], (v: string) => v)],
    ['split', spec(['string', 'string'], (v: string) => v)],
    ['join', spec(['string', 'string'], (v: string) => v)],
    ['title', spec(['string'], (v: string) => v)],
    ['lower', spec(['string'], (v: string) => v)],
    ['upper', spec(['string'], (v: string) => v)],
    ['truncate', spec(['string', 'int'], (v: string) => v)],
  ]);
  return headerTable;
}

interface Variable {
  name: string;
  value: Val;
}

// Go allows 100000 nested template calls; a JS stack holds about 1000, so the limit is lower but
// the message stays the one docker prints.
const MAX_EXEC_DEPTH = 1000;

class State {
  out = '';
  node: Node | null = null;
  depth = 0;
  missingKey: NonNullable<ExecOptions['missingKey']> = 'default';

  constructor(
    readonly set: Map<string, Tree>,
    public tmplName: string,
    readonly funcs: FuncTable,
    public vars: Variable[],
    readonly text: string,
  ) {}

  at(n: Node): void {
    this.node = n;
  }

  errorf(msg: string): never {
    const name = quoteGo(this.tmplName);
    let text: string;
    if (!this.node) text = `template: ${name}: ${msg}`;
    else {
      const before = this.text.slice(0, this.node.pos);
      const nl = before.lastIndexOf('\n');
      const line = 1 + countNewlines(before, 0, before.length);
      const col = nl < 0 ? utf8Len(before) : utf8Len(before.slice(nl + 1));
      text = `template: :${line}:${col}: executing ${name} at <${nodeString(this.node)}>: ${msg}`;
    }
    const e = new TemplateExecError(text);
    throw e;
  }

  push(name: string, value: Val): void {
    this.vars.push({ name, value });
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf('undefined variable: ' + name);
  }

  setTopVar(n: number, value: Val): void {
    this.vars[this.vars.length - n].value = value;
  }

  varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf('undefined variable: ' + name);
  }

  walk(dot: Val, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const method = simpleMethod(node);
        if (method !== null && isStruct(dot)) {
          const text = callStringMethod(dot, method);
          if (text !== undefined) {
            this.out += text;
            return;
          }
        }
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return;
    }
    this.errorf('unknown node: ' + nodeString(node));
  }

  walkIfOrWith(node: BranchNode, dot: Val): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const [t] = isTrue(val);
      if (t) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: Val, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = indirectInterface(this.evalPipeline(dot, r.pipe));
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: Val, elem: Val): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      const k = kindOf(val);
      let ran = false;
      if (k === 'slice' && (Array.isArray(val) || val instanceof Uint8Array)) {
        const iface = typeName(val) === '[]interface {}';
        for (let i = 0; i < val.length; i++) {
          ran = true;
          const e = val[i];
          oneIteration(i, iface ? box(e) : e);
        }
      } else if (k === 'map') {
        const iface = elemTypeName(typeName(val)) === 'interface {}';
        for (const [key, e] of mapEntries(val as object)) {
          ran = true;
          oneIteration(key, iface ? box(e) : e);
        }
      } else if (k === 'int') {
        // Go 1.22: range over an integer.
        if (decl.length > 1) this.errorf(`can't use ${formatGoValue(val)} to iterate over more than one variable`);
        const n = Number(val);
        for (let i = 0; i < n; i++) {
          ran = true;
          oneIteration(undefined, i);
        }
      } else if (k === 'invalid' || val === null || (val instanceof GoNil && nilKind(val) !== 'ptr')) {
        // An invalid value or a nil slice or map acts like an empty one.
      } else {
        this.errorf(`range can't iterate over ${formatTemplateValue(val)}`);
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.pop(outer);
    }
  }

  walkTemplate(dot: Val, t: TemplateNode): void {
    this.at(t);
    const tree = this.set.get(t.name);
    if (!tree || !tree.root) this.errorf(`template ${quoteGo(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf('exceeded maximum template depth (100000)');
    dot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName };
    this.depth++;
    this.vars = [{ name: '$', value: dot }];
    this.tmplName = t.name;
    try {
      this.walk(dot, tree.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  evalPipeline(dot: Val, pipe: PipeNode | null): Val {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Val = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface) value = indirectInterface(value); // interface{} holding nil: no value
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.push(v.ident[0], value);
    }
    return value;
  }

  notAFunction(args: Node[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.val;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${quoteGo(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): Val {
    this.at(c);
    const t = c.text;
    const hexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    if (c.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return new GoFloat(c.float64);
    if (c.isInt) {
      const n = c.int64;
      if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) return n;
      return Number(n);
    }
    if (c.isUint) this.errorf(`${t} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: Val, field: FieldNode, args: Node[] | null, final: Val): Val {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: Val, chain: ChainNode, args: Node[] | null, final: Val): Val {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Val, v: VariableNode, args: Node[] | null, final: Val): Val {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  evalFieldChain(dot: Val, receiver: Val, node: Node, ident: string[], args: Node[] | null, final: Val): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  evalFunction(dot: Val, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Val): Val {
    this.at(node);
    const f = this.funcs.get(node.ident);
    if (!f) this.errorf(`${quoteGo(node.ident)} is not a defined function`);
    return this.evalCall(dot, f, undefined, 'builtin' in f, cmd, node.ident, args, final);
  }

  evalField(dot: Val, fieldName: string, node: Node, args: Node[] | null, final: Val, receiver: Val): Val {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${quoteGo(fieldName)}`);
      return undefined;
    }
    let typ: string | undefined; // the static type Go names in errors
    if (receiver instanceof Iface) {
      if (receiver.v === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
      typ = 'interface {}';
      receiver = receiver.v;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const k = kindOf(receiver);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (typeof receiver === 'object' && !(receiver instanceof GoFloat)) {
      if (receiver instanceof GoNil) {
        const nk = nilKind(receiver);
        if (nk === 'ptr') this.errorf(`nil pointer evaluating ${typ ?? receiver.type}.${fieldName}`);
        if (nk === 'map') {
          if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
          if (this.missingKey === 'zero') return zeroOf(elemTypeName(receiver.type));
          if (this.missingKey === 'error') this.errorf(`map has no entry for key ${quoteGo(fieldName)}`);
          return undefined;
        }
      }
      if (k === 'map' || k === 'struct') {
        const [found, value] = lookup(receiver, fieldName, k);
        if (found && typeof value === 'function') {
          return this.evalCall(dot, value as GoFunc, receiver, false, node, fieldName, args, final);
        }
        if (k === 'struct' && found) {
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          return value;
        }
        if (k === 'map') {
          if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
          if (!found) {
            if (this.missingKey === 'zero') return zeroOf(elemTypeName(typeName(receiver)));
            if (this.missingKey === 'error') this.errorf(`map has no entry for key ${quoteGo(fieldName)}`);
            return undefined;
          }
          return elemTypeName(typeName(receiver)) === 'interface {}' ? box(value) : value;
        }
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ ?? typeName(receiver)}`);
  }

  evalCall(dot: Val, fun: GoFunc, recv: unknown, isBuiltin: boolean, node: Node, name: string, argNodes: Node[] | null, final: Val): Val {
    const args = argNodes ? argNodes.slice(1) : [];
    const s = sigOf(fun);
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (s.variadic !== undefined) {
      numFixed = s.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${s.params.length} got ${args.length}`);
    } else if (numIn !== s.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${s.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: Val = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, 'value', arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }
    const argv: Val[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, s.params[i], args[i]));
    if (s.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, s.variadic, args[i]));
    if (final !== MISSING) {
      let t = s.params[s.params.length - 1];
      if (s.variadic !== undefined) t = numIn - 1 < numFixed ? s.params[numIn - 1] : s.variadic;
      argv.push(this.validateType(final, t));
    }
    try {
      return s.fn.apply(recv, argv);
    } catch (e) {
      if (e instanceof TemplateExecError || e instanceof ControlSignal) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  validateType(value: Val, typ: GoParam): Val {
    if (typ === 'value') return value;
    if (value instanceof Iface) {
      if (value.v === null) {
        if (typ === 'any') return null;
        this.errorf(`wrong type for value; expected ${GO_PARAM_NAME[typ]}; got interface {}`);
      }
      value = value.v;
    }
    if (value === undefined) {
      if (typ === 'any') return null;
      if (typ === '[]string') return null;
      this.errorf(`invalid value; expected ${GO_PARAM_NAME[typ]}`);
    }
    if (typ === 'any') return value;
    let ok: boolean;
    switch (typ) {
      case 'string':
        ok = typeof value === 'string';
        break;
      case 'int':
        ok = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
        if (typeof value === 'bigint') value = Number(value);
        break;
      case 'bool':
        ok = typeof value === 'boolean';
        break;
      case 'float64':
        ok = value instanceof GoFloat || (typeof value === 'number' && !Number.isInteger(value));
        if (value instanceof GoFloat) value = value.value;
        break;
      case '[]string':
        ok =
          value === null ||
          (value instanceof GoNil && value.type === '[]string') ||
          (Array.isArray(value) && (value.length === 0 || typeName(value) === '[]string'));
        if (ok && value instanceof GoNil) value = null;
        break;
    }
    if (!ok) this.errorf(`wrong type for value; expected ${GO_PARAM_NAME[typ]}; got ${typeName(value)}`);
    return value;
  }

  evalArg(dot: Val, typ: GoParam, n: Node): Val {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        // A nil reflect.Value is the invalid value; nil interfaces and slices are Go nil.
        if (typ === 'value') return undefined;
        if (typ === 'any' || typ === '[]string') return null;
        this.errorf(`cannot assign nil to ${GO_PARAM_NAME[typ]}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.val;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int':
        if (n.type === 'number' && n.isInt) return Number(n.int64);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case 'any':
      case 'value':
        return this.evalEmptyInterface(dot, n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${GO_PARAM_NAME[typ]}`);
  }

  evalEmptyInterface(dot: Val, n: Node): Val {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.val;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  printValue(n: Node, v: Val): void {
    this.at(n);
    v = indirectInterface(v);
    if (v === undefined) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    this.out += formatTemplateValue(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

export interface ExecOptions {
  /** Go's Option("missingkey=..."): what a missing map key yields. */
  missingKey?: 'default' | 'invalid' | 'zero' | 'error';
}

export interface GoTemplate {
  /** Executes against data; throws TemplateExecError (with .output = what was written). */
  execute(data: unknown, opts?: ExecOptions): string;
  /** The same parsed template with some functions replaced, like Go's tmpl.Funcs(m). */
  withFuncs(funcs: Map<string, GoFunc> | Record<string, GoFunc>): GoTemplate;
}

function toMap(funcs: Map<string, GoFunc> | Record<string, GoFunc> | undefined): Map<string, GoFunc> {
  if (!funcs) return new Map();
  return funcs instanceof Map ? funcs : new Map(Object.entries(funcs));
}

class Template implements GoTemplate {
  constructor(
    private readonly text: string,
    private readonly set: Map<string, Tree>,
    private readonly funcs: FuncTable,
  ) {}

  execute(data: unknown, opts: ExecOptions = {}): string {
    if (data === null) data = undefined; // Execute(w, nil): the invalid value
    const root = this.set.get('')?.root;
    const st: State = new State(this.set, '', this.funcs, [{ name: '$', value: data }], this.text);
    st.missingKey = opts.missingKey ?? 'default';
    try {
      if (!root) st.errorf(`${quoteGo('')} is an incomplete or empty template`);
      st.walk(data, root);
    } catch (e) {
      if (e instanceof TemplateExecError) {
        e.output = st.out;
        throw e;
      }
      if (e instanceof ControlSignal) return st.out;
      throw e;
    }
    return st.out;
  }

  /**
   * The template as text and `{{.Method}}` parts when it is only those (a list's default table),
   * else null: renderRows then calls the methods straight, without a walk per row.
   */
  rowParts(): Array<string | { method: string }> | null {
    const root = this.set.get('')?.root;
    if (!root || this.set.size !== 1) return null;
    const parts: Array<string | { method: string }> = [];
    for (const node of root.nodes) {
      const method = node.type === 'action' ? simpleMethod(node) : null;
      if (node.type === 'text') parts.push(node.text);
      else if (method !== null) parts.push({ method });
      else return null;
    }
    return parts;
  }

  withFuncs(funcs: Map<string, GoFunc> | Record<string, GoFunc>): GoTemplate {
    const m: FuncTable = new Map(this.funcs);
    for (const [k, v] of toMap(funcs)) m.set(k, v);
    return new Template(this.text, this.set, m);
  }
}

/**
 * text/template's Parse with docker's basic functions (json split join title lower upper pad
 * truncate) and Go's builtins; opts.funcs adds or replaces functions. Throws TemplateParseError
 * with Go's message ("template: :1: unclosed action"); docker prefixes "template parsing error: ".
 */
export function parseTemplate(text: string, opts: { funcs?: Map<string, GoFunc> | Record<string, GoFunc> } = {}): GoTemplate {
  const funcs: FuncTable = new Map<string, GoFunc | BuiltinSpec>(builtins());
  for (const [k, v] of dockerFuncs()) funcs.set(k, v);
  for (const [k, v] of toMap(opts.funcs)) funcs.set(k, v);
  const set = new Map<string, Tree>();
  const lex = new Lexer(text, !funcs.has('break'), !funcs.has('continue'));
  const tree = new Tree('', text, lex, funcs, set);
  tree.parse();
  tree.add();
  return new Template(text, set, funcs);
}

// ---------------------------------------------------------------------------------------------
// docker/cli cli/command/formatter: Context.Write for list commands

/** A row through rowParts(), or undefined when a method is not a plain string method. */
function renderRowParts(parts: Array<string | { method: string }>, row: object): string | undefined {
  if (!isStruct(row)) return undefined;
  let line = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      line += part;
      continue;
    }
    const text = callStringMethod(row, part.method);
    if (text === undefined) return undefined;
    line += text;
  }
  return line;
}

/**
 * formatter.Context.preFormat: "table" is a prefix checked before trimming; only spaces are
 * trimmed; "json" means {{json .}}; literal \t and \n become a tab and a newline.
 */
export function dockerFormat(format: string): { isTable: boolean; template: string } {
  const isTable = format.startsWith('table');
  let f = format;
  if (isTable) f = f.slice(5);
  else if (format === 'json') f = '{{json .}}';
  let start = 0;
  let end = f.length;
  while (start < end && f.charCodeAt(start) === 0x20) start++;
  while (end > start && f.charCodeAt(end - 1) === 0x20) end--;
  f = f.slice(start, end);
  let out = '';
  let last = 0;
  for (let i = f.indexOf('\\'); i >= 0 && i < f.length - 1; i = f.indexOf('\\', i)) {
    const c = f[i + 1];
    if (c === 't' || c === 'n') {
      out += f.slice(last, i) + (c === 't' ? '\t' : '\n');
      i += 2;
      last = i;
    } else i++;
  }
  return { isTable, template: out + f.slice(last) };
}

/**
 * formatter.MarshalJSON for a row: every exported zero-argument method (here: upper-case
 * property or zero-length function) except FullHeader, as a map — so keys come out sorted and,
 * since it goes through json.Marshal, <, > and & are escaped.
 */
export function rowJSON(row: object): string {
  const keys = new Set<string>();
  for (let o: object | null = row; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (isUpper(k) && k !== 'FullHeader') keys.add(k);
  }
  const m = new Map<string, unknown>();
  for (const k of keys) {
    const v = (row as Record<string, unknown>)[k];
    if (typeof v === 'function') {
      if (v.length === 0) m.set(k, (v as () => unknown).call(row));
    } else m.set(k, v);
  }
  return marshalJSON(m, { escapeHTML: true });
}

/** formatter.SubHeaderContext: the header map with its Label method. */
function headerContext(headers: Record<string, string>): object {
  const h: Record<string, unknown> = { ...headers };
  Object.defineProperty(h, 'Label', {
    value: (name: string) => {
      const parts = name.split('.');
      return parts[parts.length - 1].replaceAll('-', ' ').replaceAll('_', ' ');
    },
    enumerable: false,
  });
  (h.Label as Record<symbol, Sig>)[goSig] = { params: ['string'] };
  Object.defineProperty(h, goType, { value: 'formatter.SubHeaderContext' });
  Object.defineProperty(h, goKind, { value: 'map' });
  return h;
}

/**
 * What docker prints for a list command (formatter.Context.Write): each row rendered and
 * followed by "\n"; for "table ..." formats, the header row (rendered from headers with
 * HeaderFunctions, errors ignored) and the rows go through the tabwriter (10, 1, 3, ' ', 0).
 * The format is already resolved (list.ts turns the "table" keyword and -q into templates);
 * opts.rowType names the rows' Go type for errors. Throws TemplateParseError / TemplateExecError with Go's message: docker prints them
 * as "template parsing error: " + message.
 */
export function renderRows(
  format: string,
  rows: object[],
  headers: Record<string, string>,
  opts: { rowType?: string } = {},
): string {
  const { isTable, template } = dockerFormat(format);
  const tmpl = parseTemplate(template);
  const parts = (tmpl as Template).rowParts();
  // a table's lines go into the tabwriter one by one, not gathered into one text first
  const table = isTable ? new TabWriter(DOCKER_TABLE) : undefined;
  let buffer = '';
  const emit = (line: string) => (table ? table.write(line + '\n') : (buffer += line + '\n'));
  if (table) {
    let header: string;
    try {
      header = tmpl.withFuncs(headerFuncs()).execute(headerContext(headers));
    } catch (e) {
      if (!(e instanceof TemplateExecError)) throw e;
      header = e.output;
    }
    emit(header);
  }
  for (const row of rows) {
    const line = parts ? renderRowParts(parts, row) : undefined;
    if (line !== undefined) {
      emit(line);
      continue;
    }
    // {{json .}} on a row is formatter.MarshalJSON; the tags are symbols, invisible elsewhere.
    if (Object.isExtensible(row)) {
      if (!(goJSON in row)) Object.defineProperty(row, goJSON, { value: () => rowJSON(row), configurable: true });
      if (opts.rowType && !(goType in row)) Object.defineProperty(row, goType, { value: opts.rowType, configurable: true });
    }
    emit(tmpl.execute(row));
  }
  return table ? table.flush() : buffer;
}
