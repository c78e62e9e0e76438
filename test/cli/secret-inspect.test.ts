// secret inspect details the recordings do not reach: map key order as Go writes it, escapes, and
// the "table" keyword (which docker's secret inspect turns into the list table, then fails).
import { describe, expect, it } from 'vitest';
import { session } from '../helpers/run.js';

async function withSecret(labels: string[]) {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  const args = ['secret', 'create', ...labels.flatMap((l) => ['-l', l]), 'x', '-'];
  expect((await s.run(args, { stdin: 'v' })).exit).toBe(0);
  return s;
}

describe('secret inspect', () => {
  it('writes label keys in byte order, as Go sorts map keys, even integer-like ones', async () => {
    const s = await withSecret(['a=1', '10=x', '9=y', '1.5=z']);
    const compact = '{"1.5":"z","10":"x","9":"y","a":"1"}';
    expect((await s.run(['secret', 'inspect', '-f', '{{json .Spec.Labels}}', 'x'])).stdout).toBe(`${compact}\n`);
    expect((await s.run(['secret', 'inspect', '-f', '{{json .Spec}}', 'x'])).stdout).toBe(`{"Name":"x","Labels":${compact}}\n`);
    expect((await s.run(['secret', 'inspect', '-f', 'json', 'x'])).stdout).toContain(`"Labels":${compact}}`);
    expect((await s.run(['secret', 'inspect', 'x'])).stdout).toContain(
      '            "Labels": {\n                "1.5": "z",\n                "10": "x",\n                "9": "y",\n                "a": "1"\n            }\n',
    );
    expect((await s.run(['secret', 'ls', '--format', '{{.Labels}}'])).stdout).toBe('1.5=z,10=x,9=y,a=1\n');
  });

  it('escapes U+2028 as Go does and leaves HTML characters alone', async () => {
    const s = await withSecret(['k=a\u2028<b>&']);
    expect((await s.run(['secret', 'inspect', '-f', '{{json .Spec}}', 'x'])).stdout).toBe('{"Name":"x","Labels":{"k":"a\\u2028<b>&"}}\n');
    expect((await s.run(['secret', 'inspect', 'x'])).stdout).toContain('"k": "a\\u2028<b>&"');
  });

  it('treats --format table as the list table, which fails on the inspect object', async () => {
    const s = await withSecret([]);
    expect(await s.run(['secret', 'inspect', '--format', 'table', 'x'])).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:16: executing "" at <.Name>: map has no entry for key "Name"\n',
      exit: 1,
    });
  });
});
