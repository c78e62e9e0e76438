// `service update` (docker/cli cli/command/service/update.go): fetch the spec as stored (without
// the defaults `inspect` shows), change what the flags say as updateService does, send it back
// with the version read, print the argument, then progress.

import type {
  ContainerSpec,
  GenericResource,
  Mount,
  NetworkAttachmentConfig,
  PortConfig,
  ServiceSpec,
  ServiceUpdateOptions,
  TaskSpec,
  Ulimit,
} from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import { imageWithTag } from '../../engine/image-reference.js';
import { parseConfigs, resolveSecretRefs } from '../../engine/resolve-references.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { ALL_CAPABILITIES, capabilitiesSet, RESET_CAPABILITIES } from '../../opts/capabilities.js';
import { parseConfigOpt } from '../../opts/config.js';
import { parseMountOpt } from '../../opts/mount.js';
import { portConfigKey } from '../../opts/port.js';
import { ulimitList } from '../../opts/ulimit.js';
import { defineCommand, exactArgs, type FlagName, type FlagValues } from '../command.js';
import { labelsToMap } from '../flags.js';
import { UPDATE_FLAGS } from './flag-specs.js';
import { defaultUpdateConfig, healthConfig, parseGenericResources, UPDATE_FLAGS_OF } from './opts.js';
import { printProgress } from './progress.js';
import { applyUpdateConfigFlags, checkApiVersions, convertExtraHosts, logDriver } from './service-flags.js';
import { digestWarning, envValue } from './spec.js';

type UpdateFlags = FlagValues<typeof UPDATE_FLAGS>;
type Changed = ReadonlySet<FlagName<typeof UPDATE_FLAGS>>;

/**
 * runUpdate reads the flags themselves, as docker's updateService does (flags.Changed, GetString):
 * what a flag means depends on whether it was given.
 */
export interface UpdateOptions {
  service: string;
  flags: UpdateFlags;
  changed: Changed;
}

const envKey = (e: string): string => e.split('=')[0];
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * updateEnvironment: removals by key first (order kept); with --env-add docker rebuilds the list
 * from a Go map keyed by name, so its order is random: tsecret sorts it by name.
 */
export function updateEnv(current: string[] | undefined, add: string[] | undefined, rm: string[]): string[] {
  const kept = (current ?? []).filter((e) => !rm.includes(envKey(e)));
  if (add === undefined) return kept;
  const byKey = new Map<string, string>();
  for (const e of [...kept, ...add]) byKey.set(envKey(e), e);
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as string);
}

/**
 * updateLabels / updateContainerLabels / updateSysCtls: removals, then additions. Labels are
 * removed by the value given (`--label-rm a=b` removes a key "a=b"), sysctls by its key part.
 */
function updateMap(
  current: Record<string, string> | undefined,
  add: string[] | undefined,
  rmKeys: string[] | undefined,
): Record<string, string> | undefined {
  let out = current ? { ...current } : undefined;
  if (out && rmKeys) for (const k of rmKeys) delete out[k];
  if (add) out = { ...(out ?? {}), ...labelsToMap(add) };
  return out;
}

/** removeDuplicates: first occurrence kept. */
const dedupe = (xs: readonly string[]): string[] => [...new Set(xs)];

/** updateDNSConfig: each list gets its additions, loses duplicates and removals, and is sorted. */
function updateDNSList(current: string[] | undefined, add: string[] | undefined, rm: string[] | undefined): string[] | undefined {
  const removed = new Set(rm ?? []);
  const out = dedupe([...(current ?? []), ...(add ?? [])])
    .filter((x) => !removed.has(x))
    .sort(byText);
  return out.length ? out : undefined;
}

/**
 * updateHosts: `host:ip` removes the host from entries with that address, `host` from every
 * entry; an entry left without names goes; additions are appended in swarmkit's `ip host` form.
 */
export function updateHosts(current: string[] | undefined, add: string[] | undefined, rm: string[] | undefined): string[] {
  const toRemove = (rm ?? []).map((e) => {
    const colon = e.indexOf(':');
    return colon < 0 ? { host: e, ip: '' } : { host: e.slice(0, colon), ip: e.slice(colon + 1) };
  });
  const out: string[] = [];
  for (const entry of current ?? []) {
    const parts = entry.split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const [ip, ...names] = parts;
    let hostNames = names;
    for (const r of toRemove) {
      if (r.ip !== '' && r.ip !== ip) continue;
      hostNames = hostNames.filter((h) => h !== r.host);
    }
    if (hostNames.length) out.push(`${ip} ${hostNames.join(' ')}`);
  }
  if (add) out.push(...convertExtraHosts(add));
  return dedupe(out);
}

