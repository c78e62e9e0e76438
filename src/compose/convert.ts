// Compose → swarm objects, as docker/cli's cli/compose/convert does it for `docker stack deploy`
// (compose.go: namespaces, networks, secrets, configs; service.go: service specs and their secret
// and config references; volume.go: mounts). The results are what the daemon stores, so the
// defaults the daemon fills in for a missing field (update config, restart delay, grace period,
// vip) are filled here. Where docker iterates a Go map (networks, secrets, configs), tsecret sorts
// by name.
import { readFileSync } from 'node:fs';
import type { NetworkCreateRequest } from '../api/networks.js';
import type {
  ConfigReference,
  ContainerSpec,
  FileTarget,
  Mount,
  NetworkAttachmentConfig,
  PortConfig,
  SecretReference,
  ServiceMode,
  ServiceSpec,
  RestartPolicy as SwarmRestartPolicy,
  UpdateConfig as SwarmUpdateConfig,
  TaskSpec,
} from '../api/services.js';
import type { ConfigSpec, SecretSpec } from '../api/swarm.js';
import type { Engine } from '../engine/client.js';
import { goPathError } from '../go/os/error.js';

export { validateImageReference } from '../engine/image-reference.js';

import { imageWithTag } from '../engine/image-reference.js';
import { parseConfigs, parseSecrets } from '../engine/resolve-references.js';
import type {
  Config,
  FileObjectConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  NetworkConfig,
  Resources,
  RestartPolicy,
  ServiceConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  UpdateConfig,
  VolumeConfig,
} from './types.js';

export const LABEL_NAMESPACE = 'com.docker.stack.namespace';
export const LABEL_IMAGE = 'com.docker.stack.image';
const DEFAULT_NETWORK = 'default';

/** convert.Namespace: scopes a compose key to the stack (`<stack>_<key>`). */
export class Namespace {
  constructor(readonly name: string) {}
  scope(key: string): string {
    return `${this.name}_${key}`;
  }
  descope(name: string): string {
    return name.startsWith(`${this.name}_`) ? name.slice(this.name.length + 1) : name;
  }
}

const addStackLabel = (ns: Namespace, labels: Record<string, string> | undefined): Record<string, string> => ({
  ...(labels ?? {}),
  [LABEL_NAMESPACE]: ns.name,
});

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- networks ----

/** getServicesDeclaredNetworks: every network a service names; `default` for one that names none. */
export function serviceNetworkKeys(services: ServiceConfig[]): Set<string> {
  const keys = new Set<string>();
  for (const s of services) {
    const nets = Object.keys(s.networks ?? {});
    if (nets.length === 0) keys.add(DEFAULT_NETWORK);
    for (const n of nets) keys.add(n);
  }
  return keys;
}

export interface ConvertedNetworks {
  /** The networks to create, sorted by name (docker: map order). */
  create: NetworkCreateRequest[];
  /** The names of the external networks the services use. */
  external: string[];
}

/** convert.Networks: the used networks, scoped unless named; external ones only checked. */
export function convertNetworks(ns: Namespace, networks: Record<string, NetworkConfig>, used: Set<string>): ConvertedNetworks {
  const create: NetworkCreateRequest[] = [];
  const external: string[] = [];
  for (const key of [...used].sort(byName)) {
    const nw = networks[key] ?? {};
    if (nw.external?.external) {
      external.push(nw.name ?? key);
      continue;
    }
    const req: NetworkCreateRequest = {
      Name: nw.name || ns.scope(key),
      Driver: nw.driver ?? '',
      Internal: Boolean(nw.internal),
      Attachable: Boolean(nw.attachable),
      Labels: addStackLabel(ns, nw.labels),
    };
    if (nw.driverOpts) req.Options = { ...nw.driverOpts };
    if (nw.ipam?.driver || nw.ipam?.config?.length) {
      req.IPAM = { Driver: nw.ipam.driver ?? '', Config: (nw.ipam.config ?? []).map((c) => ({ Subnet: c.subnet ?? '' })) };
    }
    create.push(req);
  }
  create.sort((a, b) => byName(a.Name, b.Name));
  return { create, external };
}

/** container.NetworkMode.IsUserDefined: the node's own networks need no check. */
export const isUserDefinedNetwork = (name: string): boolean =>
  !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:');

// ---- secrets ----

