// docker's template functions (templates.Parse) as docker CLI 28 runs them. Expected strings were
// checked against `docker secret ls --format ...` on a real engine.
import { describe, expect, it } from 'vitest';
import { parseDockerTemplate } from '../../../../src/cli/formatter/templates.js';
import { GoFloat, GoNil, goMap, goStruct } from '../../../../src/go/reflect/value.js';
import { TemplateExecError } from '../../../../src/go/template/exec.js';
import { goSig } from '../../../../src/go/template/funcs.js';
import { secretRow as sharedSecretRow } from '../../../helpers/secret-row.js';

/** A docker secret ls row: *secret.secretContext with its methods. */
const secretRow = (name = 'tmpfmt_2991', labels: Record<string, string> = { a: '<b>&c', zz: '1' }) =>
  sharedSecretRow('k9o01ys1pdq7u69dig0k9o88c', name, labels);

const run = (tmpl: string, data: unknown = secretRow()): string => parseDockerTemplate(tmpl).execute(data);

function execError(tmpl: string, data: unknown = secretRow()): string {
  const t = parseDockerTemplate(tmpl);
  try {
    t.execute(data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error('no exec error');
}

describe("docker's template functions (docker/cli templates/templates.go)", () => {
  it.each([
    ['{{json .Labels}}', '"a=<b>&c,zz=1"'], // SetEscapeHTML(false)
    ['{{json "a\\bb\\fc\\u2028<>\\x01"}}', '"a\\bb\\fc\\u2028<>\\u0001"'],
    ['{{split "a,b,c" ","}}|{{join (split "a,b" ",") "-"}}|{{split "abc" ""}}|{{split "" ","}}', '[a b c]|a-b|[a b c]|[]'],
    ['{{title "hello wORLD foo-bar_baz x.y élan 3d"}}', 'Hello WORLD Foo-Bar_baz X.Y Élan 3d'],
    ['{{lower "ÀBİ"}}|{{upper "straße"}}|{{title "ǆungla ßa"}}', 'àbi|STRAßE|ǅungla ßa'],
    ['{{pad .Name 2 3}}|{{pad "" 2 3}}|', '  tmpfmt_2991   ||'],
    ['{{truncate "héllo" 2}}|{{truncate "abc" 5}}|{{truncate "abc" 3}}', 'h\ufffd|abc|abc'],
    ['{{.Name | title | printf "%q"}}', '"Tmpfmt_2991"'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });

  it('json marshals like encoding/json: struct field order, sorted map keys, goJSON raw text', () => {
    const spec = goStruct('swarm.SecretSpec', { Name: 's', Labels: goMap({ z: '1', a: '<2>' }), Driver: new GoNil('*swarm.Driver') });
    expect(run('{{json .}}', spec)).toBe('{"Name":"s","Labels":{"a":"<2>","z":"1"},"Driver":null}');
    expect(run('{{json .}}', { b: 1, a: [true, null, 1.5, new GoFloat(2)] })).toBe('{"a":[true,null,1.5,2],"b":1}');
    const raw = goStruct('x.T', {});
    Object.defineProperty(raw, Symbol.for('tsecret.goJSON'), { value: () => '{"Raw":"<x>"}' });
    expect(run('{{json .}}', raw)).toBe('{"Raw":"<x>"}');
    expect(run('{{json 1e21}} {{json 1e-7}} {{json 0.000001}} {{json -0.0}}')).toBe('1e+21 1e-7 0.000001 -0');
  });

  it('user functions: plain JS functions take fn.length arguments; specs are typed', () => {
    const t = parseDockerTemplate('{{twice .}}|{{add 1 2}}', {
      funcs: { twice: (s: unknown) => `${s}${s}`, add: { params: ['int', 'int'], fn: (a: number, b: number) => a + b } },
    });
    expect(t.execute('ab')).toBe('abab|3');
    const bad = parseDockerTemplate('{{add 1 "2"}}', { funcs: { add: { params: ['int', 'int'], fn: (a: number, b: number) => a + b } } });
    expect(() => bad.execute(null)).toThrow('template: :1:8: executing "" at <"2">: expected integer; found "2"');
    const throws = parseDockerTemplate('{{boom}}', {
      funcs: {
        boom: () => {
          throw new Error('kaboom');
        },
      },
    });
    expect(() => throws.execute(null)).toThrow('template: :1:2: executing "" at <boom>: error calling boom: kaboom');
  });

  it('methods may declare Go parameter types with goSig', () => {
    const label = (k: string) => `[${k}]`;
    (label as unknown as Record<symbol, unknown>)[goSig] = { params: ['string'] };
    const obj = goStruct('*x.T', { Label: label });
    expect(run('{{.Label "a"}}', obj)).toBe('[a]');
    expect(execError('{{.Label 1}}', obj)).toBe('template: :1:9: executing "" at <1>: expected string; found 1');
  });

  it('withFuncs replaces functions on the parsed template, like Go tmpl.Funcs', () => {
    const t = parseDockerTemplate('{{upper .}}');
    expect(t.execute('a')).toBe('A');
    expect(t.withFuncs({ upper: (s: unknown) => String(s) }).execute('a')).toBe('a');
    expect(t.execute('a')).toBe('A');
  });
});

describe("[]byte values (a config's Data)", () => {
  it('json writes them as base64, as encoding/json does', () => {
    expect(run('{{json .Data}}', goStruct('T', { Data: new Uint8Array([0x68, 0x69]) }))).toBe('"aGk="');
  });
});
