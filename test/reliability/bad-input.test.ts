// Whatever tsecret is fed, property-based with fast-check (fixed seed, printed with any
// counterexample): random bytes and mutated valid documents as state, key and compose files, random
// command lines, hostile secret names and targets, secret files through symlinks. Every case answers
// with docker's exit code and a message meant for a user (never a stack trace or a JavaScript
// error), and writes nothing when it fails. In-process where that runs the same code; spawned where
// the process matters, and where a case is bounded in time: a child process killed at a deadline
// (in-process, no timer fires while a synchronous command blocks).
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, Session } from '../helpers/run.js';
import { runWithin, sanity } from './checks.js';
import { FIXTURE_VALUES, fixture, fixtureCopy, removeCopies, snapshot } from './fixture.js';
import { invariantProblems } from './invariants.js';
import { runs, SEED } from './seeded.js';

const CASE_MS = 10_000;

// removing a case's hundreds of copies is slow on a loaded machine: the cleanup is not what is measured
afterEach(removeCopies, 120_000);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs(numRuns), endOnFailure: true });

/** The commands run against a damaged state: readers of every kind, then writers. */
function commandsFor(container: string): string[][] {
  return [
    ['secret', 'ls'],
    ['secret', 'inspect', 's1', 's3'],
    ['service', 'ls'],
    ['service', 'ps', '--no-trunc', 'web'],
    ['service', 'inspect', '--pretty', 'db'],
    ['ps', '-a'],
    ['inspect', container],
    ['exec', container, 'cat', '/run/secrets/s1', '/run/secrets/two'],
    ['stack', 'ls'],
    ['stack', 'services', 'st'],
    ['swarm', 'join-token', 'worker'],
    ['secret', 'create', 'fresh', '-'],
    ['service', 'update', '-d', '--secret-add', 's2', '--secret-rm', 's1', 'web'],
    ['service', 'scale', '-d', 'db=1'],
    ['service', 'rollback', '-d', 'web'],
    ['stop', container],
    ['secret', 'rm', 's2'],
    ['service', 'rm', 'st_app'],
    ['swarm', 'leave', '--force'],
  ];
}

const isInvalidState = (r: Result, path: string) => r.stderr.startsWith(`invalid state file ${path}: `);

/** Runs the commands on s; the file under test must be reported or dealt with, never half-read. */
async function damagedRun(s: Session, file: string, commands: string[][]): Promise<string[]> {
  const problems: string[] = [];
  for (const args of commands) {
    const before = readFileSync(file);
    const r = await s.run(args, { stdin: 'fresh-value' });
    const label = `${args.join(' ')} → ${r.exit} ${JSON.stringify(r.stderr.slice(0, 300))}`;
    for (const p of sanity(r, args[0] === 'exec' ? [0, 1, 126, 127] : [0, 1])) problems.push(`${label}: ${p}`);
    if (r.stderr.includes(`invalid state file ${s.statePath}`) || r.stderr.includes(`invalid key file ${s.statePath}.key`)) {
      // one line (repeated once per argument by the multi-argument commands, as docker does)
      const lines = new Set(r.stderr.trimEnd().split('\n'));
      if (r.exit !== 1 || lines.size !== 1 || !['', '[]\n'].includes(r.stdout)) problems.push(`${label}: not a one-line report`);
    }
    if (r.exit !== 0 && existsSync(file) && !readFileSync(file).equals(before)) problems.push(`${label}: failed and changed the file`);
  }
  return problems;
}

/** Every node of a JSON document, as a path of keys. */
function paths(doc: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(doc)) {
    doc.forEach((x, i) => {
      paths(x, [...at, i], out);
    });
  } else if (doc && typeof doc === 'object') for (const [k, x] of Object.entries(doc)) paths(x, [...at, k], out);
  return out;
}

type Mutation =
  | { op: 'delete' | 'duplicate' | 'empty'; node: number }
  | { op: 'replace'; node: number; value: unknown }
  | { op: 'text'; at: number; cut: number; insert: string };

const oddValues = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    1e300,
    2 ** 53,
    '',
    'x',
    '2026-13-45T99:99:99Z',
    true,
    false,
    [],
    {},
    [null],
    { '': null },
    '../../etc/passwd',
    'a\u0000b',
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'empty' as const), node: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), node: fc.nat(), value: oddValues }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('text' as const),
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.string({ maxLength: 6, unit: 'binary' }),
    }),
  },
);