/**
 * convert.Secrets: a spec for each secret the stack owns (not the external ones): its file's
 * bytes, or a driver; named `<stack>_<key>` unless `name:` says otherwise; labelled with the stack.
 * Sorted by name (docker: map order). Throws Go's file errors (`open …: no such file or directory`).
 */
export function convertSecrets(ns: Namespace, secrets: Record<string, FileObjectConfig>): SecretSpec[] {
  const specs: SecretSpec[] = [];
  for (const [key, secret] of Object.entries(secrets)) {
    if (secret.external?.external) continue;
    const spec: SecretSpec = { Name: secret.name || ns.scope(key), Labels: addStackLabel(ns, secret.labels) };
    if (secret.driver) {
      spec.Data = new Uint8Array();
      spec.Driver = { Name: secret.driver, ...(secret.driverOpts ? { Options: { ...secret.driverOpts } } : {}) };
    } else {
      spec.Data = readObjectFile(secret.file ?? '');
    }
    if (secret.templateDriver) spec.Templating = { Name: secret.templateDriver };
    specs.push(spec);
  }
  return specs.sort((a, b) => byName(a.Name, b.Name));
}

/** os.ReadFile with Go's error texts. */
function readObjectFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(goPathError(err as NodeJS.ErrnoException, path));
  }
}

// ---- configs ----

/**
 * convert.Configs: a spec for each config the stack owns (not the external ones): its file's
 * bytes, named `<stack>_<key>` unless `name:` says otherwise, labelled with the stack, its
 * template driver kept. Sorted by name (docker: map order).
 */
export function convertConfigs(ns: Namespace, configs: Record<string, FileObjectConfig>): ConfigSpec[] {
  const specs: ConfigSpec[] = [];
  for (const [key, config] of Object.entries(configs)) {
    if (config.external?.external) continue;
    const spec: ConfigSpec = {
      Name: config.name || ns.scope(key),
      Labels: addStackLabel(ns, config.labels),
      Data: readObjectFile(config.file ?? ''),
    };
    if (config.templateDriver) spec.Templating = { Name: config.templateDriver };
    specs.push(spec);
  }
  return specs.sort((a, b) => byName(a.Name, b.Name));
}

/**
 * convertFileObject, for secrets and configs alike: the object's swarm name (the key scoped, or
 * `name:`, which an external object always has), the file named after the key unless `target:`
 * says otherwise, uid/gid "0" and mode 0444 by default.
 */
function convertFileObject(
  kind: 'secret' | 'config',
  ns: Namespace,
  ref: FileReferenceConfig,
  objects: Record<string, FileObjectConfig>,
): { name: string; file: FileTarget } {
  const obj = objects[ref.source];
  if (!obj) throw new Error(`undefined ${kind} ${JSON.stringify(ref.source)}`);
  return {
    name: obj.name || ns.scope(ref.source),
    file: { Name: ref.target || ref.source, UID: ref.uid || '0', GID: ref.gid || '0', Mode: ref.mode ?? 0o444 },
  };
}

/**
 * convertServiceSecrets: each reference resolved to its ID as `service create --secret` resolves
 * them, then sorted by secret name.
 */
export async function convertServiceSecrets(
  ns: Namespace,
  refs: FileReferenceConfig[],
  secrets: Record<string, FileObjectConfig>,
  engine: Pick<Engine, 'secretList'>,
): Promise<SecretReference[]> {
  const requested: SecretReference[] = refs.map((ref) => {
    const { name, file } = convertFileObject('secret', ns, ref, secrets);
    return { File: file, SecretID: '', SecretName: name };
  });
  const resolved = await parseSecrets(engine, requested);
  return resolved.sort((a, b) => byName(a.SecretName, b.SecretName));
}

/** convertServiceConfigObjs: the same for configs (ParseConfigs), sorted by config name. */
export async function convertServiceConfigs(
  ns: Namespace,
  refs: FileReferenceConfig[],
  configs: Record<string, FileObjectConfig>,
  engine: Pick<Engine, 'configList'>,
): Promise<ConfigReference[]> {
  const requested: ConfigReference[] = refs.map((ref) => {
    const { name, file } = convertFileObject('config', ns, ref, configs);
    return { File: file, ConfigID: '', ConfigName: name };
  });
  const resolved = await parseConfigs(engine, requested);
  return resolved.sort((a, b) => byName(a.ConfigName, b.ConfigName));
}

// ---- services ----

