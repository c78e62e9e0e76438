// --secret / --secret-add values and compose's long secret syntax (docker/cli opts/swarmopts/secret.go).
import type { SecretReference } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { parseGoInt } from '../go/strconv/atoi.js';

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
