// Conformance scenarios: YAML files in ./scenarios, recorded against a real docker engine into
// ./recorded, replayed against tsecret by conformance.test.ts. See README.md in this folder.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * This folder. The recorder runs as an esbuild bundle from a temp dir, so its npm script passes
 * the folder in TSECRET_CONFORMANCE_DIR.
 */
export const conformanceDir = process.env.TSECRET_CONFORMANCE_DIR ?? dirname(fileURLToPath(import.meta.url));
export const scenariosDir = join(conformanceDir, 'scenarios');
export const recordedDir = join(conformanceDir, 'recorded');
/** Shared files that scenarios copy into their working dir with `{ helper: name }`. */
export const helpersDir = join(conformanceDir, 'helpers');
export const repoRoot = resolve(conformanceDir, '../..');

/** The hidden setup of `swarm: true` scenarios (its output is not compared). */
export const SWARM_INIT_ARGS = ['swarm', 'init', '--advertise-addr', '127.0.0.1', '--listen-addr', '127.0.0.1:2377'];

export type FileSpec =
  | string
  | { base64: string }
  | { dir: true }
  /** `fill` repeated (and cut) to exactly `size` bytes, for large files. */
  | { fill: string; size: number }
  /** A copy of helpers/<helper> (shared scripts such as converge.sh). */
  | { helper: string };

export interface Override {
  stdout?: string;
  stderr?: string;
  exit?: number;
  reason: string;
}

export interface Step {
  run: string;
  /** Trimmed stdout is exported to the following steps as $<capture>. */
  capture?: string;
  /**
   * Only with `capture`: the captured value is random (a generated service name, …) and is
   * replaced in the output of every step, not only in steps that reference the variable.
   */
  random?: boolean;
  /**
   * Only with `capture`: the step computes its value from earlier random output in the shell
   * (`echo "${CID:0:7}"`), so its own stdout is replaced by the capture's name. Any other
   * capture step's output is compared like every step's.
   */
  derived?: boolean;
  /**
   * The step runs a coreutils-style command inside a task container. The oracle's images are
   * busybox, tsecret mimics GNU coreutils (Debian-based official images), so the texts differ by
   * design: the step is recorded and shown, but only its exit code is compared.
   */
  coreutils?: boolean;
  override?: Override;
}

export interface Scenario {
  name: string;
  description: string;
  /**
   * Recorded ground truth for a behaviour tsecret does not have yet: the reason (naming the issue).
   * The suite lists the scenario as skipped with that reason instead of running it.
   */
  pending?: string;
  swarm: boolean;
  files: Record<string, FileSpec>;
  steps: Step[];
}

export type { StepOutput } from '../../src/doctest/normalize.js';

import type { StepOutput } from '../../src/doctest/normalize.js';

export interface RecordedStep extends StepOutput {
  run: string;
}

export interface Recording {
  scenario: string;
  client: string;
  engine: string;
  /** The engine's hostname (the swarm node's name) when recorded; normalized to <HOST>. */
  hostname?: string;
  recordedAt: string;
  /**
   * Digest of what the steps ran against (swarm or not, the files and the helpers they copy),
   * so a recording whose setup was edited afterwards is reported as stale.
   */
  setup?: string;
  steps: RecordedStep[];
}

const CAPTURE_NAME = /^[A-Z_][A-Z0-9_]*$/;

function fail(name: string, msg: string): never {
  throw new Error(`scenario ${name}: ${msg}`);
}

function checkFileSpec(name: string, file: string, spec: unknown): FileSpec {
  if (typeof spec === 'string') return spec;
  if (spec && typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if (typeof o.base64 === 'string') return { base64: o.base64 };
    if (o.dir === true) return { dir: true };
    if (typeof o.fill === 'string' && o.fill.length > 0 && Number.isInteger(o.size) && (o.size as number) >= 0) {
      return { fill: o.fill, size: o.size as number };
    }
    if (typeof o.helper === 'string') {
      if (!/^[A-Za-z0-9._-]+$/.test(o.helper) || !existsSync(join(helpersDir, o.helper)))
        fail(name, `file ${file}: no helper ${o.helper} in ${helpersDir}`);
      return { helper: o.helper };
    }
  }
  fail(name, `file ${file}: expected a string, {base64}, {dir: true}, {fill, size} or {helper}`);
}

