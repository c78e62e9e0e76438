// `tsecret secret rotate` against the real engine's recording "secret-rotate": that scenario replays
// the docker commands `secret rotate --dry-run` prints (the steps between its two converge steps).
// Here (1) the dry run, after the scenario's setup, must print exactly those steps, and (2) the
// scenario run against tsecret with `secret rotate` in their place must leave what docker left:
// every later step (service inspect, secret ls, exec cat and stat at the old paths, the clean-up)
// compared with the recording, normalized as the conformance suite normalizes.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeScenario } from '../../src/doctest/normalize.js';
import { makeDockerShim, makeTempDir, runScenarioSteps, runShell, shQuote } from './runner.js';
import type { Scenario, Step, StepOutput } from './scenario.js';
import { loadRecording, loadScenario, recordingMismatch, repoRoot, SWARM_INIT_ARGS } from './scenario.js';

const NAME = 'secret-rotate';
const ROTATE_ARGS = 'secret rotate db_pw_v1 new_pw.txt';
const cli = join(repoRoot, 'bin', 'tsecret.cjs');

const scenario = loadScenario(NAME);
const recording = loadRecording(NAME);
const converges = scenario.steps.flatMap((s, i) => (s.run.startsWith('sh converge.sh ') ? [i] : []));
const [firstConverge, secondConverge] = converges;
const setup = scenario.steps.slice(0, firstConverge + 1);
const replay = scenario.steps.slice(firstConverge + 1, secondConverge);
const after = scenario.steps.slice(secondConverge);

let root = '';
/** A fresh swarm in tsecret (behind a `docker` shim) with the scenario's files, and a step runner. */
async function tsecretRun(steps: Step[]): Promise<StepOutput[]> {
  const dir = join(root, `run-${Math.random().toString(36).slice(2)}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: join(dir, 'home'),
    TSECRET_STATE: join(dir, 'state', 'state.json'),
  };
  delete env.DOCKER_CONFIG;
  mkdirSync(join(dir, 'home'), { recursive: true });
  makeDockerShim(join(dir, 'bin'), `${shQuote(process.execPath)} -- ${shQuote(cli)}`);
  const cwd = join(dir, 'work');
  mkdirSync(cwd, { recursive: true });
  const init = await runShell(`docker ${SWARM_INIT_ARGS.join(' ')}`, { cwd, env });
  if (init.exit !== 0) throw new Error(`swarm init failed: ${init.stderr}`);
  const variant: Scenario = { ...scenario, steps };
  return runScenarioSteps(variant, { cwd, env });
}

describe(`secret rotate against the recording ${NAME}`, () => {
  beforeAll(() => {
    root = makeTempDir('tsecret-rotate-conformance-');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has a current recording, and the build to run', () => {
    expect(converges.length, 'the scenario has two converge steps around the replay').toBeGreaterThanOrEqual(2);
    expect(recording, `no recording: npm run record:conformance -- ${NAME}`).toBeDefined();
    expect(recording && recordingMismatch(scenario, recording)).toBeUndefined();
    expect(existsSync(join(repoRoot, 'dist', 'tsecret.cjs')), 'run npm run build').toBe(true);
  });

  it('--dry-run prints exactly the docker commands the recording replays', async () => {
    const outputs = await tsecretRun([...setup, { run: `docker ${ROTATE_ARGS} --dry-run` }]);
    const dryRun = outputs[outputs.length - 1];
    expect(dryRun.stderr).toBe('');
    expect(dryRun.exit).toBe(0);
    expect(dryRun.stdout.trimEnd().split('\n')).toEqual(replay.map((s) => s.run));
  });

  it('leaves what the replayed commands left on the real engine', async () => {
    if (!recording) throw new Error(`no recording: npm run record:conformance -- ${NAME}`);
    const steps = [...setup, { run: `docker ${ROTATE_ARGS}` }, ...after];
    const outputs = await tsecretRun(steps);
    const rotated = outputs[setup.length];
    expect(rotated).toEqual({ stdout: 'db_pw_v2\n', stderr: '', exit: 0 });
    const expected = normalizeScenario(recording.steps, scenario.steps, { binaryName: 'docker', hostname: recording.hostname }).slice(
      secondConverge,
    );
    const actual = normalizeScenario(outputs, steps, {
      binaryName: 'tsecret',
      hostname: recording.hostname !== undefined ? hostname() : undefined,
    }).slice(setup.length + 1);
    after.forEach((step, i) => {
      expect(actual[i], `$ ${step.run}`).toEqual(expected[i]);
    });
    // the new value at the old paths, as the real engine showed it
    expect(after.filter((s) => / cat \/run\/secrets\//.test(s.run)).length).toBe(2);
  });
});
