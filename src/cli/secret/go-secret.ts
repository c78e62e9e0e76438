// The typed object `secret inspect --format` templates run on: moby's swarm.Secret as Go sees it,
// so {{.CreatedAt}} prints Time.String(), {{.Version}} prints {11} and {{.Spec.Name}} is promoted
// from the embedded Annotations.
import type { Driver, Secret } from '../../api/swarm.js';
import { apiJSON } from '../../api/json.js';
import { GoTime } from '../../go/time/time.js';
import { goJSON, goMap, GoNil, goStruct } from '../../go/reflect/value.js';

/** Adds an embedded struct's fields as promoted, non-printing aliases of `embedded`'s fields. */
function promote<T extends object>(target: T, embedded: Record<string, unknown>): T {
  for (const [name, value] of Object.entries(embedded)) {
    Object.defineProperty(target, name, { value, enumerable: false, configurable: true });
  }
  return target;
}

function goDriver(d: Driver | undefined): unknown {
  if (!d) return new GoNil('*swarm.Driver');
  const driver = goStruct('*swarm.Driver', { Name: d.Name, Options: goMap({ ...(d.Options ?? {}) }) });
  // json omits the empty Options map (omitempty), as the API does
  Object.defineProperty(driver, goJSON, { value: () => apiJSON(d) });
  return driver;
}

export function goSecret(s: Secret): object {
  const meta = goStruct('swarm.Meta', {
    Version: goStruct('swarm.Version', { Index: s.Version.Index }),
    CreatedAt: new GoTime(s.CreatedAt),
    UpdatedAt: new GoTime(s.UpdatedAt),
  });
  const annotations = goStruct('swarm.Annotations', { Name: s.Spec.Name, Labels: goMap({ ...s.Spec.Labels }) });
  const spec = promote(
    goStruct('swarm.SecretSpec', {
      Annotations: annotations,
      Data: [] as number[],
      Driver: goDriver(s.Spec.Driver),
      Templating: goDriver(s.Spec.Templating),
    }),
    annotations,
  );
  // json.Marshal flattens embedded structs and omits empty fields: exactly the API's own JSON
  Object.defineProperty(spec, goJSON, { value: () => apiJSON(s.Spec) });
  const secret = promote(goStruct('swarm.Secret', { ID: s.ID, Meta: meta, Spec: spec }), meta);
  Object.defineProperty(secret, goJSON, { value: () => apiJSON(s) });
  return secret;
}
