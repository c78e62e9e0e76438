// Every rule of `tsecret stack lint` against its two fixtures (test/fixtures/lint/<rule>/): `bad`
// must give that rule's findings, and only those, at the lines and columns case.json names; `good`
// must give none at all. The README's rule catalogue shows the same two files, verbatim.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/compose/lint/lint.js';
import { repoRoot, session } from '../helpers/run.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'lint');

interface Case {
  target: 'swarm' | 'compose';
  /** LINE:COL of each finding of the rule in bad/compose.yml. */
  expect: string[];
  /** The folder the files are linted in (the stack-prefix rule reads it); default: bad or good. */
  folder?: string;
  /** Files too large to keep in git, made here: `fill` repeated to `size` bytes. */
  generate?: Record<string, { fill: string; size: number }>;
}

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
  docs: string;
}

const readCase = (rule: string): Case => JSON.parse(readFileSync(join(fixtures, rule, 'case.json'), 'utf8')) as Case;

/** Lints one side of a rule's fixtures; returns the findings (json output), the exit code and the text output. */
async function lint(rule: string, side: 'bad' | 'good'): Promise<{ findings: Finding[]; exit: number; text: string }> {
  const c = readCase(rule);
  const s = session();
  const dir = join(s.dir, c.folder ?? side);
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixtures, rule, side), dir, { recursive: true });
  for (const [path, { fill, size }] of Object.entries(c.generate ?? {})) {
    const [genSide, name] = path.split('/');
    if (genSide === side) writeFileSync(join(dir, name), fill.repeat(Math.ceil(size / fill.length)).slice(0, size));
  }
  // the variables a fixture interpolates stay unset, whatever the developer's shell has
  const args = ['stack', 'lint', '--target', c.target, '-c', join(c.folder ?? side, 'compose.yml')];
  const env = { STACK: undefined, DB_PASSWORD: undefined, HOME: s.dir };
  const r = await s.run([...args, '--format', 'json'], { env });
  // as the README shows it: run in the fixture's folder
  const text = (await s.run(args, { env })).stdout.replaceAll(`${c.folder ?? side}/compose.yml:`, 'compose.yml:');
  return { findings: JSON.parse(r.stdout) as Finding[], exit: r.exit, text };
}

const rules = readdirSync(fixtures).sort();

describe('stack lint rule fixtures', () => {
  it('has a fixture pair for every rule of the catalogue, and no other', () => {
    expect(rules).toEqual(CATALOGUE.map((r) => r.id).sort());
  });

  for (const info of CATALOGUE) {
    describe(info.id, () => {
      it(`finds it in bad/compose.yml at the expected lines, for --target ${readCase(info.id).target}`, async () => {
        const c = readCase(info.id);
        const { findings, exit } = await lint(info.id, 'bad');
        expect(findings.map((f) => `${f.rule} ${f.line}:${f.column}`)).toEqual(c.expect.map((at) => `${info.id} ${at}`));
        for (const f of findings) {
          expect(f).toMatchObject({ severity: info.severity, docs: info.docs });
          expect(f.message).not.toMatch(/\n/);
          expect(f.file.endsWith('compose.yml')).toBe(true);
        }
        expect(exit).toBe(info.severity === 'error' ? 1 : 0);
      });

      it('finds nothing in good/compose.yml', async () => {
        const { findings, exit } = await lint(info.id, 'good');
        expect(findings).toEqual([]);
        expect(exit).toBe(0);
      });
    });
  }
});

describe('README rule catalogue', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const info of CATALOGUE) {
    it(`shows ${info.id} with its docs link and both fixtures verbatim`, () => {
      const start = readme.indexOf(`#### \`${info.id}\``);
      expect(start, `README has no "#### \`${info.id}\`" heading`).toBeGreaterThan(0);
      const end = readme.slice(start + 1).search(/\n#{2,4} /);
      const section = readme.slice(start, end < 0 ? undefined : start + 1 + end);
      expect(section).toContain(info.docs);
      for (const side of ['bad', 'good'] as const) {
        const text = readFileSync(join(fixtures, info.id, side, 'compose.yml'), 'utf8');
        expect(section, `${info.id}: ${side}/compose.yml`).toContain(`\`\`\`yaml\n${text}\`\`\``);
      }
    });
    it(`shows what stack lint prints for the bad ${info.id} example`, async () => {
      const { text, exit } = await lint(info.id, 'bad');
      const start = readme.indexOf(`#### \`${info.id}\``);
      expect(readme.slice(start)).toContain(`(exit ${exit}):\n\n\`\`\`text\n${text}\`\`\``);
    });
  }
  it('has fixtures directories only for the rules', () => {
    for (const rule of rules) expect(existsSync(join(fixtures, rule, 'case.json'))).toBe(true);
  });
});
