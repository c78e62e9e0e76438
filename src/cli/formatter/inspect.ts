// docker/cli cli/command/inspect/inspector.go: the indented JSON array by default, or a Go template
// per object (run on the typed object first, then on the raw JSON with missingkey=error).

import { apiJSON } from '../../api/json.js';
import { indentJSON } from '../../go/json/indent.js';
import { TemplateExecError } from '../../go/template/exec.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { templateError } from './formatter.js';
import { parseDockerTemplate } from './templates.js';

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
  /**
   * Whether docker's getRef returns the daemon's raw JSON (passed on as it is) or only the
   * decoded object, which the inspector marshals again with encoding/json (HTML-escaped).
   */
  opts: { raw?: boolean } = {},
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
  else {
    const json = apiJSON(found, { escapeHTML: opts.raw === false });
    io.stdout.write(`${format === 'json' ? json : indentJSON(json)}\n`);
  }
  if (errors.length) throw new Error(errors.join('\n'));
}

function parseInspectTemplate(format: string) {
  try {
    return parseDockerTemplate(format);
  } catch (err) {
    throw err instanceof TemplateParseError ? templateError(err) : err;
  }
}

function executeWithFallback(template: ReturnType<typeof parseDockerTemplate>, typed: unknown, raw: unknown): string {
  try {
    return template.execute(typed);
  } catch (err) {
    if (!(err instanceof TemplateExecError)) throw err;
  }
  try {
    // the raw JSON, as a map[string]any decoded by encoding/json, with missingkey=error
    return template.execute(JSON.parse(apiJSON(raw)), { missingKey: 'error' });
  } catch (err) {
    throw err instanceof TemplateExecError ? templateError(err) : err;
  }
}
