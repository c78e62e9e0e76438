// How nodes print (docker/cli cli/command/node/formatter.go): the list row context and headers,
// the --pretty text, and the typed swarm.Node `node inspect -f` templates run on.
import type { Node } from '../../api/nodes.js';
import type { SystemInfo } from '../../api/system.js';
import { GoNil, goStruct } from '../../go/reflect/value.js';
import { compareBytes } from '../../go/strings/strings.js';
import { GoTime } from '../../go/time/time.js';
import { prettyPrint } from '../formatter/displayutils.js';
import { apiStruct, stringMap } from '../go-api.js';
import { bytesSize } from '../units.js';

export const DEFAULT_NODE_TABLE =
  'table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}';

export const NODE_HEADERS: Record<string, string> = {
  ID: 'ID',
  Self: '',
  Hostname: 'HOSTNAME',
  Status: 'STATUS',
  Availability: 'AVAILABILITY',
  ManagerStatus: 'MANAGER STATUS',
  EngineVersion: 'ENGINE VERSION',
  TLSStatus: 'TLS STATUS',
};

const sameTLS = (a: Node['Description']['TLSInfo'], b: Node['Description']['TLSInfo']): boolean =>
  a.TrustRoot === b.TrustRoot && a.CertIssuerSubject === b.CertIssuerSubject && a.CertIssuerPublicKey === b.CertIssuerPublicKey;
const emptyTLS = (t: Node['Description']['TLSInfo']): boolean =>
  t.TrustRoot === '' && t.CertIssuerSubject === '' && t.CertIssuerPublicKey === '';

/** One `node ls` row (docker's nodeContext). */
export class NodeRow {
  constructor(
    private readonly n: Node,
    private readonly info: SystemInfo | undefined,
  ) {}

  ID(): string {
    return this.n.ID;
  }
  Self(): boolean {
    return this.n.ID === (this.info?.Swarm.NodeID ?? '');
  }
  Hostname(): string {
    return this.n.Description.Hostname;
  }
  Status(): string {
    return prettyPrint(this.n.Status.State);
  }
  Availability(): string {
    return prettyPrint(this.n.Spec.Availability);
  }
  ManagerStatus(): string {
    const m = this.n.ManagerStatus;
    return prettyPrint(m ? (m.Leader ? 'Leader' : m.Reachability) : '');
  }
  TLSStatus(): string {
    const cluster = this.info?.Swarm.Cluster?.TLSInfo;
    if (!cluster || emptyTLS(cluster) || emptyTLS(this.n.Description.TLSInfo)) return 'Unknown';
    return sameTLS(this.n.Description.TLSInfo, cluster) ? 'Ready' : 'Needs Rotation';
  }
  EngineVersion(): string {
    return this.n.Description.Engine.EngineVersion;
  }
}

