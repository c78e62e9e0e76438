// Secret and config rules of swarmkit's control API (manager/controlapi/secret.go, config.go,
// common.go) and moby's lookups (daemon/cluster/helpers.go getSecret, getConfig). The two kinds
// follow the same rules, worded with their own name; only their payload limits and secret drivers
// differ.
import type { Filters } from '../../api/filters.js';
import type { ConfigSpec, SecretSpec } from '../../api/swarm.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';

export type ObjectKind = 'secret' | 'config';

/** What lookups and filters need of a secret or a config. */
export interface NamedObject {
  ID: string;
  Spec: { Name: string; Labels: Record<string, string> };
}

const VALID_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;
/** swarmkit MaxSecretSize: 500 KiB, and a payload of exactly that size is refused. */
export const MAX_SECRET_SIZE = 500 * 1024;
/** swarmkit MaxConfigSize: 1000 KiB, likewise exclusive. */
export const MAX_CONFIG_SIZE = 1000 * 1024;

/** validateConfigOrSecretAnnotations. */
function validateAnnotations(name: string): void {
  if (name === '') throw rpcError('InvalidArgument', 'name must be provided');
  if (name.length > 64 || !VALID_NAME.test(name)) {
    throw rpcError(
      'InvalidArgument',
      'invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]',
    );
  }
}

function validateSize(kind: ObjectKind, data: Uint8Array, max: number): void {
  if (data.length === 0 || data.length >= max) {
    throw rpcError('InvalidArgument', `${kind} data must be larger than 0 and less than ${max} bytes`);
  }
}

export function validateSecretSpec(spec: SecretSpec, data: Buffer): void {
  validateAnnotations(spec.Name);
  if (spec.Driver) {
    if (!spec.Driver.Name) throw rpcError('InvalidArgument', 'secret driver must have a name');
    // External secrets come from a secret-store plugin; a simulated node has none installed.
    throw rpcError('Unknown', `plugin ${quoteGo(spec.Driver.Name)} not found`);
  }
  validateSize('secret', data, MAX_SECRET_SIZE);
}

/** validateConfigSpec: the template driver is only checked when a task renders the config. */
export function validateConfigSpec(spec: ConfigSpec): void {
  validateAnnotations(spec.Name);
  validateSize('config', spec.Data, MAX_CONFIG_SIZE);
}

/** The store's name index ignores case: `C1` collides with `c1`. */
export function checkObjectNameFree(kind: ObjectKind, objects: NamedObject[], name: string): void {
  const lower = name.toLowerCase();
  if (objects.some((o) => o.Spec.Name.toLowerCase() === lower)) throw rpcError('AlreadyExists', `${kind} ${name} already exists`);
}

/**
 * moby getSecret / getConfig: full ID, then name ignoring case, then ID prefix; the reference
 * trimmed first, as the Go client's trimID does.
 */
export function resolveObject<T extends NamedObject>(kind: ObjectKind, objects: T[], untrimmed: string): T {
  const ref = untrimmed.trim();
  if (ref === '') throw new Error(`invalid ${kind} name or ID: value is empty`);
  const byId = objects.find((o) => o.ID === ref);
  if (byId) return byId;
  const lower = ref.toLowerCase();
  const byName = objects.find((o) => o.Spec.Name.toLowerCase() === lower);
  if (byName) return byName;
  const byPrefix = objects.filter((o) => o.ID.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw objectAmbiguous(kind, ref, byPrefix.length);
  throw objectNotFound(kind, ref);
}

/**
 * ListSecrets / ListConfigs: id/name/names values are ORed together; label filters are ANDed on top.
 * (Only secrets accept `names`: the daemon refuses it for configs before this runs.)
 */
export function filterObjects<T extends NamedObject>(objects: T[], filters: Filters): T[] {
  const ids = filters.get('id') ?? [];
  const names = (filters.get('name') ?? []).map((n) => n.toLowerCase());
  const exact = (filters.get('names') ?? []).map((n) => n.toLowerCase());
  const anyRef = ids.length + names.length + exact.length > 0;
  return objects.filter((o) => {
    const lower = o.Spec.Name.toLowerCase();
    if (anyRef && !(ids.some((p) => o.ID.startsWith(p)) || names.some((p) => lower.startsWith(p)) || exact.includes(lower))) {
      return false;
    }
    return matchLabels(o.Spec.Labels, filters.get('label'));
  });
}

/** RemoveSecret / RemoveConfig refuse while a service references the object. */
export function checkNotInUse(kind: ObjectKind, name: string, users: string[]): void {
  if (users.length === 0) return;
  // Go ranges over services in store order (random IDs); tsecret names them sorted
  const sorted = [...users].sort();
  throw rpcError(
    'InvalidArgument',
    `${kind} '${name}' is in use by the following service${sorted.length > 1 ? 's' : ''}: ${sorted.join(', ')}`,
  );
}

/** UpdateSecret / UpdateConfig: only the labels may change; the same data may be sent again. */
export function checkOnlyLabelsChange(current: { Name: string; data: () => Uint8Array }, next: { Name: string; Data?: Uint8Array }): void {
  if (next.Name !== current.Name || (next.Data !== undefined && !Buffer.from(next.Data).equals(Buffer.from(current.data())))) {
    throw rpcError('InvalidArgument', 'only updates to Labels are allowed');
  }
}
