// The engine surface the command line talks to. It mirrors the Docker Engine API (and moby's Go
// client): the local simulated engine implements it today, a backend driving a real engine can later.
// Errors thrown here carry docker's texts, daemon ones already prefixed as the Go client prefixes them.

export type Filters = Map<string, string[]>;

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

export interface SwarmInitRequest {
  ListenAddr: string;
  AdvertiseAddr: string;
  DataPathAddr?: string;
  DataPathPort?: number;
  ForceNewCluster: boolean;
  Availability: 'active' | 'pause' | 'drain';
  AutoLockManagers: boolean;
  TaskHistoryRetentionLimit: number;
  DefaultAddrPool?: string[];
  SubnetSize?: number;
  /** Spec.CAConfig.NodeCertExpiry in nanoseconds, when given. */
  NodeCertExpiry?: number;
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
}

export interface Engine {
  swarmInit(req: SwarmInitRequest): Promise<string /* node ID */>;
  swarmInspect(): Promise<SwarmInfo>;
  swarmLeave(force: boolean): Promise<void>;
  swarmUnlockKey(): Promise<string>;

  secretCreate(spec: SecretSpec): Promise<{ ID: string }>;
  secretList(filters: Filters): Promise<Secret[]>;
  /** Resolves full ID, then name (ignoring case), then ID prefix, as moby's getSecret. */
  secretInspect(idOrName: string): Promise<Secret>;
  secretRemove(idOrName: string): Promise<void>;
  secretUpdate(id: string, version: Version, spec: SecretSpec): Promise<void>;
}
