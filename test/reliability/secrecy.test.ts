// Secrecy, beyond test/cli/secrecy.test.ts: random secret values (text and binary; from stdin, from a
// file, through a stack's file secret, templated) go through every command that lists, inspects,
// formats, updates, deploys and fails, and never appear anywhere but in what `exec … cat` (and the
// like) prints of a mounted file: not in any other output, not in any error message (bad --format
// templates, refused updates, a stack redeployed with changed secret files, bad secret templates),
// and not in any file under the state directory or the session directory, in any encoding.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Result, session } from '../helpers/run.js';
import { loadState } from './invariants.js';
import { runs, SEED } from './seeded.js';

const FORMATS = [
  '{{.Spec.Data}}',
  '{{json .}}',
  '{{printf "%v" .}}',
  '{{printf "%s" .Spec}}',
  '{{.Nope}}',
  '{{index .Spec.Data 0}}',
  '{{template "x"}}',
  '{{range .}}{{.}}{{end}}',
  '{{.Spec.Name | printf "%d"}}',
  '{{',
  'json',
  'table {{.ID}}\t{{.Name}}',
];

/** The forms a value could leak in: as is, base64, hex, JSON-escaped, and its first and last 12 characters. */
function forms(value: Buffer): Buffer[] {
  const out = [
    value,
    Buffer.from(value.toString('base64')),
    Buffer.from(value.toString('hex')),
    Buffer.from(JSON.stringify(value.toString('utf8')).slice(1, -1)),
  ];
  const text = value.toString('utf8');
  if (!text.includes('\uFFFD') && text.length >= 24) out.push(Buffer.from(text.slice(0, 12)), Buffer.from(text.slice(-12)));
  return out;
}

function leaks(haystack: Buffer, values: Buffer[]): string[] {
  const found: string[] = [];
  for (const v of values)
    for (const f of forms(v)) if (f.length >= 8 && haystack.includes(f)) found.push(JSON.stringify(f.toString('latin1').slice(0, 40)));
  return found;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Random values a user might keep secret: passwords, keys, binary blobs, unicode. */
const secretValue: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .string({ minLength: 16, maxLength: 80, unit: 'grapheme-ascii' })
    .filter((s) => s.trim().length >= 16 && !s.includes('{{'))
    .map((s) => Buffer.from(s)),
  fc
    .string({ minLength: 12, maxLength: 40, unit: 'grapheme' })
    .filter((s) => Buffer.byteLength(s) >= 16 && !s.includes('{{'))
    .map((s) => Buffer.from(s)),
  fc.uint8Array({ minLength: 16, maxLength: 300 }).map((b) => Buffer.from(b)),
);