export interface ConvertedService {
  /** The compose key. */
  key: string;
  spec: ServiceSpec;
}

/**
 * convert.Services: each service's spec, in the file's (sorted) order. Errors name the compose
 * key: `service db: secret not found: x`.
 */
export async function convertServices(
  ns: Namespace,
  config: Config,
  engine: Pick<Engine, 'secretList' | 'configList'>,
): Promise<ConvertedService[]> {
  const out: ConvertedService[] = [];
  for (const service of config.services) {
    try {
      const secrets = await convertServiceSecrets(ns, service.secrets ?? [], config.secrets, engine);
      const configs = await convertServiceConfigs(ns, service.configs ?? [], config.configs, engine);
      out.push({ key: service.name, spec: convertService(ns, service, config.networks, config.volumes, secrets, configs) });
    } catch (err) {
      throw new Error(`service ${service.name}: ${(err as Error).message}`);
    }
  }
  return out;
}

/** convert.Service, with the daemon's defaults for what the file leaves out. */
export function convertService(
  ns: Namespace,
  service: ServiceConfig,
  networks: Record<string, NetworkConfig>,
  volumes: Record<string, VolumeConfig>,
  secrets: SecretReference[],
  configs: ConfigReference[] = [],
): ServiceSpec {
  const deploy = service.deploy ?? {};
  const endpointPorts = convertPorts(service.ports ?? []);
  const mode = convertDeployMode(deploy.mode, deploy.replicas);
  const mounts = (service.volumes ?? []).map((v) => convertVolume(v, volumes, ns));
  const resources = convertResources(deploy.resources);
  const restartPolicy = convertRestartPolicy(service.restart, deploy.restartPolicy);
  const healthcheck = convertHealthcheck(service.healthCheck);
  const attachments = convertServiceNetworks(service.networks, networks, ns, service.name);

  const image = service.image ?? '';
  const container: ContainerSpec = {
    Image: image ? imageWithTag(image) : image,
    Labels: addStackLabel(ns, service.labels),
    StopGracePeriod: 10e9,
    DNSConfig: {},
    Isolation: 'default',
  };
  if (service.entrypoint?.length) container.Command = [...service.entrypoint];
  if (service.command?.length) container.Args = [...service.command];
  if (service.hostname) container.Hostname = service.hostname;
  const env = convertEnvironment(service.environment);
  if (env.length) container.Env = env;
  if (service.workingDir) container.Dir = service.workingDir;
  if (service.user) container.User = service.user;
  container.Privileges = { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false };
  if (service.init !== undefined) container.Init = service.init;
  if (service.stopSignal) container.StopSignal = service.stopSignal;
  if (service.tty) container.TTY = true;
  if (service.stdinOpen) container.OpenStdin = true;
  if (service.readOnly) container.ReadOnly = true;
  if (mounts.length) container.Mounts = mounts;
  container.StopGracePeriod = service.stopGracePeriod ?? 10e9;
  if (healthcheck) container.Healthcheck = healthcheck;
  const hosts = (service.extraHosts ?? []).flatMap((h) => {
    const colon = h.indexOf(':');
    return colon < 0 ? [] : [`${h.slice(colon + 1)} ${h.slice(0, colon)}`];
  });
  if (hosts.length) container.Hosts = hosts;
  container.DNSConfig = {};
  if (service.dns?.length) container.DNSConfig.Nameservers = [...service.dns];
  if (service.dnsSearch?.length) container.DNSConfig.Search = [...service.dnsSearch];
  if (secrets.length) container.Secrets = secrets;
  if (configs.length) container.Configs = configs;
  container.Isolation = service.isolation || 'default';
  if (service.sysctls && Object.keys(service.sysctls).length) container.Sysctls = { ...service.sysctls };
  if (service.capAdd?.length) container.CapabilityAdd = [...service.capAdd];
  if (service.capDrop?.length) container.CapabilityDrop = [...service.capDrop];
  const ulimits = Object.entries(service.ulimits ?? {})
    .map(([name, u]) => ({ Name: name, Hard: u.single || u.hard || 0, Soft: u.single || u.soft || 0 }))
    .sort((a, b) => byName(a.Name, b.Name));
  if (ulimits.length) container.Ulimits = ulimits;
  if (service.oomScoreAdj) container.OomScoreAdj = service.oomScoreAdj;

  const placement: TaskSpec['Placement'] = {};
  if (deploy.placement?.constraints?.length) placement.Constraints = [...deploy.placement.constraints];
  const prefs = (deploy.placement?.preferences ?? []).map((p) => ({ Spread: { SpreadDescriptor: p.spread ?? '' } }));
  if (prefs.length) placement.Preferences = prefs;
  if (deploy.placement?.maxReplicas) placement.MaxReplicas = deploy.placement.maxReplicas;

  const task: TaskSpec = {
    ContainerSpec: container,
    Resources: resources,
    RestartPolicy: restartPolicy,
    Placement: placement,
    Networks: attachments,
    ...(service.logging
      ? {
          LogDriver: {
            Name: service.logging.driver ?? '',
            ...(service.logging.options ? { Options: { ...service.logging.options } } : {}),
          },
        }
      : {}),
    ForceUpdate: 0,
    Runtime: 'container',
  };
  return {
    Name: ns.scope(service.name),
    Labels: { ...addStackLabel(ns, deploy.labels), [LABEL_IMAGE]: image },
    TaskTemplate: task,
    Mode: mode,
    UpdateConfig: convertUpdateConfig(deploy.updateConfig),
    RollbackConfig: convertUpdateConfig(deploy.rollbackConfig),
    EndpointSpec: { Mode: (deploy.endpointMode ?? '').toLowerCase() || 'vip', ...(endpointPorts.length ? { Ports: endpointPorts } : {}) },
  };
}