/** Applies mutations to a JSON text: on the tree (a node deleted, doubled, emptied or replaced) or the raw text. */
function mutate(text: string, muts: Mutation[]): string {
  let doc = JSON.parse(text) as unknown;
  let raw: string | undefined;
  for (const m of muts) {
    if (m.op === 'text') {
      const t = raw ?? JSON.stringify(doc);
      const at = m.at % (t.length + 1);
      raw = t.slice(0, at) + m.insert + t.slice(at + m.cut);
      continue;
    }
    if (raw !== undefined) continue;
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[m.node % all.length];
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], doc) as Record<string | number, unknown>;
    const key = path[path.length - 1];
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'duplicate') {
      // in a list: the element twice; in an object: the value also under the next field's name
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else {
        const keys = Object.keys(parent);
        parent[keys[(keys.indexOf(String(key)) + 1) % keys.length]] = structuredClone(parent[key]);
      }
    } else if (m.op === 'empty') {
      const v = parent[key];
      parent[key] = Array.isArray(v) ? [] : typeof v === 'object' && v ? {} : typeof v === 'string' ? '' : 0;
    } else if (m.op === 'replace') {
      parent[key] = structuredClone(m.value);
    }
    doc = JSON.parse(JSON.stringify(doc));
  }
  return raw ?? `${JSON.stringify(doc)}\n`;
}

describe('bad input: state files', () => {
  it('random bytes and random JSON: one line naming the file, exit 1, the file left byte for byte', async () => {
    const f = await fixture();
    const commands = commandsFor(f.webContainer);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
        ),
        async (bytes) => {
          const s = await fixtureCopy();
          writeFileSync(s.statePath, bytes);
          for (const args of commands) {
            const r = await s.run(args, { stdin: 'x' });
            expect(r.exit, args.join(' ')).toBe(1);
            // `inspect` prints its empty list, as docker's does on any failure
            expect(['', '[]\n']).toContain(r.stdout);
            // one line (repeated once per argument by the multi-argument commands, as docker does)
            // (and prefixed with the service by `service scale`, as docker prefixes its errors)
            const lines = [...new Set(r.stderr.trimEnd().split('\n'))];
            expect(lines, args.join(' ')).toHaveLength(1);
            expect(lines[0].replace(/^db: /, '').startsWith(`invalid state file ${s.statePath}: `), lines[0]).toBe(true);
            expect(readFileSync(s.statePath).equals(Buffer.from(bytes)), args.join(' ')).toBe(true);
          }
        },
      ),
      params(25),
    );
  });

  it('mutated valid states: reported as invalid, or served without an internal error; a failure writes nothing', async () => {
    const f = await fixture();
    const commands = commandsFor(f.webContainer);
    let reported = 0;
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        const s = await fixtureCopy();
        const text = mutate(f.stateText, muts);
        writeFileSync(s.statePath, text);
        const first = await s.run(['secret', 'ls']);
        if (isInvalidState(first, s.statePath)) reported++;
        else served++;
        expect(await damagedRun(s, s.statePath, commands)).toEqual([]);
      }),
      params(150),
    );
    // both kinds of outcome were exercised
    expect(reported).toBeGreaterThan(5);
    expect(served).toBeGreaterThan(5);
  });

  it('fields of the wrong type deep inside are reported by name (they used to surface as TypeErrors)', async () => {
    const f = await fixture();
    const cases: [(doc: any) => void, string][] = [
      [(doc) => (doc.services[0].Spec = null), 'field "services[0].Spec" is not an object'],
      [
        (doc) => (doc.services[0].Spec.TaskTemplate.ContainerSpec.Secrets = 5),
        'field "services[0].Spec.TaskTemplate.ContainerSpec.Secrets" is not a list',
      ],
      [(doc) => (doc.tasks[0] = null), 'field "tasks[0]" is not an object'],
      [(doc) => (doc.containers[0].State = null), 'field "containers[0].State" is not an object'],
      [(doc) => (doc.tasks[0].Status.Timestamp = { x: 1 }), 'field "tasks[0].Status.Timestamp" is not a string'],
      [
        (doc) => (doc.services[1].Spec.Mode = { Replicated: { Replicas: 1e9 } }),
        'field "services[1].Spec.Mode.Replicated.Replicas" is not a whole number from 0 to 10000',
      ],
      [(doc) => delete doc.secrets[0].Spec.Name, 'field "secrets[0].Spec.Name" is missing'],
    ];
    for (const [damage, reason] of cases) {
      const s = await fixtureCopy();
      const doc = JSON.parse(f.stateText);
      damage(doc);
      const text = JSON.stringify(doc);
      writeFileSync(s.statePath, text);
      for (const args of [
        ['service', 'ls'],
        ['ps', '-a'],
        ['secret', 'rm', 's1'],
      ]) {
        const r = await s.run(args);
        expect(r, reason).toEqual({
          exit: 1,
          stdout: '',
          stderr: `invalid state file ${s.statePath}: ${reason} (tsecret left it untouched; move it aside to start afresh)\n`,
        });
      }
      expect(readFileSync(s.statePath, 'utf8')).toBe(text);
    }
  });

  it('a damaged key file is reported in one line and left as it was', async () => {
    const f = await fixture();
    const commands = commandsFor(f.webContainer).filter((c) => ['exec', 'secret'].includes(c[0]) || c[1] === 'update');
    const keyText = readFileSync(`${f.template.statePath}.key`, 'utf8');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.array(mutation, { minLength: 1, maxLength: 2 }).map((m) => mutate(keyText, m)),
        ),
        async (text) => {
          const s = await fixtureCopy();
          const keyPath = `${s.statePath}.key`;
          writeFileSync(keyPath, text, 'latin1');
          expect(await damagedRun(s, keyPath, commands)).toEqual([]);
        },
      ),
      params(30),
    );
  });

  it('a damaged or missing payload file fails only the commands that open it, in one line', async () => {
    const s = await fixtureCopy();
    const state = JSON.parse(readFileSync(s.statePath, 'utf8')) as { secrets: { ID: string; Spec: { Name: string } }[] };
    const s1 = state.secrets.find((x) => x.Spec.Name === 's1')?.ID ?? '';
    const payload = join(`${s.statePath}.payloads`, s1);
    const f = await fixture();
    const torn = readFileSync(payload).subarray(0, 40);
    const cases: [Buffer | undefined, string][] = [
      [Buffer.alloc(0), 'is damaged'],
      [Buffer.from('TSP1'), 'is damaged'],
      [Buffer.alloc(64, 1), 'is damaged'],
      [torn, 'does not match the swarm key'],
      [undefined, 'is missing'],
    ];
    for (const [damage, says] of cases) {
      if (damage) writeFileSync(payload, damage);
      else rmSync(payload);
      const cat = await s.run(['exec', f.webContainer, 'cat', '/run/secrets/s1']);
      expect(sanity(cat)).toEqual([]);
      expect(cat).toEqual({ exit: 1, stdout: '', stderr: `secret payload for ${s1} ${says}\n` });
      expect((await s.run(['secret', 'ls'])).exit).toBe(0);
      expect((await s.run(['secret', 'create', `other${damage?.length ?? 'gone'}`, '-'], { stdin: 'v' })).exit).toBe(0);
    }
  });
});

