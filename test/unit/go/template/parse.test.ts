// text/template as docker CLI 28 (Go 1.24) runs it. Expected strings were checked against
// `docker secret ls --format ...` on a real engine, and against Go's text/template (random
// templates, differential) for what a secret row cannot show.
import { describe, expect, it } from 'vitest';
import { parseError } from './run.js';

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