/** convertServiceNetworks: the service's networks by name (IDs once the daemon has them), sorted. */
function convertServiceNetworks(
  networks: ServiceConfig['networks'],
  configs: Record<string, NetworkConfig>,
  ns: Namespace,
  serviceKey: string,
): NetworkAttachmentConfig[] {
  const wanted = networks && Object.keys(networks).length ? networks : { [DEFAULT_NETWORK]: null };
  const out: NetworkAttachmentConfig[] = [];
  for (const [key, nw] of Object.entries(wanted)) {
    const config = configs[key];
    if (!config && key !== DEFAULT_NETWORK) throw new Error(`undefined network ${JSON.stringify(key)}`);
    const target = config?.name || ns.scope(key);
    const aliases = [...(nw?.aliases ?? [])];
    // only user-defined networks take the service's key as an alias
    if (isUserDefinedNetwork(target)) aliases.push(serviceKey);
    out.push({ Target: target, ...(aliases.length ? { Aliases: aliases } : {}) });
  }
  return out.sort((a, b) => byName(a.Target, b.Target));
}

/** convertEndpointSpec's ports, sorted by published port (stable, as the order given otherwise). */
function convertPorts(ports: ServicePortConfig[]): PortConfig[] {
  return ports
    .map((p) => ({
      Protocol: (p.protocol || 'tcp') as PortConfig['Protocol'],
      TargetPort: p.target ?? 0,
      ...(p.published ? { PublishedPort: p.published } : {}),
      PublishMode: (p.mode || 'ingress') as PortConfig['PublishMode'],
    }))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.PublishedPort ?? 0) - (b.p.PublishedPort ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** convertEnvironment: KEY=VALUE (or KEY alone), sorted. */
function convertEnvironment(env: Record<string, string | null> | undefined): string[] {
  return Object.entries(env ?? {})
    .map(([k, v]) => (v === null ? k : `${k}=${v}`))
    .sort(byName);
}

/** convertDeployMode (docker CLI 28's wording). */
function convertDeployMode(mode: string | undefined, replicas: number | undefined): ServiceMode {
  switch (mode ?? '') {
    case 'global':
      if (replicas !== undefined) throw new Error('replicas can only be used with replicated or replicated-job mode');
      return { Global: {} };
    case 'replicated':
    case '':
      return { Replicated: { Replicas: replicas ?? 1 } };
    case 'global-job':
      if (replicas !== undefined) throw new Error('replicas can only be used with replicated or replicated-job mode');
      return { GlobalJob: {} };
    case 'replicated-job':
      // the daemon makes unset counts one task at a time, as many as run at once
      return { ReplicatedJob: { MaxConcurrent: replicas ?? 1, TotalCompletions: replicas ?? 1 } };
    default:
      throw new Error(`Unknown mode: ${mode}`);
  }
}

/**
 * The update config the daemon stores: none when the file gives none (`service inspect` shows the
 * daemon's defaults then; a job may have none), its defaults for the fields the file leaves out.
 */
function convertUpdateConfig(source: UpdateConfig | undefined): SwarmUpdateConfig | undefined {
  if (!source) return undefined;
  const config: SwarmUpdateConfig = {
    Parallelism: source.parallelism ?? 1,
    FailureAction: 'pause',
    Monitor: 5e9,
    MaxFailureRatio: 0,
    Order: 'stop-first',
  };
  if (source.delay) config.Delay = source.delay;
  if (source.failureAction) config.FailureAction = source.failureAction;
  if (source.monitor) config.Monitor = source.monitor;
  config.MaxFailureRatio = source.maxFailureRatio ?? 0;
  if (source.order) config.Order = source.order;
  return orderUpdateConfig(config);
}

/** swarm.UpdateConfig's field order (Delay after Parallelism). */
function orderUpdateConfig(c: SwarmUpdateConfig): SwarmUpdateConfig {
  return {
    Parallelism: c.Parallelism,
    ...(c.Delay ? { Delay: c.Delay } : {}),
    FailureAction: c.FailureAction,
    Monitor: c.Monitor,
    MaxFailureRatio: c.MaxFailureRatio,
    Order: c.Order,
  };
}

/**
 * convertRestartPolicy: deploy.restart_policy wins; otherwise the service's `restart:` (which the
 * loader reports as unsupported) is still converted. The daemon's defaults: condition any, 5 s delay.
 */
function convertRestartPolicy(restart: string | undefined, policy: RestartPolicy | undefined): SwarmRestartPolicy {
  const stored = (condition: string, delay?: number, attempts?: number, window?: number): SwarmRestartPolicy => ({
    Condition: condition,
    Delay: delay ?? 5e9,
    MaxAttempts: attempts ?? 0,
    ...(window !== undefined ? { Window: window } : {}),
  });
  if (policy) {
    // an unknown condition is the daemon's to refuse (when the service is created)
    return stored(policy.condition || 'any', policy.delay, policy.maxAttempts, policy.window);
  }
  if (!restart) return stored('any');
  // opts.ParseRestartPolicy
  const colon = restart.indexOf(':');
  const name = colon < 0 ? restart : restart.slice(0, colon);
  const count = colon < 0 ? '' : restart.slice(colon + 1);
  if (colon >= 0 && name === '') throw new Error('invalid restart policy format: no policy provided before colon');
  let retries = 0;
  if (count !== '') {
    if (!/^[+-]?\d+$/.test(count)) throw new Error('invalid restart policy format: maximum retry count must be an integer');
    retries = Number(count);
  }
  switch (name) {
    case '':
    case 'no':
      return stored('any');
    case 'always':
    case 'unless-stopped':
      return stored('any');
    case 'on-failure':
      return stored('on-failure', undefined, retries);
    default:
      throw new Error(`unknown restart policy: ${restart}`);
  }
}

/** convertResources: limits and reservations as given; `{}` when neither is. */
function convertResources(source: Resources | undefined): TaskSpec['Resources'] {
  const out: TaskSpec['Resources'] = {};
  if (source?.limits) {
    const l = source.limits;
    out.Limits = {};
    const cpus = l.nanoCPUs ? parseCPUs(l.nanoCPUs) : 0;
    if (cpus) out.Limits.NanoCPUs = cpus;
    if (l.memoryBytes) out.Limits.MemoryBytes = l.memoryBytes;
    if (l.pids) out.Limits.Pids = l.pids;
  }
  if (source?.reservations) {
    const r = source.reservations;
    out.Reservations = {};
    const cpus = r.nanoCPUs ? parseCPUs(r.nanoCPUs) : 0;
    if (cpus) out.Reservations.NanoCPUs = cpus;
    if (r.memoryBytes) out.Reservations.MemoryBytes = r.memoryBytes;
    const generic = (r.genericResources ?? []).map((g) =>
      g.discreteResourceSpec ? { DiscreteResourceSpec: { Kind: g.discreteResourceSpec.kind, Value: g.discreteResourceSpec.value } } : {},
    );
    if (generic.length) out.Reservations.GenericResources = generic;
  }
  return out;
}

/** opts.ParseCPUs: a decimal number of CPUs as nano-CPUs. */
function parseCPUs(value: string): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`failed to parse ${value} as a rational number`);
  const frac = m[3] ?? '';
  if (frac.replace(/0+$/, '').length > 9) throw new Error('value is too precise');
  const nano = Number(m[2] || '0') * 1e9 + Number((frac + '000000000').slice(0, 9));
  return m[1] === '-' ? -nano : nano;
}