/**
 * updateMounts: added mounts by target (a target given twice is refused), then the existing ones
 * not replaced, minus the removed targets, sorted by source then target.
 */
export function updateMounts(current: Mount[] | undefined, add: Mount[] | undefined, rm: string[] | undefined): Mount[] {
  const byTarget = new Map<string, Mount>();
  for (const m of add ?? []) {
    if (byTarget.has(m.Target)) throw new Error('duplicate mount target');
    byTarget.set(m.Target, m);
  }
  for (const m of current ?? []) if (!byTarget.has(m.Target)) byTarget.set(m.Target, m);
  const removed = new Set(rm ?? []);
  return [...byTarget.values()]
    .filter((m) => !removed.has(m.Target))
    .sort((a, b) => ((a.Source ?? '') === (b.Source ?? '') ? byText(a.Target, b.Target) : byText(a.Source ?? '', b.Source ?? '')));
}

const sameProtocol = (a: string | undefined, b: string | undefined): boolean =>
  a === b || ((a ?? '') === '' && b === 'tcp') || ((b ?? '') === '' && a === 'tcp');
const sameMode = (a: string | undefined, b: string | undefined): boolean =>
  a === b || ((a ?? '') === '' && b === 'ingress') || ((b ?? '') === '' && a === 'ingress');

/**
 * updatePorts: the current ports (one per published:target/protocol/mode), minus those whose
 * target, protocol and mode a --publish-rm names, plus the new ones, sorted by that text.
 */
export function updatePorts(current: PortConfig[] | undefined, add: PortConfig[] | undefined, rm: PortConfig[]): PortConfig[] {
  const set = new Map<string, PortConfig>();
  for (const p of current ?? []) if (!set.has(portConfigKey(p))) set.set(portConfigKey(p), p);
  const out = [...set.values()].filter(
    (p) => !rm.some((r) => sameProtocol(p.Protocol, r.Protocol) && p.TargetPort === r.TargetPort && sameMode(p.PublishMode, r.PublishMode)),
  );
  for (const p of add ?? []) if (!set.has(portConfigKey(p))) out.push(p);
  return out.sort((a, b) => byText(portConfigKey(a), portConfigKey(b)));
}

/** updateCapabilities: the tri-state of --cap-add/--cap-drop against the service's lists. */
export function updateCapabilities(cs: ContainerSpec, add: string[] | undefined, drop: string[] | undefined): void {
  let capDrop = capabilitiesSet(cs.CapabilityDrop ?? []);
  let capAdd = capabilitiesSet(cs.CapabilityAdd ?? []);
  let toAdd = new Set<string>();
  let toDrop = new Set<string>();
  if (add) {
    toAdd = capabilitiesSet(add);
    if (toAdd.has(RESET_CAPABILITIES)) {
      capAdd = new Set();
      toAdd.delete(RESET_CAPABILITIES);
    }
  }
  if (drop) {
    toDrop = capabilitiesSet(drop);
    if (toDrop.has(RESET_CAPABILITIES)) {
      capDrop = new Set();
      toDrop.delete(RESET_CAPABILITIES);
    }
  }
  for (const c of toDrop) {
    if (toAdd.has(c)) continue;
    if (capAdd.has(c)) capAdd.delete(c);
    else capDrop.add(c);
  }
  for (const c of toAdd) {
    if (capDrop.has(c)) capDrop.delete(c);
    else capAdd.add(c);
  }
  const list = (caps: Set<string>): string[] | undefined =>
    caps.size === 0 ? undefined : caps.has(ALL_CAPABILITIES) ? [ALL_CAPABILITIES] : [...caps].sort(byText);
  cs.CapabilityDrop = list(capDrop);
  cs.CapabilityAdd = list(capAdd);
  if (!cs.CapabilityDrop) delete cs.CapabilityDrop;
  if (!cs.CapabilityAdd) delete cs.CapabilityAdd;
}

