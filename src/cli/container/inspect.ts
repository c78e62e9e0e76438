// `container inspect` (docker/cli cli/command/container/inspect.go) and the top-level `inspect`
// (cli/command/system/inspect.go, v28 texts). Both go through inspect.Inspect: a template that
// does not parse exits 64, lookup and execution errors are collected and exit 1.
//
// The top-level command looks a reference up as docker does, in order: container, (image,
// network, volume: none exist here), then, on a swarm manager, service, task, (node, plugin:
// not simulated), secret, config. The first match wins; "not found" moves on to the next kind.
import { createHash } from 'node:crypto';
import type { Container } from '../../api/services.js';
import type { Config, Secret } from '../../api/swarm.js';
import type { Engine, ServiceEngine } from '../../engine/client.js';
import { DaemonError } from '../../engine/errors.js';
import { parseImageReference } from '../../engine/image-reference.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { TemplateParseError } from '../../go/template/parse.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { inspectFormatFlag } from '../flags.js';
import { inspectObjects } from '../formatter/inspect.js';
import { parseDockerTemplate } from '../formatter/templates.js';
import { goConfig, goContainer, goSecret, goService, goTask, serviceJSONView, taskJSONView } from '../formatter/views.js';

/** The paths the daemon masks and makes read-only in every container (oci.DefaultSpec). */
const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/**
 * A task container's HostConfig in moby's field order: what the swarm executor set (kept with
 * the container), around the values every task container of a 20.10 daemon gets.
 */
export function hostConfigJSON(c: Container): Record<string, unknown> {
  const hc = c.HostConfig;
  const memory = hc?.Memory ?? 0;
  return {
    Binds: null,
    ContainerIDFile: '',
    LogConfig: hc?.LogConfig ?? { Type: 'json-file', Config: {} },
    NetworkMode: 'default',
    PortBindings: hc?.PortBindings ?? {},
    RestartPolicy: { Name: '', MaximumRetryCount: 0 },
    AutoRemove: false,
    VolumeDriver: '',
    VolumesFrom: null,
    ConsoleSize: [0, 0],
    CapAdd: hc?.CapAdd ?? null,
    CapDrop: hc?.CapDrop ?? null,
    CgroupnsMode: 'host',
    Dns: hc?.Dns ?? null,
    DnsOptions: hc?.DnsOptions ?? null,
    DnsSearch: hc?.DnsSearch ?? null,
    ExtraHosts: hc?.ExtraHosts ?? null,
    GroupAdd: hc?.GroupAdd ?? null,
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: hc?.OomScoreAdj ?? 0,
    PidMode: '',
    Privileged: false,
    PublishAllPorts: false,
    ReadonlyRootfs: hc?.ReadonlyRootfs ?? false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    ShmSize: 67108864,
    ...(hc?.Sysctls ? { Sysctls: hc.Sysctls } : {}),
    Runtime: 'runc',
    Isolation: hc?.Isolation ?? 'default',
    CpuShares: 0,
    Memory: memory,
    NanoCpus: hc?.NanoCpus ?? 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: null,
    BlkioDeviceReadBps: null,
    BlkioDeviceWriteBps: null,
    BlkioDeviceReadIOps: null,
    BlkioDeviceWriteIOps: null,
    CpuPeriod: 0,
    CpuQuota: 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: '',
    CpusetMems: '',
    Devices: null,
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    // the daemon gives a memory limit as much swap again
    MemorySwap: memory > 0 ? 2 * memory : 0,
    MemorySwappiness: null,
    OomKillDisable: false,
    ...(hc?.PidsLimit ? { PidsLimit: hc.PidsLimit } : {}),
    Ulimits: hc?.Ulimits ?? null,
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    ...(hc?.Mounts ? { Mounts: hc.Mounts } : {}),
    MaskedPaths: MASKED_PATHS,
    ReadonlyPaths: READONLY_PATHS,
    ...(hc?.Init !== undefined ? { Init: hc.Init } : {}),
  };
}

/**
 * The inspect JSON of a task container, in moby's field order. The simulation keeps no image
 * store, so Image is a stable stand-in digest of the image reference; there is no GraphDriver or
 * NetworkSettings, and the secret files (tmpfs binds in docker) are not Mounts, as in docker.
 */
