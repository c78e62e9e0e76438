// `npm run bench`: what a tsecret command costs next to bare `node -e 0`, measured side by side in
// one run, with the goals of issue 14. Each figure is a median over interleaved rounds (A, B, B,
// A, ...), so load on the machine hits both sides alike; the verdict is the ratio of the medians.
// Nothing here is a test: it prints figures and goals, and never fails on them.
//
//   npm run bench                          # 15 rounds
//   BENCH_ROUNDS=41 npm run bench          # steadier figures, slower
//   BENCH_REAL_ENGINE=1 npm run bench      # also times the seed walkthrough on the real docker
//                                          # engine (under the oracle lock; it resets the swarm)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newObjectId } from '../src/engine/ids.js';
import { statePaths } from '../src/store/paths.js';
import { StateStore } from '../src/store/state-store.js';
import { ensureSwarm, initSwarm, resetEngine } from '../test/conformance/engine.js';
import { runScenarioSteps, whichOnPath } from '../test/conformance/runner.js';
import { loadScenario, type Scenario, SWARM_INIT_ARGS } from '../test/conformance/scenario.js';

const CLI = resolve('bin/tsecret.cjs');
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 15));
/** The walkthrough is ~80 processes a side: a third of the rounds, at least 3. */
const SEED_ROUNDS = Math.max(3, Math.ceil(ROUNDS / 3));
const work = mkdirTemp();

