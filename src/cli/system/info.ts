// `info` (docker/cli cli/command/system/info.go): the client's section, then the engine's facts
// and its swarm's, as prettyPrintInfo prints them; or the user's --format over docker's dockerInfo
// (system.Info embedded, plus ClientInfo and the error lists).

import type { ClusterInfo, SwarmNodeInfo, SystemInfo } from '../../api/system.js';
import type { Engine } from '../../engine/client.js';
import { GoNil, goMap, goStruct } from '../../go/reflect/value.js';
import { TemplateExecError } from '../../go/template/exec.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { GoTemplate } from '../../go/template/template.js';
import { GoTime } from '../../go/time/time.js';
import { humanDuration } from '../../go/units/duration.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { parseDockerTemplate } from '../formatter/templates.js';
import { apiStruct, stringMap } from '../go-api.js';
import { bytesSize } from '../units.js';
import { clientVersion } from './client.js';

export interface InfoOptions {
  format: string;
}

// ---- the default text ----

function prettyPrintInfo(info: SystemInfo, debug: boolean): string {
  const client = clientVersion(true);
  const lines: string[] = [
    'Client:',
    ` Version:    ${client.Version}`,
    ` Context:    ${client.Context}`,
    ` Debug Mode: ${debug}`,
    '',
    'Server:',
  ];
  const out = (s: string) => lines.push(s);
  const nonEmpty = (label: string, value: string) => value !== '' && out(`${label} ${value}`);
  out(` Containers: ${info.Containers}`);
  out(`  Running: ${info.ContainersRunning}`);
  out(`  Paused: ${info.ContainersPaused}`);
  out(`  Stopped: ${info.ContainersStopped}`);
  out(` Images: ${info.Images}`);
  nonEmpty(' Server Version:', info.ServerVersion);
  nonEmpty(' Storage Driver:', info.Driver);
  for (const [k, v] of info.DriverStatus) out(`  ${k}: ${v}`);
  nonEmpty(' Logging Driver:', info.LoggingDriver);
  nonEmpty(' Cgroup Driver:', info.CgroupDriver);
  nonEmpty(' Cgroup Version:', info.CgroupVersion);
  out(' Plugins:');
  out(`  Volume: ${info.Plugins.Volume.join(' ')}`);
  out(`  Network: ${info.Plugins.Network.join(' ')}`);
  if (info.Plugins.Authorization?.length) out(`  Authorization: ${info.Plugins.Authorization.join(' ')}`);
  out(`  Log: ${info.Plugins.Log.join(' ')}`);
  if (info.CDISpecDirs.length) {
    out(' CDI spec directories:');
    for (const dir of info.CDISpecDirs) out(`  ${dir}`);
  }
  out(` Swarm: ${info.Swarm.LocalNodeState}`);
  swarmLines(info.Swarm, out);
  const runtimes = Object.keys(info.Runtimes);
  if (runtimes.length) {
    // Go ranges over the runtimes map in random order; tsecret lists them sorted
    out(` Runtimes: ${runtimes.sort().join(' ')}`);
    out(` Default Runtime: ${info.DefaultRuntime}`);
  }
  if (info.OSType === 'linux') {
    out(` Init Binary: ${info.InitBinary}`);
    out(` containerd version: ${info.ContainerdCommit.ID}`);
    out(` runc version: ${info.RuncCommit.ID}`);
    out(` init version: ${info.InitCommit.ID}`);
    if (info.SecurityOptions.length) {
      out(' Security Options:');
      for (const option of info.SecurityOptions) {
        const fields = new Map(option.split(',').map((kv) => kv.split('=', 2) as [string, string]));
        out(`  ${fields.get('name') ?? ''}`);
        if (fields.has('profile')) out(`   Profile: ${fields.get('profile')}`);
      }
    }
  }
  nonEmpty(' Kernel Version:', info.KernelVersion);
  nonEmpty(' Operating System:', info.OperatingSystem);
  nonEmpty(' OSType:', info.OSType);
  nonEmpty(' Architecture:', info.Architecture);
  out(` CPUs: ${info.NCPU}`);
  out(` Total Memory: ${bytesSize(info.MemTotal)}`);
  nonEmpty(' Name:', info.Name);
  nonEmpty(' ID:', info.ID);
  out(` Docker Root Dir: ${info.DockerRootDir}`);
  out(` Debug Mode: ${info.Debug}`);
  nonEmpty(' HTTP Proxy:', info.HttpProxy);
  nonEmpty(' HTTPS Proxy:', info.HttpsProxy);
  nonEmpty(' No Proxy:', info.NoProxy);
  if (info.Labels.length) {
    out(' Labels:');
    for (const l of info.Labels) out(`  ${l}`);
  }
  out(` Experimental: ${info.ExperimentalBuild}`);
  const registry = info.RegistryConfig;
  const insecure = Object.values(registry.IndexConfigs).filter((c) => !c.Secure);
  if (registry.InsecureRegistryCIDRs.length || Object.keys(registry.IndexConfigs).length) {
    out(' Insecure Registries:');
    for (const c of insecure) out(`  ${c.Name}`);
    for (const cidr of registry.InsecureRegistryCIDRs) out(`  ${cidr}`);
  }
  if (registry.Mirrors?.length) {
    out(' Registry Mirrors:');
    for (const m of registry.Mirrors) out(`  ${m}`);
  }
  out(` Live Restore Enabled: ${info.LiveRestoreEnabled}`);
  out('');
  return `${lines.join('\n')}\n`;
}

