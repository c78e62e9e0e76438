// Interpolation of a parsed compose file (docker/cli cli/compose/interpolation + loader/interpolate.go):
// every string is substituted; a string that changed and sits at one of docker's typed paths is
// cast (int, float or YAML 1.1 boolean). Keys are walked in file order (docker walks Go maps, so
// which of two bad values it reports first is random).
import { quoteGo } from '../go/strconv/quote.js';
import { ComposeError } from './errors.js';
import { InvalidTemplateError, type Mapping, substitute } from './template.js';
import { isYamlMap, newMap, type YamlValue } from './yaml.js';

type Cast = (value: string) => YamlValue;

class CastError extends Error {}

/** strconv.Atoi. */
function toInt(value: string): number {
  if (/^[+-]?[0-9]+$/.test(value)) {
    const n = Number(value);
    if (Math.abs(n) < 2 ** 63) return n;
    throw new CastError(`strconv.Atoi: parsing ${quoteGo(value)}: value out of range`);
  }
  throw new CastError(`strconv.Atoi: parsing ${quoteGo(value)}: invalid syntax`);
}

/** strconv.ParseFloat(value, 64). */
function toFloat(value: string): number {
  const s = value.replace(/^[+-]/, '');
  if (/^(inf|infinity)$/i.test(s)) return value.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (/^([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9]+)?$/.test(s) && !s.includes('_')) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    throw new CastError(`strconv.ParseFloat: parsing ${quoteGo(value)}: value out of range`);
  }
  throw new CastError(`strconv.ParseFloat: parsing ${quoteGo(value)}: invalid syntax`);
}

function toBoolean(value: string): boolean {
  switch (value.toLowerCase()) {
    case 'y':
    case 'yes':
    case 'true':
    case 'on':
      return true;
    case 'n':
    case 'no':
    case 'false':
    case 'off':
      return false;
  }
  throw new CastError(`invalid boolean: ${value}`);
}

const svc = (...parts: string[]) => ['services', '*', ...parts].join('.');

const CASTS: [string, Cast][] = [
  [svc('configs', '[]', 'mode'), toInt],
  [svc('secrets', '[]', 'mode'), toInt],
  [svc('healthcheck', 'retries'), toInt],
  [svc('healthcheck', 'disable'), toBoolean],
  [svc('deploy', 'replicas'), toInt],
  [svc('deploy', 'update_config', 'parallelism'), toInt],
  [svc('deploy', 'update_config', 'max_failure_ratio'), toFloat],
  [svc('deploy', 'rollback_config', 'parallelism'), toInt],
  [svc('deploy', 'rollback_config', 'max_failure_ratio'), toFloat],
  [svc('deploy', 'restart_policy', 'max_attempts'), toInt],
  [svc('deploy', 'placement', 'max_replicas_per_node'), toInt],
  [svc('ports', '[]', 'target'), toInt],
  [svc('ports', '[]', 'published'), toInt],
  [svc('ulimits', '*'), toInt],
  [svc('ulimits', '*', 'hard'), toInt],
  [svc('ulimits', '*', 'soft'), toInt],
  [svc('privileged'), toBoolean],
  [svc('read_only'), toBoolean],
  [svc('stdin_open'), toBoolean],
  [svc('tty'), toBoolean],
  [svc('volumes', '[]', 'read_only'), toBoolean],
  [svc('volumes', '[]', 'volume', 'nocopy'), toBoolean],
  ['networks.*.external', toBoolean],
  ['networks.*.internal', toBoolean],
  ['networks.*.attachable', toBoolean],
  ['volumes.*.external', toBoolean],
  ['secrets.*.external', toBoolean],
  ['configs.*.external', toBoolean],
];

function casterFor(path: string): Cast | undefined {
  const parts = path.split('.');
  for (const [pattern, cast] of CASTS) {
    const pp = pattern.split('.');
    if (pp.length !== parts.length) continue;
    if (pp.every((p, i) => p === '*' || p === parts[i])) return cast;
  }
  return undefined;
}

/** interpolation.Interpolate with docker's cast mapping. Throws ComposeError. */
export function interpolateConfig(config: Record<string, YamlValue>, mapping: Mapping): Record<string, YamlValue> {
  const out = newMap();
  for (const [key, value] of Object.entries(config)) out[key] = recurse(value, key, mapping);
  return out;
}

function recurse(value: YamlValue, path: string, mapping: Mapping): YamlValue {
  if (typeof value === 'string') {
    let newValue: string;
    try {
      newValue = substitute(value, mapping);
    } catch (err) {
      if (err instanceof InvalidTemplateError) {
        throw new ComposeError(
          `invalid interpolation format for ${path}: ${quoteGo(err.template)}; you may need to escape any $ with another $`,
        );
      }
      throw err;
    }
    if (newValue === value) return value;
    const cast = casterFor(path);
    if (!cast) return newValue;
    try {
      return cast(newValue);
    } catch (err) {
      if (err instanceof CastError)
        throw new ComposeError(`error while interpolating ${path}: failed to cast to expected type: ${err.message}`);
      throw err;
    }
  }
  if (Array.isArray(value)) return value.map((v) => recurse(v, `${path}.[]`, mapping));
  if (isYamlMap(value)) {
    const out = newMap();
    for (const [k, v] of Object.entries(value)) out[k] = recurse(v, `${path}.${k}`, mapping);
    return out;
  }
  return value;
}