function convertHealthcheck(h: HealthCheckConfig | undefined): ContainerSpec['Healthcheck'] {
  if (!h) return undefined;
  if (h.disable) {
    if (h.test?.length) throw new Error("test and disable can't be set at the same time");
    return { Test: ['NONE'] };
  }
  const out: NonNullable<ContainerSpec['Healthcheck']> = {};
  if (h.test) out.Test = [...h.test];
  if (h.interval) out.Interval = h.interval;
  if (h.timeout) out.Timeout = h.timeout;
  if (h.startPeriod) out.StartPeriod = h.startPeriod;
  if (h.startInterval) out.StartInterval = h.startInterval;
  if (h.retries) out.Retries = h.retries;
  return out;
}

// ---- volumes (convert/volume.go) ----

function convertVolume(volume: ServiceVolumeConfig, stackVolumes: Record<string, VolumeConfig>, ns: Namespace): Mount {
  // mount.Mount's field order: Type, Source, Target, ReadOnly, Consistency, then the options
  const base = (): Mount => ({
    Type: (volume.type || 'volume') as Mount['Type'],
    ...(volume.source ? { Source: volume.source } : {}),
    Target: volume.target ?? '',
    ...(volume.readOnly ? { ReadOnly: true } : {}),
    ...(volume.consistency ? { Consistency: volume.consistency } : {}),
  });
  switch (volume.type ?? '') {
    case 'volume':
    case '': {
      if (volume.tmpfs) throw new Error('tmpfs options are incompatible with type volume');
      if (volume.bind) throw new Error('bind options are incompatible with type volume');
      if (volume.cluster) throw new Error('cluster options are incompatible with type volume');
      const result = base();
      result.Type = 'volume';
      if (!volume.source) return result;
      const stackVolume = stackVolumes[volume.source];
      if (!stackVolume) throw new Error(`undefined volume ${JSON.stringify(volume.source)}`);
      result.Source = stackVolume.name || ns.scope(volume.source);
      const options: NonNullable<Mount['VolumeOptions']> = {};
      if (volume.volume?.noCopy) options.NoCopy = true;
      if (!stackVolume.external?.external) {
        options.Labels = addStackLabel(ns, stackVolume.labels);
        if (stackVolume.driver || stackVolume.driverOpts) {
          options.DriverConfig = {
            ...(stackVolume.driver ? { Name: stackVolume.driver } : {}),
            ...(stackVolume.driverOpts ? { Options: { ...stackVolume.driverOpts } } : {}),
          };
        }
      }
      result.VolumeOptions = options;
      return result;
    }
    case 'bind': {
      if (!volume.source) throw new Error('invalid bind source, source cannot be empty');
      if (volume.volume) throw new Error('volume options are incompatible with type bind');
      if (volume.tmpfs) throw new Error('tmpfs options are incompatible with type bind');
      if (volume.cluster) throw new Error('cluster options are incompatible with type bind');
      const result = base();
      if (volume.bind?.propagation) result.BindOptions = { Propagation: volume.bind.propagation };
      return result;
    }
    case 'tmpfs': {
      if (volume.source) throw new Error('invalid tmpfs source, source must be empty');
      if (volume.bind) throw new Error('bind options are incompatible with type tmpfs');
      if (volume.volume) throw new Error('volume options are incompatible with type tmpfs');
      if (volume.cluster) throw new Error('cluster options are incompatible with type tmpfs');
      const result = base();
      if (volume.tmpfs) result.TmpfsOptions = volume.tmpfs.size ? { SizeBytes: volume.tmpfs.size } : {};
      return result;
    }
    case 'npipe': {
      if (!volume.source) throw new Error('invalid npipe source, source cannot be empty');
      if (volume.volume) throw new Error('volume options are incompatible with type npipe');
      if (volume.tmpfs) throw new Error('tmpfs options are incompatible with type npipe');
      const result = base();
      if (volume.bind?.propagation) result.BindOptions = { Propagation: volume.bind.propagation };
      return result;
    }
    case 'cluster':
      throw new Error('tsecret does not simulate cluster volumes');
    default:
      throw new Error('volume type must be volume, bind, tmpfs, npipe, or cluster');
  }
}