/** updateUlimits: by name, removals then additions, sorted by name; none left is none. */
function updateUlimits(current: Ulimit[] | undefined, add: Ulimit[] | undefined, rm: string[] | undefined): Ulimit[] | undefined {
  const byName = new Map((current ?? []).map((u) => [u.Name, u]));
  for (const k of Object.keys(labelsToMap(rm ?? []))) byName.delete(k);
  for (const u of ulimitList(add ?? [])) byName.set(u.Name, u);
  return byName.size ? ulimitList([...byName.values()]) : undefined;
}

/** add/removeGenericResources: discrete resources by kind; removing a kind not there is refused. */
function updateGenericResources(task: TaskSpec, add: string[] | undefined, rm: string[] | undefined): void {
  if (add === undefined && rm === undefined) return;
  task.Resources.Reservations ??= {};
  const byKind = new Map<string, GenericResource>();
  for (const r of task.Resources.Reservations.GenericResources ?? []) {
    if (!r.DiscreteResourceSpec) throw new Error(`invalid generic-resource \`${JSON.stringify(r)}\` for service task`);
    byKind.set(r.DiscreteResourceSpec.Kind, r);
  }
  for (const r of parseGenericResources(add ?? []) ?? []) byKind.set(r.DiscreteResourceSpec?.Kind ?? '', r);
  for (const kind of rm ?? []) {
    if (!byKind.has(kind)) throw new Error(`could not find generic-resource \`${kind}\` to remove it`);
    byKind.delete(kind);
  }
  const list = [...byKind.values()];
  if (list.length) task.Resources.Reservations.GenericResources = list;
  else delete task.Resources.Reservations.GenericResources;
}

/** updateHealthcheck. */
function updateHealthcheck(cs: ContainerSpec, f: UpdateFlags, changed: Changed): void {
  const healthFlags = ['health-cmd', 'health-interval', 'health-retries', 'health-timeout', 'health-start-period'] as const;
  if (!changed.has('no-healthcheck') && !healthFlags.some((n) => changed.has(n))) return;
  const hc = { ...(cs.Healthcheck ?? {}) };
  if (f['no-healthcheck']) {
    if (healthFlags.some((n) => changed.has(n))) throw new Error('--no-healthcheck conflicts with --health-* options');
    cs.Healthcheck = { Test: ['NONE'] };
    return;
  }
  if (hc.Test?.[0] === 'NONE') delete hc.Test;
  if (changed.has('health-interval')) hc.Interval = f['health-interval'] ?? 0;
  if (changed.has('health-timeout')) hc.Timeout = f['health-timeout'] ?? 0;
  if (changed.has('health-start-period')) hc.StartPeriod = f['health-start-period'] ?? 0;
  if (changed.has('health-retries')) hc.Retries = f['health-retries'] ?? 0;
  if (changed.has('health-cmd')) hc.Test = f['health-cmd'] !== '' ? ['CMD-SHELL', f['health-cmd']] : undefined;
  cs.Healthcheck = healthConfig(hc);
}

/**
 * updateNetworks: removals by the network's ID (each looked up; a missing one is the daemon's
 * `network X not found`), then additions (refused when already attached), sorted by ID.
 */
async function updateNetworks(
  engine: Engine,
  task: TaskSpec,
  add: NetworkAttachmentConfig[] | undefined,
  rm: string[] | undefined,
): Promise<void> {
  const idsToRemove = new Set<string>();
  for (const ref of new Set(rm ?? [])) idsToRemove.add((await engine.networkInspect(ref)).Id);
  const existing = new Set<string>();
  const out: NetworkAttachmentConfig[] = [];
  for (const n of task.Networks ?? []) {
    if (idsToRemove.has(n.Target)) continue;
    out.push(n);
    existing.add(n.Target);
  }
  for (const n of add ?? []) {
    const id = (await engine.networkInspect(n.Target)).Id;
    if (existing.has(id)) throw new Error(`service is already attached to network ${n.Target}`);
    out.push({ ...n, Target: id });
    existing.add(id);
  }
  out.sort((a, b) => byText(a.Target, b.Target));
  if (out.length) task.Networks = out;
  else delete task.Networks;
}

