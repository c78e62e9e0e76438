// Merging several compose files (docker/cli cli/compose/loader/merge.go, mergo with WithOverride
// and WithAppendSlice): a later file's service is merged field by field into the earlier one;
// top-level networks/volumes/secrets/configs entries are replaced whole.
//
// mergo's rules, per Go field kind: a scalar is overridden only by a non-zero value ("" / 0 /
// false do not override); a pointer is set when the earlier one is nil, else merged through;
// *uint64 values (replicas, parallelism, retries, max_attempts) override even when 0; lists are
// appended (cap_add, dns, depends_on, placement constraints, healthcheck test, ...), except
// command/entrypoint (replaced when the later one is non-empty) and ports/secrets/configs/volumes
// (merged by published port value / source / target, then sorted, when both files have some);
// mappings are merged key by key; `logging` keeps the options when the driver is the same.
import type {
  BuildConfig,
  Config,
  DeployConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  LoggingConfig,
  Placement,
  Resources,
  RestartPolicy,
  ServiceConfig,
  ServiceNetworkConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  UpdateConfig,
} from './types.js';

const isZero = (v: unknown): boolean => v === undefined || v === null || v === '' || v === 0 || v === false;

/** A non-pointer scalar: overridden by a non-zero value. */
function scalar<T>(dst: T | undefined, src: T | undefined): T | undefined {
  return isZero(src) ? dst : src;
}

/** A pointer to a scalar (*bool, *Duration): set when unset, else overridden by a non-zero value. */
function ptrScalar<T>(dst: T | undefined, src: T | undefined): T | undefined {
  if (src === undefined) return dst;
  if (dst === undefined) return src;
  return isZero(src) ? dst : src;
}

/** *uint64 (docker's mergeUint64): any set value overrides. */
function uint64(dst: number | undefined, src: number | undefined): number | undefined {
  return src === undefined ? dst : src;
}

function append<T>(dst: T[] | undefined, src: T[] | undefined): T[] | undefined {
  if (!src?.length) return dst;
  return [...(dst ?? []), ...src];
}

function mapMerge<V>(dst: Record<string, V> | undefined, src: Record<string, V> | undefined): Record<string, V> | undefined {
  if (!src) return dst;
  return { ...(dst ?? {}), ...src };
}

