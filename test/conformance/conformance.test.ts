// Replays every recorded scenario (test/conformance/recorded/*.json) against tsecret and compares
// each step's stdout, stderr and exit code with what the real docker printed, after normalizing
// both sides (normalize.ts). Needs no engine: tsecret runs behind a `docker` shim on PATH.
//
//   npx vitest run test/conformance                         # against the build (npm run build)
//   TSECRET_CONFORMANCE_BIN=docker npx vitest run test/conformance
//                                                           # against the real docker (sanity check
//                                                           # of the runner; resets the engine!)
//   TSECRET_CONFORMANCE_CLI=/path/to/tsecret.js ...         # another build of the CLI
//   TSECRET_CONFORMANCE_ONLY=secret-ls,secret-rm ...        # a subset
//   TSECRET_CONFORMANCE_KEEP=1 ...                          # keep the temp dirs and print them
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeScenario } from '../../src/doctest/normalize.js';
import { ensureSwarm, resetEngine } from './engine.js';
import { makeDockerShim, makeTempDir, runScenarioSteps, runShell, shQuote, whichOnPath } from './runner.js';
import type { Recording, Scenario, StepOutput } from './scenario.js';
import {
  comparedFields,
  expectedOutputs,
  listScenarioNames,
  loadRecording,
  loadScenario,
  recordingMismatch,
  repoRoot,
  SWARM_INIT_ARGS,
} from './scenario.js';

/** The CLI under test; TSECRET_CONFORMANCE_CLI points elsewhere (another build, a stub). */
const builtCli = process.env.TSECRET_CONFORMANCE_CLI ?? join(repoRoot, 'bin', 'tsecret.cjs');

interface Target {
  /** What the binary prints in cobra-generated texts (see normalize.ts mapBinaryName). */
  binaryName: string;
  /** What the `docker` shim execs. */
  execLine: string;
  /** Set when the target is a real docker: the engine is reset between scenarios. */
  realDocker?: string;
  /** Set when the target cannot run at all. */
  problem?: string;
}

/** The default CLI is bin/tsecret.cjs, which needs the bundle the build makes. */
function missingBuild(): string | undefined {
  const needed = process.env.TSECRET_CONFORMANCE_CLI ?? join(repoRoot, 'dist', 'tsecret.cjs');
  return existsSync(needed) ? undefined : `${needed} does not exist: run npm run build`;
}

function pickTarget(): Target {
  const bin = process.env.TSECRET_CONFORMANCE_BIN;
  if (!bin) {
    return {
      binaryName: 'tsecret',
      execLine: `${shQuote(process.execPath)} -- ${shQuote(builtCli)}`, // `--`: see bin/tsecret.cjs
      problem: missingBuild(),
    };
  }
  const real = whichOnPath(bin);
  if (!real) return { binaryName: 'docker', execLine: 'false', problem: `TSECRET_CONFORMANCE_BIN=${bin}: not found on PATH` };
  return { binaryName: 'docker', execLine: shQuote(real), realDocker: real };
}

const target = pickTarget();
const only = process.env.TSECRET_CONFORMANCE_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const names = listScenarioNames().filter((n) => !only || only.includes(n));
// a misspelt name must not quietly shrink the run to the scenarios that happen to match
const unknownOnly = only?.filter((n) => !names.includes(n)) ?? [];

// --- running: all scenarios start at collection time, a few at a time (one at a time against a
// real engine, with a reset before each), so the describe blocks below only wait for results.

let active = 0;
const queue: Array<() => void> = [];
const limit = target.realDocker ? 1 : Math.max(2, Math.min(6, availableParallelism()));

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= limit) await new Promise<void>((resolveSlot) => queue.push(resolveSlot));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    queue.shift()?.();
  }
}

