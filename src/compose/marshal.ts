// `docker stack config`'s output: the loaded Config marshalled by yaml.v3 (Go struct field order,
// `omitempty`, maps sorted, docker's MarshalYAML methods: durations as time.Duration prints them,
// byte sizes as quoted strings, `external` as a bool or {name}).
import { formatGoDuration } from '../go/time/duration.js';
import type {
  BuildConfig,
  Config,
  DeployConfig,
  External,
  FileObjectConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  NetworkConfig,
  ServiceConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  UpdateConfig,
  VolumeConfig,
} from './types.js';
import { isYamlMap } from './yaml.js';
import { emitYAML, sortedEntries, type YNode, yint, ystr } from './yaml-emit.js';

type Entries = [string, YNode][];

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  v === 0 ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

class Fields {
  readonly entries: Entries = [];
  /** A field with `omitempty`. */
  add(key: string, value: unknown, node: (v: never) => YNode): this {
    if (!isEmpty(value)) this.entries.push([key, node(value as never)]);
    return this;
  }
  /** A pointer field with `omitempty`: written when set, even to a zero value. */
  ptr(key: string, value: unknown, node: (v: never) => YNode): this {
    if (value !== undefined && value !== null) this.entries.push([key, node(value as never)]);
    return this;
  }
  /** A struct field with `omitempty`: omitted when all its fields are. */
  struct(key: string, node: YNode | undefined): this {
    if (node && !(node.kind === 'map' && node.entries.length === 0)) this.entries.push([key, node]);
    return this;
  }
  extras(extras: Record<string, unknown> | undefined): this {
    for (const [k, v] of sortedEntries(Object.entries(extras ?? {}))) this.entries.push([k, anyNode(v)]);
    return this;
  }
  node(): YNode {
    return { kind: 'map', entries: this.entries };
  }
}

const strList = (l: string[]): YNode => ({ kind: 'seq', items: l.map(ystr) });
const strMap = (m: Record<string, string>): YNode => ({
  kind: 'map',
  entries: sortedEntries(Object.entries(m)).map(([k, v]) => [k, ystr(v)]),
});
const nullableStrMap = (m: Record<string, string | null>): YNode => ({
  kind: 'map',
  entries: sortedEntries(Object.entries(m)).map(([k, v]) => [k, v === null ? { kind: 'null' } : ystr(v)]),
});
const dur = (ns: number): YNode => ystr(formatGoDuration(ns));
const bytes = (n: number): YNode => ystr(String(n));
const bool = (b: boolean): YNode => ({ kind: 'bool', value: b });
/** float32 fields (max_failure_ratio) print with float32's shortest digits. */
const float32 = (f: number): YNode => {
  const f32 = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const v = Number(f32.toPrecision(p));
    if (Math.fround(v) === f32) return { kind: 'float', value: v };
  }
  return { kind: 'float', value: f32 };
};

/** A decoded YAML value (extras), as yaml.v3 marshals an interface{}. */
export function anyNode(v: unknown): YNode {
  if (v === null || v === undefined) return { kind: 'null' };
  if (typeof v === 'boolean') return bool(v);
  if (typeof v === 'number') return Number.isInteger(v) ? yint(v) : { kind: 'float', value: v };
  if (typeof v === 'string') return ystr(v);
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(anyNode) };
  if (isYamlMap(v)) return { kind: 'map', entries: sortedEntries(Object.entries(v)).map(([k, x]) => [k, anyNode(x)]) };
  return ystr(String(v));
}

function external(e: External | undefined): YNode | undefined {
  if (!e) return undefined;
  if (!e.name) return e.external ? bool(true) : undefined;
  return { kind: 'map', entries: [['name', ystr(e.name)]] };
}