export function parseScenario(name: string, text: string): Scenario {
  const doc = parse(text) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') fail(name, 'not a YAML mapping');
  const known = new Set(['description', 'pending', 'swarm', 'files', 'steps']);
  for (const k of Object.keys(doc)) if (!known.has(k)) fail(name, `unknown key ${k}`);
  if (typeof doc.description !== 'string') fail(name, 'description must be a string');
  if (doc.pending !== undefined && (typeof doc.pending !== 'string' || doc.pending.trim() === '')) fail(name, 'pending must be a reason');
  if (typeof doc.swarm !== 'boolean') fail(name, 'swarm must be true or false');
  const files: Record<string, FileSpec> = {};
  if (doc.files !== undefined && doc.files !== null) {
    if (typeof doc.files !== 'object') fail(name, 'files must be a mapping');
    for (const [file, spec] of Object.entries(doc.files as Record<string, unknown>)) {
      if (file.includes('..') || file.startsWith('/')) fail(name, `file ${file}: must be a relative path inside the working dir`);
      files[file] = checkFileSpec(name, file, spec);
    }
  }
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) fail(name, 'steps must be a non-empty list');
  const captures = new Set<string>();
  const steps: Step[] = doc.steps.map((raw: unknown, i: number) => {
    if (!raw || typeof raw !== 'object') fail(name, `step ${i + 1}: must be a mapping`);
    const s = raw as Record<string, unknown>;
    for (const k of Object.keys(s))
      if (!['run', 'capture', 'random', 'derived', 'coreutils', 'override'].includes(k)) fail(name, `step ${i + 1}: unknown key ${k}`);
    if (typeof s.run !== 'string' || s.run.trim() === '') fail(name, `step ${i + 1}: run must be a non-empty string`);
    const step: Step = { run: s.run };
    if (s.capture !== undefined) {
      if (typeof s.capture !== 'string' || !CAPTURE_NAME.test(s.capture)) fail(name, `step ${i + 1}: capture must match ${CAPTURE_NAME}`);
      if (captures.has(s.capture)) fail(name, `step ${i + 1}: capture ${s.capture} is set twice`);
      captures.add(s.capture);
      step.capture = s.capture;
    }
    if (s.random !== undefined) {
      if (s.random !== true) fail(name, `step ${i + 1}: random must be true when given`);
      if (!step.capture) fail(name, `step ${i + 1}: random needs capture`);
      step.random = true;
    }
    if (s.derived !== undefined) {
      if (s.derived !== true) fail(name, `step ${i + 1}: derived must be true when given`);
      if (!step.capture) fail(name, `step ${i + 1}: derived needs capture`);
      step.derived = true;
    }
    if (s.coreutils !== undefined) {
      if (s.coreutils !== true) fail(name, `step ${i + 1}: coreutils must be true when given`);
      if (step.capture) fail(name, `step ${i + 1}: a capture step cannot be a coreutils step`);
      step.coreutils = true;
    }
    if (s.override !== undefined) {
      const o = s.override as Record<string, unknown>;
      if (step.coreutils && o && typeof o === 'object' && (o.stdout !== undefined || o.stderr !== undefined)) {
        fail(name, `step ${i + 1}: a coreutils step compares only the exit code; override only exit`);
      }
      if (!o || typeof o !== 'object' || typeof o.reason !== 'string' || o.reason.trim() === '') {
        fail(name, `step ${i + 1}: override needs a reason`);
      }
      if (step.capture) fail(name, `step ${i + 1}: a capture step cannot be overridden`);
      const override: Override = { reason: o.reason };
      for (const k of Object.keys(o))
        if (!['stdout', 'stderr', 'exit', 'reason'].includes(k)) fail(name, `step ${i + 1}: unknown override key ${k}`);
      if (o.stdout !== undefined) {
        if (typeof o.stdout !== 'string') fail(name, `step ${i + 1}: override.stdout must be a string`);
        override.stdout = o.stdout;
      }
      if (o.stderr !== undefined) {
        if (typeof o.stderr !== 'string') fail(name, `step ${i + 1}: override.stderr must be a string`);
        override.stderr = o.stderr;
      }
      if (o.exit !== undefined) {
        if (!Number.isInteger(o.exit)) fail(name, `step ${i + 1}: override.exit must be an integer`);
        override.exit = o.exit as number;
      }
      step.override = override;
    }
    return step;
  });
  return { name, description: doc.description, pending: doc.pending, swarm: doc.swarm, files, steps };
}

