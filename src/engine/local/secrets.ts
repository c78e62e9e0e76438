// Secret rules of swarmkit's control API (manager/controlapi/secret.go, common.go) and moby's lookup.
import type { Filters } from '../../api/filters.js';
import type { Secret, SecretSpec } from '../../api/swarm.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { objectAmbiguous, objectNotFound, rpcError } from '../errors.js';
import { matchLabels } from '../filters.js';

const VALID_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;
/** swarmkit MaxSecretSize: 500 KiB, and a payload of exactly that size is refused. */
export const MAX_SECRET_SIZE = 500 * 1024;

export function validateSecretSpec(spec: SecretSpec, data: Buffer): void {
  if (spec.Name === '') throw rpcError('InvalidArgument', 'name must be provided');
  if (spec.Name.length > 64 || !VALID_NAME.test(spec.Name)) {
    throw rpcError(
      'InvalidArgument',
      'invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]',
    );
  }
  if (spec.Driver) {
    if (!spec.Driver.Name) throw rpcError('InvalidArgument', 'secret driver must have a name');
    // External secrets come from a secret-store plugin; a simulated node has none installed.
    throw rpcError('Unknown', `plugin ${quoteGo(spec.Driver.Name)} not found`);
  }
  if (data.length === 0 || data.length >= MAX_SECRET_SIZE) {
    throw rpcError('InvalidArgument', `secret data must be larger than 0 and less than ${MAX_SECRET_SIZE} bytes`);
  }
}

/** moby getSecret: full ID, then name ignoring case, then ID prefix. */
export function resolveSecret(secrets: Secret[], ref: string): Secret {
  if (ref === '') throw new Error('invalid secret name or ID: value is empty');
  const byId = secrets.find((s) => s.ID === ref);
  if (byId) return byId;
  const lower = ref.toLowerCase();
  const byName = secrets.find((s) => s.Spec.Name.toLowerCase() === lower);
  if (byName) return byName;
  const byPrefix = secrets.filter((s) => s.ID.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw objectAmbiguous('secret', ref, byPrefix.length);
  throw objectNotFound('secret', ref);
}

/** ListSecrets: id/name/names values are ORed together; label filters are ANDed on top. */
export function filterSecrets(secrets: Secret[], filters: Filters): Secret[] {
  const ids = filters.get('id') ?? [];
  const names = (filters.get('name') ?? []).map((n) => n.toLowerCase());
  const exact = (filters.get('names') ?? []).map((n) => n.toLowerCase());
  const anyRef = ids.length + names.length + exact.length > 0;
  return secrets.filter((s) => {
    const lower = s.Spec.Name.toLowerCase();
    if (anyRef && !(ids.some((p) => s.ID.startsWith(p)) || names.some((p) => lower.startsWith(p)) || exact.includes(lower))) {
      return false;
    }
    return matchLabels(s.Spec.Labels, filters.get('label'));
  });
}