const FIXTURE_S1 = FIXTURE_VALUES.s1;

const COMPOSE = `version: "3.8"
x-common: &common
  image: busybox:\${TAG:-1.36}
  environment:
    - MODE=\${MODE:-prod}
    - LITERAL=$$HOME
services:
  web:
    <<: *common
    command: ["top", "-b"]
    ports:
      - "8081:80"
      - target: 443
        published: 8443
        protocol: tcp
        mode: host
    secrets:
      - source: cert
        target: /etc/cert.pem
        mode: 0400
      - s1
    networks: [front, back]
    deploy:
      replicas: 2
      labels: [tier=web]
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3}
      update_config: {parallelism: 1, delay: 10s, order: start-first}
      resources: {limits: {cpus: "0.5", memory: 64M}}
      placement: {constraints: [node.role == manager]}
    healthcheck: {test: ["CMD", "true"], interval: 30s}
    volumes: [data:/data, "./conf:/conf:ro"]
    env_file: [app.env]
  worker:
    <<: *common
    deploy: {mode: global}
    secrets: [s1]
    networks:
      back:
        aliases: [w]
networks:
  front: {driver: overlay, attachable: true}
  back: {driver: overlay, ipam: {config: [{subnet: 10.9.0.0/24}]}}
volumes:
  data: {}
secrets:
  cert:
    file: ./cert.pem
  s1:
    external: true
`;