function envMerge(
  dst: Record<string, string | null> | undefined,
  src: Record<string, string | null> | undefined,
): Record<string, string | null> | undefined {
  if (!src) return dst;
  const out = { ...(dst ?? {}) };
  for (const [k, v] of Object.entries(src)) {
    if (!Object.hasOwn(out, k) || out[k] === null) out[k] = v;
    else if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

/** docker's mergeSlice: union keyed by `key`, later wins, sorted by `sortKey` (only when both are set). */
function keyedMerge<T>(
  dst: T[] | undefined,
  src: T[] | undefined,
  key: (t: T) => string,
  sortKey: (t: T) => string | number,
): T[] | undefined {
  if (dst === undefined) return append(dst, src);
  if (src === undefined) return dst;
  const m = new Map<string, T>();
  for (const t of dst) m.set(key(t), t);
  for (const t of src) m.set(key(t), t);
  return [...m.values()].sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const portKey = (p: ServicePortConfig) => JSON.stringify([p.mode ?? '', p.target ?? 0, p.published ?? 0, p.protocol ?? '']);
const refKey = (r: FileReferenceConfig) => r.source;
const volKey = (v: ServiceVolumeConfig) => v.target ?? '';

function replaceNonEmpty<T>(dst: T[] | undefined, src: T[] | undefined): T[] | undefined {
  return src?.length ? src : dst;
}

function mergeStruct<T extends object>(dst: T | undefined, src: T | undefined, fields: (d: T, s: T) => T): T | undefined {
  if (src === undefined) return dst;
  if (dst === undefined) return src;
  return fields(dst, src);
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const mergeBuild = (d: BuildConfig, s: BuildConfig): BuildConfig =>
  clean({
    context: scalar(d.context, s.context),
    dockerfile: scalar(d.dockerfile, s.dockerfile),
    args: envMerge(d.args, s.args),
    labels: mapMerge(d.labels, s.labels),
    cacheFrom: append(d.cacheFrom, s.cacheFrom),
    extraHosts: append(d.extraHosts, s.extraHosts),
    network: scalar(d.network, s.network),
    target: scalar(d.target, s.target),
  });

const mergeUpdate = (d: UpdateConfig, s: UpdateConfig): UpdateConfig =>
  clean({
    parallelism: uint64(d.parallelism, s.parallelism),
    delay: scalar(d.delay, s.delay),
    failureAction: scalar(d.failureAction, s.failureAction),
    monitor: scalar(d.monitor, s.monitor),
    maxFailureRatio: scalar(d.maxFailureRatio, s.maxFailureRatio),
    order: scalar(d.order, s.order),
  });

const mergeResources = (d: Resources, s: Resources): Resources =>
  clean({
    limits: mergeStruct(d.limits, s.limits, (a, b) =>
      clean({ nanoCPUs: scalar(a.nanoCPUs, b.nanoCPUs), memoryBytes: scalar(a.memoryBytes, b.memoryBytes), pids: scalar(a.pids, b.pids) }),
    ),
    reservations: mergeStruct(d.reservations, s.reservations, (a, b) =>
      clean({
        nanoCPUs: scalar(a.nanoCPUs, b.nanoCPUs),
        memoryBytes: scalar(a.memoryBytes, b.memoryBytes),
        genericResources: append(a.genericResources, b.genericResources),
      }),
    ),
  });

const mergeRestart = (d: RestartPolicy, s: RestartPolicy): RestartPolicy =>
  clean({
    condition: scalar(d.condition, s.condition),
    delay: ptrScalar(d.delay, s.delay),
    maxAttempts: uint64(d.maxAttempts, s.maxAttempts),
    window: ptrScalar(d.window, s.window),
  });

const mergePlacement = (d: Placement, s: Placement): Placement =>
  clean({
    constraints: append(d.constraints, s.constraints),
    preferences: append(d.preferences, s.preferences),
    maxReplicas: scalar(d.maxReplicas, s.maxReplicas),
  });

const mergeDeploy = (d: DeployConfig, s: DeployConfig): DeployConfig =>
  clean({
    mode: scalar(d.mode, s.mode),
    replicas: uint64(d.replicas, s.replicas),
    labels: mapMerge(d.labels, s.labels),
    updateConfig: mergeStruct(d.updateConfig, s.updateConfig, mergeUpdate),
    rollbackConfig: mergeStruct(d.rollbackConfig, s.rollbackConfig, mergeUpdate),
    resources: mergeStruct(d.resources, s.resources, mergeResources),
    restartPolicy: mergeStruct(d.restartPolicy, s.restartPolicy, mergeRestart),
    placement: mergeStruct(d.placement, s.placement, mergePlacement),
    endpointMode: scalar(d.endpointMode, s.endpointMode),
  });

const mergeHealth = (d: HealthCheckConfig, s: HealthCheckConfig): HealthCheckConfig =>
  clean({
    test: append(d.test, s.test),
    timeout: ptrScalar(d.timeout, s.timeout),
    interval: ptrScalar(d.interval, s.interval),
    retries: uint64(d.retries, s.retries),
    startPeriod: ptrScalar(d.startPeriod, s.startPeriod),
    startInterval: ptrScalar(d.startInterval, s.startInterval),
    disable: scalar(d.disable, s.disable),
  });

/** docker's mergeLoggingConfig: same (or one empty) driver merges options, else the later wins. */
function mergeLogging(d: LoggingConfig, s: LoggingConfig): LoggingConfig {
  const dd = d.driver ?? '';
  const sd = s.driver ?? '';
  if (dd === sd || dd === '' || sd === '') return clean({ driver: dd || sd || undefined, options: mapMerge(d.options, s.options) });
  return s;
}

function mergeNetworks(
  dst: Record<string, ServiceNetworkConfig | null> | undefined,
  src: Record<string, ServiceNetworkConfig | null> | undefined,
): Record<string, ServiceNetworkConfig | null> | undefined {
  if (!src) return dst;
  const out = { ...(dst ?? {}) };
  for (const [k, v] of Object.entries(src)) {
    const cur = out[k];
    if (cur === undefined || cur === null) {
      if (cur === undefined || v !== null) out[k] = v;
    } else if (v !== null) {
      out[k] = clean({
        ...cur,
        aliases: v.aliases,
        ipv4Address: v.ipv4Address || cur.ipv4Address,
        ipv6Address: v.ipv6Address || cur.ipv6Address,
      });
    }
  }
  return out;
}

export function mergeService(d: ServiceConfig, s: ServiceConfig): ServiceConfig {
  return clean({
    name: d.name,
    build: mergeStruct(d.build, s.build, mergeBuild),
    capAdd: append(d.capAdd, s.capAdd),
    capDrop: append(d.capDrop, s.capDrop),
    cgroupNSMode: scalar(d.cgroupNSMode, s.cgroupNSMode),
    cgroupParent: scalar(d.cgroupParent, s.cgroupParent),
    command: replaceNonEmpty(d.command, s.command),
    configs: keyedMerge(d.configs, s.configs, refKey, refKey),
    containerName: scalar(d.containerName, s.containerName),
    credentialSpec: mergeStruct(d.credentialSpec, s.credentialSpec, (a, b) =>
      clean({ config: scalar(a.config, b.config), file: scalar(a.file, b.file), registry: scalar(a.registry, b.registry) }),
    ),
    dependsOn: append(d.dependsOn, s.dependsOn),
    deploy: mergeStruct(d.deploy, s.deploy, mergeDeploy),
    devices: append(d.devices, s.devices),
    dns: append(d.dns, s.dns),
    dnsSearch: append(d.dnsSearch, s.dnsSearch),
    domainName: scalar(d.domainName, s.domainName),
    entrypoint: replaceNonEmpty(d.entrypoint, s.entrypoint),
    environment: envMerge(d.environment, s.environment),
    envFile: append(d.envFile, s.envFile),
    expose: append(d.expose, s.expose),
    externalLinks: append(d.externalLinks, s.externalLinks),
    extraHosts: append(d.extraHosts, s.extraHosts),
    hostname: scalar(d.hostname, s.hostname),
    healthCheck: mergeStruct(d.healthCheck, s.healthCheck, mergeHealth),
    image: scalar(d.image, s.image),
    init: ptrScalar(d.init, s.init),
    ipc: scalar(d.ipc, s.ipc),
    isolation: scalar(d.isolation, s.isolation),
    labels: mapMerge(d.labels, s.labels),
    links: append(d.links, s.links),
    logging: mergeStruct(d.logging, s.logging, mergeLogging),
    macAddress: scalar(d.macAddress, s.macAddress),
    networkMode: scalar(d.networkMode, s.networkMode),
    networks: mergeNetworks(d.networks, s.networks),
    pid: scalar(d.pid, s.pid),
    ports: keyedMerge(d.ports, s.ports, portKey, (p) => p.published ?? 0),
    privileged: scalar(d.privileged, s.privileged),
    readOnly: scalar(d.readOnly, s.readOnly),
    restart: scalar(d.restart, s.restart),
    secrets: keyedMerge(d.secrets, s.secrets, refKey, refKey),
    securityOpt: append(d.securityOpt, s.securityOpt),
    shmSize: scalar(d.shmSize, s.shmSize),
    stdinOpen: scalar(d.stdinOpen, s.stdinOpen),
    stopGracePeriod: ptrScalar(d.stopGracePeriod, s.stopGracePeriod),
    stopSignal: scalar(d.stopSignal, s.stopSignal),
    sysctls: mapMerge(d.sysctls, s.sysctls),
    tmpfs: append(d.tmpfs, s.tmpfs),
    tty: scalar(d.tty, s.tty),
    ulimits: mapMerge(d.ulimits, s.ulimits),
    user: scalar(d.user, s.user),
    userNSMode: scalar(d.userNSMode, s.userNSMode),
    volumes: keyedMerge(d.volumes, s.volumes, volKey, volKey),
    workingDir: scalar(d.workingDir, s.workingDir),
    extras: mapMerge(d.extras, s.extras),
  });
}

const byName = (a: ServiceConfig, b: ServiceConfig) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** loader.merge: the first file's config with every later one merged in; services sorted by name. */
export function mergeConfigs(configs: Config[]): Config {
  const base = configs[0];
  for (const override of configs.slice(1)) {
    const services = new Map(base.services.map((s) => [s.name, s]));
    for (const s of override.services) {
      const cur = services.get(s.name);
      services.set(s.name, cur ? mergeService(cur, s) : s);
    }
    base.services = [...services.values()];
    base.volumes = { ...base.volumes, ...override.volumes };
    base.networks = { ...base.networks, ...override.networks };
    base.secrets = { ...base.secrets, ...override.secrets };
    base.configs = { ...base.configs, ...override.configs };
  }
  base.services.sort(byName);
  return base;
}
