// `npm run bench`: what a tsecret command costs next to bare `node -e 0`, measured side by side in
// one run. Each figure is a median over interleaved rounds (A, B, B, A, ...), so noise on the
// machine hits both sides alike; the verdict is the ratio of the medians. Nothing here is a test:
// it prints figures and goals, and never fails on them.
//
//   npm run bench                      # 15 rounds
//   BENCH_ROUNDS=41 npm run bench      # steadier figures, slower
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newObjectId } from '../src/engine/ids.js';
import { statePaths } from '../src/store/paths.js';
import { StateStore } from '../src/store/state-store.js';

const CLI = resolve('bin/tsecret.cjs');
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 15));
const work = mkdtempSync(join(tmpdir(), 'tsecret-bench-'));

// --- running one process ----------------------------------------------------------------------

interface Run {
  ms: number;
  /** Peak resident set of the child, in KiB (from the rss probe), when asked for. */
  rssKiB?: number;
}

const rssProbe = join(work, 'rss-probe.mjs');
writeFileSync(
  rssProbe,
  // loaded with --import: at exit, the process writes its own peak RSS where the bench says
  "import { writeFileSync } from 'node:fs';\n" +
    "process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);

function runNode(args: string[], opts: { state?: string; stdin?: string | Buffer; rss?: boolean } = {}): Run {
  const rssFile = join(work, 'rss.out');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, NO_COLOR: '1' };
  if (opts.state) env.TSECRET_STATE = opts.state;
  if (opts.rss) env.BENCH_RSS_FILE = rssFile;
  const argv = opts.rss ? ['--import', rssProbe, ...args] : args;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env, input: opts.stdin ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim()}`);
  return { ms, rssKiB: opts.rss ? Number(readFileSync(rssFile, 'utf8')) : undefined };
}

const tsecret = (args: string[], state: string, stdin?: string | Buffer, rss = false): Run =>
  runNode([CLI, ...args], { state, stdin, rss });
const bareNode = (rss = false): Run => runNode(['-e', '0'], { rss });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Medians of two measurements taken in alternating order, after one warm-up of each. */
function sideBySide(a: () => number, b: () => number): { a: number; b: number } {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
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
  tsecret(['secret', 'create', 'bench-0', '-'], state, data);
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

// --- report ----------------------------------------------------------------------------------

interface Row {
  what: string;
  tsecret: string;
  baseline: string;
  ratio: number;
  goal?: number;
}
const rows: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function add(what: string, t: string, base: string, ratio: number, goal?: number): void {
  rows.push({ what, tsecret: t, baseline: base, ratio, goal });
  process.stderr.write(`  ${what}: ${ratio.toFixed(2)}x\n`);
}

function print(): void {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const head = ['measure', 'tsecret', 'baseline', 'ratio', 'goal'];
  const body = rows.map((r) => [
    r.what,
    r.tsecret,
    r.baseline,
    `${r.ratio.toFixed(2)}x`,
    r.goal === undefined ? '' : `<= ${r.goal.toFixed(2)}x ${r.ratio <= r.goal ? 'met' : 'MISSED'}`,
  ]);
  const widths = head.map((_, i) => Math.max(head[i].length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('   ')
      .trimEnd();
  process.stdout.write(
    `tsecret bench: node ${process.version}, ${process.platform}/${process.arch}, ${cpu} x${cpus().length}, ` +
      `medians of ${ROUNDS} interleaved rounds\n\n${line(head)}\n${body.map(line).join('\n')}\n`,
  );
}

// --- the measures ----------------------------------------------------------------------------

try {
  process.stderr.write('building stores...\n');
  const stores = new Map<number, string>([0, 1_000, 10_000].map((n) => [n, makeStore(`ls-${n}`, n, 32)]));
  const empty = makeStore('create-empty', 0, 0);
  const loaded = makeStore('create-loaded', 200, 400 * 1024);

  // the floor every command stands on: node, the bundle and its code cache, the command tree
  const v = sideBySide(
    () => tsecret(['--version'], stores.get(0)!).ms,
    () => bareNode().ms,
  );
  add('tsecret --version (start-up alone)', ms(v.a), `${ms(v.b)} (node -e 0)`, v.a / v.b);

  for (const [count, state] of stores) {
    const r = sideBySide(
      () => tsecret(['secret', 'ls'], state).ms,
      () => bareNode().ms,
    );
    add(
      `secret ls, ${count.toLocaleString('en')} secrets`,
      ms(r.a),
      `${ms(r.b)} (node -e 0)`,
      r.a / r.b,
      count === 1_000 ? 1.15 : undefined,
    );
  }

  // a new name each time; both stores grow alike by one 1-byte secret per run
  let n = 0;
  const create = (state: string) => tsecret(['secret', 'create', `new-${n++}`, '-'], state, 'x').ms;
  const c = sideBySide(
    () => create(loaded),
    () => create(empty),
  );
  add('secret create, 200 x 400 KB stored vs none', ms(c.a), `${ms(c.b)} (empty store)`, c.a / c.b, 1.05);

  const rssLs = sideBySide(
    () => tsecret(['secret', 'ls'], stores.get(1_000)!, undefined, true).rssKiB!,
    () => bareNode(true).rssKiB!,
  );
  add('peak RSS, secret ls with 1,000 secrets', mib(rssLs.a), `${mib(rssLs.b)} (node -e 0)`, rssLs.a / rssLs.b, 1.3);
  const rssCreate = sideBySide(
    () => runNode([CLI, 'secret', 'create', `rss-${n++}`, '-'], { state: loaded, stdin: 'x', rss: true }).rssKiB!,
    () => bareNode(true).rssKiB!,
  );
  add('peak RSS, secret create, 200 x 400 KB stored', mib(rssCreate.a), `${mib(rssCreate.b)} (node -e 0)`, rssCreate.a / rssCreate.b, 1.3);

  // the seed walkthrough, command for command, on a fresh state each round
  const SEED: Array<[string[], string?]> = [
    [['swarm', 'init', '--advertise-addr', '127.0.0.1']],
    [['secret', 'create', 'my_first_secured_secret', '-'], 'This is my first secured secret\n'],
    [['secret', 'ls']],
    [['secret', 'inspect', 'my_first_secured_secret']],
    [['secret', 'inspect', '--pretty', 'my_first_secured_secret']],
    [['service', 'create', '--name', 'nginx', '--secret', 'my_first_secured_secret', 'nginx:latest']],
    [['service', 'ps', 'nginx']],
    [['exec', 'nginx.1', 'true']], // placeholder, replaced below by the container's ID
    [['service', 'update', '--secret-rm', 'my_first_secured_secret', 'nginx']],
    [['secret', 'rm', 'my_first_secured_secret']],
    [['service', 'rm', 'nginx']],
    [['swarm', 'leave', '--force']],
  ];
  let round = 0;
  const walkthrough = (): number => {
    const state = join(work, `seed-${round++}`, 'state.json');
    let total = 0;
    for (const [args, stdin] of SEED) {
      if (args[0] === 'exec') {
        const id = spawnSync(process.execPath, [CLI, 'ps', '-q', '--filter', 'name=nginx'], {
          env: { ...process.env, TSECRET_STATE: state },
        })
          .stdout.toString()
          .trim();
        total += tsecret(['exec', id, 'cat', '/run/secrets/my_first_secured_secret'], state).ms;
      } else {
        total += tsecret(args, state, stdin).ms;
      }
    }
    return total;
  };
  const seed = sideBySide(walkthrough, () => SEED.reduce((t) => t + bareNode().ms, 0));
  add(`seed walkthrough, ${SEED.length} commands`, ms(seed.a), `${ms(seed.b)} (${SEED.length} x node -e 0)`, seed.a / seed.b);

  print();
} finally {
  rmSync(work, { recursive: true, force: true });
}