function build(b: BuildConfig): YNode {
  return new Fields()
    .add('context', b.context, ystr)
    .add('dockerfile', b.dockerfile, ystr)
    .add('args', b.args, nullableStrMap)
    .add('labels', b.labels, strMap)
    .add('cache_from', b.cacheFrom, strList)
    .add('extra_hosts', b.extraHosts, strList)
    .add('network', b.network, ystr)
    .add('target', b.target, ystr)
    .node();
}

function fileRef(r: FileReferenceConfig): YNode {
  return new Fields()
    .add('source', r.source, ystr)
    .add('target', r.target, ystr)
    .add('uid', r.uid, ystr)
    .add('gid', r.gid, ystr)
    .ptr('mode', r.mode, yint)
    .node();
}

function updateConfig(u: UpdateConfig): YNode {
  return new Fields()
    .ptr('parallelism', u.parallelism, yint)
    .add('delay', u.delay, dur)
    .add('failure_action', u.failureAction, ystr)
    .add('monitor', u.monitor, dur)
    .add('max_failure_ratio', u.maxFailureRatio, float32)
    .add('order', u.order, ystr)
    .node();
}

function deploy(d: DeployConfig): YNode {
  const res = d.resources;
  const resources = res
    ? new Fields()
        .ptr('limits', res.limits, (l: NonNullable<typeof res.limits>) =>
          new Fields().add('cpus', l.nanoCPUs, ystr).add('memory', l.memoryBytes, bytes).add('pids', l.pids, yint).node(),
        )
        .ptr('reservations', res.reservations, (r: NonNullable<typeof res.reservations>) =>
          new Fields()
            .add('cpus', r.nanoCPUs, ystr)
            .add('memory', r.memoryBytes, bytes)
            .add('generic_resources', r.genericResources, (g: NonNullable<typeof r.genericResources>) => ({
              kind: 'seq',
              items: g.map((x) =>
                new Fields()
                  .ptr('discrete_resource_spec', x.discreteResourceSpec, (s: { kind: string; value: number }) => ({
                    kind: 'map',
                    entries: [
                      ['kind', ystr(s.kind)],
                      ['value', yint(s.value)],
                    ],
                  }))
                  .node(),
              ),
            }))
            .node(),
        )
        .node()
    : undefined;
  const rp = d.restartPolicy;
  const pl = d.placement;
  return new Fields()
    .add('mode', d.mode, ystr)
    .ptr('replicas', d.replicas, yint)
    .add('labels', d.labels, strMap)
    .ptr('update_config', d.updateConfig, updateConfig)
    .ptr('rollback_config', d.rollbackConfig, updateConfig)
    .struct('resources', resources)
    .ptr('restart_policy', rp, (r: NonNullable<typeof rp>) =>
      new Fields()
        .add('condition', r.condition, ystr)
        .ptr('delay', r.delay, dur)
        .ptr('max_attempts', r.maxAttempts, yint)
        .ptr('window', r.window, dur)
        .node(),
    )
    .struct(
      'placement',
      pl &&
        new Fields()
          .add('constraints', pl.constraints, strList)
          .add('preferences', pl.preferences, (p: { spread?: string }[]) => ({
            kind: 'seq',
            items: p.map((x) => new Fields().add('spread', x.spread, ystr).node()),
          }))
          .add('max_replicas_per_node', pl.maxReplicas, yint)
          .node(),
    )
    .add('endpoint_mode', d.endpointMode, ystr)
    .node();
}

function healthCheck(h: HealthCheckConfig): YNode {
  return new Fields()
    .add('test', h.test, strList)
    .ptr('timeout', h.timeout, dur)
    .ptr('interval', h.interval, dur)
    .ptr('retries', h.retries, yint)
    .ptr('start_period', h.startPeriod, dur)
    .ptr('start_interval', h.startInterval, dur)
    .add('disable', h.disable, bool)
    .node();
}

function port(p: ServicePortConfig): YNode {
  return new Fields()
    .add('mode', p.mode, ystr)
    .add('target', p.target, yint)
    .add('published', p.published, yint)
    .add('protocol', p.protocol, ystr)
    .node();
}

