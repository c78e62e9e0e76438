// Go's text/template/exec.go: walks the parse tree against the data; errors are Go's,
// "template: :LINE:COL: executing "NAME" at <NODE>: message".
import { formatGoValue, formatTemplateValue } from '../fmt/print.js';
import { elemTypeName, GoFloat, GoNil, kindOf, mapEntries, typeName } from '../reflect/value.js';
import { quoteGo } from '../strconv/quote.js';
import { utf8Len } from '../unicode/utf8.js';
import { type FuncTable, GO_PARAM_NAME, type GoFunc, type GoParam, goSig, sigOf } from './funcs.js';
import { countNewlines } from './lex.js';
import {
  type ActionNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  nodeString,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from './node.js';
import type { Tree } from './parse.js';
import { box, Iface, indirectInterface, isTrue, isUpper, lookup, nilKind, truth, type Val, zeroOf } from './value.js';

export class TemplateExecError extends Error {
  override name = 'TemplateExecError';
  /** What Go had already written to the output when the error happened. */
  output = '';
}

/**
 * tsecret's own bound on what one template writes (Go's writer takes any amount; V8's strings end
 * near 512 MiB, and a runaway {{range}} used to run for a minute and die of heap exhaustion).
 * Lists are bounded as a whole by the list writer (cli/formatter's renderRows).
 */
export const TEMPLATE_OUTPUT_LIMIT = 4 << 20;

export class TemplateOutputLimitError extends Error {
  override name = 'TemplateOutputLimitError';
  constructor(limit = TEMPLATE_OUTPUT_LIMIT) {
    super(`template: output larger than ${limit >> 20} MiB, more than tsecret writes`);
  }
}

export interface ExecOptions {
  /** Go's Option("missingkey=..."): what a missing map key yields. */
  missingKey?: 'default' | 'invalid' | 'zero' | 'error';
}

/** Go's missingVal: "no final value" for a command. */
const MISSING: unique symbol = Symbol('missing');

export class ControlSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}
const BREAK = new ControlSignal('break');
const CONTINUE = new ControlSignal('continue');

// A list's rows are mostly {{.Name}} actions calling a row method that returns a string: these
// take a short way, ahead of the general evaluation (the same result; anything else, including
// every error, goes the general way).
const simpleMethods = new WeakMap<ActionNode, string | null>();

/** The method name of an action that is a lone `{{.Name}}`, else null. */
export function simpleMethod(node: ActionNode): string | null {
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
export function isStruct(dot: Val): dot is object {
  if (typeof dot !== 'object' || dot === null || dot instanceof Iface || dot instanceof GoNil || dot instanceof GoFloat) return false;
  return kindOf(dot) === 'struct';
}

/** dot.name() when that method takes nothing and returns a string; dot is a struct. */
export function callStringMethod(dot: object, name: string): string | undefined {
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

interface Variable {
  name: string;
  value: Val;
}

// Go allows 100000 nested template calls; a JS stack holds about 1000, so the limit is lower but
// the message stays the one docker prints.
const MAX_EXEC_DEPTH = 1000;

export class State {
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

  /** The output writer: everything a template prints goes through here, up to the limit. */
  write(text: string): void {
    if (this.out.length + text.length > TEMPLATE_OUTPUT_LIMIT) throw new TemplateOutputLimitError();
    this.out += text;
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
            this.write(text);
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
        this.write(node.text);
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
      let v: Val;
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
      this.write('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    this.write(formatTemplateValue(v));
  }
}