/** printSwarmInfo: nothing for an inactive or locked node; the cluster's settings on a working manager. */
function swarmLines(swarm: SwarmNodeInfo, out: (s: string) => void): void {
  if (swarm.LocalNodeState === 'inactive' || swarm.LocalNodeState === 'locked') return;
  out(`  NodeID: ${swarm.NodeID}`);
  if (swarm.Error) out(`  Error: ${swarm.Error}`);
  out(`  Is Manager: ${swarm.ControlAvailable}`);
  const cluster = swarm.Cluster;
  if (cluster && swarm.ControlAvailable && swarm.Error === '' && swarm.LocalNodeState !== 'error') {
    out(`  ClusterID: ${cluster.ID}`);
    out(`  Managers: ${swarm.Managers ?? 0}`);
    out(`  Nodes: ${swarm.Nodes ?? 0}`);
    if (cluster.DefaultAddrPool) {
      out(`  Default Address Pool: ${cluster.DefaultAddrPool.map((p) => `${p}  `).join('')}`);
      out(`  SubnetSize: ${cluster.SubnetSize}`);
    }
    if (cluster.DataPathPort > 0) out(`  Data Path Port: ${cluster.DataPathPort}`);
    out('  Orchestration:');
    out(`   Task History Retention Limit: ${cluster.Spec.Orchestration.TaskHistoryRetentionLimit}`);
    out('  Raft:');
    out(`   Snapshot Interval: ${cluster.Spec.Raft.SnapshotInterval}`);
    out(`   Number of Old Snapshots to Retain: ${cluster.Spec.Raft.KeepOldSnapshots}`);
    out(`   Heartbeat Tick: ${cluster.Spec.Raft.HeartbeatTick}`);
    out(`   Election Tick: ${cluster.Spec.Raft.ElectionTick}`);
    out('  Dispatcher:');
    out(`   Heartbeat Period: ${humanDuration(cluster.Spec.Dispatcher.HeartbeatPeriod / 1e6)}`);
    out('  CA Configuration:');
    out(`   Expiry Duration: ${humanDuration(cluster.Spec.CAConfig.NodeCertExpiry / 1e6)}`);
    out('   Force Rotate: 0');
    if (cluster.Spec.CAConfig.ExternalCAs?.length) {
      out('   External CAs:');
      for (const ca of cluster.Spec.CAConfig.ExternalCAs) out(`     ${ca.Protocol}: ${ca.URL}`);
    }
    out(`  Autolock Managers: ${cluster.Spec.EncryptionConfig.AutoLockManagers}`);
    out(`  Root Rotation In Progress: ${cluster.RootRotationInProgress}`);
  }
  out(`  Node Address: ${swarm.NodeAddr}`);
  if (swarm.RemoteManagers?.length) {
    out('  Manager Addresses:');
    for (const addr of swarm.RemoteManagers.map((m) => m.Addr).sort()) out(`   ${addr}`);
  }
}

// ---- the typed dockerInfo templates run on ----

