// Go's text/template/template.go and helper.go: a parsed template (with the templates it
// defines), its functions (Funcs) and Execute.
import { quoteGo } from '../strconv/quote.js';
import { ControlSignal, type ExecOptions, State, simpleMethod, TemplateExecError, TemplateOutputLimitError } from './exec.js';
import { type BuiltinSpec, builtins, type FuncTable, type GoFunc } from './funcs.js';
import { Lexer } from './lex.js';
import { Tree } from './parse.js';

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

export class Template implements GoTemplate {
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
      // a value too long for a V8 string (a huge printf width in a pipeline) is output out of bounds too
      if (e instanceof RangeError && /Invalid string length|Cannot create a string longer/.test(e.message))
        throw new TemplateOutputLimitError();
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
 * text/template's New("").Funcs(opts.funcs).Parse(text): Go's builtins, then opts.funcs, which
 * add or replace functions. Throws TemplateParseError with Go's message ("template: :1:
 * unclosed action"); docker prefixes "template parsing error: ".
 */
export function parseTemplate(text: string, opts: { funcs?: Map<string, GoFunc> | Record<string, GoFunc> } = {}): GoTemplate {
  const funcs: FuncTable = new Map<string, GoFunc | BuiltinSpec>(builtins());
  for (const [k, v] of toMap(opts.funcs)) funcs.set(k, v);
  const set = new Map<string, Tree>();
  const lex = new Lexer(text, !funcs.has('break'), !funcs.has('continue'));
  const tree = new Tree('', text, lex, funcs, set);
  tree.parse();
  tree.add();
  return new Template(text, set, funcs);
}
