// --secret / --secret-add values (docker/cli opts/swarmopts/secret.go) and their client-side
// resolution to secret IDs (cli/command/service/parse.go ParseSecrets).
import type { Engine } from '../../engine/client.js';
import type { SecretReference } from '../../api/services.js';
import { csvRecord, parseGoInt } from '../flags.js';

/** A --secret value, checked when the flag is parsed (errors are flag errors, exit 125). */
export function validateSecretOpt(value: string): string {
  parseSecretOpt(value);
  return value;
}

export function parseSecretOpt(value: string): SecretReference {
  const fields = csvRecord(value);
  const ref: SecretReference = { File: { Name: '', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: '' };
  if (fields.length === 1 && !fields[0].includes('=')) {
    ref.File.Name = fields[0];
    ref.SecretName = fields[0];
    return ref;
  }
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? '' : field.slice(0, eq);
    const val = field.slice(eq + 1);
    if (eq < 0 || key === '') throw new Error(`invalid field '${field}' must be a key=value pair`);
    switch (key.toLowerCase()) {
      case 'source':
      case 'src':
        ref.SecretName = val;
        break;
      case 'target':
        ref.File.Name = val;
        break;
      case 'uid':
        ref.File.UID = val;
        break;
      case 'gid':
        ref.File.GID = val;
        break;
      case 'mode':
        try {
          ref.File.Mode = Number(parseGoInt(val, 32, false));
        } catch (err) {
          throw new Error(`invalid mode specified: ${(err as Error).message}`);
        }
        break;
      default:
        throw new Error(`invalid field in secret request: ${key}`);
    }
  }
  if (ref.SecretName === '') throw new Error('source is required');
  if (ref.File.Name === '') ref.File.Name = ref.SecretName;
  return ref;
}

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
