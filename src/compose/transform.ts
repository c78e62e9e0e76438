// From a validated, interpolated compose mapping to the typed model (docker/cli loader.go
// loadSections/LoadService/LoadNetworks/LoadVolumes/LoadSecrets and the mapstructure transform
// hooks): strings or lists become lists, lists or mappings become mappings, short syntaxes are
// expanded, relative paths resolved, env files read.
import { isAbsolute, join } from 'node:path';
import { goPathError } from '../go/os/error.js';
import { parseGoDuration } from '../go/time/duration.js';
import { ramInBytes } from '../go/units/size.js';
import { parseEnvFile } from '../opts/envfile.js';
import { parseShortPort } from '../opts/port.js';
import { shlexSplit } from '../opts/shlex.js';
import { parseVolume } from '../opts/volume.js';
import { ComposeError } from './errors.js';
import { goSprint } from './schema.js';
import type {
  BuildConfig,
  Config,
  DeployConfig,
  External,
  FileObjectConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  LoggingConfig,
  NetworkConfig,
  Placement,
  Resource,
  ResourceLimit,
  RestartPolicy,
  ServiceConfig,
  ServiceNetworkConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  UlimitsConfig,
  UpdateConfig,
  VolumeConfig,
} from './types.js';
import { isYamlMap, type YamlMap, type YamlValue } from './yaml.js';

export interface TransformContext {
  workingDir: string;
  version: string;
  lookupEnv: (key: string) => string | undefined;
  /** Reads an env_file (sync); throws a Node fs error. */
  readFile?: (path: string) => Uint8Array;
  /** The process environment docker's env-file reader consults for bare keys (os.LookupEnv). */
  warn: (msg: string) => void;
}

type Dict = YamlMap;
const has = (d: Dict, k: string): boolean => Object.hasOwn(d, k);

function str(v: YamlValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : goSprint(v);
}

function num(v: YamlValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** mapstructure's errors while decoding the current service (`cannot parse 'Deploy.Replicas', -1 overflows uint`). */
let decodeErrors: string[] = [];

/** An unsigned Go field: a negative value is mapstructure's overflow error; too big wraps. */
function uint(v: YamlValue | undefined, goPath: string, bits = 64): number | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  if (n < 0) {
    decodeErrors.push(`cannot parse '${goPath}', ${goSprint(Math.trunc(n))} overflows uint`);
    return undefined;
  }
  const t = Math.trunc(n);
  return bits === 32 ? t % 2 ** 32 : t;
}

function bool(v: YamlValue | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function strings(v: YamlValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return [str(v) ?? ''];
  return v.map((x) => str(x) ?? '');
}

/** StringList: a string or a list of strings. */
const stringList = strings;

/** StringOrNumberList: every item printed as %v. */
function stringOrNumberList(v: YamlValue | undefined): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => goSprint(x));
}

/** map[string]string from a mapping: values as %v, null as "". */
function mapStringString(v: YamlValue | undefined): Record<string, string> | undefined {
  if (!isYamlMap(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === null ? '' : goSprint(x);
  return out;
}

/** Mapping / Labels (allowNil false) or MappingWithEquals (allowNil true) from a list or a mapping. */
function mappingOrList(v: YamlValue | undefined, sep: string, allowNil: true): Record<string, string | null> | undefined;
function mappingOrList(v: YamlValue | undefined, sep: string, allowNil: false): Record<string, string> | undefined;
function mappingOrList(v: YamlValue | undefined, sep: string, allowNil: boolean): Record<string, string | null> | undefined {
  if (v === undefined || v === null) return undefined;
  const out: Record<string, string | null> = {};
  if (isYamlMap(v)) {
    for (const [k, x] of Object.entries(v)) out[k] = x === null ? (allowNil ? null : '') : goSprint(x);
    return out;
  }
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = str(item) ?? '';
      const i = s.indexOf(sep);
      if (i < 0) out[s] = allowNil ? null : '';
      else out[s.slice(0, i)] = s.slice(i + sep.length);
    }
    return out;
  }
  return undefined;
}

