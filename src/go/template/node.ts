// Go's text/template/parse/node.go: the parse tree's nodes, how Go shows them in errors
// (Node.String) and the number node built from a literal (newNumber).

import { parseGoFloat } from '../strconv/atof.js';
import { parseGoIntSyntax } from '../strconv/atoi.js';
import { quoteGo, SyntaxError_, unquote } from '../strconv/quote.js';
import { I_CHARCONST, I_COMPLEX } from './lex.js';

export interface NodeBase {
  pos: number;
}
export interface TextNode extends NodeBase {
  type: 'text';
  text: string;
}
export interface PipeNode extends NodeBase {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface ActionNode extends NodeBase {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
export interface CommandNode extends NodeBase {
  type: 'command';
  args: Node[];
}
export interface IdentifierNode extends NodeBase {
  type: 'identifier';
  ident: string;
}
export interface VariableNode extends NodeBase {
  type: 'variable';
  ident: string[];
}
export interface DotNode extends NodeBase {
  type: 'dot';
}
export interface NilNode extends NodeBase {
  type: 'nil';
}
export interface FieldNode extends NodeBase {
  type: 'field';
  ident: string[];
}
export interface ChainNode extends NodeBase {
  type: 'chain';
  node: Node;
  field: string[];
}
export interface BoolNode extends NodeBase {
  type: 'bool';
  val: boolean;
}
export interface NumberNode extends NodeBase {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  float64: number;
}
export interface StringNode extends NodeBase {
  type: 'string';
  quoted: string;
  text: string;
}
export interface ListNode extends NodeBase {
  type: 'list';
  nodes: Node[];
}
export interface BranchNode extends NodeBase {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends NodeBase {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends NodeBase {
  type: 'break' | 'continue';
  line: number;
}
export interface EndNode extends NodeBase {
  type: 'end';
}
export interface ElseNode extends NodeBase {
  type: 'else';
  line: number;
}

export type Node =
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
export function nodeString(n: Node): string {
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

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

export function newNumber(pos: number, text: string, typ: number): NumberNode {
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