function volume(v: ServiceVolumeConfig): YNode {
  return new Fields()
    .add('type', v.type, ystr)
    .add('source', v.source, ystr)
    .add('target', v.target, ystr)
    .add('read_only', v.readOnly, bool)
    .add('consistency', v.consistency, ystr)
    .ptr('bind', v.bind, (b: { propagation?: string }) => new Fields().add('propagation', b.propagation, ystr).node())
    .ptr('volume', v.volume, (x: { noCopy?: boolean; subpath?: string }) =>
      new Fields().add('nocopy', x.noCopy, bool).add('subpath', x.subpath, ystr).node(),
    )
    .ptr('tmpfs', v.tmpfs, (t: { size?: number }) => new Fields().add('size', t.size, yint).node())
    .ptr('cluster', v.cluster, () => ({ kind: 'map', entries: [] }))
    .node();
}

function service(s: ServiceConfig): YNode {
  return new Fields()
    .struct('build', s.build && build(s.build))
    .add('cap_add', s.capAdd, strList)
    .add('cap_drop', s.capDrop, strList)
    .add('cgroupns_mode', s.cgroupNSMode, ystr)
    .add('cgroup_parent', s.cgroupParent, ystr)
    .add('command', s.command, strList)
    .add('configs', s.configs, (l: FileReferenceConfig[]) => ({ kind: 'seq', items: l.map(fileRef) }))
    .add('container_name', s.containerName, ystr)
    .struct(
      'credential_spec',
      s.credentialSpec &&
        new Fields()
          .add('config', s.credentialSpec.config, ystr)
          .add('file', s.credentialSpec.file, ystr)
          .add('registry', s.credentialSpec.registry, ystr)
          .node(),
    )
    .add('depends_on', s.dependsOn, strList)
    .struct('deploy', s.deploy && deploy(s.deploy))
    .add('devices', s.devices, strList)
    .add('dns', s.dns, strList)
    .add('dns_search', s.dnsSearch, strList)
    .add('domainname', s.domainName, ystr)
    .add('entrypoint', s.entrypoint, strList)
    .add('environment', s.environment, nullableStrMap)
    .add('env_file', s.envFile, strList)
    .add('expose', s.expose, strList)
    .add('external_links', s.externalLinks, strList)
    .add('extra_hosts', s.extraHosts, strList)
    .add('hostname', s.hostname, ystr)
    .ptr('healthcheck', s.healthCheck, healthCheck)
    .add('image', s.image, ystr)
    .ptr('init', s.init, bool)
    .add('ipc', s.ipc, ystr)
    .add('isolation', s.isolation, ystr)
    .add('labels', s.labels, strMap)
    .add('links', s.links, strList)
    .ptr('logging', s.logging, (l: NonNullable<ServiceConfig['logging']>) =>
      new Fields().add('driver', l.driver, ystr).add('options', l.options, strMap).node(),
    )
    .add('mac_address', s.macAddress, ystr)
    .add('network_mode', s.networkMode, ystr)
    .add('networks', s.networks, (m: NonNullable<ServiceConfig['networks']>) => ({
      kind: 'map',
      entries: sortedEntries(Object.entries(m)).map(([k, n]) => [
        k,
        n === null
          ? { kind: 'null' }
          : new Fields()
              .add('aliases', n.aliases, strList)
              .add('ipv4_address', n.ipv4Address, ystr)
              .add('ipv6_address', n.ipv6Address, ystr)
              .node(),
      ]),
    }))
    .add('pid', s.pid, ystr)
    .add('ports', s.ports, (l: ServicePortConfig[]) => ({ kind: 'seq', items: l.map(port) }))
    .add('privileged', s.privileged, bool)
    .add('read_only', s.readOnly, bool)
    .add('restart', s.restart, ystr)
    .add('secrets', s.secrets, (l: FileReferenceConfig[]) => ({ kind: 'seq', items: l.map(fileRef) }))
    .add('security_opt', s.securityOpt, strList)
    .add('shm_size', s.shmSize, ystr)
    .add('stdin_open', s.stdinOpen, bool)
    .ptr('stop_grace_period', s.stopGracePeriod, dur)
    .add('stop_signal', s.stopSignal, ystr)
    .add('sysctls', s.sysctls, strMap)
    .add('tmpfs', s.tmpfs, strList)
    .add('tty', s.tty, bool)
    .add('ulimits', s.ulimits, (m: NonNullable<ServiceConfig['ulimits']>) => ({
      kind: 'map',
      entries: sortedEntries(Object.entries(m)).map(([k, u]) => [
        k,
        u.single ? yint(u.single) : new Fields().add('single', u.single, yint).add('soft', u.soft, yint).add('hard', u.hard, yint).node(),
      ]),
    }))
    .add('user', s.user, ystr)
    .add('userns_mode', s.userNSMode, ystr)
    .add('volumes', s.volumes, (l: ServiceVolumeConfig[]) => ({ kind: 'seq', items: l.map(volume) }))
    .add('working_dir', s.workingDir, ystr)
    .extras(s.extras)
    .node();
}

