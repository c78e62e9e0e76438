// Swarm and secret shapes of the Docker Engine API (moby api/types/swarm),
// as far as the simulated engine fills them. Field order follows moby's structs: inspect prints it.

export interface Version {
  Index: number;
}

export interface Driver {
  Name: string;
  Options?: Record<string, string>;
}

export interface SecretSpec {
  Name: string;
  Labels: Record<string, string>;
  /** The payload on create (the API's base64 []byte); never returned by inspect or list. */
  Data?: Uint8Array;
  Driver?: Driver;
  Templating?: Driver;
}

export interface Secret {
  ID: string;
  Version: Version;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: Omit<SecretSpec, 'Data'>;
}

export interface ConfigSpec {
  Name: string;
  Labels: Record<string, string>;
  /** The content (the API's base64 []byte): configs are not secret, so inspect returns it. */
  Data: Uint8Array;
  Templating?: Driver;
}

export interface Config {
  ID: string;
  Version: Version;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ConfigSpec;
}

/** The cluster settings a command may change; absent fields stay as they are. */
export interface SwarmSpecUpdate {
  TaskHistoryRetentionLimit?: number;
  /** Spec.CAConfig.NodeCertExpiry in nanoseconds. */
  NodeCertExpiry?: number;
  AutoLockManagers?: boolean;
  /** Spec.Dispatcher.HeartbeatPeriod in nanoseconds. */
  HeartbeatPeriod?: number;
  /** Spec.Raft.SnapshotInterval and KeepOldSnapshots. */
  SnapshotInterval?: number;
  KeepOldSnapshots?: number;
  /** Spec.CAConfig.ExternalCAs. */
  ExternalCAs?: { Protocol: string; URL: string }[];
}

export interface SwarmUpdateRequest {
  spec: SwarmSpecUpdate;
  /** CAConfig.ForceRotate or a new SigningCACert: replace the root CA. */
  rotateCA?: { cert?: string };
  rotateWorkerToken?: boolean;
  rotateManagerToken?: boolean;
  rotateManagerUnlockKey?: boolean;
}

/** POST /swarm/unlock. */
export interface SwarmUnlockRequest {
  UnlockKey: string;
}

export interface SwarmInitRequest {
  ListenAddr: string;
  AdvertiseAddr: string;
  DataPathAddr?: string;
  DataPathPort?: number;
  ForceNewCluster: boolean;
  Availability: 'active' | 'pause' | 'drain';
  AutoLockManagers: boolean;
  Spec: SwarmSpecUpdate;
  DefaultAddrPool?: string[];
  SubnetSize?: number;
}

export interface JoinTokens {
  Worker: string;
  Manager: string;
}

export interface SwarmInfo {
  ID: string;
  CreatedAt: string;
  JoinTokens: JoinTokens;
  NodeID: string;
  TaskHistoryRetentionLimit: number;
  AutoLockManagers: boolean;
  /** The manager's address as the join command shows it (host:port). */
  AdvertiseAddr: string;
  /** ClusterInfo.TLSInfo.TrustRoot: the root CA certificate, PEM. */
  TrustRoot: string;
}
