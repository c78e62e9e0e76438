// text/template as docker CLI 28 (Go 1.24) runs it. Expected strings were checked against
// `docker secret ls --format ...` on a real engine, and against Go's text/template (random
// templates, differential) for what a secret row cannot show.
import { describe, expect, it } from 'vitest';
import { goMap, goStruct } from '../../../../src/go/reflect/value.js';
import { execError, run } from './run.js';

describe('builtins', () => {
  it.each([
    ['{{and 1 0 2}}|{{and 1 2}}|{{or 0 "" 3}}|{{or 0 ""}}|{{not 0}}', '0|2|3||true'],
    [
      '{{eq 1 1 2}}|{{eq "a" "b" "a"}}|{{ne 1 2}}|{{le 2 2}}|{{ge "b" "a"}}|{{gt 1.5 1.2}}|{{lt "a" "b"}}',
      'true|true|true|true|true|true|true',
    ],
    ['{{eq .Driver ""}}|{{eq .Driver "x"}}', 'true|false'],
    ['{{len "héllo"}}|{{len (split "a,b" ",")}}|{{.Name | len}}', '6|2|11'],
    ['{{index "héllo" 1}}|{{index (split "a,b" ",") 1}}|{{index .Name 10}}', '195|b|49'],
    ['{{slice "héllo" 0 2}}|{{slice "abc" 1}}|{{slice (split "a,b,c" ",") 1 2}}', 'h\ufffd|bc|[b]'],
    ['{{print 1 2 "a" "b" 3 true}}|{{println 1 "a"}}|', '1 2ab3 true|1 a\n|'],
    ['{{print nil}}|{{print .Driver}}|{{printf "%v" nil}}|{{printf "%d" nil}}', '<nil>||<nil>|%!d(<nil>)'],
    [
      '{{printf "%d" "x"}}|{{printf "%s"}}|{{printf "%s" 1 2}}|{{printf "%z" 1}}',
      '%!d(string=x)|%!s(MISSING)|%!s(int=1)%!(EXTRA int=2)|%!z(int=1)',
    ],
    [
      '{{printf "%[2]s %[1]s" "a" "b"}}|{{printf "%*d" 5 1}}|{{printf "%.*f" 2 3.14159}}|{{printf "%!"}}|{{printf "%"}}',
      'b a|    1|3.14|%!!(MISSING)|%!(NOVERB)',
    ],
    ['{{printf "%v|%+v|%T|%T|%T" (split "a" ",") 1.5 (split "a" ",") 1 .}}', '[a]|1.5|[]string|int|*secret.secretContext'],
    [
      '{{printf "%08.3f|%+d|% d|%x|%#x|%#o|%b|%c|%q|%U|%#U|%-6s|%6.2s|%.0f|%.0f|%.1f" 3.14159 5 5 -255 255 8 5 65 65 65 65 "ab" "abc" 0.5 2.5 0.25}}',
      "0003.142|+5| 5|-ff|0xff|010|101|A|'A'|U+0041|U+0041 'A'|ab    |    ab|0|2|0.2",
    ],
    [
      '{{printf "%5.2f|%-5d|%05d|%x|%X|%o|%q|%v|%t|%e|%g|%s" 3.14159 42 42 255 "hi" 8 "a\\"b" 1.0 true 1234567.0 0.000001 5}}',
      ' 3.14|42   |00042|ff|6869|10|"a\\"b"|1|true|1.234567e+06|1e-06|%!s(int=5)',
    ],
    [
      '{{printf "%x" "hé"}}|{{printf "% X" "hé"}}|{{printf "%#x" "ab"}}|{{printf "%q" "é\\x01\\t"}}|{{printf "%+q" "é"}}|{{printf "%#q" "ab"}}',
      '68c3a9|68 C3 A9|0x6162|"é\\x01\\t"|"\\u00e9"|`ab`',
    ],
    [
      '{{printf "%6.2e|%G|%.3g|%g|%g|%g|%#g|%10.3f|%-10.3f|%+.2e" 1234.5678 1e-10 1234567.0 100000.0 1e20 0.1 1.0 3.14159 3.14159 12345.678}}',
      '1.23e+03|1E-10|1.23e+06|100000|1e+20|0.1|1.00000|     3.142|3.142     |+1.23e+04',
    ],
    ['{{printf "%t|%v|%d" true false 3.5}}', 'true|false|%!d(float64=3.5)'],
    ['{{printf "%s|%v|%d" (split "a b" " ") (split "a b" " ") (split "1 2" " ")}}', '[a b]|[a b]|[%!d(string=1) %!d(string=2)]'],
    [
      `{{html "<a href='x'>&</a>\\x00"}}|{{html 1 "<" 2}}|{{html nil}}`,
      '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;\ufffd|1&lt;2|&lt;no value&gt;',
    ],
    [`{{js "a'b\\"c<>=&\\r\\u00e9\\u2028\\x7f"}}|{{js}}`, 'a\\\'b\\"c\\u003C\\u003E\\u003D\\u0026\\u000D\u00e9\\u2028\x7f|'],
    ['{{urlquery "a b&c=d/é~-_."}}', 'a+b%26c%3Dd%2F%C3%A9~-_.'],
    ['{{print .Name nil}}|{{println}}', 'tmpfmt_2991<nil>|\n'],
  ])('%j', (tmpl, out) => {
    expect(run(tmpl)).toBe(out);
  });

  it('call (function values in data are methods, so call gets one as dot)', () => {
    const f = (a: number, b: number) => a + b;
    expect(run('{{call . 1 2}}', f)).toBe('3');
    expect(execError('{{call . 1}}', f)).toBe(
      'template: :1:2: executing "" at <call . 1>: error calling call: wrong number of args: got 1 want 2',
    );
    expect(execError('{{call .x}}', { x: 1 })).toBe(
      'template: :1:2: executing "" at <call .x>: error calling call: non-function of type int',
    );
  });

  it('eq with missing values and nil', () => {
    expect(run('{{eq .x nil}} {{eq .x 1}} {{ne .x "a"}}', {})).toBe('true false true');
  });

  it('index on maps: missing keys are the zero value of the element type', () => {
    const data = { L: goMap({ a: 'x' }), I: { a: 1 } };
    expect(run('[{{index .L "a"}}][{{index .L "b"}}][{{index .I "b"}}]', data)).toBe('[x][][<no value>]');
    expect(execError('{{index .L 1}}', data)).toBe(
      'template: :1:2: executing "" at <index .L 1>: error calling index: value has type int; should be string',
    );
  });

  it('eq on structs compares fields, on pointers identity', () => {
    const a = goStruct('x.V', { I: 1 });
    const b = goStruct('x.V', { I: 1 });
    const p = goStruct('*x.V', { I: 1 });
    expect(run('{{eq .a .b}} {{eq .p .p}} {{eq .p .q}}', { a, b, p, q: goStruct('*x.V', { I: 1 }) })).toBe('true true false');
  });
});