/** HostsList: a list as is, a mapping as sorted "host<sep>ip" entries (nulls dropped). */
function listOrMapping(v: YamlValue | undefined, sep: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => str(x) ?? '');
  if (isYamlMap(v)) {
    return Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => `${k}${sep}${goSprint(x)}`)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return undefined;
}

function duration(v: YamlValue | undefined, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ComposeError(`error decoding '${field}': invalid type ${goTypeName(v)} for duration`);
  try {
    return parseGoDuration(v);
  } catch (err) {
    throw new ComposeError(`error decoding '${field}': ${(err as Error).message}`);
  }
}

function goTypeName(v: YamlValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function dict(v: YamlValue | undefined): Dict | undefined {
  return isYamlMap(v) ? v : undefined;
}

function extrasOf(d: Dict): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(d)) {
    if (k.startsWith('x-')) {
      out[k] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

function absPath(workingDir: string, p: string): string {
  return isAbsolute(p) ? p : join(workingDir, p);
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

// ---- services ----

export function loadService(name: string, d: Dict, ctx: TransformContext): ServiceConfig {
  decodeErrors = [];
  const s: ServiceConfig = { name };
  if (has(d, 'build')) s.build = buildConfig(d.build);
  setIf(s, 'capAdd', strings(d.cap_add));
  setIf(s, 'capDrop', strings(d.cap_drop));
  setIf(s, 'cgroupNSMode', str(d.cgroupns_mode));
  setIf(s, 'cgroupParent', str(d.cgroup_parent));
  setIf(s, 'command', shellCommand(d.command, 'Command'));
  setIf(s, 'configs', fileReferences(d.configs, 'Configs'));
  setIf(s, 'containerName', str(d.container_name));
  const cs = dict(d.credential_spec);
  if (cs) s.credentialSpec = { config: str(cs.config), file: str(cs.file), registry: str(cs.registry) };
  setIf(s, 'dependsOn', strings(d.depends_on));
  if (has(d, 'deploy') && isYamlMap(d.deploy)) s.deploy = deployConfig(d.deploy);
  setIf(s, 'devices', strings(d.devices));
  setIf(s, 'dns', stringList(d.dns));
  setIf(s, 'dnsSearch', stringList(d.dns_search));
  setIf(s, 'domainName', str(d.domainname));
  setIf(s, 'entrypoint', shellCommand(d.entrypoint, 'Entrypoint'));
  setIf(s, 'environment', mappingOrList(d.environment, '=', true));
  setIf(s, 'envFile', stringList(d.env_file));
  setIf(s, 'expose', stringOrNumberList(d.expose));
  setIf(s, 'externalLinks', strings(d.external_links));
  setIf(s, 'extraHosts', listOrMapping(d.extra_hosts, ':'));
  setIf(s, 'hostname', str(d.hostname));
  if (isYamlMap(d.healthcheck)) s.healthCheck = healthCheck(d.healthcheck);
  setIf(s, 'image', str(d.image));
  setIf(s, 'init', bool(d.init));
  setIf(s, 'ipc', str(d.ipc));
  setIf(s, 'isolation', str(d.isolation));
  setIf(s, 'labels', mappingOrList(d.labels, '=', false));
  setIf(s, 'links', strings(d.links));
  if (isYamlMap(d.logging)) {
    const l: LoggingConfig = {};
    setIf(l, 'driver', str(d.logging.driver));
    setIf(l, 'options', mapStringString(d.logging.options));
    s.logging = l;
  }
  setIf(s, 'macAddress', str(d.mac_address));
  setIf(s, 'networkMode', str(d.network_mode));
  if (has(d, 'networks')) s.networks = serviceNetworks(d.networks);
  setIf(s, 'pid', str(d.pid));
  if (has(d, 'ports')) s.ports = servicePorts(d.ports, ctx);
  setIf(s, 'privileged', bool(d.privileged));
  setIf(s, 'readOnly', bool(d.read_only));
  setIf(s, 'restart', str(d.restart));
  setIf(s, 'secrets', fileReferences(d.secrets, 'Secrets'));
  setIf(s, 'securityOpt', strings(d.security_opt));
  setIf(s, 'shmSize', str(d.shm_size));
  setIf(s, 'stdinOpen', bool(d.stdin_open));
  setIf(s, 'stopGracePeriod', duration(d.stop_grace_period, 'stop_grace_period'));
  setIf(s, 'stopSignal', str(d.stop_signal));
  setIf(s, 'sysctls', mappingOrList(d.sysctls, '=', false));
  setIf(s, 'tmpfs', stringList(d.tmpfs));
  setIf(s, 'tty', bool(d.tty));
  if (isYamlMap(d.ulimits)) s.ulimits = ulimits(d.ulimits);
  setIf(s, 'user', str(d.user));
  setIf(s, 'userNSMode', str(d.userns_mode));
  if (Array.isArray(d.volumes)) s.volumes = serviceVolumes(d.volumes);
  setIf(s, 'workingDir', str(d.working_dir));
  if (decodeErrors.length) throw new ComposeError(`decoding failed due to the following error(s):\n\n${decodeErrors.join('\n')}`);

  resolveEnvironment(s, ctx);
  resolveVolumePaths(s.volumes, ctx);
  setIf(s, 'extras', extrasOf(d));
  return s;
}

function shellCommand(v: YamlValue | undefined, goPath: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    try {
      return shlexSplit(v);
    } catch (err) {
      decodeErrors.push(`error decoding '${goPath}': ${(err as Error).message}`);
      return undefined;
    }
  }
  return strings(v);
}

function buildConfig(v: YamlValue): BuildConfig {
  if (typeof v === 'string') return { context: v };
  const d = dict(v) ?? {};
  const b: BuildConfig = {};
  setIf(b, 'context', str(d.context));
  setIf(b, 'dockerfile', str(d.dockerfile));
  setIf(b, 'args', mappingOrList(d.args, '=', true));
  setIf(b, 'labels', mappingOrList(d.labels, '=', false));
  setIf(b, 'cacheFrom', stringList(d.cache_from));
  setIf(b, 'extraHosts', listOrMapping(d.extra_hosts, ':'));
  setIf(b, 'network', str(d.network));
  setIf(b, 'target', str(d.target));
  return b;
}

function fileReferences(v: YamlValue | undefined, goField: string): FileReferenceConfig[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((item, i) => {
    if (typeof item === 'string') return { source: item };
    const d = dict(item) ?? {};
    const r: FileReferenceConfig = { source: str(d.source) ?? '' };
    setIf(r, 'target', str(d.target));
    setIf(r, 'uid', str(d.uid));
    setIf(r, 'gid', str(d.gid));
    setIf(r, 'mode', uint(d.mode, `${goField}[${i}].Mode`, 32));
    return r;
  });
}

function updateConfig(v: YamlValue | undefined, field: string): UpdateConfig | undefined {
  const d = dict(v);
  if (!d) return undefined;
  const u: UpdateConfig = {};
  setIf(u, 'parallelism', uint(d.parallelism, `Deploy.${field.slice('deploy.'.length)}.Parallelism`));
  setIf(u, 'delay', duration(d.delay, `${field}.delay`));
  setIf(u, 'failureAction', str(d.failure_action));
  setIf(u, 'monitor', duration(d.monitor, `${field}.monitor`));
  setIf(u, 'maxFailureRatio', num(d.max_failure_ratio));
  setIf(u, 'order', str(d.order));
  return u;
}

function size(v: YamlValue | undefined, goPath: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  try {
    return ramInBytes(String(v));
  } catch (err) {
    decodeErrors.push(`error decoding '${goPath}': ${(err as Error).message}`);
    return undefined;
  }
}

function deployConfig(d: Dict): DeployConfig {
  const c: DeployConfig = {};
  setIf(c, 'mode', str(d.mode));
  setIf(c, 'replicas', uint(d.replicas, 'Deploy.Replicas'));
  setIf(c, 'labels', mappingOrList(d.labels, '=', false));
  setIf(c, 'updateConfig', updateConfig(d.update_config, 'deploy.update_config'));
  setIf(c, 'rollbackConfig', updateConfig(d.rollback_config, 'deploy.rollback_config'));
  const res = dict(d.resources);
  if (res) {
    c.resources = {};
    const lim = dict(res.limits);
    if (lim) {
      const l: ResourceLimit = {};
      setIf(l, 'nanoCPUs', str(lim.cpus));
      setIf(l, 'memoryBytes', size(lim.memory, 'Deploy.Resources.Limits.memory'));
      setIf(l, 'pids', num(lim.pids));
      c.resources.limits = l;
    }
    const rsv = dict(res.reservations);
    if (rsv) {
      const r: Resource = {};
      setIf(r, 'nanoCPUs', str(rsv.cpus));
      setIf(r, 'memoryBytes', size(rsv.memory, 'Deploy.Resources.Reservations.memory'));
      if (Array.isArray(rsv.generic_resources)) {
        r.genericResources = rsv.generic_resources.map((g) => {
          const spec = dict(dict(g)?.discrete_resource_spec);
          return spec ? { discreteResourceSpec: { kind: str(spec.kind) ?? '', value: num(spec.value) ?? 0 } } : {};
        });
      }
      c.resources.reservations = r;
    }
  }
  const rp = dict(d.restart_policy);
  if (rp) {
    const r: RestartPolicy = {};
    setIf(r, 'condition', str(rp.condition));
    setIf(r, 'delay', duration(rp.delay, 'deploy.restart_policy.delay'));
    setIf(r, 'maxAttempts', uint(rp.max_attempts, 'Deploy.restart_policy.MaxAttempts'));
    setIf(r, 'window', duration(rp.window, 'deploy.restart_policy.window'));
    c.restartPolicy = r;
  }
  const pl = dict(d.placement);
  if (pl) {
    const p: Placement = {};
    setIf(p, 'constraints', strings(pl.constraints));
    if (Array.isArray(pl.preferences)) p.preferences = pl.preferences.map((x) => ({ spread: str(dict(x)?.spread) }));
    setIf(p, 'maxReplicas', uint(pl.max_replicas_per_node, 'Deploy.Placement.max_replicas_per_node'));
    c.placement = p;
  }
  setIf(c, 'endpointMode', str(d.endpoint_mode));
  return c;
}

function healthCheck(d: Dict): HealthCheckConfig {
  const h: HealthCheckConfig = {};
  if (typeof d.test === 'string') h.test = ['CMD-SHELL', d.test];
  else setIf(h, 'test', strings(d.test));
  setIf(h, 'timeout', duration(d.timeout, 'healthcheck.timeout'));
  setIf(h, 'interval', duration(d.interval, 'healthcheck.interval'));
  setIf(h, 'retries', uint(d.retries, 'HealthCheck.Retries'));
  setIf(h, 'startPeriod', duration(d.start_period, 'healthcheck.start_period'));
  setIf(h, 'startInterval', duration(d.start_interval, 'healthcheck.start_interval'));
  setIf(h, 'disable', bool(d.disable));
  return h;
}

function serviceNetworks(v: YamlValue): Record<string, ServiceNetworkConfig | null> | undefined {
  if (Array.isArray(v)) {
    const out: Record<string, ServiceNetworkConfig | null> = {};
    for (const n of v) out[str(n) ?? ''] = null;
    return out;
  }
  const d = dict(v);
  if (!d) return undefined;
  const out: Record<string, ServiceNetworkConfig | null> = {};
  for (const [k, x] of Object.entries(d)) {
    const nd = dict(x);
    if (!nd) {
      out[k] = null;
      continue;
    }
    const c: ServiceNetworkConfig = {};
    setIf(c, 'aliases', strings(nd.aliases));
    setIf(c, 'ipv4Address', str(nd.ipv4_address));
    setIf(c, 'ipv6Address', str(nd.ipv6_address));
    out[k] = c;
  }
  return out;
}

function servicePorts(v: YamlValue, ctx: TransformContext): ServicePortConfig[] {
  if (!Array.isArray(v)) throw new ComposeError(`error decoding 'ports': invalid type ${goTypeName(v)} for port`);
  const out: ServicePortConfig[] = [];
  for (const entry of v) {
    const i = out.length;
    if (typeof entry === 'number' || typeof entry === 'string') {
      try {
        out.push(...parseShortPort(typeof entry === 'number' ? goSprint(entry) : entry, ctx.warn));
      } catch (err) {
        throw new ComposeError(`error decoding 'ports': ${(err as Error).message}`);
      }
    } else if (isYamlMap(entry)) {
      const p: ServicePortConfig = {};
      setIf(p, 'mode', str(entry.mode));
      setIf(p, 'target', uint(entry.target, `Ports[${i}].Target`, 32));
      setIf(p, 'published', uint(entry.published, `Ports[${i}].Published`, 32));
      setIf(p, 'protocol', str(entry.protocol));
      out.push(p);
    } else {
      throw new ComposeError(`error decoding 'ports': invalid type ${goTypeName(entry)} for port`);
    }
  }
  return out;
}

function ulimits(d: Dict): Record<string, UlimitsConfig> {
  const out: Record<string, UlimitsConfig> = {};
  for (const [k, x] of Object.entries(d)) {
    if (typeof x === 'number') out[k] = { single: x };
    else {
      const u = dict(x) ?? {};
      out[k] = { soft: num(u.soft) ?? 0, hard: num(u.hard) ?? 0 };
    }
  }
  return out;
}

function serviceVolumes(list: YamlValue[]): ServiceVolumeConfig[] {
  return list.map((item, i) => {
    if (typeof item === 'string') {
      try {
        return parseVolume(item) as ServiceVolumeConfig;
      } catch (err) {
        decodeErrors.push(`error decoding 'Volumes[${i}]': ${(err as Error).message}`);
        return {};
      }
    }
    const d = dict(item) ?? {};
    const v: ServiceVolumeConfig = {};
    setIf(v, 'type', str(d.type));
    setIf(v, 'source', str(d.source));
    setIf(v, 'target', str(d.target));
    setIf(v, 'readOnly', bool(d.read_only));
    setIf(v, 'consistency', str(d.consistency));
    const b = dict(d.bind);
    if (b) {
      v.bind = {};
      setIf(v.bind, 'propagation', str(b.propagation));
    }
    const vo = dict(d.volume);
    if (vo) {
      v.volume = {};
      setIf(v.volume, 'noCopy', bool(vo.nocopy));
      setIf(v.volume, 'subpath', str(vo.subpath));
    }
    const t = dict(d.tmpfs);
    if (t) {
      v.tmpfs = {};
      setIf(v.tmpfs, 'size', size(t.size, `Volumes[${i}].Tmpfs.Size`));
    }
    if (dict(d.cluster)) v.cluster = {};
    return v;
  });
}

/** env_file entries first, then `environment`; a key without value takes the client's variable. */
function resolveEnvironment(s: ServiceConfig, ctx: TransformContext): void {
  const environment: Record<string, string | null> = {};
  const update = (vars: Record<string, string | null>) => {
    for (const [k, v] of Object.entries(vars)) {
      const looked = ctx.lookupEnv(k);
      environment[k] = (v === null || v === '') && looked !== undefined ? looked : v;
    }
  };
  if (s.envFile?.length) {
    const entries: string[] = [];
    for (const file of s.envFile) {
      const path = absPath(ctx.workingDir, file);
      let data: Uint8Array;
      try {
        if (!ctx.readFile) throw Object.assign(new Error('no file reader'), { code: 'ENOENT' });
        data = ctx.readFile(path);
      } catch (err) {
        throw new ComposeError(goPathError(err as NodeJS.ErrnoException, path));
      }
      try {
        entries.push(...parseEnvFile(path, data, ctx.lookupEnv));
      } catch (err) {
        throw new ComposeError((err as Error).message);
      }
    }
    const vars: Record<string, string | null> = {};
    for (const e of entries) {
      const i = e.indexOf('=');
      if (i < 0) vars[e] = null;
      else vars[e.slice(0, i)] = e.slice(i + 1);
    }
    update(vars);
  }
  if (s.environment) update(s.environment);
  if (s.envFile?.length || s.environment) s.environment = environment;
}

function resolveVolumePaths(volumes: ServiceVolumeConfig[] | undefined, ctx: TransformContext): void {
  for (const v of volumes ?? []) {
    if (v.type !== 'bind') continue;
    if (!v.source) throw new ComposeError('invalid mount config for type "bind": field Source must not be empty');
    let p = v.source;
    if (p.startsWith('~')) {
      const home = ctx.lookupEnv('HOME');
      if (home === undefined) ctx.warn("cannot expand '~', because the environment lacks HOME");
      else p = p.replace('~', home);
    }
    if (!p.startsWith('/') && !isWindowsAbs(p)) p = absPath(ctx.workingDir, p);
    v.source = p;
  }
}

function isWindowsAbs(p: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/.][^\\/]*[\\/][^\\/.]/.test(p);
}

// ---- top-level sections ----

function external(v: YamlValue | undefined): External | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return { external: v };
  if (isYamlMap(v)) {
    const e: External = { external: true };
    setIf(e, 'name', str(v.name));
    return e;
  }
  return { external: false };
}