export function containerInspectJSON(c: Container, size = false): Record<string, unknown> {
  const argv = [...(c.Config.Entrypoint ?? []), ...(c.Config.Cmd ?? [])];
  const extra = c as Container & { ImageID?: string; State: { Pid?: number; Error?: string } };
  const out: Record<string, unknown> = {
    Id: c.Id,
    Created: c.Created,
    Path: argv[0] ?? '',
    Args: argv.slice(1),
    State: {
      Status: c.State.Status,
      Running: c.State.Running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: c.State.Running ? (extra.State.Pid ?? 0) : 0,
      ExitCode: c.State.ExitCode,
      Error: extra.State.Error ?? '',
      StartedAt: c.State.StartedAt,
      FinishedAt: c.State.FinishedAt,
      ...(c.State.Health ? { Health: { ...c.State.Health, Log: [] } } : {}),
    },
    Image: extra.ImageID ?? `sha256:${createHash('sha256').update(c.Image).digest('hex')}`,
    Name: c.Name,
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: hostConfigJSON(c),
  };
  if (size) {
    out.SizeRw = 0;
    out.SizeRootFs = 0;
  }
  out.Mounts = c.Mounts ?? [];
  out.Config = {
    Hostname: c.Config.Hostname,
    Domainname: '',
    User: c.Config.User,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ...(c.Config.ExposedPorts ? { ExposedPorts: c.Config.ExposedPorts } : {}),
    Tty: c.Config.Tty === true,
    OpenStdin: false,
    StdinOnce: false,
    Env: c.Config.Env,
    Cmd: c.Config.Cmd,
    ...(c.Config.Healthcheck ? { Healthcheck: c.Config.Healthcheck } : {}),
    Image: c.Image,
    Volumes: null,
    WorkingDir: c.Config.WorkingDir,
    Entrypoint: c.Config.Entrypoint,
    OnBuild: null,
    Labels: c.Config.Labels,
    ...(c.Config.StopSignal ? { StopSignal: c.Config.StopSignal } : {}),
  };
  return out;
}

// ---- inspect.Inspect around a lookup ----

/** A --format that does not parse: StatusError 64 (inspect.Inspect), before any lookup. */
function checkTemplate(format: string): void {
  if (format === '' || format === 'json') return;
  try {
    parseDockerTemplate(format);
  } catch (err) {
    if (err instanceof TemplateParseError) throw new StatusError(`template parsing error: ${err.message}`, 64);
    throw err;
  }
}

/** The objects found, each with the typed view its templates run on. */
const views = new WeakMap<object, (raw: Record<string, unknown>) => object>();
const found = (raw: Record<string, unknown>, view: (raw: Record<string, unknown>) => object): Record<string, unknown> => {
  views.set(raw, view);
  return raw;
};

async function inspectWith(
  io: IOStreams,
  refs: string[],
  format: string,
  get: (ref: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  checkTemplate(format);
  try {
    await inspectObjects(io, refs, format, get, (raw) => (views.get(raw) ?? goContainer)(raw));
  } catch (err) {
    throw new StatusError((err as Error).message, 1);
  }
}

const emptyRef = (kind: string, ref: string): string => {
  const id = ref.trim();
  if (id === '') throw new Error(`invalid ${kind} name or ID: value is empty`);
  return id;
};

async function getContainer(engine: Pick<ServiceEngine, 'containerInspect'>, ref: string, size: boolean): Promise<Record<string, unknown>> {
  const c = await engine.containerInspect(emptyRef('container', ref));
  return found(containerInspectJSON(c, size), goContainer);
}

// ---- container inspect ----

export interface ContainerInspectOptions {
  refs: string[];
  format: string;
  size: boolean;
}

export async function runContainerInspect(
  opts: ContainerInspectOptions,
  io: IOStreams,
  engine: Pick<ServiceEngine, 'containerInspect'>,
): Promise<void> {
  await inspectWith(io, opts.refs, opts.format, (ref) => getContainer(engine, ref, opts.size));
}

export const containerInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  args: requiresMinArgs(1),
  flags: [inspectFormatFlag, { name: 'size', shorthand: 's', varname: '', usage: 'Display total file sizes', kind: 'bool' }],
  run: ({ args, flags, io, engine }) =>
    runContainerInspect({ refs: args, format: flags.format, size: flags.size }, io, engine() as Engine & ServiceEngine),
});

// ---- docker inspect ----

const ALL_TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

export interface InspectOptions {
  refs: string[];
  format: string;
  /** --type: '' for any kind. */
  type: string;
  size: boolean;
}

type InspectEngine = Pick<Engine, 'info' | 'secretInspect' | 'configInspect'> &
  Pick<ServiceEngine, 'containerInspect' | 'serviceInspect' | 'serviceList' | 'taskInspect'>;

