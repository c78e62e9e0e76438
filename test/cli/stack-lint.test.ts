// `tsecret stack lint` as a user runs it: reading -c files as stack deploy does (several merged,
// `-` for stdin), the output formats, the exit status and --max-warnings, and its usage errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

const STACK = `version: "3.8"
services:
  db:
    image: mysql:8
    environment:
      MYSQL_PASSWORD: /run/secrets/db_password
    secrets: [db_password, api_token]
secrets:
  db_password:
    file: ./db_password.txt
`;

function project(): Session {
  const s = session();
  writeFileSync(join(s.dir, 'stack.yml'), STACK);
  writeFileSync(join(s.dir, 'db_password.txt'), 's3cret\n');
  return s;
}

describe('stack lint', () => {
  it('prints FILE:LINE:COL  severity  message  rule, then a summary, and exits 1 on an error', async () => {
    const s = project();
    expect(await s.run('stack lint -c stack.yml')).toEqual({
      stdout:
        'stack.yml:6:23  warning  MYSQL_PASSWORD is set to the path /run/secrets/db_password, so the program gets the path where it expects the value: if the image reads *_FILE variables, name it MYSQL_PASSWORD_FILE  env-path-without-file\n' +
        'stack.yml:7:28  error  service db uses secret api_token, which is not declared: declare it under the top-level secrets: (file: or external: true)  undeclared\n' +
        "stack.yml:10:11  warning  secret db_password's file ./db_password.txt is one line ending with a newline, which the secret keeps (echo adds it): write the file with printf '%s', or strip the newline  file-trailing-newline\n" +
        '3 problems (1 error, 2 warnings)\n',
      stderr: '',
      exit: 1,
    });
  });

  it('exits 0 with warnings only, and 1 when they are more than --max-warnings', async () => {
    const s = project();
    writeFileSync(join(s.dir, 'fix.yml'), 'version: "3.8"\nsecrets:\n  api_token:\n    external: true\n');
    const ok = await s.run('stack lint -c stack.yml -c fix.yml');
    expect(ok.exit).toBe(0);
    expect(ok.stdout.split('\n').slice(-2)).toEqual(['2 problems (0 errors, 2 warnings)', '']);
    expect((await s.run('stack lint -c stack.yml,fix.yml --max-warnings 2')).exit).toBe(0);
    const over = await s.run('stack lint -c stack.yml -c fix.yml --max-warnings 1');
    expect(over.exit).toBe(1);
    expect(over.stderr).toBe('too many warnings: 2, --max-warnings is 1\n');
  });

  it('says there are no problems for a clean file, and reads stdin for -', async () => {
    const s = session();
    const clean =
      'version: "3.8"\nservices:\n  db:\n    image: mysql:8\n    secrets: [db_password]\nsecrets:\n  db_password:\n    external: true\n';
    expect(await s.run('stack lint -c -', { stdin: clean })).toEqual({ stdout: 'no problems\n', stderr: '', exit: 0 });
  });

  it('reports where a later file overrides an earlier one, in that file', async () => {
    const s = project();
    writeFileSync(
      join(s.dir, 'override.yml'),
      'version: "3.8"\nservices:\n  db:\n    environment:\n      MYSQL_PASSWORD_FILE: /run/secrets/db_pass\nsecrets:\n  db_password:\n    file: ./missing.txt\n  api_token:\n    external: true\n',
    );
    const r = await s.run('stack lint -c stack.yml -c override.yml --format json');
    const found = (JSON.parse(r.stdout) as { file: string; line: number; column: number; rule: string }[]).map(
      (f) => `${f.file}:${f.line}:${f.column} ${f.rule}`,
    );
    expect(found).toEqual([
      'stack.yml:6:23 env-path-without-file',
      'override.yml:5:28 env-file-not-mounted',
      'override.yml:8:11 file-missing',
    ]);
  });

  it("reports docker's refusal of a file in docker's words, at the node it names", async () => {
    const s = session();
    writeFileSync(join(s.dir, 'bad.yml'), 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    imagee: nginx\n');
    writeFileSync(join(s.dir, 'syntax.yml'), 'version: "3.8"\nservices:\n  web:\n  image: nginx\n   x: 1\n');
    expect((await s.run('stack lint -c bad.yml')).stdout).toBe(
      'bad.yml:5:5  error  services.web Additional property imagee is not allowed  compose-invalid\n1 problem (1 error, 0 warnings)\n',
    );
    expect((await s.run('stack lint -c syntax.yml')).stdout).toBe(
      'syntax.yml:5:1  error  yaml: line 5: mapping values are not allowed in this context  compose-invalid\n1 problem (1 error, 0 warnings)\n',
    );
    expect(await s.run('stack lint -c missing.yml')).toEqual({
      stdout: 'missing.yml:1:1  error  open missing.yml: no such file or directory  compose-invalid\n1 problem (1 error, 0 warnings)\n',
      stderr: '',
      exit: 1,
    });
  });

  it('checks for docker compose with --target compose', async () => {
    const s = session();
    writeFileSync(
      join(s.dir, 'compose.yml'),
      'services:\n  db:\n    image: mysql:8\n    secrets: [db_password]\nsecrets:\n  db_password:\n    environment: DB_PASSWORD\n',
    );
    expect((await s.run('stack lint --target compose -c compose.yml')).stdout).toBe('no problems\n');
    expect((await s.run('stack lint -c compose.yml')).stdout).toContain('error  stack deploy refuses secret db_password');
  });

  it('writes JSON, SARIF 2.1.0 and GitHub workflow annotations', async () => {
    const s = project();
    const json = JSON.parse((await s.run('stack lint -c stack.yml --format json')).stdout) as unknown[];
    expect(json[1]).toEqual({
      file: 'stack.yml',
      line: 7,
      column: 28,
      severity: 'error',
      rule: 'undeclared',
      message: 'service db uses secret api_token, which is not declared: declare it under the top-level secrets: (file: or external: true)',
      docs: 'https://github.com/portainer/portainer/issues/11950',
    });
    const sarif = JSON.parse((await s.run('stack lint -c stack.yml --format sarif')).stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const result = run.results[1];
    expect(result).toMatchObject({ ruleId: 'undeclared', level: 'error', message: { text: expect.stringContaining('api_token') } });
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'stack.yml' },
      region: { startLine: 7, startColumn: 28 },
    });
    expect(run.tool.driver.rules[result.ruleIndex]).toMatchObject({
      id: 'undeclared',
      helpUri: 'https://github.com/portainer/portainer/issues/11950',
      defaultConfiguration: { level: 'error' },
    });
    const github = (await s.run('stack lint -c stack.yml --format github')).stdout.split('\n');
    expect(github[1]).toBe(
      '::error file=stack.yml,line=7,col=28,title=undeclared::service db uses secret api_token, which is not declared: declare it under the top-level secrets: (file: or external: true) (https://github.com/portainer/portainer/issues/11950)',
    );
    expect(github).toHaveLength(4);
  });

  it('answers usage errors with exit 125', async () => {
    const s = project();
    const usage = "\n\nUsage:  tsecret stack lint [OPTIONS]\n\nRun 'tsecret stack lint --help' for more information\n";
    expect(await s.run('stack lint -c stack.yml --target kubernetes')).toEqual({
      stdout: '',
      stderr: `invalid argument "kubernetes" for "--target" flag: must be swarm or compose${usage}`,
      exit: 125,
    });
    expect((await s.run('stack lint -c stack.yml --format xml')).stderr).toBe(
      `invalid argument "xml" for "--format" flag: must be text, json, sarif or github${usage}`,
    );
    expect((await s.run('stack lint -c stack.yml --max-warnings many')).stderr).toBe(
      `invalid argument "many" for "--max-warnings" flag: strconv.ParseInt: parsing "many": invalid syntax${usage}`,
    );
    expect(await s.run('stack lint')).toEqual({ stdout: '', stderr: 'Specify a Compose file (with --compose-file)\n', exit: 125 });
    expect((await s.run('stack lint -c stack.yml extra')).exit).toBe(1);
  });

  it("is listed as tsecret's own in stack --help", async () => {
    const s = session();
    expect((await s.run('stack --help')).stdout).toContain(
      "\n\ntsecret's own commands:\n  lint        Check the secrets and configs of compose files\n\nRun 'tsecret stack COMMAND --help'",
    );
  });
});
