// What the lint rules read: the secrets, configs and services of the compose files, merged as
// docker's loader merges them (a later file's top-level secret replaces the earlier one whole;
// service references are merged by source, environment entries by name), each part remembering the
// file and YAML path it came from. Built from the parsed YAML itself rather than the loaded
// types.Config, because the rules need the source positions, the values as written before
// interpolation (a `${VAR}` is no literal password), and keys that docker's stack loader refuses
// but `docker compose` takes (`environment:` secrets, when the target is compose).
import { isYamlMap, type YamlMap, type YamlValue } from '../yaml.js';
import type { ComposeSource, YamlPath } from './source.js';

/** Where a part of the model is written: a file and a path into it. */
export interface Origin {
  source: ComposeSource;
  path: YamlPath;
}

export type ObjectKind = 'secret' | 'config';

/** A top-level `secrets:` or `configs:` entry. */
export interface FileObject {
  kind: ObjectKind;
  key: string;
  at: Origin;
  /** `name:` (interpolated), or the deprecated `external: {name:}`. */
  name?: string;
  /** Whether `name:`, as written, uses interpolation (`${STACK}_db`). */
  nameInterpolated: boolean;
  external: boolean;
  /** `file:` as written (interpolated), not yet resolved against the working dir. */
  file?: string;
  /** compose-spec sources: `environment:` (and `content:` for configs). */
  environmentSource?: 'environment' | 'content';
  driver?: string;
  templateDriver?: string;
}

/** A service's reference to a secret or config (short `- key` or long `{source, target, …}`). */
export interface ObjectRef {
  kind: ObjectKind;
  source: string;
  target?: string;
  /** Which of uid, gid, mode the long form sets. */
  fileOptions: ('uid' | 'gid' | 'mode')[];
  at: Origin;
}

export interface EnvEntry {
  key: string;
  /** Interpolated; null for a bare key (its value comes from the client's environment). */
  value: string | null;
  /** The value is written out in the file, not substituted from a variable. */
  literal: boolean;
  at: Origin;
}

export interface ServiceModel {
  name: string;
  at: Origin;
  image?: string;
  environment: EnvEntry[];
  secrets: ObjectRef[];
  configs: ObjectRef[];
}

export interface LintModel {
  /** The folder relative `file:` paths resolve against: the first file's, or the cwd for `-`. */
  workingDir: string;
  services: ServiceModel[];
  secrets: Map<string, FileObject>;
  configs: Map<string, FileObject>;
}

/** One compose file: its positions, the YAML as written and as interpolated. */
export interface ParsedCompose {
  source: ComposeSource;
  raw: YamlMap;
  interpolated: YamlMap;
}

