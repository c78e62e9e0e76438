// text/template as docker CLI 28 (Go 1.24) runs it. Expected strings were checked against
// `docker secret ls --format ...` on a real engine, and against Go's text/template (random
// templates, differential) for what a secret row cannot show.
import { describe, expect, it } from 'vitest';
import { GoFloat, GoNil, goMap, goStruct } from '../../../../src/go/reflect/value.js';
import type { TemplateExecError } from '../../../../src/go/template/exec.js';
import { parseTemplate } from '../../../../src/go/template/template.js';
import { GoTime } from '../../../../src/go/time/time.js';
import { execError, parseError, run } from './run.js';

describe('execution errors: "template: :L:C: executing \\"\\" at <node>: ..."', () => {
  it.each([
    ['{{.Foo}}', 'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext'],
    ['{{with .Foo}}x{{end}}', 'template: :1:7: executing "" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext'],
    ['{{.Name.Foo}}', 'template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string'],
    ['{{.Label}}', 'template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0'],
    ['{{.Name "a"}}', 'template: :1:2: executing "" at <.Name>: wrong number of args for Name: want 0 got 1'],
    ['{{json}}', 'template: :1:2: executing "" at <json>: wrong number of args for json: want 1 got 0'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    ['{{len nil}}', 'template: :1:2: executing "" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
    ['{{eq .Name 1}}', 'template: :1:2: executing "" at <eq .Name 1>: error calling eq: incompatible types for comparison'],
    ['{{lt 1 2.0}}', 'template: :1:2: executing "" at <lt 1 2.0>: error calling lt: incompatible types for comparison'],
    ['{{lt true false}}', 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{eq .Name}}', 'template: :1:2: executing "" at <eq .Name>: error calling eq: missing argument for comparison'],
    [
      '{{eq (split "a" ",") (split "a" ",")}}',
      'template: :1:2: executing "" at <eq (split "a" ",") (split "a" ",")>: error calling eq: non-comparable type [a]: []string',
    ],
    ['{{and 1 0 2}}|{{and}}', 'template: :1:16: executing "" at <and>: wrong number of args for and: want at least 1 got 0'],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
    ['{{template "x"}}', 'template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined'],
    ['{{index "abc" 3}}', 'template: :1:2: executing "" at <index "abc" 3>: error calling index: reflect: string index out of range'],
    ['{{index "abc" 4}}', 'template: :1:2: executing "" at <index "abc" 4>: error calling index: index out of range: 4'],
    ['{{index nil 1}}', 'template: :1:2: executing "" at <index nil 1>: error calling index: index of untyped nil'],
    ['{{index 3 1}}', 'template: :1:2: executing "" at <index 3 1>: error calling index: can\'t index item of type int'],
    ['{{slice "abc" 1 5}}', 'template: :1:2: executing "" at <slice "abc" 1 5>: error calling slice: index out of range: 5'],
    ['{{slice "abc" 2 1}}', 'template: :1:2: executing "" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1'],
    ['{{slice "abc" 0 1 2}}', 'template: :1:2: executing "" at <slice "abc" 0 1 2>: error calling slice: cannot 3-index slice a string'],
    ['{{pad .Name -1 0}}', 'template: :1:2: executing "" at <pad .Name -1 0>: error calling pad: strings: negative Repeat count'],
    [
      '{{truncate .Name -1}}',
      'template: :1:2: executing "" at <truncate .Name -1>: error calling truncate: runtime error: slice bounds out of range [:-1]',
    ],
    ['{{truncate .Name "3"}}', 'template: :1:17: executing "" at <"3">: expected integer; found "3"'],
    ['{{upper 3}}', 'template: :1:8: executing "" at <3>: expected string; found 3'],
    ['{{upper .Foo2}}', 'template: :1:8: executing "" at <.Foo2>: can\'t evaluate field Foo2 in type *secret.secretContext'],
    ['{{join .Name ","}}', 'template: :1:7: executing "" at <.Name>: wrong type for value; expected []string; got string'],
    ['{{upper nil}}', 'template: :1:8: executing "" at <nil>: cannot assign nil to string'],
    ['{{$x := 1 2}}', 'template: :1:8: executing "" at <1>: can\'t give argument to non-function 1'],
    ['{{range .Name}}{{end}}', 'template: :1:8: executing "" at <.Name>: range can\'t iterate over tmpfmt_2991'],
    ['{{range 2.5}}x{{end}}', 'template: :1:8: executing "" at <2.5>: range can\'t iterate over 2.5'],
    ['{{range $i, $x := 3}}{{$x}}{{end}}', 'template: :1:18: executing "" at <3>: can\'t use 3 to iterate over more than one variable'],
    ['{{range $x = 3}}{{end}}', 'template: :1:13: executing "" at <3>: undefined variable: $x'],
    ['{{printf 3}}', 'template: :1:9: executing "" at <3>: expected string; found 3'],
    // A field chain's position is its second field's, as parse.go builds it.
    ['{{.ID.X.Y}}', 'template: :1:5: executing "" at <.ID.X.Y>: can\'t evaluate field X in type string'],
    // evalField does not move the error position: it is the last node evaluated.
    ['{{(split .Name "_").x}}', 'template: :1:15: executing "" at <"_">: can\'t evaluate field x in type []string'],
  ])('%j', (tmpl, msg) => {
    expect(execError(tmpl)).toBe(msg);
  });

  it('columns count bytes of the line, lines count newlines', () => {
    expect(execError('é{{.Foo}}')).toBe('template: :1:4: executing "" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext');
    expect(execError('a\nbc {{.Foo}}')).toBe(
      'template: :2:5: executing "" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext',
    );
  });

  it('inside a defined template the error names that template', () => {
    expect(execError('{{define "t"}}{{.Foo}}{{end}}{{template "t" .}}')).toBe(
      'template: :1:16: executing "t" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext',
    );
  });

  it('keeps what was written before the error (Go writes straight to the output)', () => {
    try {
      run('ab{{.Name}}{{.Foo}}cd');
      throw new Error('no error');
    } catch (e) {
      expect((e as TemplateExecError).output).toBe('abtmpfmt_2991');
    }
  });

  it('struct field with arguments, map key with arguments', () => {
    const data = { S: goStruct('main.T', { F: 'x' }), M: { k: 'v' } };
    expect(execError('{{.S.F 1}}', data)).toBe('template: :1:4: executing "" at <.S.F>: F has arguments but cannot be invoked as function');
    expect(execError('{{.M.k 1}}', data)).toBe('template: :1:4: executing "" at <.M.k>: k is not a method but has arguments');
  });

  it('nil pointers and nil interfaces', () => {
    const data = { P: new GoNil('*swarm.Driver'), M: { k: null }, S: goStruct('swarm.Spec', { Driver: new GoNil('*swarm.Driver') }) };
    expect(execError('{{.P.Name}}', data)).toBe('template: :1:4: executing "" at <.P.Name>: nil pointer evaluating interface {}.Name');
    expect(execError('{{.S.Driver.Name}}', data)).toBe(
      'template: :1:4: executing "" at <.S.Driver.Name>: nil pointer evaluating *swarm.Driver.Name',
    );
    expect(execError('{{.M.k.x}}', data)).toBe('template: :1:4: executing "" at <.M.k.x>: nil pointer evaluating interface {}.x');
  });

  it('a value read from a map[string]interface{} is typed "interface {}" until the command ends', () => {
    const data = { S: 'str', L: ['a'] };
    expect(execError('{{.S.x}}', data)).toBe('template: :1:4: executing "" at <.S.x>: can\'t evaluate field x in type interface {}');
    expect(execError('{{$s := .S}}{{$s.x}}', data)).toBe('template: :1:16: executing "" at <$s.x>: can\'t evaluate field x in type string');
    expect(execError('{{slice .L .S}}', data)).toBe(
      'template: :1:2: executing "" at <slice .L .S>: error calling slice: cannot index slice/array with type interface {}',
    );
  });
});

describe('text, actions and trim markers', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{.Name}}', 'tmpfmt_2991'],
    ['{{ .Name }} {{- .ID -}} x', 'tmpfmt_2991k9o01ys1pdq7u69dig0k9o88cx'],
    ['a  \n {{- .Name}}', 'atmpfmt_2991'],
    ['{{.Name -}} \n\t b', 'tmpfmt_2991b'],
    ['{{.Name\n}}', 'tmpfmt_2991'],
    ['{{.Name | }}', 'tmpfmt_2991'],
    ['a {{/* comment */}} b', 'a  b'],
    ['a {{- /* comment */ -}} b', 'ab'],
    ['{{-3}}', '-3'],
    ['{{"x" | printf "%s-%s" "y"}}', 'y-x'],
    ['{{(.Name)}}', 'tmpfmt_2991'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });

  it('an empty template prints nothing', () => {
    expect(run('')).toBe('');
  });
});

