// Node shapes of the Docker Engine API (moby api/types/swarm/node.go). Field order follows moby's
// structs: `node inspect` prints it.

export type NodeRole = 'worker' | 'manager';
export type NodeAvailability = 'active' | 'pause' | 'drain';

/** swarm.NodeSpec: the annotations (Name left out when empty), role and availability. */
export interface NodeSpec {
  Name?: string;
  Labels: Record<string, string>;
  Role: NodeRole;
  Availability: NodeAvailability;
}

export interface NodeDescription {
  Hostname: string;
  Platform: { Architecture: string; OS: string };
  Resources: { NanoCPUs: number; MemoryBytes: number };
  Engine: { EngineVersion: string; Plugins: { Type: string; Name: string }[] };
  TLSInfo: { TrustRoot: string; CertIssuerSubject: string; CertIssuerPublicKey: string };
}

/** swarm.Node. */
export interface Node {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: NodeSpec;
  Description: NodeDescription;
  Status: { State: 'unknown' | 'down' | 'ready' | 'disconnected'; Addr: string };
  ManagerStatus?: { Leader: boolean; Reachability: 'unknown' | 'unreachable' | 'reachable'; Addr: string };
}