/** A compose text, damaged: its tree (as JSON, which YAML reads too) or its raw text. */
const composeCase = fc.oneof(
  { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m) => mutate(JSON.stringify(yamlDoc()), m)) },
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.record({
          at: fc.nat(),
          cut: fc.nat({ max: 12 }),
          insert: fc.oneof(
            fc.constantFrom(
              ':',
              '- ',
              ' ',
              '\t',
              '\n',
              '{',
              '}',
              '[',
              ']',
              '&a ',
              '*a',
              '!!binary ',
              '!!int ',
              '!!map ',
              '<<: *common\n',
              '%YAML 1.1\n',
              '@',
              '`',
              '"',
              "'",
              '#',
              '|\n',
              '>\n',
              '${',
              '$$',
              '${A:?boom}',
              '${A?}',
              '\u0000',
              '\ufeff',
              '---\n',
              '...\n',
              '? ',
              '0x1F',
              '1e400',
              '-1',
              '99999999999999999999',
              '~',
            ),
            fc.string({ maxLength: 5 }),
          ),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((edits) =>
        edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          return t.slice(0, at) + e.insert + t.slice(at + e.cut);
        }, COMPOSE),
      ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')) },
  { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => `version: "3.8"\nservices: ${'['.repeat(n)}${']'.repeat(n)}\n`) },
  {
    weight: 1,
    arbitrary: fc
      .nat({ max: 60 })
      .map(
        (n) =>
          `version: "3.8"\nx-a: &a0 [x, x]\n${Array.from({ length: n }, (_, i) => `x-a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join('\n')}\nservices: {}\n`,
      ),
  },
);

let parsedCompose: unknown;
function yamlDoc(): unknown {
  return structuredClone(parsedCompose);
}

describe('bad input: compose files', () => {
  it("stack config and stack deploy: docker's error or a result, never an internal error; a refused deploy writes nothing", async () => {
    const { parse } = await import('yaml');
    parsedCompose = parse(COMPOSE, { merge: true });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(composeCase, fc.boolean(), async (text, viaStdin) => {
        const s = await fixtureCopy();
        writeFileSync(join(s.dir, 'cert.pem'), 'cert-value-5a1c');
        writeFileSync(join(s.dir, 'app.env'), 'FROM_FILE=1\n');
        writeFileSync(join(s.dir, 'c.yml'), text, 'latin1');
        const file = viaStdin ? '-' : 'c.yml';
        const stdin = viaStdin ? Buffer.from(text, 'latin1') : undefined;
        const before = snapshot(join(s.dir, 'state'));
        const config = await s.run(['stack', 'config', '-c', file], { stdin });
        expect(sanity(config, [0, 1]), config.stderr).toEqual([]);
        if (config.exit !== 0) expect(config.stdout).toBe('');
        else accepted++;
        const deploy = await s.run(['stack', 'deploy', '-d', '-c', file, 'fz'], { stdin });
        expect(sanity(deploy, [0, 1]), deploy.stderr).toEqual([]);
        // nothing reported made, nothing written
        if (deploy.exit !== 0 && deploy.stdout === '') expect(snapshot(join(s.dir, 'state'))).toEqual(before);
        if (config.exit !== 0) expect(deploy.exit, `config refused it: ${config.stderr}`).toBe(1);
        expect(invariantProblems(s.statePath)).toEqual([]);
      }),
      params(160),
    );
    expect(accepted).toBeGreaterThan(3);
  });
});

describe('bad input: compose alias bombs', () => {
  it("a billion laughs stops at once with yaml.v3's error; ordinary anchors still work", async () => {
    const laughs = (levels: number, fanout: number) =>
      `version: "3.8"\nx-a0: &a0 [${Array(fanout).fill('"lol"').join(', ')}]\n${Array.from({ length: levels }, (_, i) => `x-a${i + 1}: &a${i + 1} [${Array(fanout).fill(`*a${i}`).join(', ')}]`).join('\n')}\nservices: {}\n`;
    const s = await fixtureCopy();
    for (const [levels, fanout] of [
      [9, 9],
      [30, 2],
      [6, 10],
    ]) {
      writeFileSync(join(s.dir, 'bomb.yml'), laughs(levels, fanout));
      const r = await runWithin(CASE_MS, ['stack', 'config', '-c', 'bomb.yml'], {
        env: { TSECRET_STATE: s.statePath, XDG_RUNTIME_DIR: s.dir },
        cwd: s.dir,
      });
      expect(r).toEqual({ exit: 1, stdout: '', stderr: 'yaml: document contains excessive aliasing\n', timedOut: false });
    }
    writeFileSync(join(s.dir, 'small.yml'), laughs(1, 3));
    expect((await s.run(['stack', 'config', '-c', 'small.yml'])).exit).toBe(0);
  });
});

describe('bad input: random command lines', () => {
  const words = fc.constantFrom(
    'secret',
    'service',
    'stack',
    'swarm',
    'container',
    'ps',
    'inspect',
    'stop',
    'rm',
    'help',
    'nosuch',
    'create',
    'ls',
    'list',
    'inspect',
    'rm',
    'remove',
    'update',
    'ps',
    'logs',
    'rollback',
    'scale',
    'deploy',
    'config',
    'services',
    'init',
    'join-token',
    'leave',
    'unlock',
    'unlock-key',
    'ca',
    'join',
    'up',
    'down',
    'worker',
    'manager',
  );
  const flags = fc.constantFrom(
    '-q',
    '--quiet',
    '-f',
    '--filter',
    '--format',
    '--pretty',
    '--help',
    '-h',
    '-d',
    '--detach',
    '--name',
    '--secret',
    '--secret-add',
    '--secret-rm',
    '--replicas',
    '--mode',
    '-e',
    '--env',
    '--env-add',
    '--env-file',
    '-l',
    '--label',
    '--label-add',
    '--force',
    '--rotate',
    '--autolock',
    '--autolock=true',
    '--autolock=false',
    '-c',
    '--compose-file',
    '--prune',
    '--no-trunc',
    '-a',
    '--all',
    '--state',
    '-D',
    '--debug',
    '-v',
    '--version',
    '--image',
    '--rollback',
    '--task-history-limit',
    '--advertise-addr',
    '--listen-addr',
    '--cert-expiry',
    '--',
    '-',
    '-x',
    '--bogus',
    '--format=',
    '--replicas=3',
    '-qa',
    '--no-resolve-image',
    '-p',
    '--publish',
    '--template-driver',
    '--driver',
    '--resolve-image',
    '--tail',
    '--timestamps',
    '-t',
    '--follow',
    '--filter=name=s',
    '--secret=s1',
    '--mode=global',
    '--limit-cpu',
  );
  const values = fc.constantFrom(
    'web',
    'db',
    's1',
    's2',
    's3',
    'st',
    'st_app',
    'busybox',
    'nginx:alpine',
    '{{.Name}}',
    '{{json .}}',
    '{{.Spec.Data}}',
    '{{',
    '{{.Nope}}',
    '{{index . 5}}',
    '{{range .}}{{end}}',
    '{{template "x"}}',
    '{{.ID | printf "%d"}}',
    'json',
    'table {{.ID}}',
    'name=s',
    'label=a=b',
    'id=',
    'x=',
    'bogus=1',
    'source=s1,target=../../etc/passwd',
    'source=s1,target=',
    'source=,target=x',
    'source=s1,mode=99999999999',
    'source=s1,uid=-1',
    's1,s2',
    '0',
    '-1',
    '1',
    '3',
    '99999999999999999999',
    '1e3',
    '1h',
    'abc',
    '',
    ' ',
    '..',
    '../x',
    '/',
    '/dev/null',
    'stack.yml',
    'key.pem',
    'nosuch.yml',
    'web=0',
    'web=x',
    'db=2',
    '=3',
    'é😀',
    'x'.repeat(300),
    'A=1',
    'a.b.c',
    '127.0.0.1',
    '0.0.0.0:99999',
    'golang',
    'never',
    'always',
  );
  const argv = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: words },
      { weight: 3, arbitrary: flags },
      { weight: 3, arbitrary: values },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    {
      minLength: 1,
      maxLength: 7,
    },
  );
  /** A command's path and its usual operands, with some of its own flags (and their values) mixed in. */
  const templates: [string[], string[], string[]][] = [
    [['secret', 'ls'], [], ['-q', '--format', '-f', '--filter']],
    [
      ['secret', 'create'],
      ['S', '-'],
      ['-l', '--label', '-d', '--driver', '--template-driver'],
    ],
    [['secret', 'inspect'], ['S'], ['-f', '--format', '--pretty']],
    [['secret', 'rm'], ['S'], []],
    [
      ['service', 'create'],
      ['IMG'],
      [
        '-d',
        '-q',
        '--name',
        '--secret',
        '--replicas',
        '--mode',
        '-e',
        '--env-file',
        '-l',
        '-p',
        '-u',
        '-w',
        '--hostname',
        '--no-resolve-image',
        '--restart-condition',
        '--limit-cpu',
        '--mount',
        '--network',
        '--constraint',
      ],
    ],
    [
      ['service', 'update'],
      ['SVC'],
      [
        '-d',
        '-q',
        '--secret-add',
        '--secret-rm',
        '--env-add',
        '--env-rm',
        '--image',
        '--replicas',
        '--force',
        '--label-add',
        '--label-rm',
        '--rollback',
        '--args',
      ],
    ],
    [['service', 'ls'], [], ['-q', '--format', '-f']],
    [['service', 'ps'], ['SVC'], ['-q', '--format', '-f', '--no-trunc', '--no-resolve']],
    [['service', 'inspect'], ['SVC'], ['-f', '--format', '--pretty']],
    [['service', 'logs'], ['SVC'], ['--tail', '-t', '--raw', '--no-task-ids']],
    [['service', 'scale'], ['SCALE'], ['-d']],
    [['service', 'rollback'], ['SVC'], ['-d', '-q']],
    [['service', 'rm'], ['SVC'], []],
    [
      ['stack', 'deploy'],
      ['-c', 'FILE', 'STACK'],
      ['--prune', '--resolve-image', '-d', '-q', '--with-registry-auth'],
    ],
    [['stack', 'config'], ['-c', 'FILE'], ['--skip-interpolation']],
    [['stack', 'ls'], [], ['--format']],
    [['stack', 'ps'], ['STACK'], ['-q', '--format', '-f', '--no-trunc']],
    [['stack', 'services'], ['STACK'], ['-q', '--format', '-f']],
    [['stack', 'rm'], ['STACK'], ['-d']],
    [
      ['swarm', 'init'],
      [],
      ['--advertise-addr', '--listen-addr', '--autolock', '--task-history-limit', '--cert-expiry', '--force-new-cluster', '--availability'],
    ],
    [['swarm', 'join-token'], ['ROLE'], ['-q', '--rotate']],
    [['swarm', 'update'], [], ['--autolock=false', '--task-history-limit', '--cert-expiry']],
    [['swarm', 'ca'], [], ['--rotate', '-q', '-d']],
    [['swarm', 'unlock-key'], [], ['-q']],
    [['ps'], [], ['-a', '-q', '--no-trunc', '-f', '--format', '-n', '-l', '-s']],
    [['inspect'], ['C'], ['-f', '--format', '-s', '--type']],
    [['container', 'ls'], [], ['-a', '-q', '-f', '--format']],
    [['stop'], ['C'], ['-t', '-s']],
    [['rm'], ['C'], ['-f', '-v']],
  ];
  const operand: Record<string, string[]> = {
    S: ['s1', 's2', 's3', 'st_key', 'nosuch', 'new1'],
    IMG: ['busybox', 'nginx:alpine', 'busybox:1.36', 'Bad:Image', 'busybox@sha256:00'],
    SVC: ['web', 'db', 'st_app', 'nosuch'],
    SCALE: ['web=0', 'db=3', 'web=x', 'st_app=2', 'nosuch=1', 'web'],
    FILE: ['stack.yml', 'nosuch.yml', 'key.pem', '-'],
    STACK: ['st', 'st2', 'Bad Name'],
    ROLE: ['worker', 'manager', 'boss'],
    C: ['web', 'db', 'nosuch', '0', 'a', 'c'],
  };
  const structured = fc
    .tuple(
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.oneof(values, fc.string({ maxLength: 8 }))), { maxLength: 4 }),
      fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    )
    .map(([t, flagPicks, opPicks]) => {
      const [path, ops, own] = templates[t % templates.length];
      const args = ops.map((o, i) => (operand[o] ? operand[o][opPicks[i % 4] % operand[o].length] : o));
      for (const [f, at, v] of flagPicks) {
        if (!own.length) break;
        const flag = own[f % own.length];
        const pos = at % (args.length + 1);
        args.splice(pos, 0, ...(flag.includes('=') || (/^-[a-z]$/.test(flag) && f % 3 === 0) ? [flag] : [flag, v]));
      }
      return [...path, ...args];
    });
  /** Mostly well-formed command lines with odd flags and values; some wholly random. */
  const commandLine = fc.oneof({ weight: 3, arbitrary: structured }, { weight: 1, arbitrary: argv });

  it("in-process: never an internal error, docker's exit codes, and a failure writes nothing", async () => {
    const exits = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(commandLine, async (args) => {
        const s = await fixtureCopy();
        const before = snapshot(join(s.dir, 'state'));
        const r = await s.run(args);
        exits.set(r.exit, (exits.get(r.exit) ?? 0) + 1);
        expect(sanity(r), `${JSON.stringify(args)} → ${r.exit}\n${r.stderr}`).toEqual([]);
        // a refusal writes nothing; docker's multi-argument commands (rm, stop, scale…) act on the
        // arguments they can and print those, then fail for the rest
        if (r.exit !== 0 && r.stdout === '' && !args.includes('--state'))
          expect(snapshot(join(s.dir, 'state')), `${JSON.stringify(args)} → ${r.stderr}`).toEqual(before);
        expect(invariantProblems(s.statePath)).toEqual([]);
      }),
      params(450),
    );
    if (process.env.RELIABILITY_VERBOSE) console.log(exits);
    // commands that work, refusals and flag errors were all reached
    for (const code of [0, 1, 125]) expect(exits.get(code) ?? 0, `exit ${code}`).toBeGreaterThan(10);
  });

  it('replica counts the simulation cannot hold are refused in one line, at once', async () => {
    for (const args of [
      ['service', 'create', '-d', '--no-resolve-image', '--replicas', '18446744073709551615', 'busybox'],
      ['service', 'create', '-d', '--no-resolve-image', '--replicas', '100000', 'busybox'],
      ['service', 'update', '-d', '--replicas', '10001', 'web'],
      ['service', 'scale', '-d', 'web=99999999999'],
    ]) {
      const s = await fixtureCopy();
      const before = snapshot(join(s.dir, 'state'));
      const r = await runWithin(CASE_MS, args, { env: { TSECRET_STATE: s.statePath, XDG_RUNTIME_DIR: s.dir }, cwd: s.dir });
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.exit, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^(web: )?tsecret does not simulate more than 10000 replicas of a service\n$/);
      expect(snapshot(join(s.dir, 'state'))).toEqual(before);
    }
  });

  it('as processes: the same, with the exit status the shell sees', async () => {
    const cases = fc.sample(commandLine, { seed: SEED, numRuns: runs(16) });
    const results = await Promise.all(
      cases.map(async (args) => {
        const s = await fixtureCopy();
        const r = await runWithin(30_000, args, { env: { TSECRET_STATE: s.statePath, XDG_RUNTIME_DIR: s.dir }, cwd: s.dir });
        expect(r.timedOut, JSON.stringify(args)).toBe(false);
        return { args, r };
      }),
    );
    for (const { args, r } of results) expect(sanity(r), `${JSON.stringify(args)} → ${r.exit}\n${r.stderr}`).toEqual([]);
  });
});

describe('bad input: hostile secret names and targets', () => {
  const hostileNames = [
    '../x',
    '../../etc/passwd',
    'a/b',
    '/abs',
    '..',
    '.',
    'a\u0000b',
    'x'.repeat(65),
    'x'.repeat(100_000),
    'sécret',
    '😀',
    'a b',
    'a\nb',
    '-',
    '-x',
    '--help',
    'CON',
    'nul',
    'a\u202eb',
    '\ufeffa',
    'a..b.',
    '.hidden',
    'trailing-',
  ];

  it("names: docker's refusal (exit 1, one line), nothing written anywhere", async () => {
    for (const name of hostileNames) {
      const s = await fixtureCopy();
      const before = snapshot(s.dir);
      const r = await s.run(['secret', 'create', '--', name, '-'], { stdin: 'hostile-value' });
      const label = JSON.stringify(name.slice(0, 40));
      expect(sanity(r, [0, 1, 125]), label).toEqual([]);
      if (r.exit === 0) {
        // the names docker takes are stored as names, never as paths
        expect(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(name), label).toBe(true);
        continue;
      }
      expect(r.stderr.trimEnd().split('\n').length === 1 || r.exit === 125, label).toBe(true);
      expect(snapshot(s.dir), label).toEqual(before);
      const asFlag = (flag: string) => `${flag}=${name}`;
      for (const args of [
        ['secret', 'inspect', '--', name],
        ['secret', 'rm', '--', name],
        ['service', 'create', '-d', '--no-resolve-image', asFlag('--secret'), 'busybox'],
        ['service', 'update', '-d', asFlag('--secret-add'), 'web'],
        ['service', 'inspect', '--', name],
        ['exec', '--', name, 'true'],
      ]) {
        const r2 = await s.run(args);
        expect(sanity(r2), `${args[0]} ${args[1]} ${label}`).toEqual([]);
        expect(r2.exit, `${args[0]} ${args[1]} ${label}`).not.toBe(0);
        expect(snapshot(s.dir), `${args[0]} ${args[1]} ${label}`).toEqual(before);
      }
    }
  });

  it('targets: mounted inside the simulated container only, never on the host', async () => {
    const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd') : undefined;
    const targets = [
      '../../etc/passwd',
      '../../../../../../../../tmp/escape',
      '/etc/shadow',
      'a/../../b',
      './x',
      'x/',
      '//double',
      'é😀',
      'x'.repeat(4096),
      'a\u0000b',
      ' ',
      '.',
      '..',
      '/',
    ];
    for (const target of targets) {
      const s = await fixtureCopy();
      const hostBefore = snapshot(s.dir);
      const label = JSON.stringify(target.slice(0, 40));
      const r = await s.run([
        'service',
        'create',
        '-d',
        '--no-resolve-image',
        '--name',
        'h',
        '--secret',
        `source=s1,target=${target}`,
        'busybox',
      ]);
      expect(sanity(r), label).toEqual([]);
      // swarmkit takes any non-empty target; the container's runtime joins it to /run/secrets
      if (target === '../../etc/passwd') expect(r.exit).toBe(0);
      if (r.exit !== 0) {
        expect(snapshot(s.dir), label).toEqual(hostBefore);
        continue;
      }
      const ps = await s.run(['ps', '-q', '-f', 'name=h.1']);
      // as uid 0: a secret mounted over /etc/passwd leaves no user "root" to look up, as in docker
      const cat = await s.run([
        'exec',
        '-u',
        '0',
        ps.stdout.trim(),
        'sh',
        '-c',
        `cat '${target.replace(/'/g, '')}' /etc/passwd; ls /run/secrets`,
      ]);
      expect(sanity(cat, [0, 1, 2]), label).toEqual([]);
      if (target === '../../etc/passwd') expect(cat.stdout, label).toContain(`${FIXTURE_S1}${FIXTURE_S1}`);
      // nothing outside the state directory moved
      const after = snapshot(s.dir);
      for (const [k, v] of hostBefore) if (!k.startsWith('state/')) expect(after.get(k), `${label} ${k}`).toBe(v);
      expect(
        [...after.keys()].filter((k) => !k.startsWith('state/') && !hostBefore.has(k)),
        label,
      ).toEqual([]);
    }
    expect(existsSync('/tmp/escape')).toBe(false);
    if (passwd) expect(readFileSync('/etc/passwd').equals(passwd)).toBe(true);
  });
});

