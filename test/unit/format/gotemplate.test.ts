// text/template as docker CLI 28 (Go 1.24) runs it. Expected strings were checked against
// `docker secret ls --format ...` on a real engine, and against Go's text/template (random
// templates, differential) for what a secret row cannot show.
import { describe, expect, it } from 'vitest';
import { TemplateExecError, TemplateParseError, goSig, parseTemplate } from '../../../src/format/gotemplate.js';
import { GoFloat, GoNil, goMap, goStruct } from '../../../src/format/govalue.js';
import { secretRow as sharedSecretRow } from '../../helpers/secret-row.js';
import { GoTime } from '../../../src/format/gotime.js';

/** A docker secret ls row: *secret.secretContext with its methods. */
const secretRow = (name = 'tmpfmt_2991', labels: Record<string, string> = { a: '<b>&c', zz: '1' }) =>
  sharedSecretRow('k9o01ys1pdq7u69dig0k9o88c', name, labels);

const run = (tmpl: string, data: unknown = secretRow()): string => parseTemplate(tmpl).execute(data);

function parseError(tmpl: string): string {
  try {
    parseTemplate(tmpl);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateParseError);
    return (e as Error).message;
  }
  throw new Error('no parse error');
}

function execError(tmpl: string, data: unknown = secretRow()): string {
  const t = parseTemplate(tmpl);
  try {
    t.execute(data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error('no exec error');
}

describe('parse errors: Go messages word for word (docker prefixes "template parsing error: ")', () => {
  it.each([
    ['{{.Foo', 'template: :1: unclosed action'],
    ['{{.Foo}', "template: :1: bad character U+007D '}'"],
    ['x{{if .Name}}', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{é}}', 'template: :1: function "é" not defined'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ["{{'ab}}", 'template: :1: unterminated character constant'],
    ['{{(.Name}}', 'template: :1: unclosed left paren'],
    // Go 1.24's lexer reports this itself (Go 1.19 said `unexpected ")" in command`).
    ['{{.Name)}}', 'template: :1: unexpected right paren'],
    ['{{ .Name }', 'template: :1: unexpected "}" in operand'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{range}}{{end}}', 'template: :1: missing value for range'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{with $x := 1}}{{end}}{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{.Name.}}', 'template: :1: unexpected <.> in operand'],
    ['{{3x}}', 'template: :1: bad number syntax: "3x"'],
    ['{{/* c', 'template: :1: unclosed comment'],
    ['{{/* c */ x}}', 'template: :1: comment ends before closing delimiter'],
    ['{{.Name | printf "%s" | 3}}', 'template: :1: non executable command in pipeline stage 3'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{continue}}', 'template: :1: {{continue}} outside {{range}}'],
    ['{{@}}', 'template: :1: unexpected "@" in command'],
    ['{{.Name €}}', "template: :1: unrecognized character in action: U+20AC '€'"],
    ['{{99999999999999999999}}', 'template: :1: integer overflow: "99999999999999999999"'],
    ['{{08}}', 'template: :1: integer overflow: "08"'],
    ['{{1e400}}', 'template: :1: illegal number syntax: "1e400"'],
    ['{{a:}}', 'template: :1: function "a" not defined'],
    ['{{.X :}}', 'template: :1: expected :='],
    ['{{"\\q"}}', 'template: :1: invalid syntax'],
    ['{{"abc".X}}', 'template: :1: unexpected . after term "\\"abc\\""'],
    ['{{range $i, $j, $k := .}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{range $i, 3}}{{end}}', 'template: :1: range can only initialize variables'],
    ['{{$a, $b := 1}}', 'template: :1: too many declarations in command'],
    ['{{if .X}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{define "a"}}x{{else}}{{end}}', 'template: :1: unexpected {{else}} in define clause'],
    ['{{template .X}}', 'template: :1: unexpected ".X" in template clause'],
    ['{{.X | "abcdefghijkl"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{.X "abcdefghijkl" }', 'template: :1: unexpected "}" in operand'],
    ['{{.X $}}{{end', 'template: :1: unclosed action'],
  ])('%j', (tmpl, msg) => {
    expect(parseError(tmpl)).toBe(msg);
  });

  it('counts lines and says where a multi-line action started ("action in action" avoided)', () => {
    expect(parseError('a\nb{{.Name\n')).toBe('template: :3: unclosed action started at :2');
    expect(parseError('line1\n{{"x"\n"y"\n')).toBe('template: :4: unclosed action started at :2');
    expect(parseError('line1\n{{\nx\n}}')).toBe('template: :3: function "x" not defined');
    expect(parseError('{{/*\nhello\n}}')).toBe('template: :1: unclosed comment');
    expect(parseError('a\n\n{{end}}')).toBe('template: :3: unexpected {{end}}');
  });

  it('long unexpected items are quoted to ten runes, then "..." (%.10q)', () => {
    expect(parseError('{{define "a" "abcdefghijklmnop"}}')).toBe('template: :1: unexpected "\\"abcdefghi"... in define clause');
    expect(parseError('{{define "abcdefghijklmnop" 1}}')).toBe('template: :1: unexpected "1" in define clause');
    expect(parseError('{{if 1 ) }}')).toBe('template: :1: unexpected right paren');
  });
});

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
    expect(execError('é{{.Foo}}')).toBe("template: :1:4: executing \"\" at <.Foo>: can't evaluate field Foo in type *secret.secretContext");
    expect(execError('a\nbc {{.Foo}}')).toBe("template: :2:5: executing \"\" at <.Foo>: can't evaluate field Foo in type *secret.secretContext");
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
    expect(execError('{{.S.Driver.Name}}', data)).toBe('template: :1:4: executing "" at <.S.Driver.Name>: nil pointer evaluating *swarm.Driver.Name');
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
    ['{{0x1F}} {{0o17}} {{0b101}} {{1_000}} {{017}} {{\'a\'}} {{1e3}} {{-5}} {{+5}}', '31 15 5 1000 15 97 1000 -5 5'],
    ['{{1000000.0}} {{123456.0}} {{1e21}} {{0.0001}} {{0.00001}} {{3.0}} {{-0.0}} {{1.5e300}}', '1e+06 123456 1e+21 0.0001 1e-05 3 -0 1.5e+300'],
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
    expect(() => t.execute({ a: 1 }, { missingKey: 'error' })).toThrow('template: :1:8: executing "" at <.b>: map has no entry for key "b"');
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
      T: goStruct('main.T', { Name: 'x', Labels: goMap({ z: '1', a: '2' }), P: new GoNil('*main.T'), L: new GoNil('[]string'), F: new GoFloat(0.5) }),
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
    expect(run('{{range .e}}x{{else}}E{{end}}{{range .n}}x{{else}}N{{end}}{{range .l}}x{{else}}L{{end}}{{range .nm}}x{{else}}M{{end}}{{range .missing}}x{{else}}U{{end}}', data)).toBe(
      'ENLMU',
    );
  });

  it('truth: empty strings, zero numbers, empty collections, nil are false; structs are true', () => {
    const data = { s: '', z: 0, f: new GoFloat(0), l: [], m: {}, n: null, t: goStruct('x.T', {}), one: 1 };
    expect(run('{{if .s}}1{{end}}{{if .z}}2{{end}}{{if .f}}3{{end}}{{if .l}}4{{end}}{{if .m}}5{{end}}{{if .n}}6{{end}}{{if .t}}7{{end}}{{if .one}}8{{end}}', data)).toBe(
      '78',
    );
    expect(run('{{not 0}} {{not ""}} {{not .}}', 'x')).toBe('true true false');
  });

  it('define, template and block', () => {
    expect(run('{{define "x"}}X{{.}}{{end}}{{template "x" "y"}}{{template "x"}}')).toBe('XyX<no value>');
    expect(run('{{block "y" .}}B{{.Name}}{{end}}')).toBe('Btmpfmt_2991');
  });
});

