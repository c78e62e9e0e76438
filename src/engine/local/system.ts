// The simulated engine's own facts, as `docker info`, `docker version` and `node inspect` show them
// (moby daemon/info.go, daemon/info_unix.go, api/server/router/system version): a Docker Engine
// 28.2.2 on a linux/amd64 machine with 2 CPUs and 8 GiB. They are fixed on purpose, not read from
// the host, so the same state answers the same on every machine (README "Differences from docker").

import type { Container } from '../../api/services.js';
import type { ClusterInfo, ServerVersion, SwarmNodeInfo, SystemInfo } from '../../api/system.js';

export const ENGINE_VERSION = '28.2.2';
/** The newest API the engine speaks (api.DefaultVersion of moby 28.2) and the oldest it takes. */
export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';
export const GO_VERSION = 'go1.24.3';
export const ENGINE_GIT_COMMIT = '45873be';
/** RFC3339Nano, as the daemon reports it; the CLI prints it as time.ANSIC. */
export const ENGINE_BUILD_TIME = '2025-05-30T12:07:26.000000000+00:00';
export const OS = 'linux';
/** GOARCH, as version prints it; the node's Platform and info say x86_64 (uname). */
export const GOARCH = 'amd64';
export const ARCHITECTURE = 'x86_64';
export const KERNEL_VERSION = '6.8.0-tsecret';
export const OPERATING_SYSTEM = 'tsecret (simulated Docker Engine)';
export const NCPU = 2;
export const MEM_TOTAL = 8 * 1024 ** 3;
export const DOCKER_ROOT_DIR = '/var/lib/docker';
/** The daemon's ID (a UUID since docker 23): one simulated engine, one ID. */
export const ENGINE_ID = '5e3f7a2c-9b41-4d8e-a6c0-71d2b8f4e093';

const CONTAINERD = { version: 'v1.7.27', commit: '05044ec0a9a75232cad458027ca83437aae3f4da' };
const RUNC = { version: '1.2.5', commit: 'v1.2.5-0-g59923ef' };
const DOCKER_INIT = { version: '0.19.0', commit: 'de40ad0' };

/** The engine's plugins (info's Plugins, a node's Description.Engine.Plugins). */
export const PLUGINS = {
  Volume: ['local'],
  Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
  Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'],
};

/** GET /version. */
export function serverVersion(): ServerVersion {
  return {
    Platform: { Name: '' },
    Components: [
      {
        Name: 'Engine',
        Version: ENGINE_VERSION,
        Details: {
          ApiVersion: API_VERSION,
          Arch: GOARCH,
          BuildTime: ENGINE_BUILD_TIME,
          Experimental: 'false',
          GitCommit: ENGINE_GIT_COMMIT,
          GoVersion: GO_VERSION,
          KernelVersion: KERNEL_VERSION,
          MinAPIVersion: MIN_API_VERSION,
          Os: OS,
        },
      },
      { Name: 'containerd', Version: CONTAINERD.version, Details: { GitCommit: CONTAINERD.commit } },
      { Name: 'runc', Version: RUNC.version, Details: { GitCommit: RUNC.commit } },
      { Name: 'docker-init', Version: DOCKER_INIT.version, Details: { GitCommit: DOCKER_INIT.commit } },
    ],
    Version: ENGINE_VERSION,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: ENGINE_GIT_COMMIT,
    GoVersion: GO_VERSION,
    Os: OS,
    Arch: GOARCH,
    KernelVersion: KERNEL_VERSION,
    BuildTime: ENGINE_BUILD_TIME,
  };
}

export interface InfoFacts {
  /** The daemon's ID (a UUID, stable for one state file). */
  id: string;
  hostname: string;
  containers: Container[];
  swarm: SwarmNodeInfo;
  /** The daemon's clock, as SystemTime (RFC3339Nano). */
  systemTime: string;
}

/** The swarm section of an engine outside any swarm. */
export const inactiveSwarm = (): SwarmNodeInfo => ({
  NodeID: '',
  NodeAddr: '',
  LocalNodeState: 'inactive',
  ControlAvailable: false,
  Error: '',
  RemoteManagers: null,
});

/** The swarm section of a working one-node manager. */
export function activeSwarm(nodeID: string, addr: string, port: string, cluster: ClusterInfo): SwarmNodeInfo {
  return {
    NodeID: nodeID,
    NodeAddr: addr,
    LocalNodeState: 'active',
    ControlAvailable: true,
    Error: '',
    RemoteManagers: [{ NodeID: nodeID, Addr: `${addr}:${port}` }],
    Nodes: 1,
    Managers: 1,
    Cluster: cluster,
  };
}

/** GET /info. Images: one per image the node's task containers were made from. */
export function systemInfo(facts: InfoFacts): SystemInfo {
  const running = facts.containers.filter((c) => c.State.Running).length;
  return {
    ID: facts.id,
    Containers: facts.containers.length,
    ContainersRunning: running,
    ContainersPaused: 0,
    ContainersStopped: facts.containers.length - running,
    Images: new Set(facts.containers.map((c) => c.Image)).size,
    Driver: 'overlay2',
    DriverStatus: [
      ['Backing Filesystem', 'extfs'],
      ['Supports d_type', 'true'],
      ['Using metacopy', 'false'],
      ['Native Overlay Diff', 'true'],
      ['userxattr', 'false'],
    ],
    Plugins: { Volume: PLUGINS.Volume, Network: PLUGINS.Network, Authorization: null, Log: PLUGINS.Log },
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    Debug: false,
    NFd: 28,
    OomKillDisable: false,
    NGoroutines: 46,
    SystemTime: facts.systemTime,
    LoggingDriver: 'json-file',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    NEventsListener: 0,
    KernelVersion: KERNEL_VERSION,
    OperatingSystem: OPERATING_SYSTEM,
    OSVersion: '',
    OSType: OS,
    Architecture: ARCHITECTURE,
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'],
      IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } },
      Mirrors: null,
    },
    NCPU,
    MemTotal: MEM_TOTAL,
    GenericResources: null,
    DockerRootDir: DOCKER_ROOT_DIR,
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: facts.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: ENGINE_VERSION,
    Runtimes: {
      'io.containerd.runc.v2': { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': RUNTIME_FEATURES } },
      runc: { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': RUNTIME_FEATURES } },
    },
    DefaultRuntime: 'runc',
    Swarm: facts.swarm,
    LiveRestoreEnabled: false,
    Isolation: '',
    InitBinary: 'docker-init',
    ContainerdCommit: { ID: CONTAINERD.commit },
    RuncCommit: { ID: RUNC.commit },
    InitCommit: { ID: DOCKER_INIT.commit },
    SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
    CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
    Containerd: { Address: '/run/containerd/containerd.sock', Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' } },
    Warnings: null,
  };
}

/** runc's `features` document, abridged to what identifies it. */
const RUNTIME_FEATURES =
  '{"ociVersionMin":"1.0.0","ociVersionMax":"1.2.0","annotations":{"io.github.seccomp.libseccomp.version":"2.5.4","org.opencontainers.runc.checkpoint.enabled":"true","org.opencontainers.runc.commit":"v1.2.5-0-g59923ef","org.opencontainers.runc.version":"1.2.5"}}';
