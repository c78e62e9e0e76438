// docker/cli cli/command/inspect/inspector.go: the indented JSON array by default, or a Go template
// per object (run on the typed object first, then on the raw JSON with missingkey=error).
import type { IOStreams } from '../cli/io.js';
import { parseTemplate } from './gotemplate.js';

/**
 * Go's json.Indent (four spaces) of the API's JSON. moby encodes without HTML escaping, but Go's
 * encoder always escapes U+2028 and U+2029.
 */
export function indentJSON(objects: unknown[]): string {
  return goLineSeparators(JSON.stringify(objects, null, 4));
}

export function compactJSON(objects: unknown[]): string {
  return goLineSeparators(JSON.stringify(objects));
}

const goLineSeparators = (json: string): string => json.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');

/**
 * Prints each reference's object; collects lookup and template errors and throws them joined by
 * newlines after the output, as inspect.Inspect does.
 */
export async function inspectObjects<T>(
  io: IOStreams,
  refs: string[],
  format: string,
  get: (ref: string) => Promise<T>,
  typedView: (obj: T) => unknown,
): Promise<void> {
  const errors: string[] = [];
  const found: T[] = [];
  const template = format === '' || format === 'json' ? undefined : parseInspectTemplate(format);
  let templated = '';
  for (const ref of refs) {
    let obj: T;
    try {
      obj = await get(ref);
    } catch (err) {
      errors.push((err as Error).message);
      continue;
    }
    if (!template) {
      found.push(obj);
      continue;
    }
    try {
      templated += `${executeWithFallback(template, typedView(obj), obj)}\n`;
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  if (template) io.stdout.write(templated === '' ? '\n' : templated);
  else if (found.length === 0) io.stdout.write('[]\n');
  // "json" is the compact array, the default the indented one
  else io.stdout.write(`${format === 'json' ? compactJSON(found) : indentJSON(found)}\n`);
  if (errors.length) throw new Error(errors.join('\n'));
}

function parseInspectTemplate(format: string) {
  try {
    return parseTemplate(format);
  } catch (err) {
    throw new Error(`template parsing error: ${(err as Error).message}`);
  }
}

function executeWithFallback(template: ReturnType<typeof parseTemplate>, typed: unknown, raw: unknown): string {
  try {
    return template.execute(typed);
  } catch {
    try {
      // the raw JSON, as a map[string]any decoded by encoding/json with missingkey=error
      return template.execute(JSON.parse(JSON.stringify(raw)), { missingKey: 'error' });
    } catch (err) {
      throw new Error(`template parsing error: ${(err as Error).message}`);
    }
  }
}
