// docker/cli formatter.Context.Write: what `docker secret ls --format ...` prints. Every expected
// string below is docker CLI 28's own output for three secrets created on a real engine.
import { describe, expect, it } from 'vitest';
import { dockerFormat, renderRows, resolveListFormat, rowJSON } from '../../../../src/cli/formatter/formatter.js';
import { DEFAULT_SECRET_TABLE } from '../../../../src/cli/secret/formatter.js';
import { TemplateExecError } from '../../../../src/go/template/exec.js';
import { TemplateParseError } from '../../../../src/go/template/parse.js';
import { secretRow } from '../../../helpers/secret-row.js';

const IDS = ['wc80u1smne8e5hhjk0tv0mero', 'xwfeam7336ucine507ssljecd', 'wuijf768ugjq8fggx3ladg7g7'];
const SECRETS: [string, Record<string, string>][] = [
  ['fmtfix_a', { a: '日本語ラベル', w: 'x' }],
  ['fmtfix_bb_longer_name', { a: 'é<b>&', z: '1' }],
  ['fmtfix_c', {}],
];
const HEADERS = { ID: 'ID', Name: 'NAME', Driver: 'DRIVER', CreatedAt: 'CREATED', UpdatedAt: 'UPDATED', Labels: 'LABELS' };

/** secretContext rows: zero-argument methods plus Label(name). */
const rows = (): object[] => SECRETS.map(([name, labels], i) => secretRow(IDS[i], name, labels));