const str = (v: YamlValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const map = (v: YamlValue | undefined): YamlMap | undefined => (isYamlMap(v) ? v : undefined);

/** A `$VAR`, `${VAR…}` substitution in a value as written (`$$` is a literal `$`). */
export const isInterpolated = (raw: YamlValue | undefined): boolean =>
  typeof raw === 'string' && /\$[{A-Za-z_]/.test(raw.replaceAll('$$', ''));

function fileObject(kind: ObjectKind, key: string, d: YamlMap, raw: YamlMap | undefined, at: Origin): FileObject {
  const external = d.external;
  const o: FileObject = { kind, key, at, external: external === true || isYamlMap(external), nameInterpolated: isInterpolated(raw?.name) };
  const name = str(d.name) ?? (isYamlMap(external) ? str(external.name) : undefined);
  if (name !== undefined) o.name = name;
  if (isYamlMap(external) && isInterpolated(map(raw?.external)?.name)) o.nameInterpolated = true;
  if (str(d.file) !== undefined) o.file = str(d.file);
  if (d.environment !== undefined) o.environmentSource = 'environment';
  else if (kind === 'config' && d.content !== undefined) o.environmentSource = 'content';
  if (str(d.driver) !== undefined) o.driver = str(d.driver);
  if (str(d.template_driver) !== undefined) o.templateDriver = str(d.template_driver);
  return o;
}

function refs(kind: ObjectKind, list: YamlValue | undefined, at: (i: number) => Origin): ObjectRef[] {
  if (!Array.isArray(list)) return [];
  const out: ObjectRef[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') out.push({ kind, source: item, fileOptions: [], at: at(i) });
    else if (isYamlMap(item) && typeof item.source === 'string') {
      const ref: ObjectRef = {
        kind,
        source: item.source,
        fileOptions: (['uid', 'gid', 'mode'] as const).filter((k) => item[k] !== undefined),
        at: at(i),
      };
      if (str(item.target) !== undefined) ref.target = str(item.target);
      out.push(ref);
    }
  });
  return out;
}

function environment(d: YamlValue | undefined, raw: YamlValue | undefined, at: (k: string | number) => Origin): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (isYamlMap(d)) {
    for (const [key, v] of Object.entries(d)) {
      const rawValue = isYamlMap(raw) ? raw[key] : undefined;
      const value = v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      out.push({ key, value, literal: v !== null && !isInterpolated(rawValue), at: at(key) });
    }
  } else if (Array.isArray(d)) {
    d.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const rawItem = Array.isArray(raw) ? raw[i] : undefined;
      const eq = item.indexOf('=');
      const rawValue = typeof rawItem === 'string' && rawItem.includes('=') ? rawItem.slice(rawItem.indexOf('=') + 1) : undefined;
      if (eq < 0) out.push({ key: item, value: null, literal: false, at: at(i) });
      else out.push({ key: item.slice(0, eq), value: item.slice(eq + 1), literal: !isInterpolated(rawValue), at: at(i) });
    });
  }
  return out;
}

/** Later entries replace earlier ones with the same key, in place; new ones are appended. */
function mergeBy<T>(base: T[], next: T[], key: (t: T) => string): T[] {
  const out = [...base];
  for (const item of next) {
    const i = out.findIndex((o) => key(o) === key(item));
    if (i >= 0) out[i] = item;
    else out.push(item);
  }
  return out;
}

/** The model of the files, merged in order (docker's loader.merge). */
export function buildModel(files: ParsedCompose[], workingDir: string): LintModel {
  const services = new Map<string, ServiceModel>();
  const objects: Record<ObjectKind, Map<string, FileObject>> = { secret: new Map(), config: new Map() };
  for (const { source, raw, interpolated } of files) {
    for (const kind of ['secret', 'config'] as const) {
      const section = `${kind}s`;
      for (const [key, d] of Object.entries(map(interpolated[section]) ?? {})) {
        objects[kind].set(key, fileObject(kind, key, map(d) ?? {}, map(map(raw[section])?.[key]), { source, path: [section, key] }));
      }
    }
    const rawServices = map(raw.services);
    for (const [name, d] of Object.entries(map(interpolated.services) ?? {})) {
      const svc = map(d);
      if (!svc) continue;
      const path = ['services', name];
      const here = (...rest: (string | number)[]): Origin => ({ source, path: [...path, ...rest] });
      const next: ServiceModel = {
        name,
        at: here(),
        environment: environment(svc.environment, map(rawServices?.[name])?.environment, (k) => here('environment', k)),
        secrets: refs('secret', svc.secrets, (i) => here('secrets', i)),
        configs: refs('config', svc.configs, (i) => here('configs', i)),
      };
      if (str(svc.image) !== undefined) next.image = str(svc.image);
      const cur = services.get(name);
      services.set(
        name,
        cur
          ? {
              name,
              at: cur.at,
              ...((next.image ?? cur.image) ? { image: next.image ?? cur.image } : {}),
              environment: mergeBy(cur.environment, next.environment, (e) => e.key),
              secrets: mergeBy(cur.secrets, next.secrets, (r) => r.source),
              configs: mergeBy(cur.configs, next.configs, (r) => r.source),
            }
          : next,
      );
    }
  }
  return {
    workingDir,
    services: [...services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    secrets: objects.secret,
    configs: objects.config,
  };
}