async function runAgainstTarget(scenario: Scenario): Promise<StepOutput[]> {
  const root = makeTempDir(`tsecret-conformance-${scenario.name}-`);
  const bin = join(root, 'bin');
  const home = join(root, 'home');
  const state = join(root, 'state');
  const cwd = join(root, 'work');
  for (const d of [home, state, cwd]) mkdirSync(d, { recursive: true });
  makeDockerShim(bin, target.execLine);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    TSECRET_STATE: join(state, 'state.json'),
  };
  delete env.DOCKER_CONFIG;
  try {
    if (target.realDocker) resetEngine(target.realDocker, env);
    if (scenario.swarm) {
      const setup = await runShell(`docker ${SWARM_INIT_ARGS.join(' ')}`, { cwd, env });
      if (setup.exit !== 0)
        throw new Error(`hidden setup \`docker ${SWARM_INIT_ARGS.join(' ')}\` failed (exit ${setup.exit}):\n${setup.stderr}`);
    }
    return await runScenarioSteps(scenario, { cwd, env });
  } finally {
    if (process.env.TSECRET_CONFORMANCE_KEEP) process.stderr.write(`kept ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  }
}

interface Planned {
  scenario?: Scenario;
  recording?: Recording;
  problem?: string;
  result?: Promise<StepOutput[]>;
}

// TSECRET_CONFORMANCE_PENDING=1 runs pending scenarios too, to see which of them pass now
const runPending = process.env.TSECRET_CONFORMANCE_PENDING === '1';
const skipped = (s: Scenario) => s.pending !== undefined && !target.realDocker && !runPending;

const planned = new Map<string, Planned>();
for (const name of names) {
  const p: Planned = {};
  planned.set(name, p);
  try {
    p.scenario = loadScenario(name);
  } catch (e) {
    p.problem = e instanceof Error ? e.message : String(e);
    continue;
  }
  p.recording = loadRecording(name);
  if (!p.recording) p.problem = `no recording: run npm run record:conformance -- ${name} (needs ../shared/oracle/start-engine.sh)`;
  else {
    const mismatch = recordingMismatch(p.scenario, p.recording);
    if (mismatch) p.problem = `recording is out of date (${mismatch}): run npm run record:conformance -- ${name}`;
  }
  p.problem ??= target.problem;
  // against tsecret a pending scenario is not run (see below); against a real docker it is
  if (!p.problem && !skipped(p.scenario)) {
    const scenario = p.scenario;
    p.result = withSlot(() => runAgainstTarget(scenario));
    p.result.catch(() => undefined); // reported by the scenario's beforeAll
  }
}

if (target.realDocker) {
  const real = target.realDocker;
  afterAll(async () => {
    await Promise.allSettled([...planned.values()].map((p) => p.result));
    ensureSwarm(real); // others use the engine in swarm mode
  }, 30 * 60_000);
}

function stepTitle(i: number, run: string): string {
  const oneLine = run.replace(/\s+/g, ' ').trim();
  return `step ${String(i + 1).padStart(2, '0')}: ${oneLine.length > 110 ? `${oneLine.slice(0, 107)}...` : oneLine}`;
}

if (unknownOnly.length > 0) {
  it('knows every scenario in TSECRET_CONFORMANCE_ONLY', () => {
    expect.fail(`TSECRET_CONFORMANCE_ONLY names no scenario: ${unknownOnly.join(', ')}`);
  });
}

if (names.length === 0) {
  it('has scenarios', () => {
    expect.fail(only ? `no scenario matches TSECRET_CONFORMANCE_ONLY=${only.join(',')}` : 'no scenarios in test/conformance/scenarios');
  });
}

for (const [name, p] of planned) {
  describe(`conformance: ${name}`, () => {
    if (!p.scenario) {
      it('loads', () => {
        throw new Error(p.problem);
      });
      return;
    }
    const scenario = p.scenario;
    if (skipped(scenario)) {
      it.skip(`pending: ${scenario.pending}`, () => undefined);
      return;
    }
    let expected: StepOutput[] = [];
    let actual: StepOutput[] = [];
    beforeAll(async () => {
      if (p.problem || !p.result || !p.recording) throw new Error(p.problem ?? 'not run');
      const outputs = await p.result;
      // Against a real docker the overrides (current-engine texts) cannot match: compare raw.
      const recorded = target.realDocker ? p.recording.steps : expectedOutputs(scenario, p.recording);
      // The node's hostname: the recording machine's, and this machine's (tsecret uses
      // os.hostname(); a real engine here runs on this machine too).
      expected = normalizeScenario(recorded, scenario.steps, { binaryName: 'docker', hostname: p.recording.hostname });
      // (Recordings made before the hostname was stored have no hostname rule on either side.)
      const here = p.recording.hostname !== undefined ? hostname() : undefined;
      actual = normalizeScenario(outputs, scenario.steps, { binaryName: target.binaryName, hostname: here });
    }, 30 * 60_000);
    scenario.steps.forEach((step, i) => {
      it(stepTitle(i, step.run), () => {
        let note =
          step.override && !target.realDocker ? `$ ${step.run}\n(expected output overridden: ${step.override.reason})` : `$ ${step.run}`;
        if (step.coreutils) {
          // busybox (the oracle's images) vs GNU coreutils (tsecret): only the exit code counts
          note += `\n(coreutils step: only the exit code is compared; docker printed ${JSON.stringify({ stdout: expected[i]?.stdout, stderr: expected[i]?.stderr })})`;
        }
        const pick = (o: StepOutput | undefined) => (o ? Object.fromEntries(comparedFields(step).map((f) => [f, o[f]])) : o);
        expect(pick(actual[i]), note).toEqual(pick(expected[i]));
      });
    });
  });
}
