// The swarm task executor of moby (daemon/cluster/executor/container: container.go, validate.go,
// controller.go) on the simulated node: the container a task gets from its (expanded) spec, and
// the checks that make a task Rejected (it cannot be created: bad mounts, an unknown stop signal
// or capability, a Windows-only credential spec) or Failed (it cannot start: an unknown user or
// group, a sysctl outside the container's namespaces), with the daemon's texts.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { ContainerSpec, PortConfig, TaskHostConfig, TaskSpec } from '../../api/services.js';
import type { MountPoint } from '../../api/volumes.js';
import { groupNames, passwdNames } from '../exec/etc-files.js';

/** moby's SignalMap (Linux), without the SIG prefix. */
const SIGNALS = new Set([
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'UNUSED',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  'RTMIN',
  'RTMIN+1',
  'RTMIN+2',
  'RTMIN+3',
  'RTMIN+4',
  'RTMIN+5',
  'RTMIN+6',
  'RTMIN+7',
  'RTMIN+8',
  'RTMIN+9',
  'RTMIN+10',
  'RTMIN+11',
  'RTMIN+12',
  'RTMIN+13',
  'RTMIN+14',
  'RTMIN+15',
  'RTMAX-14',
  'RTMAX-13',
  'RTMAX-12',
  'RTMAX-11',
  'RTMAX-10',
  'RTMAX-9',
  'RTMAX-8',
  'RTMAX-7',
  'RTMAX-6',
  'RTMAX-5',
  'RTMAX-4',
  'RTMAX-3',
  'RTMAX-2',
  'RTMAX-1',
  'RTMAX',
]);

/** The capabilities runc knows (moby's caps.capabilityList). */
const CAPABILITIES = new Set(
  [
    'CHOWN',
    'DAC_OVERRIDE',
    'DAC_READ_SEARCH',
    'FOWNER',
    'FSETID',
    'KILL',
    'SETGID',
    'SETUID',
    'SETPCAP',
    'LINUX_IMMUTABLE',
    'NET_BIND_SERVICE',
    'NET_BROADCAST',
    'NET_ADMIN',
    'NET_RAW',
    'IPC_LOCK',
    'IPC_OWNER',
    'SYS_MODULE',
    'SYS_RAWIO',
    'SYS_CHROOT',
    'SYS_PTRACE',
    'SYS_PACCT',
    'SYS_ADMIN',
    'SYS_BOOT',
    'SYS_NICE',
    'SYS_RESOURCE',
    'SYS_TIME',
    'SYS_TTY_CONFIG',
    'MKNOD',
    'LEASE',
    'AUDIT_WRITE',
    'AUDIT_CONTROL',
    'SETFCAP',
    'MAC_OVERRIDE',
    'MAC_ADMIN',
    'SYSLOG',
    'WAKE_ALARM',
    'BLOCK_SUSPEND',
    'AUDIT_READ',
    'PERFMON',
    'BPF',
    'CHECKPOINT_RESTORE',
  ].map((c) => `CAP_${c}`),
);

/** The sysctls runc accepts in a container with its own IPC, UTS and network namespaces. */
const isNamespacedSysctl = (name: string): boolean =>
  [
    'kernel.msgmax',
    'kernel.msgmnb',
    'kernel.msgmni',
    'kernel.sem',
    'kernel.shmall',
    'kernel.shmmax',
    'kernel.shmmni',
    'kernel.shm_rmid_forced',
    'kernel.domainname',
    'kernel.hostname',
  ].includes(name) ||
  name.startsWith('fs.mqueue.') ||
  name.startsWith('net.');

/** How a task ends before its container runs. */
export interface TaskFailure {
  state: 'rejected' | 'failed';
  err: string;
}

