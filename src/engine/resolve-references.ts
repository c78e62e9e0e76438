// The client-side resolution of secret references to IDs before a service is sent to the daemon
// (docker/cli cli/command/service/parse.go ParseSecrets); service create/update and stack deploy
// share it.
import type { SecretReference } from '../api/services.js';
import { parseSecretOpt } from '../opts/secret.js';
import type { Engine } from './client.js';

/**
 * ParseSecrets: a duplicate target is refused (naming the later source), then every source must
 * be a secret's exact name. Docker's order here is Go map order; tsecret keeps the order given.
 */
export async function resolveSecretRefs(engine: Engine, values: string[]): Promise<SecretReference[]> {
  return parseSecrets(engine, values.map(parseSecretOpt));
}

/** ParseSecrets on references already built (stack deploy's come from the compose file). */
export async function parseSecrets(engine: Pick<Engine, 'secretList'>, refs: SecretReference[]): Promise<SecretReference[]> {
  if (refs.length === 0) return [];
  const targets = new Set<string>();
  for (const ref of refs) {
    if (targets.has(ref.File.Name)) throw new Error(`duplicate secret target for ${ref.SecretName} not allowed`);
    targets.add(ref.File.Name);
  }
  const secrets = await engine.secretList(new Map([['name', [...new Set(refs.map((r) => r.SecretName))]]]));
  return refs.map((ref) => {
    const found = secrets.find((s) => s.Spec.Name === ref.SecretName);
    if (!found) throw new Error(`secret not found: ${ref.SecretName}`);
    return { ...ref, SecretID: found.ID };
  });
}
