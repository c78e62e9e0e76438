// --config / --config-add values (docker/cli opts/swarmopts/config.go): a file target, mode 0444
// owned by 0:0 unless the long form says otherwise.
import type { ConfigReference } from '../api/services.js';
import { parseFileReferenceOpt } from './file-reference.js';

/** A --config value, checked when the flag is parsed (errors are flag errors, exit 125). */
export function validateConfigOpt(value: string): string {
  parseConfigOpt(value);
  return value;
}

export function parseConfigOpt(value: string): ConfigReference {
  const { source, file } = parseFileReferenceOpt('config', value);
  return { File: file, ConfigID: '', ConfigName: source };
}
