// How networks print (docker/cli cli/command/network/formatter.go): the list row context and its
// headers; and the typed network.Inspect `network inspect -f` templates run on.
import type { NetworkInspect } from '../../api/networks.js';
import { GoNil, goMap } from '../../go/reflect/value.js';
import { compareBytes } from '../../go/strings/strings.js';
import { GoTime } from '../../go/time/time.js';
import { apiStruct, stringMap } from '../go-api.js';

export const DEFAULT_NETWORK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';

export const NETWORK_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

/** One `network ls` row (docker's networkContext). */
export class NetworkRow {
  constructor(
    private readonly n: NetworkInspect,
    private readonly trunc: boolean,
  ) {}

  ID(): string {
    return this.trunc ? this.n.Id.slice(0, 12) : this.n.Id;
  }
  Name(): string {
    return this.n.Name;
  }
  Driver(): string {
    return this.n.Driver;
  }
  Scope(): string {
    return this.n.Scope;
  }
  IPv4(): string {
    return String(this.n.EnableIPv4);
  }
  IPv6(): string {
    return String(this.n.EnableIPv6);
  }
  Internal(): string {
    return String(this.n.Internal);
  }
  /** Go ranges over the labels map in random order; tsecret joins them in key order. */
  Labels(): string {
    const labels = this.n.Labels ?? {};
    return Object.keys(labels)
      .sort(compareBytes)
      .map((k) => `${k}=${labels[k]}`)
      .join(',');
  }
  Label(name: string): string {
    return this.n.Labels?.[name] ?? '';
  }
  CreatedAt(): string {
    return new GoTime(this.n.Created).toGoString();
  }
}

/** network.Inspect as Go sees it: its ID field is `ID` (JSON "Id"), Created a time.Time. */
export function goNetwork(n: NetworkInspect): object {
  const ipamConfigs = n.IPAM.Config
    ? n.IPAM.Config.map((c) =>
        apiStruct(
          'network.IPAMConfig',
          { Subnet: c.Subnet, IPRange: c.IPRange ?? '', Gateway: c.Gateway, AuxAddress: new GoNil('map[string]string') },
          c,
        ),
      )
    : new GoNil('[]network.IPAMConfig');
  const containers = n.Containers
    ? goMap(
        Object.fromEntries(Object.entries(n.Containers).map(([k, e]) => [k, apiStruct('network.EndpointResource', { ...e }, e)])),
        'map[string]network.EndpointResource',
      )
    : new GoNil('map[string]network.EndpointResource');
  return apiStruct(
    'network.Inspect',
    {
      Name: n.Name,
      ID: n.Id,
      Created: new GoTime(n.Created),
      Scope: n.Scope,
      Driver: n.Driver,
      EnableIPv4: n.EnableIPv4,
      EnableIPv6: n.EnableIPv6,
      IPAM: apiStruct('network.IPAM', { Driver: n.IPAM.Driver, Options: stringMap(n.IPAM.Options), Config: ipamConfigs }, n.IPAM),
      Internal: n.Internal,
      Attachable: n.Attachable,
      Ingress: n.Ingress,
      ConfigFrom: apiStruct('network.ConfigReference', { ...n.ConfigFrom }, n.ConfigFrom),
      ConfigOnly: n.ConfigOnly,
      Containers: containers,
      Options: stringMap(n.Options),
      Labels: stringMap(n.Labels),
      Peers: n.Peers ? n.Peers.map((p) => apiStruct('network.PeerInfo', { ...p }, p)) : new GoNil('[]network.PeerInfo'),
      Services: new GoNil('map[string]network.ServiceInfo'),
    },
    n,
  );
}
