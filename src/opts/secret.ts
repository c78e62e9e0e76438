// --secret / --secret-add values and compose's long secret syntax (docker/cli opts/swarmopts/secret.go).
import type { SecretReference } from '../api/services.js';
import { parseFileReferenceOpt } from './file-reference.js';

/** A --secret value, checked when the flag is parsed (errors are flag errors, exit 125). */
export function validateSecretOpt(value: string): string {
  parseSecretOpt(value);
  return value;
}

export function parseSecretOpt(value: string): SecretReference {
  const { source, file } = parseFileReferenceOpt('secret', value);
  return { File: file, SecretID: '', SecretName: source };
}