/** nodeInspectPrettyTemplate, rendered for one node. */
export function prettyNode(n: Node): string {
  const lines: string[] = [`ID:\t\t\t${n.ID}`];
  if (n.Spec.Name) lines.push(`Name:\t\t\t${n.Spec.Name}`);
  const labels = Object.keys(n.Spec.Labels).sort(compareBytes);
  if (labels.length) {
    lines.push('Labels:');
    for (const k of labels) lines.push(` - ${k}${n.Spec.Labels[k] ? `=${n.Spec.Labels[k]}` : ''}`);
  }
  lines.push(`Hostname:              \t${n.Description.Hostname}`);
  lines.push(`Joined at:             \t${prettyPrint(new GoTime(n.CreatedAt).toGoString())}`);
  lines.push('Status:', ` State:\t\t\t${prettyPrint(n.Status.State)}`, ` Availability:         \t${prettyPrint(n.Spec.Availability)}`);
  if (n.Status.Addr) lines.push(` Address:\t\t${n.Status.Addr}`);
  if (n.ManagerStatus) {
    lines.push('Manager Status:', ` Address:\t\t${n.ManagerStatus.Addr}`, ` Raft Status:\t\t${prettyPrint(n.ManagerStatus.Reachability)}`);
    lines.push(` Leader:\t\t${n.ManagerStatus.Leader ? 'Yes' : 'No'}`);
  }
  const d = n.Description;
  lines.push('Platform:', ` Operating System:\t${d.Platform.OS}`, ` Architecture:\t\t${d.Platform.Architecture}`);
  lines.push(
    'Resources:',
    ` CPUs:\t\t\t${Math.trunc(d.Resources.NanoCPUs / 1e9)}`,
    ` Memory:\t\t${d.Resources.MemoryBytes ? bytesSize(d.Resources.MemoryBytes) : ''}`,
  );
  if (d.Engine.Plugins.length) {
    const byType = new Map<string, string[]>();
    for (const p of d.Engine.Plugins) byType.set(p.Type, [...(byType.get(p.Type) ?? []), p.Name]);
    lines.push('Plugins:');
    for (const type of [...byType.keys()].sort(compareBytes)) lines.push(` ${type}:\t\t${(byType.get(type) as string[]).join(', ')}`);
  }
  lines.push(`Engine Version:\t\t${d.Engine.EngineVersion}`);
  if (!emptyTLS(d.TLSInfo)) {
    lines.push(
      'TLS Info:',
      ' TrustRoot:',
      d.TLSInfo.TrustRoot,
      ` Issuer Subject:\t${d.TLSInfo.CertIssuerSubject}`,
      ` Issuer Public Key:\t${d.TLSInfo.CertIssuerPublicKey}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** swarm.Node as Go sees it: Meta and the spec's Annotations embedded (their fields promoted). */
export function goNode(n: Node): object {
  const meta = goStruct('swarm.Meta', {
    Version: goStruct('swarm.Version', { Index: n.Version.Index }),
    CreatedAt: new GoTime(n.CreatedAt),
    UpdatedAt: new GoTime(n.UpdatedAt),
  });
  const annotations = goStruct('swarm.Annotations', { Name: n.Spec.Name ?? '', Labels: stringMap(n.Spec.Labels) });
  const spec = apiStruct('swarm.NodeSpec', { Annotations: annotations, Role: n.Spec.Role, Availability: n.Spec.Availability }, n.Spec);
  for (const [k, v] of Object.entries(annotations)) Object.defineProperty(spec, k, { value: v, enumerable: false, configurable: true });
  const d = n.Description;
  const description = apiStruct(
    'swarm.NodeDescription',
    {
      Hostname: d.Hostname,
      Platform: apiStruct('swarm.Platform', { ...d.Platform }, d.Platform),
      Resources: apiStruct(
        'swarm.Resources',
        { NanoCPUs: d.Resources.NanoCPUs, MemoryBytes: d.Resources.MemoryBytes, GenericResources: new GoNil('[]swarm.GenericResource') },
        d.Resources,
      ),
      Engine: apiStruct(
        'swarm.EngineDescription',
        {
          EngineVersion: d.Engine.EngineVersion,
          Labels: new GoNil('map[string]string'),
          Plugins: d.Engine.Plugins.map((p) => apiStruct('swarm.PluginDescription', { ...p }, p)),
        },
        d.Engine,
      ),
      TLSInfo: apiStruct('swarm.TLSInfo', { ...d.TLSInfo }, d.TLSInfo),
      CSIInfo: new GoNil('[]swarm.NodeCSIInfo'),
    },
    d,
  );
  const node = apiStruct(
    'swarm.Node',
    {
      ID: n.ID,
      Meta: meta,
      Spec: spec,
      Description: description,
      Status: apiStruct('swarm.NodeStatus', { State: n.Status.State, Message: '', Addr: n.Status.Addr }, n.Status),
      ManagerStatus: n.ManagerStatus
        ? apiStruct('*swarm.ManagerStatus', { ...n.ManagerStatus }, n.ManagerStatus)
        : new GoNil('*swarm.ManagerStatus'),
    },
    n,
  );
  for (const [k, v] of Object.entries(meta)) Object.defineProperty(node, k, { value: v, enumerable: false, configurable: true });
  return node;
}
