// The engine surface the command line talks to. It mirrors the Docker Engine API (and moby's Go
// client): the local simulated engine implements it today, a backend driving a real engine can later.
// Errors thrown here carry docker's texts, daemon ones already prefixed as the Go client prefixes them.

import type { ServiceEngine } from './api-services.js';
import type { NetworkEngine } from './api-networks.js';

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

/** The cluster settings a command may change; absent fields stay as they are. */
export interface SwarmSpecUpdate {
  TaskHistoryRetentionLimit?: number;
  /** Spec.CAConfig.NodeCertExpiry in nanoseconds. */
  NodeCertExpiry?: number;
  AutoLockManagers?: boolean;
}

export interface SwarmUpdateRequest {
  spec: SwarmSpecUpdate;
  /** CAConfig.ForceRotate or a new SigningCACert: replace the root CA. */
  rotateCA?: { cert?: string };
  rotateWorkerToken?: boolean;
  rotateManagerToken?: boolean;
  rotateManagerUnlockKey?: boolean;
}

export interface SystemInfo {
  /**
   * LocalNodeState `locked`: an autolocked manager whose data key is not unwrapped (NodeID is then "").
   * ControlAvailable: the node can answer manager requests (active and not locked).
   */
  Swarm: { LocalNodeState: 'inactive' | 'active' | 'locked'; NodeID: string; ControlAvailable?: boolean };
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

export interface Engine extends ServiceEngine, NetworkEngine {
  swarmInit(req: SwarmInitRequest): Promise<string /* node ID */>;
  swarmInspect(): Promise<SwarmInfo>;
  swarmLeave(force: boolean): Promise<void>;
  swarmUpdate(req: SwarmUpdateRequest): Promise<void>;
  swarmUnlockKey(): Promise<string>;
  swarmUnlock(req: SwarmUnlockRequest): Promise<void>;
  info(): Promise<SystemInfo>;

  secretCreate(spec: SecretSpec): Promise<{ ID: string }>;
  secretList(filters: Filters): Promise<Secret[]>;
  /** Resolves full ID, then name (ignoring case), then ID prefix, as moby's getSecret. */
  secretInspect(idOrName: string): Promise<Secret>;
  secretRemove(idOrName: string): Promise<void>;
  secretUpdate(id: string, version: Version, spec: SecretSpec): Promise<void>;
  /**
   * tsecret's own: runs fn's requests as one change, stored when fn ends (also when it throws,
   * keeping the steps done before the failure); a process killed before that changes nothing.
   */
  transaction?<T>(fn: () => Promise<T>): Promise<T>;
}
