// Records conformance scenarios against the real docker engine (the oracle).
//
//   npm run record:conformance -- [--check] [scenario ...]
//
// For each scenario (default: all): reset the engine (swarm leave -f, leftover services and task
// containers removed), hidden `swarm init` when `swarm: true`, write the files into a fresh temp
// dir, run every step with `bash -c` and the real docker on PATH, and write recorded/<name>.json.
// --check records each scenario twice and verifies that both runs normalize to the same outputs
// (proof that the normalizer hides exactly what is random); the first run is written, unless the
// two differ: then a third run decides which of them is written (the one it agrees with).
// The engine is left in swarm mode at the end because others use it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareNormalized, normalizeScenario } from '../../src/doctest/normalize.js';
import { dockerVersions, engineHostname, ensureSwarm, initSwarm, resetEngine } from './engine.js';
import { makeTempDir, runScenarioSteps, whichOnPath } from './runner.js';
import type { Recording, Scenario } from './scenario.js';
import { listScenarioNames, loadScenario, recordedDir, recordingPath, serializeRecording, setupDigest } from './scenario.js';

function usage(): never {
  process.stderr.write('usage: npm run record:conformance -- [--check] [scenario ...]\n');
  process.exit(2);
}

function stepEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  // a user's docker config (formats, aliases) must not leak into the recording
  delete env.DOCKER_CONFIG;
  delete env.TSECRET_CONFORMANCE_DIR;
  return env;
}

async function recordOnce(
  scenario: Scenario,
  bin: string,
  versions: { client: string; engine: string; hostname: string },
  label: string,
): Promise<Recording> {
  const root = makeTempDir(`tsecret-record-${scenario.name}-`);
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  mkdirSync(home);
  try {
    const env = stepEnv(home);
    resetEngine(bin, env);
    if (scenario.swarm) initSwarm(bin, env);
    const started = Date.now();
    const outputs = await runScenarioSteps(scenario, {
      cwd,
      env,
      onStep: (i, r) => {
        process.stderr.write(
          `  ${label} ${String(i + 1).padStart(2)}/${scenario.steps.length} exit=${r.exit}  ${scenario.steps[i].run.split('\n')[0].slice(0, 90)}\n`,
        );
      },
    });
    process.stderr.write(`  ${label} done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    return {
      scenario: scenario.name,
      client: versions.client,
      engine: versions.engine,
      hostname: versions.hostname,
      recordedAt: new Date().toISOString(),
      setup: setupDigest(scenario),
      steps: scenario.steps.map((s, i) => ({ run: s.run, ...outputs[i] })),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let check = false;
  const names: string[] = [];
  for (const a of args) {
    if (a === '--check') check = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage();
    else names.push(a.replace(/\.yaml$/, ''));
  }
  const selected = names.length > 0 ? names : listScenarioNames();
  const scenarios = selected.map(loadScenario); // fail early on a bad YAML
  const bin = whichOnPath('docker');
  if (!bin) throw new Error('docker not found on PATH');
  const versions = { ...dockerVersions(bin), hostname: engineHostname(bin) };
  if (!versions.engine) throw new Error('cannot reach the docker engine: start it with ../shared/oracle/start-engine.sh');
  process.stderr.write(
    `recording ${scenarios.length} scenario(s) with docker client ${versions.client}, engine ${versions.engine}${check ? ' (twice, --check)' : ''}\n`,
  );
  mkdirSync(recordedDir, { recursive: true });
  let flaky = 0;
  try {
    for (const scenario of scenarios) {
      process.stderr.write(`${scenario.name}\n`);
      const first = await recordOnce(scenario, bin, versions, check ? 'run 1' : '');
      let written = first;
      if (check) {
        const second = await recordOnce(scenario, bin, versions, 'run 2');
        const opts = { binaryName: 'docker', hostname: versions.hostname };
        const differences = (a: Recording, b: Recording) =>
          compareNormalized(
            normalizeScenario(a.steps, scenario.steps, opts),
            normalizeScenario(b.steps, scenario.steps, opts),
            scenario.steps,
          );
        const diffs = differences(first, second);
        if (diffs.length === 0) {
          process.stderr.write(`  stable: both runs normalize to identical outputs\n`);
        } else {
          flaky++;
          process.stderr.write(`  FLAKY: ${diffs.length} difference(s) between two normalized runs:\n`);
          for (const d of diffs) {
            process.stderr.write(
              `    step ${d.step} ${d.field} (${d.run.split('\n')[0].slice(0, 70)}):\n      run 1: ${JSON.stringify(d.a)}\n      run 2: ${JSON.stringify(d.b)}\n`,
            );
          }
          // The engine is not deterministic everywhere either (a secret file a non-root user can
          // read once in a while): a third run decides which of the two is written, so a recording
          // shows what the engine usually does. The scenario still counts as flaky.
          const third = await recordOnce(scenario, bin, versions, 'run 3');
          if (differences(third, second).length === 0) written = second;
          process.stderr.write(
            `  run 3 agrees with ${written === second ? 'run 2: run 2' : differences(third, first).length === 0 ? 'run 1: run 1' : 'neither: run 1'} is written\n`,
          );
        }
      }
      writeFileSync(recordingPath(scenario.name), serializeRecording(written));
    }
  } finally {
    ensureSwarm(bin);
  }
  if (check) process.stderr.write(flaky === 0 ? 'all scenarios stable\n' : `${flaky} flaky scenario(s)\n`);
  return flaky === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`record:conformance: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