const isNotFound = (err: unknown): boolean => err instanceof DaemonError && err.statusCode === 404;
const isSkippable = (err: unknown): boolean =>
  isNotFound(err) || /not supported|invalid reference format/.test(err instanceof Error ? err.message : String(err));

/** Daemon answers for the kinds the simulation has none of. */
function noneOf(kind: string, ref: string): Error {
  switch (kind) {
    case 'image': {
      const r = parseImageReference(ref);
      const name = r ? (r.digest ? `${r.familiar}@${r.digest}` : `${r.familiar}:${r.tag ?? 'latest'}`) : ref;
      return new DaemonError(`No such image: ${name}`, 404);
    }
    case 'network':
      return new DaemonError(`network ${ref} not found`, 404);
    case 'volume':
      return new DaemonError(`get ${ref}: no such volume`, 404);
    default:
      return new DaemonError(`${kind} ${ref} not found`, 404);
  }
}

export async function runInspect(opts: InspectOptions, io: IOStreams, engine: InspectEngine): Promise<void> {
  if (opts.type !== '' && !ALL_TYPES.includes(opts.type)) throw new Error(`${quoteGo(opts.type)} is not a valid value for --type`);
  const kinds: { kind: string; swarm: boolean; size: boolean; get?: (ref: string) => Promise<Record<string, unknown>> }[] = [
    { kind: 'container', swarm: false, size: true, get: (ref) => getContainer(engine, ref, opts.size) },
    { kind: 'image', swarm: false, size: false },
    { kind: 'network', swarm: false, size: false },
    { kind: 'volume', swarm: false, size: false },
    {
      kind: 'service',
      swarm: true,
      size: false,
      get: async (ref) => found(serviceJSONView(await engine.serviceInspect(emptyRef('service', ref))), (raw) => goService(raw as never)),
    },
    {
      kind: 'task',
      swarm: true,
      size: false,
      get: async (ref) => found(taskJSONView(await engine.taskInspect(emptyRef('task', ref))), (raw) => goTask(raw as never)),
    },
    { kind: 'node', swarm: true, size: false },
    { kind: 'plugin', swarm: false, size: false },
    {
      kind: 'secret',
      swarm: true,
      size: false,
      get: async (ref) =>
        found((await engine.secretInspect(emptyRef('secret', ref))) as unknown as Record<string, unknown>, (raw) =>
          goSecret(raw as unknown as Secret),
        ),
    },
    {
      kind: 'config',
      swarm: true,
      size: false,
      // configInspect makes the Go client's empty-reference check itself (with its "contig" typo)
      get: async (ref) =>
        found((await engine.configInspect(ref)) as unknown as Record<string, unknown>, (raw) => goConfig(raw as unknown as Config)),
    },
  ];

  const isSwarmManager = async (): Promise<boolean> => {
    try {
      return (await engine.info()).Swarm.LocalNodeState === 'active';
    } catch (err) {
      io.stderr.write(`${(err as Error).message}\n`);
      return false;
    }
  };

  const get = async (ref: string): Promise<Record<string, unknown>> => {
    let swarm: boolean | undefined;
    for (const k of kinds) {
      if (opts.type !== '' && k.kind !== opts.type) continue;
      if (opts.type === '' && k.swarm) {
        swarm ??= await isSwarmManager();
        if (!swarm) continue;
      }
      try {
        if (!k.get) throw noneOf(k.kind, ref);
        const obj = await k.get(ref);
        if (opts.size && !k.size) io.stderr.write(`WARNING: --size ignored for ${k.kind}\n`);
        return obj;
      } catch (err) {
        if (opts.type === '' && isSkippable(err)) continue;
        throw err;
      }
    }
    throw new Error(`Error: No such object: ${ref}`);
  };
  await inspectWith(io, opts.refs, opts.format, get);
}

export const systemInspectCommand = defineCommand({
  use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  args: requiresMinArgs(1),
  flags: [
    inspectFormatFlag,
    { name: 'size', shorthand: 's', varname: '', usage: 'Display total file sizes if the type is container', kind: 'bool' },
    { name: 'type', varname: 'string', usage: 'Only inspect objects of the given type', kind: 'value' },
  ],
  run: ({ args, flags, io, engine }) =>
    runInspect({ refs: args, format: flags.format, type: flags.type, size: flags.size }, io, engine() as Engine & ServiceEngine),
});
