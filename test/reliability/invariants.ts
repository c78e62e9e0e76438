// What must hold of any state tsecret leaves behind, whatever ran (or was killed) before: the file
// parses, names are unique, references resolve, running tasks have containers, and every secret's
// payload is whole. Returns the problems found, so a failing test shows all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { statePaths } from '../../src/store/paths.js';
import { parseState, type State } from '../../src/store/state.js';
import { StateStore } from '../../src/store/state-store.js';

export function loadState(statePath: string): State {
  return parseState(statePath, readFileSync(statePath, 'utf8'));
}

export interface InvariantOptions {
  /** The payload each secret must hold, by name; secrets not named here only need to decrypt. */
  expectedPayload?: (name: string) => Buffer | undefined;
  /** Payload files no secret names (left by a killed writer) are tolerated, not reported. */
  allowOrphanPayloads?: boolean;
  /** Where remembered unlocks live, for an autolocked store. */
  sessionDir?: string;
}

export function invariantProblems(statePath: string, opts: InvariantOptions = {}): string[] {
  const problems: string[] = [];
  let state: State;
  try {
    state = loadState(statePath);
  } catch (err) {
    return [`state does not load: ${(err as Error).message}`];
  }
  const secretsById = new Map(state.secrets.map((s) => [s.ID, s]));
  const lowerNames = new Set<string>();
  for (const s of state.secrets) {
    const lower = s.Spec.Name.toLowerCase();
    if (lowerNames.has(lower)) problems.push(`two secrets named ${s.Spec.Name}`);
    lowerNames.add(lower);
  }
  const serviceNames = new Set<string>();
  for (const svc of state.services) {
    const lower = svc.Spec.Name.toLowerCase();
    if (serviceNames.has(lower)) problems.push(`two services named ${svc.Spec.Name}`);
    serviceNames.add(lower);
    for (const ref of svc.Spec.TaskTemplate.ContainerSpec.Secrets ?? []) {
      const secret = secretsById.get(ref.SecretID);
      if (!secret) problems.push(`service ${svc.Spec.Name} references missing secret ${ref.SecretName} (${ref.SecretID})`);
      else if (secret.Spec.Name !== ref.SecretName)
        problems.push(`service ${svc.Spec.Name} names secret ${ref.SecretID} ${ref.SecretName}, it is ${secret.Spec.Name}`);
    }
  }
  const serviceIds = new Set(state.services.map((s) => s.ID));
  for (const task of state.tasks) {
    if (!serviceIds.has(task.ServiceID)) problems.push(`task ${task.ID} of a service that is gone`);
    if (task.Status.State !== 'running') continue;
    const container = state.containers.find((c) => c.TaskID === task.ID);
    if (!container) problems.push(`running task ${task.ID} has no container`);
    else if (!container.State.Running) problems.push(`running task ${task.ID} has a stopped container`);
  }
  for (const c of state.containers) {
    if (c.State.Running && !state.tasks.some((t) => t.ID === c.TaskID && t.Status.State === 'running'))
      problems.push(`running container ${c.Id} without a running task`);
    for (const m of c.SecretMounts) {
      if (c.State.Running && !secretsById.has(m.SecretID)) problems.push(`running container ${c.Id} mounts missing secret ${m.SecretName}`);
    }
  }
  // every listed secret has its whole payload (AES-GCM: a torn or foreign file does not open)
  const store = new StateStore(statePaths(statePath), { sessionDir: opts.sessionDir });
  for (const s of state.secrets) {
    try {
      const bytes = store.readPayload(s.ID);
      const want = opts.expectedPayload?.(s.Spec.Name);
      if (want && !bytes.equals(want)) problems.push(`secret ${s.Spec.Name} holds ${bytes.length} bytes, not its ${want.length}`);
    } catch (err) {
      problems.push(`secret ${s.Spec.Name}'s payload does not open: ${(err as Error).message}`);
    }
  }
  const payloadDir = statePaths(statePath).payloads;
  if (!opts.allowOrphanPayloads && existsSync(payloadDir)) {
    for (const f of readdirSync(payloadDir)) {
      if (!f.startsWith('.') && !secretsById.has(f)) problems.push(`payload file ${f} of no secret`);
    }
  }
  return problems;
}

/** Temp files of atomic writes and lock files left in the state directory. */
export function leftovers(statePath: string): string[] {
  const dir = dirname(statePath);
  const base = basename(statePath);
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${d}/${e.name}`);
      else if (e.name.endsWith('.tmp') || e.name === `${base}.lock` || e.name === `${base}.lock.break`)
        found.push(`${d}/${e.name}`.slice(dir.length + 1));
    }
  };
  walk(dir);
  return found;
}
