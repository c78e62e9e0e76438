// Network shapes of the Docker Engine API (moby api/types/network) as a one-node swarm manager of
// docker 28 shows them. Field order follows moby's structs: inspect prints it.

/** network.IPAMConfig (AuxiliaryAddresses never survive a swarm network: swarmkit drops them). */
export interface IPAMConfig {
  Subnet: string;
  IPRange?: string;
  Gateway: string;
}

export interface IPAM {
  Driver: string;
  Options: Record<string, string> | null;
  /** null for a swarm network the allocator could not place (its subnet clashes with another's). */
  Config: IPAMConfig[] | null;
}

/**
 * A network as the simulated engine keeps it: network.Inspect without the fields the engine
 * computes when it answers (EnableIPv4, the endpoints and peers of its local view).
 */
export interface Network {
  Name: string;
  /** A swarm-scoped network has a swarm object ID (25 base36 characters), a local one 64 hex. */
  Id: string;
  Created: string;
  Scope: 'swarm' | 'local';
  /** "" for a swarm network the allocator could not place. */
  Driver: string;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, unknown> | null;
  Options: Record<string, string> | null;
  Labels: Record<string, string>;
}

/** network.EndpointResource: a container (or the node's ingress sandbox) on a network. */
export interface EndpointResource {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/**
 * network.Inspect, as list and inspect return it. A swarm network comes from the cluster's store
 * (EnableIPv4 false, no endpoints) unless this node has it instantiated: the ingress network,
 * whose local view lists the node's ingress sandbox and the overlay's peers.
 */
export interface NetworkInspect {
  Name: string;
  Id: string;
  Created: string;
  Scope: 'swarm' | 'local';
  Driver: string;
  EnableIPv4: boolean;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, EndpointResource> | null;
  Options: Record<string, string> | null;
  /** null for a swarm network created without labels (the empty map does not survive swarmkit's store). */
  Labels: Record<string, string> | null;
  Peers?: { Name: string; IP: string }[];
}

/** network.CreateRequest (POST /networks/create). */
export interface NetworkCreateRequest {
  Name: string;
  /** "" means the daemon's default driver (bridge). */
  Driver?: string;
  /** "" lets the driver decide; "local" cannot hold an overlay network. */
  Scope?: string;
  /** Left out: the daemon's default (true); a swarm network cannot turn IPv4 off. */
  EnableIPv4?: boolean;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network: string };
  IPAM?: {
    Driver?: string;
    Config?: { Subnet?: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses?: Record<string, string> }[];
    Options?: Record<string, string>;
  };
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** network.PruneReport. */
export interface NetworksPruneReport {
  NetworksDeleted: string[];
}
