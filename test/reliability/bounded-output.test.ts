// Bounded work (issue 10, items 8 to 10): a template's output is capped with a clear error (a
// runaway {{range}} used to run 50 s and die of heap exhaustion with a native stack; a templated
// secret made every exec in its container take 20 s and 3 GB); a compose file nested 2,000 levels
// deep (or a 2,000-link alias chain) gives a YAML error at once; flag parsing is linear (90,000 -l
// flags took a minute). Each command runs as a process killed at a deadline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, freshStore, INIT, RAW_TEXT } from './store-fixture.js';

const OUTPUT_LIMIT = 'template: output larger than 4 MiB, more than tsecret writes\n';

describe('template output is capped', () => {
  it('secret inspect and secret ls with a runaway template: one line, at once, nothing half-printed', async () => {
    const store = freshStore();
    await store.ok(INIT);
    await store.ok(['secret', 'create', 'a', '-'], 'v');
    for (const format of [
      '{{range 1000000000}}x{{end}}',
      '{{range 1000000}}{{printf "%0999999d" 1}}{{end}}',
      '{{range $i := 1000000000}}{{$i}}{{end}}',
    ]) {
      const inspect = await store.run(['secret', 'inspect', '--format', format, 'a']);
      expect(inspect, format).toMatchObject({ exit: 1, stdout: '\n', stderr: OUTPUT_LIMIT, timedOut: false });
      const ls = await store.run(['secret', 'ls', '--format', format]);
      expectOneLineError(ls, `secret ls --format ${format}`);
      expect(ls.stderr).toBe(OUTPUT_LIMIT);
    }
    // ordinary output is untouched
    expect(await store.run(['secret', 'inspect', '--format', '{{range 3}}x{{end}}', 'a'])).toMatchObject({
      exit: 0,
      stdout: 'xxx\n',
      stderr: '',
    });
  });

  it('a templated secret that renders without end fails each exec at once, in one line', async () => {
    const store = freshStore();
    await store.ok(INIT);
    await store.ok(['secret', 'create', '--template-driver', 'golang', 'tpl', '-'], '{{range 1000000000}}x{{end}}');
    await store.ok(['service', 'create', '-d', '--no-resolve-image', '--name', 'web', '--secret', 'tpl', 'busybox']);
    const container = (await store.ok(['ps', '-q', '-f', 'name=web'])).stdout.trim();
    for (const cmd of [
      ['cat', '/run/secrets/tpl'],
      ['echo', 'hi'],
    ]) {
      const r = await store.run(['exec', container, ...cmd]);
      expectOneLineError(r, `exec ${cmd.join(' ')}`);
      expect(r.stderr).toBe(`Error response from daemon: failed to render secret tpl: ${OUTPUT_LIMIT}`);
    }
  });
});

describe('YAML depth', () => {
  const head = 'version: "3.8"\nservices:\n  a:\n    image: busybox\n';
  const deep: [string, string][] = [
    ['2,000 flow sequences', `${head}x-deep: ${'['.repeat(2000)}${']'.repeat(2000)}\n`],
    ['2,000 flow mappings', `${head}    labels: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`],
    [
      '2,000 block mappings',
      `${head}x-deep:\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('')}${'  '.repeat(2001)}v\n`,
    ],
  ];
  for (const [what, text] of deep) {
    it(`a compose file of ${what} gives a YAML error at once, for stack config and stack deploy`, async () => {
      const store = freshStore();
      await store.ok(INIT);
      writeFileSync(join(store.dir, 'deep.yml'), text);
      for (const args of [
        ['stack', 'config', '-c', 'deep.yml'],
        ['stack', 'deploy', '-c', 'deep.yml', 'st'],
      ]) {
        const r = await store.run(args);
        expectOneLineError(r, `${what}: ${args.join(' ')}`);
        expect(r.stderr).toMatch(/^yaml: line \d+: exceeded max depth of 500\n$/);
      }
    });
  }

  it('a chain of 2,000 aliases, each nesting the one before, stops at once', async () => {
    const store = freshStore();
    writeFileSync(
      join(store.dir, 'chain.yml'),
      `version: "3.8"\nservices:\n  a:\n    image: busybox\nx-a0: &a0 [1]\n${Array.from({ length: 2000 }, (_, i) => `x-a${i + 1}: &a${i + 1} [*a${i}]\n`).join('')}`,
    );
    const r = await store.run(['stack', 'config', '-c', 'chain.yml']);
    expectOneLineError(r, 'alias chain');
    expect(r.stderr).toBe('yaml: document contains excessive aliasing\n');
  });

  it('nesting below the limit still works', async () => {
    const store = freshStore();
    writeFileSync(
      join(store.dir, 'ok.yml'),
      `version: "3.8"\nservices:\n  a:\n    image: busybox\nx-deep: ${'['.repeat(400)}${']'.repeat(400)}\n`,
    );
    const r = await store.run(['stack', 'config', '-c', 'ok.yml']);
    expect(r).toMatchObject({ exit: 0, stderr: '', timedOut: false });
    expect(r.stdout).toContain('image: busybox');
  });
});

describe('flag parsing is linear', () => {
  it('90,000 -l flags are parsed in time, every value kept', async () => {
    const store = freshStore();
    await store.ok(INIT);
    const labels = Array.from({ length: 90_000 }, (_, i) => `-l${i.toString(36)}`);
    const r = await store.run(['secret', 'create', ...labels, 'many', '-'], { stdin: 'v' });
    expect(r).toMatchObject({ exit: 0, stderr: '', timedOut: false });
    expect(r.stderr).not.toMatch(RAW_TEXT);
    const count = await store.run(['secret', 'inspect', '--format', '{{len .Spec.Labels}}', 'many']);
    expect(count).toMatchObject({ exit: 0, stdout: '90000\n' });
  });
});
