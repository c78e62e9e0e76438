// Runs a scenario's steps with `bash -c` in a working dir, sequentially, exporting captures.
// Shared by the recorder (real docker on PATH) and the suite (a `docker` shim first on PATH).
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Scenario, StepOutput } from './scenario.js';
import { materializeFiles } from './scenario.js';

export const STEP_TIMEOUT_MS = 120_000;

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs one shell command; stdin is /dev/null, stdout/stderr are pipes (not TTYs). */
export function runShell(command: string, opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<StepOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? STEP_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`step timed out after ${opts.timeoutMs ?? STEP_TIMEOUT_MS} ms: ${command}`));
        return;
      }
      const sigNum = signal ? signalNumber(signal) : 0;
      resolvePromise({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exit: code ?? 128 + sigNum,
      });
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const nums: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGABRT: 6,
    SIGKILL: 9,
    SIGSEGV: 11,
    SIGPIPE: 13,
    SIGTERM: 15,
  };
  return nums[signal] ?? 0;
}

export interface ScenarioRunOptions {
  /** Working dir (files are written into it). */
  cwd: string;
  /** Base environment for every step (PATH, HOME, TSECRET_STATE…); captures are added to it. */
  env: NodeJS.ProcessEnv;
  /** Called after each step, e.g. for progress output. */
  onStep?: (index: number, result: StepOutput) => void;
}

/** Writes the scenario's files into opts.cwd and runs every step in order. */
export async function runScenarioSteps(scenario: Scenario, opts: ScenarioRunOptions): Promise<StepOutput[]> {
  mkdirSync(opts.cwd, { recursive: true });
  materializeFiles(scenario, opts.cwd);
  const env: NodeJS.ProcessEnv = { ...opts.env };
  const results: StepOutput[] = [];
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i];
    const result = await runShell(step.run, { cwd: opts.cwd, env });
    results.push(result);
    if (step.capture) env[step.capture] = result.stdout.trim();
    opts.onStep?.(i, result);
  }
  return results;
}

/** Absolute path of an executable found on PATH (like `command -v`). */
export function whichOnPath(cmd: string, path = process.env.PATH ?? ''): string | undefined {
  if (cmd.includes('/')) return cmd;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A bin dir holding an executable `docker` that execs the given command line. */
export function makeDockerShim(binDir: string, execLine: string): string {
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, 'docker');
  writeFileSync(shim, `#!/bin/sh\nexec ${execLine} "$@"\n`);
  chmodSync(shim, 0o755);
  return shim;
}

/** Single-quotes a string for /bin/sh. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