export function loadNetworks(source: Dict, ctx: TransformContext): Record<string, NetworkConfig> {
  const out: Record<string, NetworkConfig> = {};
  for (const [name, raw] of Object.entries(source)) {
    const d = dict(raw) ?? {};
    const n: NetworkConfig = {};
    setIf(n, 'name', str(d.name));
    setIf(n, 'driver', str(d.driver));
    setIf(n, 'driverOpts', mapStringString(d.driver_opts));
    const ipam = dict(d.ipam);
    if (ipam) {
      n.ipam = {};
      setIf(n.ipam, 'driver', str(ipam.driver));
      if (Array.isArray(ipam.config)) n.ipam.config = ipam.config.map((c) => ({ subnet: str(dict(c)?.subnet) }));
    }
    setIf(n, 'external', external(d.external));
    setIf(n, 'internal', bool(d.internal));
    setIf(n, 'attachable', bool(d.attachable));
    setIf(n, 'labels', mappingOrList(d.labels, '=', false));
    if (n.external?.external) {
      if (n.external.name) {
        if (n.name) throw new ComposeError(`network ${name}: network.external.name and network.name conflict; only use network.name`);
        if (versionAtLeast(ctx.version, '3.5')) ctx.warn(`network ${name}: network.external.name is deprecated in favor of network.name`);
        n.name = n.external.name;
        delete n.external.name;
      } else if (!n.name) n.name = name;
      setIf(n, 'extras', extrasOf(d));
    }
    out[name] = n;
  }
  return out;
}

