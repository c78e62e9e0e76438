// What the text/template tests share: a docker `secret ls` row as the data, and templates parsed
// with docker's functions, the FuncMap the expected strings were recorded with (`docker ...
// --format`), so that split, upper and the like are there as in docker.
import { expect } from 'vitest';
import { basicFunctions } from '../../../../src/cli/formatter/templates.js';
import { TemplateExecError } from '../../../../src/go/template/exec.js';
import { TemplateParseError } from '../../../../src/go/template/parse.js';
import { type GoTemplate, parseTemplate } from '../../../../src/go/template/template.js';
import { secretRow as sharedSecretRow } from '../../../helpers/secret-row.js';

/** A docker secret ls row: *secret.secretContext with its methods. */
export const secretRow = (name = 'tmpfmt_2991', labels: Record<string, string> = { a: '<b>&c', zz: '1' }) =>
  sharedSecretRow('k9o01ys1pdq7u69dig0k9o88c', name, labels);

const parse = (tmpl: string): GoTemplate => parseTemplate(tmpl, { funcs: basicFunctions() });

export const run = (tmpl: string, data: unknown = secretRow()): string => parse(tmpl).execute(data);

export function parseError(tmpl: string): string {
  try {
    parse(tmpl);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateParseError);
    return (e as Error).message;
  }
  throw new Error('no parse error');
}

export function execError(tmpl: string, data: unknown = secretRow()): string {
  const t = parse(tmpl);
  try {
    t.execute(data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error('no exec error');
}
