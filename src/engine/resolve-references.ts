// The client-side resolution of secret and config references to IDs before a service is sent to
// the daemon (docker/cli cli/command/service/parse.go ParseSecrets, ParseConfigs); service
// create/update and stack deploy share it.

import type { Filters } from '../api/filters.js';
import type { ConfigReference, SecretReference } from '../api/services.js';
import { parseConfigOpt } from '../opts/config.js';
import { parseSecretOpt } from '../opts/secret.js';
import type { Engine } from './client.js';

export async function resolveSecretRefs(engine: Pick<Engine, 'secretList'>, values: string[]): Promise<SecretReference[]> {
  return parseSecrets(engine, values.map(parseSecretOpt));
}

export async function resolveConfigRefs(engine: Pick<Engine, 'configList'>, values: string[]): Promise<ConfigReference[]> {
  return parseConfigs(engine, values.map(parseConfigOpt));
}

/** ParseSecrets on references already built (stack deploy's come from the compose file). */
export async function parseSecrets(engine: Pick<Engine, 'secretList'>, refs: SecretReference[]): Promise<SecretReference[]> {
  const ids = await resolveIDs(
    'secret',
    refs.map((r) => ({ name: r.SecretName, target: r.File.Name })),
    (f) => engine.secretList(f),
  );
  return refs.map((ref, i) => ({ ...ref, SecretID: ids[i] }));
}

/**
 * ParseConfigs: file targets as secrets; a runtime reference (a credential spec's config) is
 * needed once however often it is named, and comes after the files.
 */
export async function parseConfigs(engine: Pick<Engine, 'configList'>, refs: ConfigReference[]): Promise<ConfigReference[]> {
  const files = refs.filter((r) => !r.Runtime);
  const runtimes = [...new Map(refs.filter((r) => r.Runtime).map((r) => [r.ConfigName, r])).values()];
  const ids = await resolveIDs(
    'config',
    [...files.map((r) => ({ name: r.ConfigName, target: r.File?.Name })), ...runtimes.map((r) => ({ name: r.ConfigName }))],
    (f) => engine.configList(f),
  );
  return [...files, ...runtimes].map((ref, i) => ({ ...ref, ConfigID: ids[i] }));
}

interface Wanted {
  name: string;
  /** The file target; undefined for a runtime-only config. */
  target?: string;
}

/**
 * A duplicate target is refused (naming the later source), then every source must be an
 * object's exact name (the daemon's name filter matches prefixes). Docker's order here is Go map
 * order; tsecret keeps the order given.
 */
async function resolveIDs(
  kind: 'secret' | 'config',
  wanted: Wanted[],
  list: (filters: Filters) => Promise<{ ID: string; Spec: { Name: string } }[]>,
): Promise<string[]> {
  if (wanted.length === 0) return [];
  const targets = new Set<string>();
  for (const w of wanted) {
    if (w.target === undefined) continue;
    if (targets.has(w.target)) throw new Error(`duplicate ${kind} target for ${w.name} not allowed`);
    targets.add(w.target);
  }
  const found = await list(new Map([['name', [...new Set(wanted.map((w) => w.name))]]]));
  return wanted.map((w) => {
    const hit = found.find((o) => o.Spec.Name === w.name);
    if (!hit) throw new Error(`${kind} not found: ${w.name}`);
    return hit.ID;
  });
}