describe('renderRows matches docker secret ls output', () => {
  it.each([
    [
      'table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.CreatedAt}}\\t{{.UpdatedAt}}',
      'ID                          NAME                    DRIVER    CREATED                  UPDATED\nwc80u1smne8e5hhjk0tv0mero   fmtfix_a                          Less than a second ago   Less than a second ago\nxwfeam7336ucine507ssljecd   fmtfix_bb_longer_name             Less than a second ago   Less than a second ago\nwuijf768ugjq8fggx3ladg7g7   fmtfix_c                          Less than a second ago   Less than a second ago\n',
    ],
    [
      'table {{.Name}}\\t{{.Driver}}\\t{{.ID}}',
      'NAME                    DRIVER    ID\nfmtfix_a                          wc80u1smne8e5hhjk0tv0mero\nfmtfix_bb_longer_name             xwfeam7336ucine507ssljecd\nfmtfix_c                          wuijf768ugjq8fggx3ladg7g7\n',
    ],
    [
      'table {{json .}}',
      '\n{"CreatedAt":"Less than a second ago","Driver":"","ID":"wc80u1smne8e5hhjk0tv0mero","Labels":"a=日本語ラベル,w=x","Name":"fmtfix_a","UpdatedAt":"Less than a second ago"}\n{"CreatedAt":"Less than a second ago","Driver":"","ID":"xwfeam7336ucine507ssljecd","Labels":"a=é\\u003cb\\u003e\\u0026,z=1","Name":"fmtfix_bb_longer_name","UpdatedAt":"Less than a second ago"}\n{"CreatedAt":"Less than a second ago","Driver":"","ID":"wuijf768ugjq8fggx3ladg7g7","Labels":"","Name":"fmtfix_c","UpdatedAt":"Less than a second ago"}\n',
    ],
    [
      'table {{.Name}}\\t{{.Label "a"}}\\tX',
      'NAME                    a              X\nfmtfix_a                日本語ラベル   X\nfmtfix_bb_longer_name   é<b>&          X\nfmtfix_c                               X\n',
    ],
    [
      'table {{.Name | upper}}\\t{{pad .ID 2 3}}|',
      'NAME                      ID   |\nFMTFIX_A                  wc80u1smne8e5hhjk0tv0mero   |\nFMTFIX_BB_LONGER_NAME     xwfeam7336ucine507ssljecd   |\nFMTFIX_C                  wuijf768ugjq8fggx3ladg7g7   |\n',
    ],
    [
      'table {{.Label "a"}}\\t{{.Name}}\\t{{.Label "z"}}',
      'a              NAME                    z\n日本語ラベル   fmtfix_a                \né<b>&          fmtfix_bb_longer_name   1\n               fmtfix_c                \n',
    ],
    [
      'table {{.Name}}\\n{{.ID}}',
      'NAME\nID\nfmtfix_a\nwc80u1smne8e5hhjk0tv0mero\nfmtfix_bb_longer_name\nxwfeam7336ucine507ssljecd\nfmtfix_c\nwuijf768ugjq8fggx3ladg7g7\n',
    ],
    [
      '{{.Name}}\\t{{.ID}}',
      'fmtfix_a\twc80u1smne8e5hhjk0tv0mero\nfmtfix_bb_longer_name\txwfeam7336ucine507ssljecd\nfmtfix_c\twuijf768ugjq8fggx3ladg7g7\n',
    ],
    [' table {{.Name}}', 'table fmtfix_a\ntable fmtfix_bb_longer_name\ntable fmtfix_c\n'],
    ['{{json .Name}}', '"fmtfix_a"\n"fmtfix_bb_longer_name"\n"fmtfix_c"\n'],
  ])('--format %j', (format, out) => {
    expect(renderRows(format, rows(), HEADERS)).toBe(out);
  });

  it('--format json is {{json .}}: keys sorted (a map), <>& escaped (json.Marshal)', () => {
    expect(renderRows('json', rows(), HEADERS)).toBe(renderRows('{{json .}}', rows(), HEADERS));
    expect(renderRows('json', rows().slice(1, 2), HEADERS)).toBe(
      '{"CreatedAt":"Less than a second ago","Driver":"","ID":"xwfeam7336ucine507ssljecd","Labels":"a=é\\u003cb\\u003e\\u0026,z=1","Name":"fmtfix_bb_longer_name","UpdatedAt":"Less than a second ago"}\n',
    );
  });

  it('a row that fails throws the Go error (docker prints "template parsing error: " + message) and nothing else', () => {
    let err: unknown;
    try {
      renderRows('table {{.Foo}}', rows(), HEADERS);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateExecError);
    expect((err as Error).message).toBe('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *secret.secretContext');
    expect(() => renderRows('{{.Foo', rows(), HEADERS)).toThrow(TemplateParseError);
    expect(() => renderRows('{{.Foo', rows(), HEADERS)).toThrow('template: :1: unclosed action');
  });

  it('no rows: a table still prints its header, other formats print nothing', () => {
    expect(renderRows('table {{.ID}}\\t{{.Name}}', [], HEADERS)).toBe('ID        NAME\n');
    expect(renderRows('{{.ID}}', [], HEADERS)).toBe('');
    expect(renderRows('json', [], HEADERS)).toBe('');
  });

  it('quiet turns the "table" key into {{.ID}}; an explicit --format wins', () => {
    const quietTable = resolveListFormat('table', true, DEFAULT_SECRET_TABLE);
    expect(renderRows(quietTable, rows(), HEADERS)).toBe(IDS.join('\n') + '\n');
    expect(renderRows(resolveListFormat('{{.Name}}', true, DEFAULT_SECRET_TABLE), rows(), HEADERS)).toBe(
      'fmtfix_a\nfmtfix_bb_longer_name\nfmtfix_c\n',
    );
    expect(resolveListFormat('', false, DEFAULT_SECRET_TABLE)).toBe(DEFAULT_SECRET_TABLE);
  });

  it('headers: HeaderFunctions keep the names intact, pad still applies, Label turns a key into a title', () => {
    expect(
      renderRows('table {{lower .Name}}|{{json .ID}}|{{truncate .Driver 2}}|{{pad .ID 1 1}}|{{.Label "com.docker.some_key"}}', [], HEADERS),
    ).toBe('NAME|ID|DRIVER| ID |some key\n');
  });

  it('a header that fails to render keeps what was written before the error', () => {
    // checked with docker: the tab-terminated "<no value>" cell is padded
    expect(renderRows('table {{.Name}}\\t{{.Missing}}\\t{{split .Name 1}}', [], HEADERS)).toBe('NAME      <no value>   \n');
  });

  it('rowType names plain rows for errors', () => {
    const plain = [{ ID: () => 'x' }];
    expect(() => renderRows('{{.Nope}}', plain, HEADERS, { rowType: '*service.serviceContext' })).toThrow(
      "can't evaluate field Nope in type *service.serviceContext",
    );
  });

  it('rowJSON: exported zero-argument methods and fields, sorted, FullHeader skipped', () => {
    class Row {
      constructor(private readonly n: string) {}
      Name(): string {
        return this.n;
      }
      Label(k: string): string {
        return k;
      }
      FullHeader(): string {
        return 'h';
      }
      get Alpha(): string {
        return '<a>';
      }
    }
    expect(rowJSON(new Row('n'))).toBe('{"Alpha":"\\u003ca\\u003e","Name":"n"}');
  });
});

describe('dockerFormat (formatter.Context.preFormat)', () => {
  it.each<[string, boolean, string]>([
    ['table {{.ID}}\\t{{.Name}}', true, '{{.ID}}\t{{.Name}}'],
    ['table', true, ''],
    ['tableX{{.ID}}', true, 'X{{.ID}}'],
    [' table {{.ID}}', false, 'table {{.ID}}'], // "table" is checked before trimming
    ['  {{.ID}}\\n  ', false, '{{.ID}}\n'], // only spaces are trimmed, then \n replaced
    ['\t{{.ID}}', false, '\t{{.ID}}'],
    ['json', false, '{{json .}}'],
    [' json', false, 'json'],
    ['table json', true, 'json'],
    ['a\\\\tb\\x', false, 'a\\\tb\\x'],
    ['{{"\\n"}}', false, '{{"\n"}}'],
  ])('%j', (format, isTable, template) => {
    expect(dockerFormat(format)).toEqual({ isTable, template });
  });
});
