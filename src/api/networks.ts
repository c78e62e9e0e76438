// Network shapes of the Docker Engine API (moby api/types/network) as a one-node swarm manager shows
// them,. Field order follows moby's structs: inspect prints it.

export interface IPAMConfig {
  Subnet: string;
  Gateway: string;
}

export interface IPAM {
  Driver: string;
  Options: Record<string, string> | null;
  Config: IPAMConfig[];
}

/** network.Inspect (the list endpoint returns the same shape). */
export interface Network {
  Name: string;
  /** A swarm-scoped network has a swarm object ID (25 base36 characters). */
  Id: string;
  Created: string;
  Scope: 'swarm' | 'local';
  Driver: string;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, unknown> | null;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** network.CreateOptions plus the name (POST /networks/create). */
export interface NetworkCreateRequest {
  Name: string;
  /** "" means the daemon's default; a manager makes "overlay" networks swarm-scoped. */
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: { Driver?: string; Config?: { Subnet?: string }[]; Options?: Record<string, string> };
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}