function mkdirTemp(): string {
  const dir = join(tmpdir(), `tsecret-bench-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

// --- running one process ----------------------------------------------------------------------

interface Run {
  ms: number;
  /** Peak resident set of the child, in KiB (from the rss probe), when asked for. */
  rssKiB?: number;
}

const rssProbe = join(work, 'rss-probe.cjs');
writeFileSync(
  rssProbe,
  // loaded with --require: at exit, the process writes its own peak RSS where the bench says.
  // Linux's VmHWM, not getrusage's maxRSS: a spawned child's maxRSS starts at the RSS of the
  // process that forked it (the bench, which holds 10,000 secrets), VmHWM at its own exec.
  "process.on('exit', () => { const fs = require('node:fs'); let kib = process.resourceUsage().maxRSS;\n" +
    "  try { kib = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}\n" +
    '  fs.writeFileSync(process.env.BENCH_RSS_FILE, String(kib)); });\n',
);

function runNode(args: string[], opts: { state?: string; stdin?: string | Buffer; rss?: boolean; status?: number } = {}): Run {
  const rssFile = join(work, 'rss.out');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, NO_COLOR: '1' };
  if (opts.state) env.TSECRET_STATE = opts.state;
  if (opts.rss) env.BENCH_RSS_FILE = rssFile;
  const argv = opts.rss ? ['--require', rssProbe, ...args] : args;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env, input: opts.stdin ?? '', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== (opts.status ?? 0)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return { ms, rssKiB: opts.rss ? Number(readFileSync(rssFile, 'utf8')) : undefined };
}

const tsecret = (args: string[], state: string, opts: { stdin?: string | Buffer; rss?: boolean; status?: number } = {}): Run =>
  runNode(['--', CLI, ...args], { state, ...opts });
const bareNode = (rss = false): Run => runNode(['-e', '0'], { rss });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Medians of two measurements taken in alternating order, after one warm-up of each. */
function sideBySide(a: () => number, b: () => number, rounds = ROUNDS): { a: number; b: number } {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(a());
      bs.push(b());
    } else {
      bs.push(b());
      as.push(a());
    }
  }
  return { a: median(as), b: median(bs) };
}

// --- stores ----------------------------------------------------------------------------------

/**
 * A swarm with `count` secrets of `bytes` each. The swarm and the first secret are made by the
 * CLI itself; the rest are copies of that record written in one transaction (making 10,000
 * through the CLI would take minutes and measure nothing new).
 */
function makeStore(name: string, count: number, bytes: number): string {
  const state = join(work, name, 'state.json');
  tsecret(['swarm', 'init', '--advertise-addr', '127.0.0.1'], state);
  if (count === 0) return state;
  const data = randomBytes(bytes);
  tsecret(['secret', 'create', 'bench-0', '-'], state, { stdin: data });
  new StateStore(statePaths(state)).update((tx) => {
    const first = tx.state.secrets[0];
    for (let i = 1; i < count; i++) {
      const copy = structuredClone(first);
      copy.ID = newObjectId();
      copy.Spec.Name = `bench-${i}`;
      tx.state.secrets.push(copy);
      tx.putPayload(copy.ID, data);
    }
  });
  return state;
}

/** A swarm running one stack of `count` services, one task each, all given one secret. */
function makeServices(count: number): { state: string; container: string } {
  const dir = join(work, `services-${count}`);
  const state = join(dir, 'state.json');
  mkdirSync(dir, { recursive: true });
  tsecret(['swarm', 'init', '--advertise-addr', '127.0.0.1'], state);
  tsecret(['secret', 'create', 'shared', '-'], state, { stdin: 'shared secret\n' });
  let compose = 'version: "3.8"\nservices:\n';
  for (let i = 0; i < count; i++) compose += `  svc${i}:\n    image: nginx:latest\n    secrets: [shared]\n`;
  compose += 'secrets:\n  shared:\n    external: true\n';
  writeFileSync(join(dir, 'compose.yml'), compose);
  tsecret(['stack', 'deploy', '--resolve-image', 'never', '-c', join(dir, 'compose.yml'), 'bench'], state);
  const ps = spawnSync(process.execPath, ['--', CLI, 'ps', '-q', '--filter', `name=bench_svc${count >> 1}.`], {
    env: { ...process.env, TSECRET_STATE: state },
  });
  return { state, container: ps.stdout.toString().trim() };
}

// --- the seed walkthrough ----------------------------------------------------------------------

/** Part 1 of the seed walkthrough: a swarm and a first secret (the transcript's opening commands). */
const SEED_PART1: Scenario = {
  name: 'seed-part1',
  description: 'the first secret',
  swarm: false,
  files: {},
  steps: [
    { run: `docker ${SWARM_INIT_ARGS.join(' ')}` },
    { run: 'echo "This is my first secured secret" | docker secret create my_first_secured_secret -' },
    { run: 'docker secret ls' },
    { run: 'docker secret inspect my_first_secured_secret' },
    { run: 'docker secret inspect --pretty my_first_secured_secret' },
  ],
};
/** Parts 2 (a service) and 3 (a stack) are the conformance scenarios recorded from the real engine. */
const SEED_PARTS: Scenario[] = [SEED_PART1, loadScenario('seed-part2'), loadScenario('stack-seed')];

/**
 * Runs the three parts as their scenarios do (each step with `bash -c`, `docker` first on PATH),
 * each part on a fresh swarm; returns the wall time of the steps and how many `docker` processes
 * they started. `docker` is a shim that counts itself and execs `exec` (tsecret or bare node), or
 * the real docker.
 */
async function walkthrough(kind: 'tsecret' | 'node' | 'docker', round: number): Promise<{ ms: number; starts: number }> {
  const root = join(work, `seed-${kind}-${round}`);
  const bin = join(root, 'bin');
  const log = join(root, 'starts');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  const dockerBin = kind === 'docker' ? whichOnPath('docker') : undefined;
  const target =
    kind === 'tsecret'
      ? `${shq(process.execPath)} -- ${shq(CLI)} "$@"`
      : kind === 'node'
        ? `${shq(process.execPath)} -e 0`
        : `${shq(dockerBin!)} "$@"`;
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho >>${shq(log)}\nexec ${target}\n`);
  chmodSync(join(bin, 'docker'), 0o755);
  let ms = 0;
  for (const part of SEED_PARTS) {
    const cwd = join(root, part.name);
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: root,
      NO_COLOR: '1',
      TSECRET_STATE: join(cwd, 'state', 'state.json'),
    };
    if (kind === 'docker') {
      resetEngine(dockerBin!, env);
      if (part.swarm) initSwarm(dockerBin!, env);
    } else if (part.swarm) {
      spawnSync(join(bin, 'docker'), SWARM_INIT_ARGS, { env });
    }
    writeFileSync(log, ''); // the hidden `swarm init` of a part is set-up, not a step
    const scenario = kind === 'node' ? { ...part, files: { ...part.files, 'converge.sh': ONE_LOOK } } : part;
    const started = process.hrtime.bigint();
    await runScenarioSteps(scenario, { cwd, env });
    ms += Number(process.hrtime.bigint() - started) / 1e6;
  }
  const starts = readFileSync(log, 'utf8').length;
  if (kind === 'docker') ensureSwarm(dockerBin!);
  rmSync(root, { recursive: true, force: true });
  return { ms, starts };
}

