// Go's text/template/parse/lex.go: the lexer, a state machine emitting items for the parser.
import { isPrint, quoteGo } from '../strconv/quote.js';
import { utf8Len } from '../unicode/utf8.js';

export const I_ERROR = 0;
export const I_BOOL = 1;
export const I_CHAR = 2;
export const I_CHARCONST = 3;
export const I_COMPLEX = 5;
export const I_ASSIGN = 6;
export const I_DECLARE = 7;
export const I_EOF = 8;
export const I_FIELD = 9;
export const I_IDENT = 10;
export const I_LDELIM = 11;
export const I_LPAREN = 12;
export const I_NUMBER = 13;
export const I_PIPE = 14;
export const I_RAWSTRING = 15;
export const I_RDELIM = 16;
export const I_RPAREN = 17;
export const I_SPACE = 18;
export const I_STRING = 19;
export const I_TEXT = 20;
export const I_VARIABLE = 21;
export const I_KEYWORD = 22;
export const I_BLOCK = 23;
export const I_BREAK = 24;
export const I_CONTINUE = 25;
export const I_DOT = 26;
export const I_DEFINE = 27;
export const I_ELSE = 28;
export const I_END = 29;
export const I_IF = 30;
export const I_NIL = 31;
export const I_RANGE = 32;
export const I_TEMPLATE = 33;
export const I_WITH = 34;

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

export interface Item {
  typ: number;
  pos: number;
  val: string;
  line: number;
}

const EOF = -1;

export function itemString(i: Item): string {
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

export class Lexer {
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

export function countNewlines(s: string, from: number, to: number): number {
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