export function listScenarioNames(): string[] {
  return readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function loadScenario(name: string): Scenario {
  const file = join(scenariosDir, `${name}.yaml`);
  if (!existsSync(file)) throw new Error(`no such scenario: ${name} (${file})`);
  return parseScenario(name, readFileSync(file, 'utf8'));
}

export function recordingPath(name: string): string {
  return join(recordedDir, `${name}.json`);
}

export function loadRecording(name: string): Recording | undefined {
  const file = recordingPath(name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

/** Pretty-printed, fixed key order, trailing newline: diff-friendly for review. */
export function serializeRecording(r: Recording): string {
  const ordered: Recording = {
    scenario: r.scenario,
    client: r.client,
    engine: r.engine,
    ...(r.hostname !== undefined ? { hostname: r.hostname } : {}),
    recordedAt: r.recordedAt,
    ...(r.setup !== undefined ? { setup: r.setup } : {}),
    steps: r.steps.map((s) => ({ run: s.run, stdout: s.stdout, stderr: s.stderr, exit: s.exit })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes the scenario's files into dir (which must exist). */
export function materializeFiles(scenario: Scenario, dir: string): void {
  for (const [file, spec] of Object.entries(scenario.files)) {
    const path = join(dir, file);
    if (typeof spec === 'object' && 'dir' in spec) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    if (typeof spec === 'string') writeFileSync(path, spec);
    else if ('base64' in spec) writeFileSync(path, Buffer.from(spec.base64, 'base64'));
    else if ('helper' in spec) writeFileSync(path, readFileSync(join(helpersDir, spec.helper)));
    else {
      const unit = Buffer.from(spec.fill);
      const buf = Buffer.alloc(spec.size);
      for (let off = 0; off < spec.size; off += unit.length) unit.copy(buf, off, 0, Math.min(unit.length, spec.size - off));
      writeFileSync(path, buf);
    }
  }
}

/** The fields of a step that the suite compares: only `exit` for coreutils steps. */
export function comparedFields(step: Pick<Step, 'coreutils'> | undefined): Array<keyof StepOutput> {
  return step?.coreutils ? ['exit'] : ['stdout', 'stderr', 'exit'];
}

/** The recorded outputs with each step's override applied (what tsecret must match). */
export function expectedOutputs(scenario: Scenario, recording: Recording): StepOutput[] {
  const everything = recording.steps.map((s) => s.stdout + s.stderr).join('\n');
  const captured = new Map<string, string>();
  return recording.steps.map((s, i) => {
    const step = scenario.steps[i];
    const o = step?.override;
    const expand = (text: string, recorded: string) => rekeyOverride(expandCaptures(text, captured), recorded, everything);
    const out = {
      stdout: o?.stdout === undefined ? s.stdout : expand(o.stdout, s.stdout),
      stderr: o?.stderr === undefined ? s.stderr : expand(o.stderr, s.stderr),
      exit: o?.exit ?? s.exit,
    };
    if (step?.capture) captured.set(step.capture, s.stdout.trim());
    return out;
  });
}

/** `${NAME}` in an override: the value this recording captured as NAME (the argument an error quotes). */
function expandCaptures(text: string, captured: Map<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => captured.get(name) ?? whole);
}

/** The random values an override's raw text may hold: container IDs (64 hex, 12 hex) and swarm IDs. */
const OVERRIDE_ID_KINDS = [
  /(?<![0-9a-z])[0-9a-f]{64}(?![0-9a-z])/g,
  /(?<![0-9a-z])[0-9a-z]{25}(?![0-9a-z])/g,
  /(?<![0-9a-z])[0-9a-f]{12}(?![0-9a-z])/g,
];

/**
 * An override is raw text holding the IDs of the recording it was written against; a re-recording
 * has new ones (and an old ID left in the override would be numbered as one more container by the
 * normalizer, shifting every number after it). Each ID of the override that this recording does
 * not contain is replaced by the one at the same place (same kind, counted in order) in this
 * recording's own output of the step.
 */
export function rekeyOverride(override: string, recorded: string, everything: string): string {
  let text = override;
  for (const kind of OVERRIDE_ID_KINDS) {
    const here = recorded.match(kind) ?? [];
    let k = 0;
    text = text.replace(kind, (id) => {
      const at = k++;
      return everything.includes(id) ? id : (here[at] ?? id);
    });
  }
  return text;
}

/** Why a recording no longer fits its scenario, or undefined when it does. */
/** See Recording.setup. Helper files count by content, so editing converge.sh marks its users stale. */
export function setupDigest(scenario: Scenario): string {
  const files = Object.keys(scenario.files)
    .sort()
    .map((name) => {
      const spec = scenario.files[name];
      const helper = typeof spec === 'object' && 'helper' in spec ? readFileSync(join(helpersDir, spec.helper), 'utf8') : undefined;
      return [name, spec, helper];
    });
  return createHash('sha256')
    .update(JSON.stringify({ swarm: scenario.swarm, files }))
    .digest('hex')
    .slice(0, 16);
}

export function recordingMismatch(scenario: Scenario, recording: Recording): string | undefined {
  if (recording.scenario !== scenario.name) return `recording is for scenario ${recording.scenario}`;
  if (recording.setup !== setupDigest(scenario)) return "the scenario's swarm flag or files changed since it was recorded";
  if (recording.steps.length !== scenario.steps.length) {
    return `scenario has ${scenario.steps.length} steps, recording has ${recording.steps.length}`;
  }
  for (let i = 0; i < scenario.steps.length; i++) {
    if (recording.steps[i].run !== scenario.steps[i].run) {
      return `step ${i + 1} differs: scenario runs ${JSON.stringify(scenario.steps[i].run)}, recording ran ${JSON.stringify(recording.steps[i].run)}`;
    }
  }
  return undefined;
}
