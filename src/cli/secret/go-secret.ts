// The typed objects `secret inspect --format` and `config inspect --format` templates run on:
// moby's swarm.Secret and swarm.Config as Go sees them, so {{.CreatedAt}} prints Time.String(),
// {{.Version}} prints {11}, {{.Spec.Name}} is promoted from the embedded Annotations and a
// config's {{.Spec.Data}} is a []byte.
import type { Config, Driver, Secret } from '../../api/swarm.js';
import { apiJSON } from '../../format/api-json.js';
import { GoTime } from '../../format/gotime.js';
import { goJSON, goMap, GoNil, goStruct } from '../../format/govalue.js';

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

/** A swarm.Secret or swarm.Config: ID, the embedded Meta, then the spec built by `fields`. */
function goObject(
  type: 'swarm.Secret' | 'swarm.Config',
  o: Secret | Config,
  fields: (annotations: object) => Record<string, unknown>,
): object {
  const meta = goStruct('swarm.Meta', {
    Version: goStruct('swarm.Version', { Index: o.Version.Index }),
    CreatedAt: new GoTime(o.CreatedAt),
    UpdatedAt: new GoTime(o.UpdatedAt),
  });
  const annotations = goStruct('swarm.Annotations', { Name: o.Spec.Name, Labels: goMap({ ...o.Spec.Labels }) });
  const spec = promote(goStruct(`${type}Spec`, fields(annotations)), annotations);
  // json.Marshal flattens embedded structs and omits empty fields: exactly the API's own JSON
  Object.defineProperty(spec, goJSON, { value: () => apiJSON(o.Spec) });
  const object = promote(goStruct(type, { ID: o.ID, Meta: meta, Spec: spec }), meta);
  Object.defineProperty(object, goJSON, { value: () => apiJSON(o) });
  return object;
}

export function goSecret(s: Secret): object {
  return goObject('swarm.Secret', s, (annotations) => ({
    Annotations: annotations,
    Data: [] as number[],
    Driver: goDriver(s.Spec.Driver),
    Templating: goDriver(s.Spec.Templating),
  }));
}

export function goConfig(c: Config): object {
  return goObject('swarm.Config', c, (annotations) => ({
    Annotations: annotations,
    Data: c.Spec.Data,
    Templating: goDriver(c.Spec.Templating),
  }));
}