/** validate.go validateMounts: checked when the executor takes the task. */
function mountProblem(spec: ContainerSpec): string | undefined {
  for (const m of spec.Mounts ?? []) {
    if (!isAbsolute(m.Target) && m.Type !== 'npipe') return `invalid mount target, must be an absolute path: ${m.Target}`;
    const source = m.Source ?? '';
    switch (m.Type) {
      case 'bind':
        if (!isAbsolute(source)) return `invalid bind mount source, must be an absolute path: ${source}`;
        break;
      case 'volume':
        if (isAbsolute(source)) return `invalid volume mount source, must not be an absolute path: ${source}`;
        break;
      case 'tmpfs':
        if (source !== '') return 'invalid tmpfs source, source must be empty';
        break;
      case 'npipe':
        if (source === '') return 'invalid npipe source, source must not be empty';
        break;
      default:
        return `invalid mount type: ${m.Type}`;
    }
  }
  return undefined;
}

/** signal.ParseSignal. */
function validSignal(raw: string): boolean {
  if (/^\d+$/.test(raw)) return Number(raw) !== 0;
  return SIGNALS.has(raw.toUpperCase().replace(/^SIG/, ''));
}

/** The security option the executor passes for a credential spec (refused on Linux). */
function credentialSpecOpt(spec: ContainerSpec): string | undefined {
  const cs = spec.Privileges?.CredentialSpec;
  if (!cs) return undefined;
  if (cs.Config) return `credentialspec=config://${cs.Config}`;
  if (cs.File) return `credentialspec=file://${cs.File}`;
  if (cs.Registry) return `credentialspec=registry://${cs.Registry}`;
  return undefined;
}

/**
 * Creating the container (controller Prepare → ContainerCreate): the checks in moby's order
 * (the executor's mount checks, the stop signal, each mount's source, the capabilities, the
 * security options). Any of them rejects the task.
 */
export function createFailure(spec: ContainerSpec): TaskFailure | undefined {
  const reject = (err: string): TaskFailure => ({ state: 'rejected', err });
  const mounts = mountProblem(spec);
  if (mounts) return reject(mounts);
  if (spec.StopSignal && !validSignal(spec.StopSignal)) return reject(`Invalid signal: ${spec.StopSignal}`);
  for (const m of spec.Mounts ?? []) {
    if (m.Type === 'bind' && !existsSync(m.Source ?? ''))
      return reject(`invalid mount config for type "bind": bind source path does not exist: ${m.Source}`);
  }
  for (const [list, which] of [
    [spec.CapabilityAdd, 'CapAdd'],
    [spec.CapabilityDrop, 'CapDrop'],
  ] as const) {
    const unknown = (list ?? []).find((c) => c !== 'ALL' && !CAPABILITIES.has(c));
    if (unknown) return reject(`invalid ${which}: unknown capability: ${JSON.stringify(unknown)}`);
  }
  const securityOpt = credentialSpecOpt(spec);
  if (securityOpt) return reject(`invalid --security-opt 2: ${JSON.stringify(securityOpt)}`);
  return undefined;
}

/**
 * Starting it: the user and groups looked up in the image's databases (numeric ones are taken
 * as they are), then runc's sysctl check. Any of them fails the task.
 */
export function startFailure(spec: ContainerSpec): TaskFailure | undefined {
  const fail = (err: string): TaskFailure => ({ state: 'failed', err: `starting container failed: ${err}` });
  const users = passwdNames();
  const groups = groupNames();
  const [user, group] = (spec.User ?? '').split(':', 2);
  if (user && !/^\d+$/.test(user) && !users.has(user)) return fail(`unable to find user ${user}: no matching entries in passwd file`);
  if (group && !/^\d+$/.test(group) && !groups.has(group)) return fail(`unable to find group ${group}: no matching entries in group file`);
  for (const g of spec.Groups ?? []) {
    if (!/^\d+$/.test(g) && !groups.has(g)) return fail(`Unable to find group ${g}: no matching entries in group file`);
  }
  for (const name of Object.keys(spec.Sysctls ?? {})) {
    if (!isNamespacedSysctl(name)) {
      return fail(
        `failed to create shim task: OCI runtime create failed: runc create failed: sysctl ${JSON.stringify(name)} is not in a separate kernel namespace: unknown`,
      );
    }
  }
  return undefined;
}