describe('builtins', () => {
  it.each([
    ['{{and 1 0 2}}|{{and 1 2}}|{{or 0 "" 3}}|{{or 0 ""}}|{{not 0}}', '0|2|3||true'],
    ['{{eq 1 1 2}}|{{eq "a" "b" "a"}}|{{ne 1 2}}|{{le 2 2}}|{{ge "b" "a"}}|{{gt 1.5 1.2}}|{{lt "a" "b"}}', 'true|true|true|true|true|true|true'],
    ['{{eq .Driver ""}}|{{eq .Driver "x"}}', 'true|false'],
    ['{{len "héllo"}}|{{len (split "a,b" ",")}}|{{.Name | len}}', '6|2|11'],
    ['{{index "héllo" 1}}|{{index (split "a,b" ",") 1}}|{{index .Name 10}}', '195|b|49'],
    ['{{slice "héllo" 0 2}}|{{slice "abc" 1}}|{{slice (split "a,b,c" ",") 1 2}}', 'h\ufffd|bc|[b]'],
    ['{{print 1 2 "a" "b" 3 true}}|{{println 1 "a"}}|', '1 2ab3 true|1 a\n|'],
    ['{{print nil}}|{{print .Driver}}|{{printf "%v" nil}}|{{printf "%d" nil}}', '<nil>||<nil>|%!d(<nil>)'],
    ['{{printf "%d" "x"}}|{{printf "%s"}}|{{printf "%s" 1 2}}|{{printf "%z" 1}}', '%!d(string=x)|%!s(MISSING)|%!s(int=1)%!(EXTRA int=2)|%!z(int=1)'],
    ['{{printf "%[2]s %[1]s" "a" "b"}}|{{printf "%*d" 5 1}}|{{printf "%.*f" 2 3.14159}}|{{printf "%!"}}|{{printf "%"}}', 'b a|    1|3.14|%!!(MISSING)|%!(NOVERB)'],
    ['{{printf "%v|%+v|%T|%T|%T" (split "a" ",") 1.5 (split "a" ",") 1 .}}', '[a]|1.5|[]string|int|*secret.secretContext'],
    [
      '{{printf "%08.3f|%+d|% d|%x|%#x|%#o|%b|%c|%q|%U|%#U|%-6s|%6.2s|%.0f|%.0f|%.1f" 3.14159 5 5 -255 255 8 5 65 65 65 65 "ab" "abc" 0.5 2.5 0.25}}',
      "0003.142|+5| 5|-ff|0xff|010|101|A|'A'|U+0041|U+0041 'A'|ab    |    ab|0|2|0.2",
    ],
    [
      '{{printf "%5.2f|%-5d|%05d|%x|%X|%o|%q|%v|%t|%e|%g|%s" 3.14159 42 42 255 "hi" 8 "a\\"b" 1.0 true 1234567.0 0.000001 5}}',
      ' 3.14|42   |00042|ff|6869|10|"a\\"b"|1|true|1.234567e+06|1e-06|%!s(int=5)',
    ],
    ['{{printf "%x" "hé"}}|{{printf "% X" "hé"}}|{{printf "%#x" "ab"}}|{{printf "%q" "é\\x01\\t"}}|{{printf "%+q" "é"}}|{{printf "%#q" "ab"}}', '68c3a9|68 C3 A9|0x6162|"é\\x01\\t"|"\\u00e9"|`ab`'],
    ['{{printf "%6.2e|%G|%.3g|%g|%g|%g|%#g|%10.3f|%-10.3f|%+.2e" 1234.5678 1e-10 1234567.0 100000.0 1e20 0.1 1.0 3.14159 3.14159 12345.678}}', '1.23e+03|1E-10|1.23e+06|100000|1e+20|0.1|1.00000|     3.142|3.142     |+1.23e+04'],
    ['{{printf "%t|%v|%d" true false 3.5}}', 'true|false|%!d(float64=3.5)'],
    ['{{printf "%s|%v|%d" (split "a b" " ") (split "a b" " ") (split "1 2" " ")}}', '[a b]|[a b]|[%!d(string=1) %!d(string=2)]'],
    [`{{html "<a href='x'>&</a>\\x00"}}|{{html 1 "<" 2}}|{{html nil}}`, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;\ufffd|1&lt;2|&lt;no value&gt;'],
    [`{{js "a'b\\"c<>=&\\r\\u00e9\\u2028\\x7f"}}|{{js}}`, "a\\'b\\\"c\\u003C\\u003E\\u003D\\u0026\\u000D\u00e9\\u2028\x7f|"],
    ['{{urlquery "a b&c=d/é~-_."}}', 'a+b%26c%3Dd%2F%C3%A9~-_.'],
    ['{{print .Name nil}}|{{println}}', 'tmpfmt_2991<nil>|\n'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });

  it('call (function values in data are methods, so call gets one as dot)', () => {
    const f = (a: number, b: number) => a + b;
    expect(run('{{call . 1 2}}', f)).toBe('3');
    expect(execError('{{call . 1}}', f)).toBe('template: :1:2: executing "" at <call . 1>: error calling call: wrong number of args: got 1 want 2');
    expect(execError('{{call .x}}', { x: 1 })).toBe('template: :1:2: executing "" at <call .x>: error calling call: non-function of type int');
  });

  it('eq with missing values and nil', () => {
    expect(run('{{eq .x nil}} {{eq .x 1}} {{ne .x "a"}}', {})).toBe('true false true');
  });

  it('index on maps: missing keys are the zero value of the element type', () => {
    const data = { L: goMap({ a: 'x' }), I: { a: 1 } };
    expect(run('[{{index .L "a"}}][{{index .L "b"}}][{{index .I "b"}}]', data)).toBe('[x][][<no value>]');
    expect(execError('{{index .L 1}}', data)).toBe('template: :1:2: executing "" at <index .L 1>: error calling index: value has type int; should be string');
  });

  it('eq on structs compares fields, on pointers identity', () => {
    const a = goStruct('x.V', { I: 1 });
    const b = goStruct('x.V', { I: 1 });
    const p = goStruct('*x.V', { I: 1 });
    expect(run('{{eq .a .b}} {{eq .p .p}} {{eq .p .q}}', { a, b, p, q: goStruct('*x.V', { I: 1 }) })).toBe('true true false');
  });
});

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
    const t = parseTemplate('{{twice .}}|{{add 1 2}}', {
      funcs: { twice: (s: unknown) => `${s}${s}`, add: { params: ['int', 'int'], fn: (a: number, b: number) => a + b } },
    });
    expect(t.execute('ab')).toBe('abab|3');
    const bad = parseTemplate('{{add 1 "2"}}', { funcs: { add: { params: ['int', 'int'], fn: (a: number, b: number) => a + b } } });
    expect(() => bad.execute(null)).toThrow('template: :1:8: executing "" at <"2">: expected integer; found "2"');
    const throws = parseTemplate('{{boom}}', {
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
    const t = parseTemplate('{{upper .}}');
    expect(t.execute('a')).toBe('A');
    expect(t.withFuncs({ upper: (s: unknown) => String(s) }).execute('a')).toBe('a');
    expect(t.execute('a')).toBe('A');
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

describe('[]byte values (a config\'s Data)', () => {
  const data = { Data: new Uint8Array([0x68, 0x69]) };
  it.each<[string, string]>([
    ['{{.Data}}', '[104 105]'],
    ['{{printf "%s" .Data}}', 'hi'],
    ['{{len .Data}}', '2'],
    ['{{index .Data 1}}', '105'],
    ['{{range .Data}}<{{.}}>{{end}}', '<104><105>'],
    ['{{slice .Data 1}}', '[105]'],
    ['{{if .Data}}set{{end}}', 'set'],
    ['{{json .Data}}', '"aGk="'],
  ])('%s', (tmpl, want) => {
    expect(parseTemplate(tmpl).execute(goStruct('T', data))).toBe(want);
  });
});