function network(n: NetworkConfig): YNode {
  const ipam = n.ipam
    ? new Fields()
        .add('driver', n.ipam.driver, ystr)
        .add('config', n.ipam.config, (l: { subnet?: string }[]) => ({
          kind: 'seq',
          items: l.map((c) => new Fields().add('subnet', c.subnet, ystr).node()),
        }))
        .node()
    : undefined;
  return new Fields()
    .add('name', n.name, ystr)
    .add('driver', n.driver, ystr)
    .add('driver_opts', n.driverOpts, strMap)
    .struct('ipam', ipam)
    .struct('external', external(n.external))
    .add('internal', n.internal, bool)
    .add('attachable', n.attachable, bool)
    .add('labels', n.labels, strMap)
    .extras(n.extras)
    .node();
}

function volumeConfig(v: VolumeConfig): YNode {
  return new Fields()
    .add('name', v.name, ystr)
    .add('driver', v.driver, ystr)
    .add('driver_opts', v.driverOpts, strMap)
    .struct('external', external(v.external))
    .add('labels', v.labels, strMap)
    .extras(v.extras)
    .ptr('x-cluster-spec', v.spec, anyNode)
    .node();
}

function fileObject(o: FileObjectConfig): YNode {
  return new Fields()
    .add('name', o.name, ystr)
    .add('file', o.file, ystr)
    .struct('external', external(o.external))
    .add('labels', o.labels, strMap)
    .add('driver', o.driver, ystr)
    .add('driver_opts', o.driverOpts, strMap)
    .add('template_driver', o.templateDriver, ystr)
    .extras(o.extras)
    .node();
}

function section<T>(m: Record<string, T>, node: (v: T) => YNode): YNode {
  return { kind: 'map', entries: sortedEntries(Object.entries(m)).map(([k, v]) => [k, node(v)]) };
}

/** What `docker stack config` prints for a loaded Config. */
export function marshalConfig(cfg: Config): string {
  const services: Record<string, ServiceConfig> = {};
  for (const s of cfg.services) services[s.name] = s;
  const root = new Fields().entries as Entries;
  root.push(['version', ystr(cfg.version)]);
  root.push(['services', section(services, service)]);
  const top = new Fields()
    .add('networks', cfg.networks, (m: Record<string, NetworkConfig>) => section(m, network))
    .add('volumes', cfg.volumes, (m: Record<string, VolumeConfig>) => section(m, volumeConfig))
    .add('secrets', cfg.secrets, (m: Record<string, FileObjectConfig>) => section(m, fileObject))
    .add('configs', cfg.configs, (m: Record<string, FileObjectConfig>) => section(m, fileObject))
    .extras(cfg.extras);
  root.push(...top.entries);
  return emitYAML({ kind: 'map', entries: root });
}