/**
 * converge.sh as it runs against tsecret, which converges at once: one look at each service. Bare
 * node prints no tasks, so the real helper would wait 30 s; this one makes the same `docker` calls.
 */
const ONE_LOOK = `for arg in "$@"; do
  svc=\${arg%%=*}
  if [ "\${arg#*=}" = 0 ]; then docker service inspect "$svc" >/dev/null 2>&1; docker ps -aq --filter "label=com.docker.swarm.service.name=$svc" >/dev/null
  else docker service ps "$svc" --format '{{.DesiredState}} {{.CurrentState}}' >/dev/null 2>&1; fi
done
`;

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// --- report ----------------------------------------------------------------------------------

interface Row {
  what: string;
  tsecret: string;
  baseline: string;
  ratio: number;
  goal?: number;
}
const rows: Row[] = [];
const notes: string[] = [];
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function add(what: string, t: string, base: string, ratio: number, goal?: number): void {
  rows.push({ what, tsecret: t, baseline: base, ratio, goal });
  process.stderr.write(`  ${what}: ${ratio.toFixed(2)}x${goal === undefined ? '' : ` (goal ${goal.toFixed(2)}x)`}\n`);
}

function verdict(r: Row): string {
  if (r.goal === undefined) return '';
  if (r.ratio <= r.goal) return `<= ${r.goal.toFixed(2)}x met`;
  return `<= ${r.goal.toFixed(2)}x MISSED by ${(r.ratio - r.goal).toFixed(2)}x`;
}