describe('secrecy', () => {
  it('random secret values appear only where exec prints a mounted file', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.tuple(secretValue, secretValue, secretValue, secretValue, secretValue), async (raw) => {
        cases++;
        const [a, b, c, d, e] = raw;
        const s = session();
        const env = { XDG_RUNTIME_DIR: join(s.dir, 'run') };
        const seen: { args: string[]; r: Result; mayShow: boolean }[] = [];
        const run = async (args: string[], opts: { stdin?: Buffer; mayShow?: boolean } = {}) => {
          const r = await s.run(args, { stdin: opts.stdin, env });
          seen.push({ args, r, mayShow: Boolean(opts.mayShow) });
          return r;
        };
        await run(['swarm', 'init', '--autolock', '--advertise-addr', '127.0.0.1']);
        const unlockKey = (await run(['swarm', 'unlock-key', '-q'])).stdout.trim();
        expect(unlockKey).toMatch(/^SWMKEY-1-/);
        expect((await run(['secret', 'create', '-l', 'k=v', 'pa', '-'], { stdin: a })).exit).toBe(0);
        writeFileSync(join(s.dir, 'b.bin'), b);
        expect((await run(['secret', 'create', 'pb', 'b.bin'])).exit).toBe(0);
        // a templated secret: its literal part is the value, its actions are rendered at mount time
        const tmpl = Buffer.concat([c, Buffer.from(' {{ .Service.Name }} '), c]);
        expect((await run(['secret', 'create', '--template-driver', 'golang', 'pc', '-'], { stdin: tmpl })).exit).toBe(0);
        const badTmpl = Buffer.concat([c, Buffer.from(' {{ .Nope }}')]);
        await run(['secret', 'create', '--template-driver', 'golang', 'pbad', '-'], { stdin: badTmpl });
        // refused creates: a taken name, a bad name, a value too large
        await run(['secret', 'create', 'PA', '-'], { stdin: a });
        await run(['secret', 'create', 'bad/name', '-'], { stdin: a });
        await run(['secret', 'create', 'big', '-'], { stdin: Buffer.concat(Array(Math.ceil(600_000 / a.length)).fill(a)) });

        await run([
          'service',
          'create',
          '-d',
          '--no-resolve-image',
          '--name',
          'web',
          '--secret',
          'pa',
          '--secret',
          'source=pb,target=/etc/b,mode=0400',
          '--secret',
          'pc',
          'busybox',
          'top',
        ]);
        await run(['service', 'update', '-d', '--secret-add', 'source=pa,target=/etc/b', 'web']); // conflicting target
        await run(['service', 'update', '-d', '--secret-add', 'nosuch', 'web']);
        await run(['service', 'update', '-d', '--secret-add', 'source=pa,target=again,mode=bogus', 'web']);
        await run(['service', 'create', '-d', '--no-resolve-image', '--name', 'bad', '--secret', 'pbad', '--secret', 'pa', 'busybox']);
        await run(['service', 'update', '-d', '--env-add', 'X=1', 'web']);
        await run(['secret', 'rm', 'pa']); // in use

        writeFileSync(join(s.dir, 'd.txt'), d);
        writeFileSync(
          join(s.dir, 'stack.yml'),
          'version: "3.8"\nservices:\n  app:\n    image: busybox\n    secrets: [k]\nsecrets:\n  k:\n    file: ./d.txt\n',
        );
        await run(['stack', 'config', '-c', 'stack.yml']);
        expect((await run(['stack', 'deploy', '-c', 'stack.yml', 'st'])).exit).toBe(0);
        // the file changes: docker refuses to update a secret's data
        writeFileSync(join(s.dir, 'd.txt'), e);
        const redeploy = await run(['stack', 'deploy', '-c', 'stack.yml', 'st']);
        expect(redeploy.exit).toBe(1);

        const state = loadState(s.statePath);
        const web = state.containers.find((x) => x.State.Running && x.Name.startsWith('/web.'))?.Id.slice(0, 12) ?? 'web';
        const app = state.containers.find((x) => x.State.Running && x.Name.startsWith('/st_app.'))?.Id.slice(0, 12) ?? 'st_app';
        for (const f of FORMATS) {
          await run(['secret', 'ls', '--format', f]);
          await run(['secret', 'inspect', '--format', f, 'pa', 'pb', 'pc', 'st_k']);
          await run(['service', 'inspect', '--format', f, 'web']);
          await run(['ps', '--format', f]);
          await run(['inspect', '--format', f, web]);
        }
        for (const args of [
          ['secret', 'ls'],
          ['-D', 'secret', 'inspect', 'pa'],
          ['secret', 'inspect', 'pa'],
          ['secret', 'inspect', '--pretty', 'pa', 'pc'],
          ['service', 'inspect', 'web'],
          ['service', 'inspect', '--pretty', 'web'],
          ['service', 'ps', '--no-trunc', 'web'],
          ['service', 'logs', 'web'],
          ['service', 'ls'],
          ['ps', '-a', '--no-trunc'],
          ['inspect', web],
          ['stack', 'ps', '--no-trunc', 'st'],
          ['stack', 'services', 'st'],
          ['swarm', 'unlock-key'],
        ]) {
          await run(args);
        }
        // exec: the file's readers may show it; nothing else does
        const pcRendered = Buffer.concat([c, Buffer.from(' web '), c]);
        const catA = await run(['exec', web, 'cat', '/run/secrets/pa'], { mayShow: true });
        expect(catA.stdout).toBe(a.toString('utf8'));
        expect((await run(['exec', web, 'cat', '/etc/b'], { mayShow: true })).stdout).toBe(b.toString('utf8'));
        expect((await run(['exec', web, 'cat', '/run/secrets/pc'], { mayShow: true })).stdout).toBe(pcRendered.toString('utf8'));
        await run(['exec', web, 'sh', '-c', 'head -c 100000 /run/secrets/pa; cat /run/secrets/*'], { mayShow: true });
        await run(['exec', app, 'cat', '/run/secrets/k'], { mayShow: true });
        await run(['exec', web, 'head', '-c', '-1', '/etc/b'], { mayShow: true });
        for (const args of [
          ['ls', '-la', '/run/secrets', '/etc'],
          ['stat', '/etc/b'],
          ['wc', '/run/secrets/pa'],
          ['env'],
          ['id'],
          ['cat', '/run/secrets/nosuch'],
          ['cat', '/run/secrets/pa/x'],
          ['sh', '-c', 'cat /run/secrets/pa > /dev/null; echo done'],
        ]) {
          await run(['exec', web, ...args]);
        }
        // a secret template that fails to render: the error names the action, not the value around it
        const bad = state.containers.find((x) => x.State.Running && x.Name.startsWith('/bad.'))?.Id.slice(0, 12) ?? 'bad';
        expect((await run(['exec', bad, 'cat', '/run/secrets/pa'])).stderr).toMatch(/failed to render secret pbad: .*<\.Nope>/);
        await run(['service', 'ps', '--no-trunc', 'bad']);
        await run(['swarm', 'leave']);

        const problems: string[] = [];
        for (const { args, r, mayShow } of seen) {
          if (mayShow) continue;
          const found = leaks(Buffer.concat([Buffer.from(r.stdout), Buffer.from(r.stderr)]), [a, b, c, d, e]);
          if (found.length) problems.push(`${args.join(' ')} → ${found.join(', ')}`);
        }
        // the key can be printed; it is never kept under the state directory, and no value is kept anywhere
        for (const file of [...filesUnder(join(s.dir, 'state')), ...filesUnder(env.XDG_RUNTIME_DIR)]) {
          const bytes = readFileSync(file);
          const found = leaks(bytes, [a, b, c, d, e]);
          if (found.length) problems.push(`${file.slice(s.dir.length)} holds ${found.join(', ')}`);
          if (file.startsWith(join(s.dir, 'state')) && bytes.includes(Buffer.from(unlockKey)))
            problems.push(`${file.slice(s.dir.length)} holds the unlock key`);
        }
        expect(problems, `RELIABILITY_SEED=${SEED}`).toEqual([]);
        rmSync(s.dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: runs(16), endOnFailure: true },
    );
    expect(cases).toBeGreaterThan(0);
  });
});
