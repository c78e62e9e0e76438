// What --secret and --config values share (docker/cli opts/swarmopts/secret.go SecretOpt.Set and
// config.go ConfigOpt.Set are the same parser, worded with their own kind): `NAME`, or CSV fields
// source|src, target, uid, gid, mode.
import type { FileTarget } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { parseGoInt } from '../go/strconv/atoi.js';

export interface FileReferenceOpt {
  /** The secret's or config's name. */
  source: string;
  file: FileTarget;
}

export function parseFileReferenceOpt(kind: 'secret' | 'config', value: string): FileReferenceOpt {
  const fields = csvRecord(value);
  const ref: FileReferenceOpt = { source: '', file: { Name: '', UID: '0', GID: '0', Mode: 0o444 } };
  if (fields.length === 1 && !fields[0].includes('=')) {
    ref.file.Name = fields[0];
    ref.source = fields[0];
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
        ref.source = val;
        break;
      case 'target':
        ref.file.Name = val;
        break;
      case 'uid':
        ref.file.UID = val;
        break;
      case 'gid':
        ref.file.GID = val;
        break;
      case 'mode':
        try {
          ref.file.Mode = Number(parseGoInt(val, 32, false));
        } catch (err) {
          throw new Error(`invalid mode specified: ${(err as Error).message}`);
        }
        break;
      default:
        throw new Error(`invalid field in ${kind} request: ${key}`);
    }
  }
  if (ref.source === '') throw new Error('source is required');
  if (ref.file.Name === '') ref.file.Name = ref.source;
  return ref;
}