/** What `service update` sends: the stored spec changed as docker's updateService changes it. */
export async function updatedSpec(
  stored: ServiceSpec,
  f: UpdateFlags,
  changed: Changed,
  io: IOStreams,
  engine: Engine,
): Promise<ServiceSpec> {
  const spec = structuredClone(stored);
  const task = spec.TaskTemplate;
  const cs = task.ContainerSpec;
  const given = <K extends FlagName<typeof UPDATE_FLAGS>>(name: K): UpdateFlags[K] | undefined => (changed.has(name) ? f[name] : undefined);
  const setOrDelete = <T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete o[key];
    else o[key] = value;
  };

  const labels = updateMap(spec.Labels, given('label-add'), given('label-rm'));
  spec.Labels = labels ?? {};
  if (changed.has('container-label-add') || changed.has('container-label-rm')) {
    const next = updateMap(cs.Labels, given('container-label-add'), given('container-label-rm'));
    setOrDelete(cs, 'Labels', next && Object.keys(next).length ? next : undefined);
  }
  if (changed.has('image')) cs.Image = imageWithTag(f.image);
  // --args '' and --entrypoint '' clear them
  if (changed.has('args')) setOrDelete(cs, 'Args', f.args);
  if (changed.has('entrypoint')) setOrDelete(cs, 'Command', f.entrypoint);
  if (changed.has('env-add') || changed.has('env-rm')) {
    const add = changed.has('env-add') ? f['env-add'].map((e) => envValue(e, io.env)) : undefined;
    setOrDelete(cs, 'Env', updateEnv(cs.Env, add, f['env-rm']));
  }
  if (changed.has('workdir')) setOrDelete(cs, 'Dir', f.workdir || undefined);
  if (changed.has('user')) setOrDelete(cs, 'User', f.user || undefined);
  if (changed.has('hostname')) setOrDelete(cs, 'Hostname', f.hostname || undefined);
  if (changed.has('init')) cs.Init = f.init;
  // an unknown isolation is stored as the daemon's default
  if (changed.has('isolation')) cs.Isolation = f.isolation;
  if (changed.has('mount-add') || changed.has('mount-rm')) {
    const add = changed.has('mount-add') ? f['mount-add'].map((m) => parseMountOpt(m, io.cwd)) : undefined;
    setOrDelete(cs, 'Mounts', updateMounts(cs.Mounts, add, given('mount-rm')));
  }
  if (changed.has('sysctl-add') || changed.has('sysctl-rm')) {
    const rm = given('sysctl-rm');
    const next = updateMap(cs.Sysctls, given('sysctl-add'), rm && Object.keys(labelsToMap(rm)));
    setOrDelete(cs, 'Sysctls', next && Object.keys(next).length ? next : undefined);
  }
  setOrDelete(cs, 'Ulimits', updateUlimits(cs.Ulimits, given('ulimit-add'), given('ulimit-rm')));

  if (changed.has('limit-cpu') || changed.has('limit-memory') || changed.has('limit-pids')) {
    const limits = { ...(task.Resources.Limits ?? {}) };
    if (changed.has('limit-cpu')) setOrDelete(limits, 'NanoCPUs', f['limit-cpu'] || undefined);
    if (changed.has('limit-memory')) setOrDelete(limits, 'MemoryBytes', f['limit-memory'] || undefined);
    if (changed.has('limit-pids')) setOrDelete(limits, 'Pids', f['limit-pids'] || undefined);
    task.Resources = { Limits: limits, Reservations: task.Resources.Reservations ?? {} };
  }
  if (changed.has('reserve-cpu') || changed.has('reserve-memory')) {
    const reservations = { ...(task.Resources.Reservations ?? {}) };
    if (changed.has('reserve-cpu')) setOrDelete(reservations, 'NanoCPUs', f['reserve-cpu'] || undefined);
    if (changed.has('reserve-memory')) setOrDelete(reservations, 'MemoryBytes', f['reserve-memory'] || undefined);
    task.Resources = { Limits: task.Resources.Limits ?? {}, Reservations: reservations };
  }
  if (changed.has('oom-score-adj')) setOrDelete(cs, 'OomScoreAdj', f['oom-score-adj'] || undefined);
  updateGenericResources(task, given('generic-resource-add'), given('generic-resource-rm'));
  if (changed.has('stop-grace-period')) cs.StopGracePeriod = f['stop-grace-period'] ?? 0;

  if (
    changed.has('restart-condition') ||
    changed.has('restart-delay') ||
    changed.has('restart-max-attempts') ||
    changed.has('restart-window')
  ) {
    const rp = task.RestartPolicy;
    if (changed.has('restart-condition')) rp.Condition = f['restart-condition'];
    if (changed.has('restart-delay')) rp.Delay = f['restart-delay'] ?? 0;
    if (changed.has('restart-max-attempts')) rp.MaxAttempts = f['restart-max-attempts'] ?? 0;
    if (changed.has('restart-window')) rp.Window = f['restart-window'] ?? 0;
  }
  if (changed.has('constraint-add') || changed.has('constraint-rm')) {
    const removed = new Set(f['constraint-rm']);
    const constraints = [...(task.Placement.Constraints ?? []), ...f['constraint-add']].filter((c) => !removed.has(c)).sort(byText);
    setOrDelete(task.Placement, 'Constraints', constraints);
  }
  if (changed.has('placement-pref-add') || changed.has('placement-pref-rm')) {
    const removed = new Set(f['placement-pref-rm'].map((p) => p.Spread.SpreadDescriptor));
    const prefs = [
      ...(task.Placement.Preferences ?? []).filter((p) => !removed.has(p.Spread.SpreadDescriptor)),
      ...f['placement-pref-add'],
    ];
    setOrDelete(task.Placement, 'Preferences', prefs);
  }
  if (changed.has('network-add') || changed.has('network-rm'))
    await updateNetworks(engine, task, given('network-add'), given('network-rm'));
  if (changed.has('replicas')) {
    if (!('Replicated' in spec.Mode)) throw new Error('replicas can only be used with replicated mode');
    spec.Mode = { Replicated: { Replicas: f.replicas ?? 0 } };
  }
  if (changed.has('replicas-max-per-node')) setOrDelete(task.Placement, 'MaxReplicas', f['replicas-max-per-node'] || undefined);
  for (const prefix of ['update', 'rollback'] as const) {
    const names = UPDATE_FLAGS_OF(prefix);
    if (!names.some((n) => changed.has(n))) continue;
    const key = prefix === 'update' ? 'UpdateConfig' : 'RollbackConfig';
    spec[key] = applyUpdateConfigFlags(spec[key] ?? defaultUpdateConfig(), f, changed, prefix);
  }
  if (changed.has('endpoint-mode')) spec.EndpointSpec.Mode = f['endpoint-mode'];
  if (changed.has('group-add') || changed.has('group-rm')) {
    const removed = new Set(f['group-rm']);
    setOrDelete(cs, 'Groups', [...(cs.Groups ?? []), ...f['group-add']].filter((g) => !removed.has(g)).sort(byText));
  }
  if (changed.has('publish-add') || changed.has('publish-rm')) {
    setOrDelete(spec.EndpointSpec, 'Ports', updatePorts(spec.EndpointSpec.Ports, given('publish-add')?.flat(), f['publish-rm'].flat()));
  }
  const dnsFlags = ['dns-add', 'dns-rm', 'dns-option-add', 'dns-option-rm', 'dns-search-add', 'dns-search-rm'] as const;
  if (dnsFlags.some((n) => changed.has(n))) {
    const dns = cs.DNSConfig ?? {};
    const next: ContainerSpec['DNSConfig'] = {};
    setOrDelete(next, 'Nameservers', updateDNSList(dns.Nameservers, given('dns-add'), given('dns-rm')));
    setOrDelete(next, 'Search', updateDNSList(dns.Search, given('dns-search-add'), given('dns-search-rm')));
    setOrDelete(next, 'Options', updateDNSList(dns.Options, given('dns-option-add'), given('dns-option-rm')));
    cs.DNSConfig = next;
  }
  if (changed.has('host-add') || changed.has('host-rm'))
    setOrDelete(cs, 'Hosts', updateHosts(cs.Hosts, given('host-add'), given('host-rm')));
  // the options are replaced with the ones given; --log-opt alone changes nothing
  if (changed.has('log-driver')) {
    const driver = logDriver(f['log-driver'], f['log-opt'], io.env);
    if (driver) task.LogDriver = driver;
  }
  if (f.force) task.ForceUpdate++;
  updateHealthcheck(cs, f, changed);
  if (changed.has('tty')) setOrDelete(cs, 'TTY', f.tty || undefined);
  if (changed.has('read-only')) setOrDelete(cs, 'ReadOnly', f['read-only'] || undefined);
  if (changed.has('stop-signal')) setOrDelete(cs, 'StopSignal', f['stop-signal'] || undefined);
  if (changed.has('cap-add') || changed.has('cap-drop')) updateCapabilities(cs, given('cap-add'), given('cap-drop'));

  // getUpdatedSecrets: --secret-rm removes every reference with that source name (unknown names
  // are ignored), then the added ones are resolved
  if (changed.has('secret-add') || changed.has('secret-rm')) {
    const removed = new Set(f['secret-rm']);
    const kept = (cs.Secrets ?? []).filter((r) => !removed.has(r.SecretName));
    setOrDelete(cs, 'Secrets', [...kept, ...(await resolveSecretRefs(engine, f['secret-add']))]);
  }
  // getUpdatedConfigs: --config-rm drops the file references with that source name (unknown
  // names are ignored); a runtime reference stays only while the credential spec names it (the
  // new --credential-spec's config by name, else the stored one's by ID); then the added ones and
  // a new credential spec's config are resolved and appended
  if (changed.has('config-add') || changed.has('config-rm') || changed.has('credential-spec')) {
    const credSpecConfigName = changed.has('credential-spec') ? (f['credential-spec']?.Config ?? '') : '';
    const credSpecConfigID = changed.has('credential-spec') ? '' : (cs.Privileges?.CredentialSpec?.Config ?? '');
    const removed = new Set(f['config-rm']);
    const kept = (cs.Configs ?? []).filter((r) =>
      r.Runtime ? r.ConfigName === credSpecConfigName || r.ConfigID === credSpecConfigID : !removed.has(r.ConfigName),
    );
    const toResolve = [...f['config-add']].map(parseConfigOpt);
    if (credSpecConfigName) toResolve.push({ ConfigName: credSpecConfigName, ConfigID: '', Runtime: {} });
    setOrDelete(cs, 'Configs', [...kept, ...(toResolve.length ? await parseConfigs(engine, toResolve) : [])]);
  }
  // updateCredSpecConfig: "" removes it; a config:// one names the config by its ID
  if (changed.has('credential-spec')) {
    const credentialSpec = f['credential-spec'];
    if (credentialSpec) {
      const config = credentialSpec.Config && cs.Configs?.find((r) => r.ConfigName === credentialSpec.Config);
      cs.Privileges = {
        CredentialSpec: config ? { ...credentialSpec, Config: config.ConfigID } : credentialSpec,
        SELinuxContext: cs.Privileges?.SELinuxContext ?? null,
        NoNewPrivileges: cs.Privileges?.NoNewPrivileges ?? false,
      };
    } else if (cs.Privileges) cs.Privileges.CredentialSpec = null;
  }
  return spec;
}