function typedCluster(c: ClusterInfo): object {
  const spec = c.Spec;
  return apiStruct(
    '*swarm.ClusterInfo',
    {
      ID: c.ID,
      Meta: goStruct('swarm.Meta', {
        Version: goStruct('swarm.Version', { Index: c.Version.Index }),
        CreatedAt: new GoTime(c.CreatedAt),
        UpdatedAt: new GoTime(c.UpdatedAt),
      }),
      Version: goStruct('swarm.Version', { Index: c.Version.Index }),
      CreatedAt: new GoTime(c.CreatedAt),
      UpdatedAt: new GoTime(c.UpdatedAt),
      Spec: apiStruct(
        'swarm.Spec',
        {
          Name: spec.Name,
          Labels: stringMap(spec.Labels),
          Orchestration: apiStruct('swarm.OrchestrationConfig', { ...spec.Orchestration }, spec.Orchestration),
          Raft: apiStruct('swarm.RaftConfig', { ...spec.Raft }, spec.Raft),
          Dispatcher: apiStruct('swarm.DispatcherConfig', { ...spec.Dispatcher }, spec.Dispatcher),
          CAConfig: apiStruct(
            'swarm.CAConfig',
            {
              NodeCertExpiry: spec.CAConfig.NodeCertExpiry,
              ExternalCAs: spec.CAConfig.ExternalCAs ?? new GoNil('[]*swarm.ExternalCA'),
              SigningCACert: '',
              SigningCAKey: '',
              ForceRotate: 0,
            },
            spec.CAConfig,
          ),
          TaskDefaults: apiStruct('swarm.TaskDefaults', { LogDriver: new GoNil('*swarm.Driver') }, spec.TaskDefaults),
          EncryptionConfig: apiStruct('swarm.EncryptionConfig', { ...spec.EncryptionConfig }, spec.EncryptionConfig),
        },
        spec,
      ),
      TLSInfo: apiStruct('swarm.TLSInfo', { ...c.TLSInfo }, c.TLSInfo),
      RootRotationInProgress: c.RootRotationInProgress,
      DefaultAddrPool: c.DefaultAddrPool ?? new GoNil('[]string'),
      SubnetSize: c.SubnetSize,
      DataPathPort: c.DataPathPort,
    },
    c,
  );
}

function typedSwarm(s: SwarmNodeInfo): object {
  return apiStruct(
    'swarm.Info',
    {
      NodeID: s.NodeID,
      NodeAddr: s.NodeAddr,
      LocalNodeState: s.LocalNodeState,
      ControlAvailable: s.ControlAvailable,
      Error: s.Error,
      RemoteManagers: s.RemoteManagers ? s.RemoteManagers.map((m) => apiStruct('swarm.Peer', { ...m }, m)) : new GoNil('[]swarm.Peer'),
      Nodes: s.Nodes ?? 0,
      Managers: s.Managers ?? 0,
      Cluster: s.Cluster ? typedCluster(s.Cluster) : new GoNil('*swarm.ClusterInfo'),
      Warnings: new GoNil('[]string'),
    },
    s,
  );
}

/** dockerInfo: the engine's Info embedded (its fields promoted), the client's section, the error lists. */
function dockerInfo(info: SystemInfo): object {
  const client = { Debug: false, ...clientVersion(false), Plugins: [], Warnings: null };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(info)) fields[k] = v;
  fields.Swarm = typedSwarm(info.Swarm);
  fields.Plugins = apiStruct(
    'system.PluginsInfo',
    { ...info.Plugins, Authorization: info.Plugins.Authorization ?? new GoNil('[]string') },
    info.Plugins,
  );
  fields.Runtimes = goMap({ ...info.Runtimes }, 'map[string]system.RuntimeWithStatus');
  fields.ContainerdCommit = apiStruct('system.Commit', { ID: info.ContainerdCommit.ID, Expected: '' }, info.ContainerdCommit);
  fields.RuncCommit = apiStruct('system.Commit', { ID: info.RuncCommit.ID, Expected: '' }, info.RuncCommit);
  fields.InitCommit = apiStruct('system.Commit', { ID: info.InitCommit.ID, Expected: '' }, info.InitCommit);
  fields.GenericResources = new GoNil('[]swarm.GenericResource');
  fields.Warnings = info.Warnings ?? new GoNil('[]string');
  fields.ServerErrors = new GoNil('[]string');
  fields.ClientInfo = apiStruct('*system.clientInfo', { ...client, Plugins: [], Warnings: new GoNil('[]string') }, client);
  fields.ClientErrors = new GoNil('[]string');
  return apiStruct('system.dockerInfo', fields, { ...info, ClientInfo: client });
}

function formatInfo(info: SystemInfo, format: string): { text: string; error?: Error } {
  let template: GoTemplate;
  try {
    template = parseDockerTemplate(format === 'json' ? '{{json .}}' : format);
  } catch (err) {
    if (err instanceof TemplateParseError) throw new StatusError(`template parsing error: ${err.message}`, 64);
    throw err;
  }
  try {
    return { text: `${template.execute(dockerInfo(info))}\n` };
  } catch (err) {
    if (!(err instanceof TemplateExecError)) throw err;
    return { text: `${err.output}\n`, error: new Error(err.message) };
  }
}

export async function runInfo(opts: InfoOptions, io: IOStreams, engine: Engine, debug = false): Promise<void> {
  const info = await engine.info();
  if (opts.format === '') {
    io.stdout.write(prettyPrintInfo(info, debug));
    return;
  }
  const { text, error } = formatInfo(info, opts.format);
  io.stdout.write(text);
  if (error) throw error;
}

export const infoCommand = defineCommand({
  use: 'info [OPTIONS]',
  short: 'Display system-wide information',
  args: noArgs,
  flags: [inspectFormatFlag],
  run: ({ flags, io, engine }) => runInfo({ format: flags.format }, io, engine()),
});