function print(): void {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const head = ['measure', 'tsecret', 'baseline', 'ratio', 'goal'];
  const body = rows.map((r) => [r.what, r.tsecret, r.baseline, `${r.ratio.toFixed(2)}x`, verdict(r)]);
  const widths = head.map((_, i) => Math.max(head[i].length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('   ')
      .trimEnd();
  process.stdout.write(
    `tsecret bench: node ${process.version}, ${process.platform}/${process.arch}, ${cpu} x${cpus().length}, ` +
      `medians of ${ROUNDS} interleaved rounds (the walkthrough: ${SEED_ROUNDS})\n\n${line(head)}\n${body.map(line).join('\n')}\n` +
      (notes.length ? `\n${notes.join('\n')}\n` : ''),
  );
}

// --- the measures ----------------------------------------------------------------------------

async function bench(): Promise<void> {
  process.stderr.write('building stores...\n');
  const empty = makeStore('empty', 0, 0);
  const thousand = makeStore('ls-1000', 1_000, 32);
  const tenThousand = makeStore('ls-10000', 10_000, 32);
  const createEmpty = makeStore('create-empty', 0, 0);
  const createThousand = makeStore('create-1000', 1_000, 4 * 1024);
  const createBig = makeStore('create-big', 200, 400 * 1024);
  const services = makeServices(100);

  process.stderr.write('measuring...\n');
  // start-up alone: node, the loader, and what a command needs before it touches the state
  const v = sideBySide(
    () => tsecret(['--version'], empty).ms,
    () => bareNode().ms,
  );
  add('tsecret --version', ms(v.a), `${ms(v.b)} (node -e 0)`, v.a / v.b, 1.08);
  const u = sideBySide(
    () => tsecret(['secret', 'ls', '--bogus'], empty, { status: 125 }).ms,
    () => bareNode().ms,
  );
  add('usage error (secret ls --bogus)', ms(u.a), `${ms(u.b)} (node -e 0)`, u.a / u.b, 1.08);

  for (const [count, state, goal, rssGoal] of [
    [1_000, thousand, 1.15, 1.3],
    [10_000, tenThousand, 1.5, undefined],
  ] as const) {
    const r = sideBySide(
      () => tsecret(['secret', 'ls'], state).ms,
      () => bareNode().ms,
    );
    add(`secret ls, ${count.toLocaleString('en')} secrets`, ms(r.a), `${ms(r.b)} (node -e 0)`, r.a / r.b, goal);
    const m = sideBySide(
      () => tsecret(['secret', 'ls'], state, { rss: true }).rssKiB!,
      () => bareNode(true).rssKiB!,
    );
    add(`  peak RSS`, mib(m.a), `${mib(m.b)} (node -e 0)`, m.a / m.b, rssGoal);
  }

  // a new name each time; both stores grow alike by one 1-byte secret per run
  let n = 0;
  const create = (state: string) => tsecret(['secret', 'create', `new-${n++}`, '-'], state, { stdin: 'x' }).ms;
  const c = sideBySide(
    () => create(createThousand),
    () => create(createEmpty),
  );
  add('secret create, 1,000 secrets stored vs none', ms(c.a), `${ms(c.b)} (empty store)`, c.a / c.b, 1.05);
  const cb = sideBySide(
    () => create(createBig),
    () => create(createEmpty),
  );
  add('secret create, 200 x 400 KB stored vs none', ms(cb.a), `${ms(cb.b)} (empty store)`, cb.a / cb.b, 1.05);
  const rc = sideBySide(
    () => tsecret(['secret', 'create', `rss-${n++}`, '-'], createThousand, { stdin: 'x', rss: true }).rssKiB!,
    () => bareNode(true).rssKiB!,
  );
  add('  peak RSS, into 1,000 secrets', mib(rc.a), `${mib(rc.b)} (node -e 0)`, rc.a / rc.b);

  const withServices: Array<[string, string[]]> = [
    ['service ps, 100 services', ['service', 'ps', 'bench_svc50']],
    ['ps, 100 task containers', ['ps']],
    ['exec cat, 100 services', ['exec', services.container, 'cat', '/run/secrets/shared']],
    ['stack ls, 100 services', ['stack', 'ls']],
  ];
  for (const [what, args] of withServices) {
    const r = sideBySide(
      () => tsecret(args, services.state).ms,
      () => bareNode().ms,
    );
    add(what, ms(r.a), `${ms(r.b)} (node -e 0)`, r.a / r.b, 1.3);
  }

  // the seed walkthrough end to end: the same bash steps with `docker` as tsecret, then as bare node
  process.stderr.write('the seed walkthrough...\n');
  const seedT: number[] = [];
  const seedN: number[] = [];
  let starts = 0;
  for (let i = 0; i <= SEED_ROUNDS; i++) {
    const order = i % 2 === 0 ? (['tsecret', 'node'] as const) : (['node', 'tsecret'] as const);
    for (const kind of order) {
      const r = await walkthrough(kind, i);
      if (i === 0) continue; // warm-up
      (kind === 'tsecret' ? seedT : seedN).push(r.ms);
      if (kind === 'tsecret') starts = r.starts;
      else if (r.starts !== starts && starts) throw new Error(`the walkthrough started ${starts} tsecrets but ${r.starts} bare nodes`);
    }
  }
  const seed = { a: median(seedT), b: median(seedN) };
  add(`seed walkthrough, 3 parts, ${starts} commands`, ms(seed.a), `${ms(seed.b)} (${starts} x node -e 0)`, seed.a / seed.b);

  if (process.env.BENCH_REAL_ENGINE === '1') {
    process.stderr.write('the seed walkthrough on the real engine (under the oracle lock)...\n');
    const real = spawnSync(
      'flock',
      [join(process.env.TMPDIR ?? '/tmp', 'tsecret-oracle.lock'), process.execPath, process.argv[1], '--real-engine'],
      {
        env: process.env,
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      },
    );
    const result = JSON.parse(real.stdout) as { ms: number; starts: number };
    add(`  next to the real engine (${result.starts} docker commands)`, ms(seed.a), `${ms(result.ms)} (docker 28)`, seed.a / result.ms);
  } else {
    notes.push('The real engine takes ~13.5 s for part 2 alone (its recording); BENCH_REAL_ENGINE=1 times all three parts here.');
  }

  print();
}

try {
  if (process.argv.includes('--real-engine')) {
    // the child the bench starts under the oracle lock: one walkthrough on the real engine
    process.stdout.write(JSON.stringify(await walkthrough('docker', 0)));
  } else {
    await bench();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
