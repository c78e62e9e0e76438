// `service create` (docker/cli cli/command/service/create.go), building the spec as
// serviceOptions.ToService does (cli/command/service/opts.go).

import type { NetworkAttachmentConfig, ServiceMode, ServiceSpec } from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import { imageWithTag } from '../../engine/image-reference.js';
import { parseConfigs, resolveSecretRefs } from '../../engine/resolve-references.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { effectiveCapAddCapDrop } from '../../opts/capabilities.js';
import { parseConfigOpt } from '../../opts/config.js';
import { parseMountOpt } from '../../opts/mount.js';
import { ulimitList } from '../../opts/ulimit.js';
import { defineCommand, type FlagName, type FlagValues, requiresMinArgs } from '../command.js';
import { labelsToMap } from '../flags.js';
import { CREATE_FLAGS } from './flag-specs.js';
import { defaultUpdateConfig, healthConfig, parseGenericResources, toHealthConfig, UPDATE_FLAGS_OF } from './opts.js';
import { printProgress } from './progress.js';
import { applyUpdateConfigFlags, checkApiVersions, convertExtraHosts, logDriver, type ServiceFlagValues } from './service-flags.js';
import { defaultTaskSpec, digestWarning, readEnv, serviceEnv, serviceSpec } from './spec.js';

export interface CreateOptions {
  image: string;
  args: string[];
  flags: FlagValues<typeof CREATE_FLAGS>;
  changed: ReadonlySet<FlagName<typeof CREATE_FLAGS>>;
}

/** serviceOptions.ToServiceMode. */
function toServiceMode(f: FlagValues<typeof CREATE_FLAGS>): ServiceMode {
  const replicas = f.replicas;
  const maxConcurrent = f['max-concurrent'];
  const maxReplicas = f['replicas-max-per-node'] ?? 0;
  switch (f.mode) {
    case 'global':
      if (replicas !== undefined) throw new Error('replicas can only be used with replicated or replicated-job mode');
      if (maxReplicas > 0) throw new Error('replicas-max-per-node can only be used with replicated or replicated-job mode');
      if (maxConcurrent !== undefined) throw new Error('max-concurrent can only be used with replicated-job mode');
      return { Global: {} };
    case 'replicated':
      if (maxConcurrent !== undefined) throw new Error('max-concurrent can only be used with replicated-job mode');
      // the daemon makes an unset count 1
      return { Replicated: { Replicas: replicas ?? 1 } };
    case 'replicated-job': {
      // the daemon's defaults (ServiceSpecToGRPC): one at a time, as many as run at once
      const concurrent = maxConcurrent ?? replicas ?? 1;
      return { ReplicatedJob: { MaxConcurrent: concurrent, TotalCompletions: replicas ?? concurrent } };
    }
    case 'global-job':
      if (maxReplicas > 0) throw new Error('replicas-max-per-node can only be used with replicated or replicated-job mode');
      if (maxConcurrent !== undefined) throw new Error('max-concurrent can only be used with replicated-job mode');
      if (replicas !== undefined) throw new Error('replicas can only be used with replicated or replicated-job mode');
      return { GlobalJob: {} };
    default:
      throw new Error(`Unknown mode: ${f.mode}, only replicated and global supported`);
  }
}

/** updateOptions.updateConfig / rollbackConfig: none unless one of its flags is given. */
function updateConfig(f: ServiceFlagValues, changed: ReadonlySet<string>, prefix: 'update' | 'rollback') {
  const names = UPDATE_FLAGS_OF(prefix);
  if (!names.some((n) => changed.has(n))) return undefined;
  return applyUpdateConfigFlags(defaultUpdateConfig(), f, changed, prefix);
}

/**
 * The networks as ToService sends them: each name resolved to its ID through the daemon (a
 * missing one is the daemon's `network X not found`), sorted by ID.
 */
export async function resolveNetworks(engine: Engine, networks: NetworkAttachmentConfig[]): Promise<NetworkAttachmentConfig[]> {
  const out: NetworkAttachmentConfig[] = [];
  for (const n of networks) out.push({ ...n, Target: (await engine.networkInspect(n.Target)).Id });
  return out.sort((a, b) => (a.Target < b.Target ? -1 : a.Target > b.Target ? 1 : 0));
}