/** A Go map as encoding/json writes it: keys in byte order (the inspect JSON prints it as stored). */
const sortedKeys = <T>(m: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The port a host-mode published port binds ("7000/tcp"), as ExposedPorts and PortBindings key it. */
const natPort = (p: PortConfig): string => `${p.TargetPort}/${p.Protocol}`;

/** The container's HostConfig as the executor fills it (hostConfig, resources). */
export function taskHostConfig(task: TaskSpec, hostPorts: PortConfig[]): TaskHostConfig {
  const spec = task.ContainerSpec;
  const limits = task.Resources?.Limits ?? {};
  const bindings: TaskHostConfig['PortBindings'] = {};
  for (const p of hostPorts) (bindings[natPort(p)] ??= []).push({ HostIp: '', HostPort: String(p.PublishedPort ?? '') });
  const nonEmpty = <T>(xs: T[] | undefined): T[] | null => (xs?.length ? xs : null);
  return {
    LogConfig: { Type: task.LogDriver?.Name || 'json-file', Config: sortedKeys(task.LogDriver?.Options ?? {}) },
    PortBindings: sortedKeys(bindings),
    CapAdd: nonEmpty(spec.CapabilityAdd),
    CapDrop: nonEmpty(spec.CapabilityDrop),
    Dns: nonEmpty(spec.DNSConfig?.Nameservers),
    DnsOptions: nonEmpty(spec.DNSConfig?.Options),
    DnsSearch: nonEmpty(spec.DNSConfig?.Search),
    // swarmkit keeps "ip host" entries; the container's HostConfig takes "host:ip"
    ExtraHosts: nonEmpty(
      (spec.Hosts ?? []).flatMap((h) => {
        const [ip, ...names] = h.split(/\s+/).filter(Boolean);
        return names.map((n) => `${n}:${ip}`);
      }),
    ),
    GroupAdd: nonEmpty(spec.Groups),
    OomScoreAdj: spec.OomScoreAdj ?? 0,
    ReadonlyRootfs: spec.ReadOnly === true,
    ...(spec.Sysctls && Object.keys(spec.Sysctls).length ? { Sysctls: { ...spec.Sysctls } } : {}),
    Isolation: spec.Isolation || 'default',
    Memory: limits.MemoryBytes ?? 0,
    NanoCpus: limits.NanoCPUs ?? 0,
    ...(limits.Pids ? { PidsLimit: limits.Pids } : {}),
    Ulimits: nonEmpty(spec.Ulimits?.map((u) => ({ ...u }))),
    ...(spec.Mounts?.length ? { Mounts: spec.Mounts.map((m) => structuredClone(m)) } : {}),
    ...(spec.Init !== undefined ? { Init: spec.Init } : {}),
  };
}

/** The container's Mounts (MountPoints): volumes under the daemon's volume directory. */
export function mountPoints(spec: ContainerSpec): MountPoint[] {
  return (spec.Mounts ?? []).map((m): MountPoint => {
    const rw = !m.ReadOnly;
    switch (m.Type) {
      case 'volume':
        return {
          Type: 'volume',
          Name: m.Source ?? '',
          Source: `/var/lib/docker/volumes/${m.Source ?? ''}/_data`,
          Destination: m.Target,
          Driver: m.VolumeOptions?.DriverConfig?.Name || 'local',
          Mode: 'z',
          RW: rw,
          Propagation: '',
        };
      case 'bind':
        return {
          Type: 'bind',
          Source: m.Source ?? '',
          Destination: m.Target,
          Mode: '',
          RW: rw,
          Propagation: m.BindOptions?.Propagation || 'rprivate',
        };
      default:
        return { Type: m.Type, Source: m.Source ?? '', Destination: m.Target, Mode: '', RW: rw, Propagation: '' };
    }
  });
}

/** The container's exposed ports: the targets of its host-mode published ports. */
export function exposedPorts(hostPorts: PortConfig[]): Record<string, Record<string, never>> | undefined {
  if (hostPorts.length === 0) return undefined;
  return sortedKeys(Object.fromEntries(hostPorts.map((p) => [natPort(p), {}])));
}