/** --rollback goes with -d and -q only (update.go). */
const ROLLBACK_COMPANIONS = new Set(['rollback', 'detach', 'quiet']);

export async function runUpdate(opts: UpdateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const { flags: f, changed } = opts;
  checkApiVersions(changed);
  // update.go reads the service without inserted defaults: what is stored goes back
  const service = await engine.serviceInspect(opts.service, { insertDefaults: false });
  const updateOpts: ServiceUpdateOptions = {};
  if (f.rollback) {
    if ([...changed].some((name) => !ROLLBACK_COMPANIONS.has(name))) throw new Error('other flags may not be combined with --rollback');
    updateOpts.Rollback = 'previous';
  }
  const spec = await updatedSpec(service.Spec, f, changed, io, engine);
  await engine.serviceUpdate(service.ID, service.Version, spec, updateOpts);
  // the daemon's warning when it was asked to query the registry for the new image's digest
  if (changed.has('image') && !f['no-resolve-image']) io.stderr.write(`${digestWarning(spec.TaskTemplate.ContainerSpec.Image)}\n`);
  io.stdout.write(`${opts.service}\n`);
  if (f.detach || f.quiet) return;
  await printProgress(io, engine, service.ID, opts.service);
}

export const updateCommand = defineCommand({
  use: 'update [OPTIONS] SERVICE',
  short: 'Update a service',
  args: exactArgs(1),
  flags: UPDATE_FLAGS,
  run: ({ args, flags, changed, io, engine }) => runUpdate({ service: args[0], flags, changed }, io, engine()),
});