export function loadVolumes(source: Dict, ctx: TransformContext): Record<string, VolumeConfig> {
  const out: Record<string, VolumeConfig> = {};
  for (const [name, raw] of Object.entries(source)) {
    const d = dict(raw) ?? {};
    const v: VolumeConfig = {};
    setIf(v, 'name', str(d.name));
    setIf(v, 'driver', str(d.driver));
    setIf(v, 'driverOpts', mapStringString(d.driver_opts));
    setIf(v, 'external', external(d.external));
    setIf(v, 'labels', mappingOrList(d.labels, '=', false));
    if (isYamlMap(d['x-cluster-spec'])) v.spec = d['x-cluster-spec'];
    if (v.external?.external) {
      const conflict = (key: string) =>
        new ComposeError(`conflicting parameters "external" and ${JSON.stringify(key)} specified for volume ${JSON.stringify(name)}`);
      if (v.driver) throw conflict('driver');
      if (v.driverOpts && Object.keys(v.driverOpts).length) throw conflict('driver_opts');
      if (v.labels && Object.keys(v.labels).length) throw conflict('labels');
      if (v.external.name) {
        if (v.name) throw new ComposeError(`volume ${name}: volume.external.name and volume.name conflict; only use volume.name`);
        if (versionAtLeast(ctx.version, '3.4')) ctx.warn(`volume ${name}: volume.external.name is deprecated in favor of volume.name`);
        v.name = v.external.name;
        delete v.external.name;
      } else if (!v.name) v.name = name;
      setIf(v, 'extras', extrasOf(d));
    }
    out[name] = v;
  }
  return out;
}

