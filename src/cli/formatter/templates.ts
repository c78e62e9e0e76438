// docker/cli templates/templates.go: Go's text/template with the functions docker adds
// (basicFunctions: json, split, join, title, lower, upper, pad, truncate) and the ones a table
// header is rendered with (HeaderFunctions).
import { marshalJSON } from '../../go/json/encode.js';
import { goSplit, goTitle, toLower, toUpper } from '../../go/strings/strings.js';
import { GoCallError, type GoFunc, type GoFuncSpec, type GoParam } from '../../go/template/funcs.js';
import { type GoTemplate, parseTemplate } from '../../go/template/template.js';
import { utf8Bytes, utf8Decode } from '../../go/unicode/utf8.js';

const spec = (params: GoParam[], fn: (...args: any[]) => unknown): GoFuncSpec => ({ params, fn });

let dockerTable: Map<string, GoFunc> | undefined;
/** docker/cli templates.basicFunctions */
export function basicFunctions(): Map<string, GoFunc> {
  dockerTable ??= new Map<string, GoFunc>([
    [
      'json',
      spec(['any'], (v: unknown) => {
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
    ['lower', spec(['string'], (s: string) => toLower(s))],
    ['upper', spec(['string'], (s: string) => toUpper(s))],
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
export function headerFunctions(): Map<string, GoFunc> {
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

/**
 * templates.Parse: text/template's Parse with docker's basic functions and Go's builtins;
 * opts.funcs adds or replaces functions.
 */
export function parseDockerTemplate(format: string, opts: { funcs?: Map<string, GoFunc> | Record<string, GoFunc> } = {}): GoTemplate {
  const funcs = new Map<string, GoFunc>(basicFunctions());
  const extra = opts.funcs instanceof Map ? opts.funcs : Object.entries(opts.funcs ?? {});
  for (const [k, v] of extra) funcs.set(k, v);
  return parseTemplate(format, { funcs });
}