/** serviceOptions.ToService, then the secrets (ParseSecrets). */
export async function buildServiceSpec(opts: CreateOptions, io: IOStreams, engine: Engine): Promise<ServiceSpec> {
  const { flags: f, changed } = opts;
  const env = serviceEnv(readEnv(f['env-file'], f.env, io.cwd, io.env));
  const health = toHealthConfig({
    cmd: f['health-cmd'],
    interval: f['health-interval'],
    timeout: f['health-timeout'],
    retries: f['health-retries'] ?? 0,
    startPeriod: f['health-start-period'],
    startInterval: f['health-start-interval'],
    noHealthcheck: f['no-healthcheck'],
  });
  const mode = toServiceMode(f);
  const update = updateConfig(f, changed, 'update');
  const rollback = updateConfig(f, changed, 'rollback');
  const isJob = 'ReplicatedJob' in mode || 'GlobalJob' in mode;
  if (isJob && (update || rollback)) throw new Error('update and rollback configuration is not supported for jobs');
  const networks = await resolveNetworks(engine, f.network);
  const generic = parseGenericResources(f['generic-resource']);
  const caps = effectiveCapAddCapDrop(f['cap-add'], f['cap-drop']);

  const task = defaultTaskSpec(imageWithTag(opts.image));
  const cs = task.ContainerSpec;
  const labels = labelsToMap(f['container-label']);
  if (Object.keys(labels).length) cs.Labels = labels;
  if (f.entrypoint?.length) cs.Command = f.entrypoint;
  if (opts.args.length) cs.Args = opts.args;
  if (f.hostname) cs.Hostname = f.hostname;
  if (env.length) cs.Env = env;
  if (f.workdir) cs.Dir = f.workdir;
  if (f.user) cs.User = f.user;
  if (f.group.length) cs.Groups = f.group;
  const credentialSpec = f['credential-spec'];
  if (credentialSpec) cs.Privileges = { CredentialSpec: credentialSpec, SELinuxContext: null, NoNewPrivileges: false };
  cs.Init = f.init;
  if (f['stop-signal']) cs.StopSignal = f['stop-signal'];
  if (f.tty) cs.TTY = true;
  if (f['read-only']) cs.ReadOnly = true;
  if (f.mount.length) cs.Mounts = f.mount.map((m) => parseMountOpt(m, io.cwd));
  if (changed.has('stop-grace-period')) cs.StopGracePeriod = f['stop-grace-period'] ?? 0;
  if (health) cs.Healthcheck = healthConfig(health);
  const hosts = convertExtraHosts(f.host);
  if (hosts.length) cs.Hosts = hosts;
  cs.DNSConfig = {
    ...(f.dns.length ? { Nameservers: f.dns } : {}),
    ...(f['dns-search'].length ? { Search: f['dns-search'] } : {}),
    ...(f['dns-option'].length ? { Options: f['dns-option'] } : {}),
  };
  const secrets = await resolveSecretRefs(engine, f.secret);
  if (secrets.length) cs.Secrets = secrets;
  // setConfigs: a config:// credential spec adds its config as a runtime reference, and names it
  // by ID once resolved
  const configRefs = f.config.map(parseConfigOpt);
  if (credentialSpec?.Config) configRefs.push({ ConfigName: credentialSpec.Config, ConfigID: '', Runtime: {} });
  const configs = await parseConfigs(engine, configRefs);
  if (configs.length) cs.Configs = configs;
  const credConfig = credentialSpec?.Config && configs.find((r) => r.ConfigName === credentialSpec.Config);
  if (credConfig && cs.Privileges?.CredentialSpec)
    cs.Privileges.CredentialSpec = { ...cs.Privileges.CredentialSpec, Config: credConfig.ConfigID };
  if (f.isolation) cs.Isolation = f.isolation;
  const sysctls = labelsToMap(f.sysctl);
  if (Object.keys(sysctls).length) cs.Sysctls = sysctls;
  if (caps.capAdd.length) cs.CapabilityAdd = caps.capAdd;
  if (caps.capDrop.length) cs.CapabilityDrop = caps.capDrop;
  const ulimits = ulimitList(f.ulimit);
  if (ulimits.length) cs.Ulimits = ulimits;
  if (f['oom-score-adj']) cs.OomScoreAdj = f['oom-score-adj'];

  task.Resources = {
    Limits: {
      ...(f['limit-cpu'] ? { NanoCPUs: f['limit-cpu'] } : {}),
      ...(f['limit-memory'] ? { MemoryBytes: f['limit-memory'] } : {}),
      ...(f['limit-pids'] ? { Pids: f['limit-pids'] } : {}),
    },
    Reservations: {
      ...(f['reserve-cpu'] ? { NanoCPUs: f['reserve-cpu'] } : {}),
      ...(f['reserve-memory'] ? { MemoryBytes: f['reserve-memory'] } : {}),
      ...(generic?.length ? { GenericResources: generic } : {}),
    },
  };
  if (changed.has('restart-condition')) task.RestartPolicy.Condition = f['restart-condition'];
  if (changed.has('restart-delay')) task.RestartPolicy.Delay = f['restart-delay'] ?? 0;
  if (changed.has('restart-max-attempts')) task.RestartPolicy.MaxAttempts = f['restart-max-attempts'] ?? 0;
  if (changed.has('restart-window')) task.RestartPolicy.Window = f['restart-window'] ?? 0;
  task.Placement = {
    ...(f.constraint.length ? { Constraints: f.constraint } : {}),
    ...(f['placement-pref'].length ? { Preferences: f['placement-pref'] } : {}),
    ...(f['replicas-max-per-node'] ? { MaxReplicas: f['replicas-max-per-node'] } : {}),
  };
  if (networks.length) task.Networks = networks;
  const driver = logDriver(f['log-driver'], f['log-opt'], io.env);
  if (driver) task.LogDriver = driver;

  const spec = serviceSpec(f.name, labelsToMap(f.label), task, mode);
  if (update) spec.UpdateConfig = update;
  if (rollback) spec.RollbackConfig = rollback;
  spec.EndpointSpec = { Mode: f['endpoint-mode'].toLowerCase(), ...(f.publish.length ? { Ports: f.publish.flat() } : {}) };
  return spec;
}

export async function runCreate(opts: CreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  checkApiVersions(opts.changed);
  const spec = await buildServiceSpec(opts, io, engine);
  const { ID } = await engine.serviceCreate(spec);
  // the daemon's response warning: there is no registry to ask, so the digest is never recorded
  if (!opts.flags['no-resolve-image']) io.stderr.write(`${digestWarning(spec.TaskTemplate.ContainerSpec.Image)}\n`);
  io.stdout.write(`${ID}\n`);
  // -q waits as quietly as docker's progress to io.Discard
  if (opts.flags.detach || opts.flags.quiet) return;
  await printProgress(io, engine, ID, ID);
}

export const createCommand = defineCommand({
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  args: requiresMinArgs(1),
  interspersed: false,
  flags: CREATE_FLAGS,
  run: ({ args, flags, changed, io, engine }) => runCreate({ image: args[0], args: args.slice(1), flags, changed }, io, engine()),
});