/** LoadSecrets / LoadConfigObjs with loadFileObjectConfig. */
export function loadFileObjects(source: Dict, objType: 'secret' | 'config', ctx: TransformContext): Record<string, FileObjectConfig> {
  const out: Record<string, FileObjectConfig> = {};
  for (const [name, raw] of Object.entries(source)) {
    const d = dict(raw) ?? {};
    const o: FileObjectConfig = { external: external(d.external) ?? { external: false } };
    setIf(o, 'name', str(d.name));
    setIf(o, 'file', str(d.file));
    setIf(o, 'labels', mappingOrList(d.labels, '=', false));
    setIf(o, 'driver', str(d.driver));
    setIf(o, 'driverOpts', mapStringString(d.driver_opts));
    setIf(o, 'templateDriver', str(d.template_driver));
    if (o.external.external) {
      if (o.external.name) {
        if (o.name)
          throw new ComposeError(`${objType} ${name}: ${objType}.external.name and ${objType}.name conflict; only use ${objType}.name`);
        if (versionAtLeast(ctx.version, '3.5'))
          ctx.warn(`${objType} ${name}: ${objType}.external.name is deprecated in favor of ${objType}.name`);
        o.name = o.external.name;
        delete o.external.name;
      } else if (!o.name) o.name = name;
    } else if (o.driver) {
      if (o.file) throw new ComposeError(`${objType} ${name}: ${objType}.driver and ${objType}.file conflict; only use ${objType}.driver`);
    } else {
      o.file = absPath(ctx.workingDir, o.file ?? '');
    }
    setIf(o, 'extras', extrasOf(d));
    out[name] = o;
  }
  return out;
}

/** docker's versions.GreaterThanOrEqualTo on dotted numbers. */
export function versionAtLeast(v: string, other: string): boolean {
  const a = v.split('.');
  const b = other.split('.');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = Number.parseInt(a[i] ?? '0', 10) || 0;
    const y = Number.parseInt(b[i] ?? '0', 10) || 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** loadSections for one file's mapping. */
export function loadSections(config: Dict, version: string, ctx: TransformContext, filename: string): Config {
  const section = (key: string): Dict => (isYamlMap(config[key]) ? (config[key] as Dict) : {});
  const services = Object.entries(section('services')).map(([name, d]) => loadService(name, dict(d) ?? {}, ctx));
  const cfg: Config = {
    filename,
    version,
    services,
    networks: loadNetworks(section('networks'), ctx),
    volumes: loadVolumes(section('volumes'), ctx),
    secrets: loadFileObjects(section('secrets'), 'secret', ctx),
    configs: loadFileObjects(section('configs'), 'config', ctx),
  };
  setIf(cfg, 'extras', extrasOf(config));
  return cfg;
}
