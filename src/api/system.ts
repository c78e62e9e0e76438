// System shapes of the Docker Engine API as docker 28 gives them (moby api/types/system/info.go,
// api/types/types.go Version, api/types/swarm/swarm.go Info and ClusterInfo). Field order follows
// moby's structs: `info --format '{{json .}}'` and `version --format json` print it.

/** swarm.Peer: a manager the node knows. */
export interface RemoteManager {
  NodeID: string;
  Addr: string;
}

/** swarm.Spec as info shows it (the cluster's settings). */
export interface ClusterSpec {
  Name: string;
  Labels: Record<string, string>;
  Orchestration: { TaskHistoryRetentionLimit: number };
  Raft: {
    SnapshotInterval: number;
    KeepOldSnapshots: number;
    LogEntriesForSlowFollowers: number;
    ElectionTick: number;
    HeartbeatTick: number;
  };
  Dispatcher: { HeartbeatPeriod: number };
  CAConfig: { NodeCertExpiry: number; ExternalCAs?: { Protocol: string; URL: string }[] };
  TaskDefaults: Record<string, never>;
  EncryptionConfig: { AutoLockManagers: boolean };
}

/** swarm.ClusterInfo. */
export interface ClusterInfo {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ClusterSpec;
  TLSInfo: { TrustRoot: string; CertIssuerSubject: string; CertIssuerPublicKey: string };
  RootRotationInProgress: boolean;
  DefaultAddrPool: string[] | null;
  SubnetSize: number;
  DataPathPort: number;
}

/** swarm.Info: the node's view of its swarm (Nodes, Managers and Cluster only on a working manager). */
export interface SwarmNodeInfo {
  NodeID: string;
  NodeAddr: string;
  /** `locked`: an autolocked manager whose key is not given yet (NodeID is then ""). */
  LocalNodeState: 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  /** The node answers manager requests (active and not locked). */
  ControlAvailable: boolean;
  Error: string;
  RemoteManagers: RemoteManager[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: ClusterInfo;
}

export interface Commit {
  ID: string;
}

export interface RuntimeWithStatus {
  path: string;
  status?: Record<string, string>;
}

export interface IndexInfo {
  Name: string;
  Mirrors: string[];
  Secure: boolean;
  Official: boolean;
}

/** system.Info (GET /info). */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DriverStatus: [string, string][];
  Plugins: { Volume: string[]; Network: string[]; Authorization: string[] | null; Log: string[] };
  MemoryLimit: boolean;
  SwapLimit: boolean;
  CpuCfsPeriod: boolean;
  CpuCfsQuota: boolean;
  CPUShares: boolean;
  CPUSet: boolean;
  PidsLimit: boolean;
  IPv4Forwarding: boolean;
  Debug: boolean;
  NFd: number;
  OomKillDisable: boolean;
  NGoroutines: number;
  SystemTime: string;
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion: string;
  NEventsListener: number;
  KernelVersion: string;
  OperatingSystem: string;
  OSVersion: string;
  OSType: string;
  Architecture: string;
  IndexServerAddress: string;
  RegistryConfig: {
    InsecureRegistryCIDRs: string[];
    IndexConfigs: Record<string, IndexInfo>;
    Mirrors: string[] | null;
  };
  NCPU: number;
  MemTotal: number;
  GenericResources: null;
  DockerRootDir: string;
  HttpProxy: string;
  HttpsProxy: string;
  NoProxy: string;
  Name: string;
  Labels: string[];
  ExperimentalBuild: boolean;
  ServerVersion: string;
  Runtimes: Record<string, RuntimeWithStatus>;
  DefaultRuntime: string;
  Swarm: SwarmNodeInfo;
  LiveRestoreEnabled: boolean;
  Isolation: string;
  InitBinary: string;
  ContainerdCommit: Commit;
  RuncCommit: Commit;
  InitCommit: Commit;
  SecurityOptions: string[];
  CDISpecDirs: string[];
  Containerd: { Address: string; Namespaces: { Containers: string; Plugins: string } };
  Warnings: string[] | null;
}

/** types.ComponentVersion. */
export interface ComponentVersion {
  Name: string;
  Version: string;
  Details?: Record<string, string>;
}

/** types.Version (GET /version). */
export interface ServerVersion {
  Platform: { Name: string };
  Components: ComponentVersion[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  BuildTime: string;
}