describe('literals', () => {
  it.each([
    ["{{0x1F}} {{0o17}} {{0b101}} {{1_000}} {{017}} {{'a'}} {{1e3}} {{-5}} {{+5}}", '31 15 5 1000 15 97 1000 -5 5'],
    [
      '{{1000000.0}} {{123456.0}} {{1e21}} {{0.0001}} {{0.00001}} {{3.0}} {{-0.0}} {{1.5e300}}',
      '1e+06 123456 1e+21 0.0001 1e-05 3 -0 1.5e+300',
    ],
    ['{{"\\x41\\101\\u00e9\\t|"}}', 'AAé\t|'],
    ['{{`raw\\n`}}', 'raw\\n'],
    ["{{'\\n'}} {{'é'}}", '10 233'],
    ['{{true}} {{false}}', 'true false'],
    ['{{"\\xc3\\xa9"}}', 'é'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });
});

describe('fields, methods and the value model', () => {
  it('calls methods with their arguments, this bound to the object', () => {
    const obj = goStruct('*x.T', {
      n: 'ignored',
      Greeting(this: { n: string }, who: string) {
        return `hello ${who}`;
      },
    });
    expect(run('{{.Greeting "bob"}}', obj)).toBe('hello bob');
    expect(run('{{.Label "a"}}|{{.Label "zz"}}|{{.Label "none"}}')).toBe('<b>&c|1|');
  });

  it('class getters and methods are fields; lower-case names are not exported', () => {
    class Row {
      constructor(private readonly secret = 's1') {}
      get Name(): string {
        return this.secret;
      }
      ID(): string {
        return 'id-' + this.secret;
      }
    }
    expect(run('{{.Name}} {{.ID}}', new Row())).toBe('s1 id-s1');
    expect(execError('{{.secret}}', new Row())).toBe('template: :1:2: executing "" at <.secret>: can\'t evaluate field secret in type Row');
  });

  it('missing map keys print <no value>, nil map values too; nil pointers <nil>', () => {
    const data = { m: { a: 1, n: null }, p: new GoNil('*x.T') };
    expect(run('{{.missing}}|{{.m.b}}|{{.m.n}}|{{.p}}|{{.m.b.c}}', data)).toBe('<no value>|<no value>|<no value>|<nil>|<no value>');
    expect(parseTemplate('{{.}}').execute(undefined)).toBe('<no value>');
    expect(parseTemplate('{{.}}').execute(null)).toBe('<no value>'); // Execute(w, nil)
  });

  it('missingkey=error and missingkey=zero (inspect fallback uses error)', () => {
    const t = parseTemplate('{{.a}}{{.b}}');
    expect(t.execute({ a: 1, b: 2 }, { missingKey: 'error' })).toBe('12');
    expect(() => t.execute({ a: 1 }, { missingKey: 'error' })).toThrow(
      'template: :1:8: executing "" at <.b>: map has no entry for key "b"',
    );
    expect(t.execute({ a: 1 }, { missingKey: 'zero' })).toBe('1<no value>');
    expect(t.execute(goMap({ a: 'x' }), { missingKey: 'zero' })).toBe('x');
    expect(() => parseTemplate('{{.a}}').execute(undefined, { missingKey: 'error' })).toThrow(
      'template: :1:2: executing "" at <.a>: nil data; no entry for key "a"',
    );
  });

  it('prints like fmt %v: slices, maps (sorted keys), structs, top-level pointers dereferenced', () => {
    const data = {
      L: ['a', 'b', 'c'],
      E: [],
      M: { b: 2, a: 1, c: null },
      T: goStruct('main.T', {
        Name: 'x',
        Labels: goMap({ z: '1', a: '2' }),
        P: new GoNil('*main.T'),
        L: new GoNil('[]string'),
        F: new GoFloat(0.5),
      }),
      P: goStruct('*main.T', { Name: 'p' }),
      I: ['x', 1, null],
      B: true,
      N: 42,
      F: 1.5,
      Big: 12345678901234567890n,
    };
    expect(run('{{.L}}|{{.E}}|{{.M}}|{{.T}}|{{.P}}|{{.I}}|{{.B}}|{{.N}}|{{.F}}|{{.Big}}', data)).toBe(
      '[a b c]|[]|map[a:1 b:2 c:<nil>]|{x map[a:2 z:1] <nil> [] 0.5}|{p}|[x 1 <nil>]|true|42|1.5|12345678901234567890',
    );
    expect(run('{{printf "%v %+v" .P .T}}', data)).toBe('&{p} {Name:x Labels:map[a:2 z:1] P:<nil> L:[] F:0.5}');
  });

  it('GoTime prints Time.String() and exposes Go methods', () => {
    const data = goStruct('swarm.Meta', { CreatedAt: new GoTime('2017-03-24T08:15:09.735271783Z') });
    expect(run('{{.CreatedAt}}', data)).toBe('2017-03-24 08:15:09.735271783 +0000 UTC');
    expect(run('{{.CreatedAt.Format "2006-01-02"}} {{.CreatedAt.Unix}} {{.CreatedAt.Year}}', data)).toBe('2017-03-24 1490343309 2017');
    expect(run('{{json .CreatedAt}}', data)).toBe('"2017-03-24T08:15:09.735271783Z"');
  });

  it('Map instances are Go maps', () => {
    const m = new Map<string, unknown>([
      ['b', 2],
      ['a', 1],
    ]);
    expect(run('{{.}}|{{.a}}|{{range $k, $v := .}}{{$k}}={{$v}};{{end}}|{{len .}}|{{index . "b"}}', m)).toBe('map[a:1 b:2]|1|a=1;b=2;|2|2');
  });

  it('a function value cannot be printed', () => {
    expect(execError('{{.}}', () => 1)).toBe('template: :1:2: executing "" at <{{.}}>: can\'t print {{.}} of type func()');
  });
});

describe('variables, if/else, with, range', () => {
  it.each([
    ['{{$x := 1}}{{$x = 2}}{{$x}}', '2'],
    ['{{$x := .Name}}{{$x}}|{{$.ID}}', 'tmpfmt_2991|k9o01ys1pdq7u69dig0k9o88c'],
    ['{{with $x := .Name}}{{$x}}{{end}}', 'tmpfmt_2991'],
    ['{{if and .Name (eq .Driver "")}}yes{{else}}no{{end}}', 'yes'],
    ['{{if .Driver}}a{{else if .Name}}b{{else}}c{{end}}', 'b'],
    ['{{with .Driver}}a{{else with .Name}}{{.}}{{end}}', 'tmpfmt_2991'],
    ['{{with .Driver}}a{{else}}none{{end}}', 'none'],
    ['{{range $i, $e := split "a,b" ","}}{{$i}}={{$e}};{{end}}', '0=a;1=b;'],
    ['{{range split "a,b" ","}}[{{.}}]{{end}}', '[a][b]'],
    ['{{range $i, $c := split "a,b,c" ","}}{{if eq $i 1}}{{continue}}{{end}}{{$c}}{{end}}', 'ac'],
    ['{{range $i, $c := split "a,b,c" ","}}{{if eq $i 1}}{{break}}{{end}}{{$c}}{{end}}', 'a'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range $x := 3}}{{$x}}{{end}}', '012'],
    ['{{range -1}}x{{else}}empty{{end}}', 'empty'],
    ['{{$x := 0}}{{range $x = split "a,b" ","}}{{end}}{{$x}}', 'b'],
    ['{{$i := 0}}{{$e := ""}}{{range $i, $e = split "a,b" ","}}{{end}}{{$i}}{{$e}}', '1b'],
    ['{{range $e := split "x" ","}}{{$e}}{{end}}{{$.Name}}', 'xtmpfmt_2991'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });

  it('ranges over maps in sorted key order, over empty/nil values via else', () => {
    const data = { m: { b: 'B', a: 'A', c: 'C' }, e: {}, n: null, l: [], nm: new GoNil('map[string]string') };
    expect(run('{{range $k, $v := .m}}{{$k}}{{$v}}{{end}}', data)).toBe('aAbBcC');
    expect(run('{{range .m}}{{.}}{{end}}', data)).toBe('ABC');
    expect(
      run(
        '{{range .e}}x{{else}}E{{end}}{{range .n}}x{{else}}N{{end}}{{range .l}}x{{else}}L{{end}}{{range .nm}}x{{else}}M{{end}}{{range .missing}}x{{else}}U{{end}}',
        data,
      ),
    ).toBe('ENLMU');
  });

  it('truth: empty strings, zero numbers, empty collections, nil are false; structs are true', () => {
    const data = { s: '', z: 0, f: new GoFloat(0), l: [], m: {}, n: null, t: goStruct('x.T', {}), one: 1 };
    expect(
      run(
        '{{if .s}}1{{end}}{{if .z}}2{{end}}{{if .f}}3{{end}}{{if .l}}4{{end}}{{if .m}}5{{end}}{{if .n}}6{{end}}{{if .t}}7{{end}}{{if .one}}8{{end}}',
        data,
      ),
    ).toBe('78');
    expect(run('{{not 0}} {{not ""}} {{not .}}', 'x')).toBe('true true false');
  });

  it('define, template and block', () => {
    expect(run('{{define "x"}}X{{.}}{{end}}{{template "x" "y"}}{{template "x"}}')).toBe('XyX<no value>');
    expect(run('{{block "y" .}}B{{.Name}}{{end}}')).toBe('Btmpfmt_2991');
  });
});

describe('nesting limits', () => {
  it('parses and runs deeply nested blocks and parentheses', () => {
    expect(run(`${'{{if 1}}'.repeat(300)}x${'{{end}}'.repeat(300)}`)).toBe('x');
    expect(run(`{{${'('.repeat(300)}1${')'.repeat(300)}}}`)).toBe('1');
  });

  it("stops deeper nesting with Go's parse error instead of overflowing the stack", () => {
    expect(parseError(`${'{{if 1}}'.repeat(5000)}x${'{{end}}'.repeat(5000)}`)).toBe('template: :1: max expression depth exceeded');
    expect(parseError(`{{${'('.repeat(5000)}1${')'.repeat(5000)}}}`)).toBe('template: :1: max expression depth exceeded');
  });

  it("stops endless template recursion with Go's error", () => {
    expect(execError('{{define "t"}}{{template "t" .}}{{end}}{{template "t" .}}')).toMatch(/exceeded maximum template depth \(100000\)$/);
  });
});

describe("[]byte values (a config's Data)", () => {
  const data = { Data: new Uint8Array([0x68, 0x69]) };
  it.each<[string, string]>([
    ['{{.Data}}', '[104 105]'],
    ['{{printf "%s" .Data}}', 'hi'],
    ['{{len .Data}}', '2'],
    ['{{index .Data 1}}', '105'],
    ['{{range .Data}}<{{.}}>{{end}}', '<104><105>'],
    ['{{slice .Data 1}}', '[105]'],
    ['{{if .Data}}set{{end}}', 'set'],
  ])('%s', (tmpl, want) => {
    expect(parseTemplate(tmpl).execute(goStruct('T', data))).toBe(want);
  });
});