describe('bad input: secret files through symlinks', () => {
  it('secret create and stack deploy read through links as docker does, refuse what docker refuses, and never hang', async () => {
    const s = await fixtureCopy();
    const d = s.dir;
    writeFileSync(join(d, 'real.txt'), 'through-a-link-41c2');
    symlinkSync(join(d, 'real.txt'), join(d, 'to-file'));
    symlinkSync('to-file', join(d, 'to-link'));
    symlinkSync(d, join(d, 'to-dir'));
    symlinkSync(join(d, 'missing'), join(d, 'dangling'));
    symlinkSync('loop-b', join(d, 'loop-a'));
    symlinkSync('loop-a', join(d, 'loop-b'));
    symlinkSync('/dev/null', join(d, 'to-null'));
    symlinkSync('/dev/zero', join(d, 'to-zero'));
    writeFileSync(join(d, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
    symlinkSync('big.bin', join(d, 'to-big'));
    const cases: [string, number, RegExp][] = [
      // paths the system refuses, in Go's words (node's own texts used to leak through)
      ['a\u0000b', 1, /^error reading from a\u0000b: open a\u0000b: invalid argument\n$/],
      ['n'.repeat(5000), 1, /^error reading from n+: open n+: file name too long\n$/],
      ['to-file', 0, /^[0-9a-z]{25}\n$/],
      ['to-link', 0, /^[0-9a-z]{25}\n$/],
      ['to-dir', 1, /^error reading from to-dir: read to-dir: is a directory\n$/],
      ['dangling', 1, /^error reading from dangling: open dangling: no such file or directory\n$/],
      ['loop-a', 1, /^error reading from loop-a: open loop-a: too many levels of symbolic links\n$/],
      ['to-null', 1, /^error reading from to-null: data is empty\n$/],
      // docker reads at most 1 MB (twice swarm's limit), so an endless file fails at the daemon's size check
      ['to-zero', 1, /secret data must be larger than 0 and less than 512000 bytes\n$/],
      ['to-big', 1, /secret data must be larger than 0 and less than 512000 bytes\n$/],
    ];
    for (const [i, [link, exit, out]] of cases.entries()) {
      const before = snapshot(join(d, 'state'));
      const r = await s.run(['secret', 'create', `l${i}`, link]);
      expect(sanity(r), link).toEqual([]);
      expect(r.exit, `${link}: ${r.stderr}`).toBe(exit);
      expect(exit === 0 ? r.stdout : r.stderr, link).toMatch(out);
      if (exit !== 0) expect(snapshot(join(d, 'state')), link).toEqual(before);
    }
    const state = JSON.parse(readFileSync(s.statePath, 'utf8')) as { secrets: { ID: string; Spec: { Name: string } }[] };
    const { StateStore } = await import('../../src/store/state-store.js');
    const { statePaths } = await import('../../src/store/paths.js');
    const store = new StateStore(statePaths(s.statePath));
    for (const name of ['l2', 'l3'])
      expect(store.readPayload(state.secrets.find((x) => x.Spec.Name === name)?.ID ?? '').toString()).toBe('through-a-link-41c2');

    // a stack's file secrets: through a link chain works; a directory, a dangling link or a loop is docker's error
    for (const [link, ok] of [
      ['to-link', true],
      ['to-dir', false],
      ['dangling', false],
      ['loop-a', false],
      ['to-null', false],
    ] as const) {
      writeFileSync(
        join(d, 'l.yml'),
        `version: "3.8"\nservices:\n  a:\n    image: busybox\n    secrets: [k]\nsecrets:\n  k:\n    file: ./${link}\n`,
      );
      const stack = `ln${link.replace(/[^a-z]/g, '')}`;
      const r = await s.run(['stack', 'deploy', '-d', '-c', 'l.yml', stack]);
      expect(sanity(r), `${link}: ${r.stderr}`).toEqual([]);
      expect(r.exit, `${link}: ${r.stderr}`).toBe(ok ? 0 : 1);
      expect(invariantProblems(s.statePath)).toEqual([]);
    }
    const cat = await s.run(['exec', (await s.run(['ps', '-q', '-f', 'name=lntolink_a'])).stdout.trim(), 'cat', '/run/secrets/k']);
    expect(cat.stdout).toBe('through-a-link-41c2');
  });
});
