// How services print (docker/cli cli/command/service/formatter.go): the `service ls` row context
// and formats, and the `service inspect --pretty` template with the context it runs on. Task rows
// (`service ps`) are in ../task/.
import type { Service, ServiceStatus } from '../../api/services.js';
import { GoFloat, GoNil, goMap } from '../../go/reflect/value.js';
import { sortNaturallyBy } from '../../go/sortorder/natsort.js';
import { GoDuration } from '../../go/time/duration.js';
import { bytesSize } from '../../go/units/size.js';
import { ago, imageWithoutDigest, truncateID } from '../formatter/displayutils.js';
import { GoPointer, goValue } from '../formatter/typed-view.js';
import { CONFIG_REF, HEALTH_CONFIG, MOUNT, SECRET_REF } from '../formatter/views.js';

// ---- service ls ----

export const DEFAULT_SERVICE_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}';
const RAW_SERVICE = 'id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\nimage: {{.Image}}\\nports: {{.Ports}}\\n';

export const SERVICE_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Mode: 'MODE',
  Replicas: 'REPLICAS',
  Image: 'IMAGE',
  Ports: 'PORTS',
};

/** service.NewListFormat: the table and raw keywords, -q turning them into the ID alone. */
export function serviceListFormat(format: string, quiet: boolean): string {
  if (format === '' || format === 'table') return quiet ? '{{.ID}}' : DEFAULT_SERVICE_TABLE;
  if (format === 'raw') return quiet ? 'id: {{.ID}}' : RAW_SERVICE;
  return format;
}

/** The loosely typed parts of a spec the simulated engine may not fill (jobs, placement, ports). */
type Loose = Record<string, unknown> | undefined;
const loose = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

export function serviceMode(mode: object): string {
  const m = mode as Record<string, unknown>;
  if (m.Global) return 'global';
  if (m.Replicated) return 'replicated';
  if (m.ReplicatedJob) return 'replicated job';
  if (m.GlobalJob) return 'global job';
  return '';
}

/** One `service ls` row (docker's serviceContext): its zero-argument methods are the fields. */
export class ServiceRow {
  constructor(private readonly service: Service & { ServiceStatus?: ServiceStatus & { CompletedTasks?: number } }) {}

  ID(): string {
    return truncateID(this.service.ID);
  }
  Name(): string {
    return this.service.Spec.Name;
  }
  Mode(): string {
    return serviceMode(this.service.Spec.Mode);
  }
  Replicas(): string {
    const st = this.service.ServiceStatus;
    const running = st?.RunningTasks ?? 0;
    const desired = st?.DesiredTasks ?? 0;
    const completed = st?.CompletedTasks ?? 0;
    const mode = this.service.Spec.Mode as Record<string, unknown>;
    const job = loose(mode.ReplicatedJob);
    if (job) return `${running}/${desired} (${completed}/${Number(job.TotalCompletions ?? 0)} completed)`;
    if (mode.GlobalJob) return `${running}/${desired} (${completed}/${desired + completed} completed)`;
    const max = this.Mode() === 'replicated' ? Number(loose(this.service.Spec.TaskTemplate.Placement)?.MaxReplicas ?? 0) : 0;
    if (max > 0) return `${running}/${desired} (max ${max} per node)`;
    return `${running}/${desired}`;
  }
  Image(): string {
    return imageWithoutDigest(this.service.Spec.TaskTemplate.ContainerSpec?.Image ?? '');
  }
  /** Published ingress ports, grouped into ranges (serviceContext.Ports). */
  Ports(): string {
    const ports = loose(this.service.Endpoint)?.Ports;
    if (!Array.isArray(ports)) return '';
    const sorted = (ports as Record<string, unknown>[]).slice().sort((a, b) => {
      const pa = String(a.Protocol ?? '');
      const pb = String(b.Protocol ?? '');
      if (pa === pb) return Number(a.PublishedPort ?? 0) - Number(b.PublishedPort ?? 0);
      return pa < pb ? -1 : 1;
    });
    const out: string[] = [];
    let pr = { pStart: 0, pEnd: 0, tStart: 0, tEnd: 0, protocol: '' };
    const show = (r: typeof pr): string =>
      `*:${r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : r.pStart}->${r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : r.tStart}/${r.protocol}`;
    for (const p of sorted) {
      if (p.PublishMode !== 'ingress') continue;
      const published = Number(p.PublishedPort ?? 0);
      const target = Number(p.TargetPort ?? 0);
      const protocol = String(p.Protocol ?? '');
      const isRange = pr.tEnd !== pr.tStart;
      // uint32 arithmetic: a smaller port wraps around to a huge difference
      const gap = (a: number, b: number): number => (a - b) >>> 0;
      if (protocol !== pr.protocol || gap(published, pr.pEnd) > 1 || gap(target, pr.tEnd) > 1 || (isRange && target <= pr.tEnd)) {
        if (pr.pStart > 0) out.push(show(pr));
        pr = { pStart: published, pEnd: published, tStart: target, tEnd: target, protocol };
        continue;
      }
      pr.pEnd = published;
      pr.tEnd = target;
    }
    if (pr.pStart > 0) out.push(show(pr));
    return out.join(', ');
  }
}

/** ListFormatWrite's order: natural by name. */
export function sortServices<T extends Service>(services: T[]): T[] {
  return sortNaturallyBy(services, (s) => s.Spec.Name);
}

// ---- service inspect --pretty ----

/** The --pretty template, verbatim from docker/cli (service/formatter.go). */
export const SERVICE_PRETTY_TEMPLATE = `
ID:		{{.ID}}
Name:		{{.Name}}
{{- if .Labels }}
Labels:
{{- range $k, $v := .Labels }}
 {{ $k }}{{if $v }}={{ $v }}{{ end }}
{{- end }}{{ end }}
Service Mode:
{{- if .IsModeGlobal }}	Global
{{- else if .IsModeReplicated }}	Replicated
{{- if .ModeReplicatedReplicas }}
 Replicas:	{{ .ModeReplicatedReplicas }}
{{- end }}{{ end }}
{{- if .HasUpdateStatus }}
UpdateStatus:
 State:		{{ .UpdateStatusState }}
{{- if .HasUpdateStatusStarted }}
 Started:	{{ .UpdateStatusStarted }}
{{- end }}
{{- if .UpdateIsCompleted }}
 Completed:	{{ .UpdateStatusCompleted }}
{{- end }}
 Message:	{{ .UpdateStatusMessage }}
{{- end }}
Placement:
{{- if .TaskPlacementConstraints }}
 Constraints:	{{ .TaskPlacementConstraints }}
{{- end }}
{{- if .TaskPlacementPreferences }}
 Preferences:   {{ .TaskPlacementPreferences }}
{{- end }}
{{- if .MaxReplicas }}
 Max Replicas Per Node:   {{ .MaxReplicas }}
{{- end }}
{{- if .HasUpdateConfig }}
UpdateConfig:
 Parallelism:	{{ .UpdateParallelism }}
{{- if .HasUpdateDelay}}
 Delay:		{{ .UpdateDelay }}
{{- end }}
 On failure:	{{ .UpdateOnFailure }}
{{- if .HasUpdateMonitor}}
 Monitoring Period: {{ .UpdateMonitor }}
{{- end }}
 Max failure ratio: {{ .UpdateMaxFailureRatio }}
 Update order:      {{ .UpdateOrder }}
{{- end }}
{{- if .HasRollbackConfig }}
RollbackConfig:
 Parallelism:	{{ .RollbackParallelism }}
{{- if .HasRollbackDelay}}
 Delay:		{{ .RollbackDelay }}
{{- end }}
 On failure:	{{ .RollbackOnFailure }}
{{- if .HasRollbackMonitor}}
 Monitoring Period: {{ .RollbackMonitor }}
{{- end }}
 Max failure ratio: {{ .RollbackMaxFailureRatio }}
 Rollback order:    {{ .RollbackOrder }}
{{- end }}
ContainerSpec:
 Image:		{{ .ContainerImage }}
{{- if .ContainerArgs }}
 Args:		{{ range $arg := .ContainerArgs }}{{ $arg }} {{ end }}
{{- end -}}
{{- if .ContainerEnv }}
 Env:		{{ range $env := .ContainerEnv }}{{ $env }} {{ end }}
{{- end -}}
{{- if .ContainerWorkDir }}
 Dir:		{{ .ContainerWorkDir }}
{{- end -}}
{{- if .HasContainerInit }}
 Init:		{{ .ContainerInit }}
{{- end -}}
{{- if .ContainerUser }}
 User: {{ .ContainerUser }}
{{- end }}
{{- if .HasCapabilities }}
Capabilities:
{{- if .HasCapabilityAdd }}
 Add: {{ .CapabilityAdd }}
{{- end }}
{{- if .HasCapabilityDrop }}
 Drop: {{ .CapabilityDrop }}
{{- end }}
{{- end }}
{{- if .ContainerSysCtls }}
SysCtls:
{{- range $k, $v := .ContainerSysCtls }}
 {{ $k }}{{if $v }}: {{ $v }}{{ end }}
{{- end }}{{ end }}
{{- if .ContainerUlimits }}
Ulimits:
{{- range $k, $v := .ContainerUlimits }}
 {{ $k }}: {{ $v }}
{{- end }}{{ end }}
{{- if .ContainerMounts }}
Mounts:
{{- end }}
{{- range $mount := .ContainerMounts }}
 Target:	{{ $mount.Target }}
  Source:	{{ $mount.Source }}
  ReadOnly:	{{ $mount.ReadOnly }}
  Type:		{{ $mount.Type }}
{{- end -}}
{{- if .Configs}}
Configs:
{{- range $config := .Configs }}
 Target:	{{$config.File.Name}}
  Source:	{{$config.ConfigName}}
{{- end }}{{ end }}
{{- if .Secrets }}
Secrets:
{{- range $secret := .Secrets }}
 Target:	{{$secret.File.Name}}
  Source:	{{$secret.SecretName}}
{{- end }}{{ end }}
{{- if .HasLogDriver }}
Log Driver:
{{- if .HasLogDriverName }}
 Name:		{{ .LogDriverName }}
{{- end }}
{{- if .LogOpts }}
 LogOpts:
{{- range $k, $v := .LogOpts }}
  {{ $k }}{{if $v }}:       {{ $v }}{{ end }}
{{- end }}{{ end }}
{{ end }}
{{- if .HasResources }}
Resources:
{{- if .HasResourceReservations }}
 Reservations:
{{- if gt .ResourceReservationNanoCPUs 0.0 }}
  CPU:		{{ .ResourceReservationNanoCPUs }}
{{- end }}
{{- if .ResourceReservationMemory }}
  Memory:	{{ .ResourceReservationMemory }}
{{- end }}{{ end }}
{{- if .HasResourceLimits }}
 Limits:
{{- if gt .ResourceLimitsNanoCPUs 0.0 }}
  CPU:		{{ .ResourceLimitsNanoCPUs }}
{{- end }}
{{- if .ResourceLimitMemory }}
  Memory:	{{ .ResourceLimitMemory }}
{{- end }}{{ end }}{{ end }}
{{- if gt .ResourceLimitPids 0 }}
  PIDs:		{{ .ResourceLimitPids }}
{{- end }}
{{- if .Networks }}
Networks:
{{- range $network := .Networks }} {{ $network }}{{ end }} {{ end }}
Endpoint Mode:	{{ .EndpointMode }}
{{- if .Ports }}
Ports:
{{- range $port := .Ports }}
 PublishedPort = {{ $port.PublishedPort }}
  Protocol = {{ $port.Protocol }}
  TargetPort = {{ $port.TargetPort }}
  PublishMode = {{ $port.PublishMode }}
{{- end }} {{ end -}}
{{- if .Healthcheck }}
 Healthcheck:
  Interval = {{ .Healthcheck.Interval }}
  Retries = {{ .Healthcheck.Retries }}
  StartPeriod =	{{ .Healthcheck.StartPeriod }}
  Timeout =	{{ .Healthcheck.Timeout }}
  {{- if .Healthcheck.Test }}
  Tests:
	{{- range $test := .Healthcheck.Test }}
	 Test = {{ $test }}
  {{- end }} {{ end -}}
{{- end }}
`;

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * The object the --pretty template runs on (docker's serviceInspectContext): one method per
 * template field, reading the service as Go would (nil pointers, nil slices and maps).
 */
export class ServiceInspectContext {
  constructor(
    private readonly service: Service,
    private readonly nowMs: number,
    /** Network ID → name, as the CLI looked each attached network up (else the ID is shown). */
    private readonly networkNames: ReadonlyMap<string, string> = new Map(),
  ) {}

  private get spec(): Record<string, unknown> {
    return this.service.Spec as unknown as Record<string, unknown>;
  }
  private get task(): Record<string, unknown> {
    return this.service.Spec.TaskTemplate as unknown as Record<string, unknown>;
  }
  private get container(): Record<string, unknown> {
    return (this.task.ContainerSpec ?? {}) as Record<string, unknown>;
  }
  private get update(): Record<string, unknown> | undefined {
    return loose(this.spec.UpdateConfig);
  }
  private get rollback(): Record<string, unknown> | undefined {
    return loose(this.spec.RollbackConfig);
  }
  private get status(): Record<string, unknown> | undefined {
    return loose(this.service.UpdateStatus);
  }

  ID(): string {
    return this.service.ID;
  }
  Name(): string {
    return this.service.Spec.Name;
  }
  Labels(): object {
    return goMap({ ...this.service.Spec.Labels });
  }
  HasLogDriver(): boolean {
    return Boolean(this.task.LogDriver);
  }
  HasLogDriverName(): boolean {
    return String(loose(this.task.LogDriver)?.Name ?? '') !== '';
  }
  LogDriverName(): string {
    return String(loose(this.task.LogDriver)?.Name ?? '');
  }
  LogOpts(): object {
    const opts = loose(loose(this.task.LogDriver)?.Options);
    return opts ? goMap({ ...opts }) : new GoNil('map[string]string');
  }
  Configs(): unknown {
    return goValue(this.container.Configs, { slice: CONFIG_REF, pointers: true });
  }
  Secrets(): unknown {
    return goValue(this.container.Secrets, { slice: SECRET_REF, pointers: true });
  }
  Healthcheck(): unknown {
    return goValue(this.container.Healthcheck, { ptr: HEALTH_CONFIG });
  }
  IsModeGlobal(): boolean {
    return Boolean((this.service.Spec.Mode as Record<string, unknown>).Global);
  }
  IsModeReplicated(): boolean {
    return Boolean((this.service.Spec.Mode as Record<string, unknown>).Replicated);
  }
  ModeReplicatedReplicas(): unknown {
    const replicas = loose((this.service.Spec.Mode as Record<string, unknown>).Replicated)?.Replicas;
    return typeof replicas === 'number' ? new GoPointer(replicas, '*uint64') : new GoNil('*uint64');
  }
  HasUpdateStatus(): boolean {
    return Boolean(this.status && this.status.State);
  }
  UpdateStatusState(): string {
    return String(this.status?.State ?? '');
  }
  HasUpdateStatusStarted(): boolean {
    return Boolean(this.status?.StartedAt);
  }
  UpdateStatusStarted(): string {
    return ago(this.nowMs, String(this.status?.StartedAt));
  }
  UpdateIsCompleted(): boolean {
    return this.status?.State === 'completed' && Boolean(this.status.CompletedAt);
  }
  UpdateStatusCompleted(): string {
    return ago(this.nowMs, String(this.status?.CompletedAt));
  }
  UpdateStatusMessage(): string {
    return String(this.status?.Message ?? '');
  }
  TaskPlacementConstraints(): unknown {
    const c = loose(this.task.Placement)?.Constraints;
    return Array.isArray(c) ? [...c] : new GoNil('[]string');
  }
  TaskPlacementPreferences(): unknown {
    const prefs = loose(this.task.Placement)?.Preferences;
    if (!Array.isArray(prefs)) return new GoNil('[]string');
    const out = prefs.map((p) => loose(loose(p)?.Spread)?.SpreadDescriptor).filter((d) => d !== undefined);
    return out.length ? out.map((d) => `spread=${String(d)}`) : new GoNil('[]string');
  }
  MaxReplicas(): number {
    return num(loose(this.task.Placement)?.MaxReplicas);
  }
  HasUpdateConfig(): boolean {
    return this.update !== undefined;
  }
  UpdateParallelism(): number {
    return num(this.update?.Parallelism);
  }
  HasUpdateDelay(): boolean {
    return num(this.update?.Delay) > 0;
  }
  UpdateDelay(): GoDuration {
    return new GoDuration(num(this.update?.Delay));
  }
  UpdateOnFailure(): string {
    return String(this.update?.FailureAction ?? '');
  }
  UpdateOrder(): string {
    return String(this.update?.Order ?? '');
  }
  HasUpdateMonitor(): boolean {
    return num(this.update?.Monitor) > 0;
  }
  UpdateMonitor(): GoDuration {
    return new GoDuration(num(this.update?.Monitor));
  }
  UpdateMaxFailureRatio(): number {
    return num(this.update?.MaxFailureRatio);
  }
  HasRollbackConfig(): boolean {
    return this.rollback !== undefined;
  }
  RollbackParallelism(): number {
    return num(this.rollback?.Parallelism);
  }
  HasRollbackDelay(): boolean {
    return num(this.rollback?.Delay) > 0;
  }
  RollbackDelay(): GoDuration {
    return new GoDuration(num(this.rollback?.Delay));
  }
  RollbackOnFailure(): string {
    return String(this.rollback?.FailureAction ?? '');
  }
  HasRollbackMonitor(): boolean {
    return num(this.rollback?.Monitor) > 0;
  }
  RollbackMonitor(): GoDuration {
    return new GoDuration(num(this.rollback?.Monitor));
  }
  RollbackMaxFailureRatio(): number {
    return num(this.rollback?.MaxFailureRatio);
  }
  RollbackOrder(): string {
    return String(this.rollback?.Order ?? '');
  }
  ContainerImage(): string {
    return String(this.container.Image ?? '');
  }
  ContainerArgs(): unknown {
    return goValue(this.container.Args, '[]string');
  }
  ContainerEnv(): unknown {
    return goValue(this.container.Env, '[]string');
  }
  ContainerWorkDir(): string {
    return String(this.container.Dir ?? '');
  }
  ContainerUser(): string {
    return String(this.container.User ?? '');
  }
  HasContainerInit(): boolean {
    return typeof this.container.Init === 'boolean';
  }
  ContainerInit(): boolean {
    return this.container.Init === true;
  }
  ContainerMounts(): unknown {
    return goValue(this.container.Mounts, { slice: MOUNT });
  }
  ContainerSysCtls(): unknown {
    return goValue(this.container.Sysctls, 'map');
  }
  HasContainerSysCtls(): boolean {
    return Object.keys(loose(this.container.Sysctls) ?? {}).length > 0;
  }
  ContainerUlimits(): object {
    const out: Record<string, string> = {};
    const ulimits = this.container.Ulimits;
    if (Array.isArray(ulimits)) for (const u of ulimits) out[String(loose(u)?.Name)] = `${num(loose(u)?.Soft)}:${num(loose(u)?.Hard)}`;
    return goMap(out);
  }
  HasContainerUlimits(): boolean {
    return Array.isArray(this.container.Ulimits) && this.container.Ulimits.length > 0;
  }
  private get resources(): Record<string, unknown> | undefined {
    return loose(this.task.Resources);
  }
  HasResources(): boolean {
    return this.resources !== undefined;
  }
  HasResourceReservations(): boolean {
    const r = loose(this.resources?.Reservations);
    return r !== undefined && (num(r.NanoCPUs) > 0 || num(r.MemoryBytes) > 0);
  }
  ResourceReservationNanoCPUs(): GoFloat {
    return new GoFloat(num(loose(this.resources?.Reservations)?.NanoCPUs) / 1e9);
  }
  ResourceReservationMemory(): string {
    const m = num(loose(this.resources?.Reservations)?.MemoryBytes);
    return m === 0 ? '' : bytesSize(m);
  }
  HasResourceLimits(): boolean {
    const l = loose(this.resources?.Limits);
    return l !== undefined && (num(l.NanoCPUs) > 0 || num(l.MemoryBytes) > 0 || num(l.Pids) > 0);
  }
  ResourceLimitsNanoCPUs(): GoFloat {
    return new GoFloat(num(loose(this.resources?.Limits)?.NanoCPUs) / 1e9);
  }
  ResourceLimitMemory(): string {
    const m = num(loose(this.resources?.Limits)?.MemoryBytes);
    return m === 0 ? '' : bytesSize(m);
  }
  ResourceLimitPids(): number {
    return num(loose(this.resources?.Limits)?.Pids);
  }
  Networks(): unknown {
    const nets = this.task.Networks;
    if (!Array.isArray(nets) || nets.length === 0) return new GoNil('[]string');
    return nets.map((n) => {
      const target = String(loose(n)?.Target ?? '');
      return this.networkNames.get(target) ?? target;
    });
  }
  EndpointMode(): string {
    return String(loose(this.spec.EndpointSpec)?.Mode ?? '');
  }
  Ports(): unknown {
    return goValue(loose(this.service.Endpoint)?.Ports, { opaque: '[]swarm.PortConfig' });
  }
  HasCapabilities(): boolean {
    return this.HasCapabilityAdd() || this.HasCapabilityDrop();
  }
  HasCapabilityAdd(): boolean {
    return Array.isArray(this.container.CapabilityAdd) && this.container.CapabilityAdd.length > 0;
  }
  HasCapabilityDrop(): boolean {
    return Array.isArray(this.container.CapabilityDrop) && this.container.CapabilityDrop.length > 0;
  }
  CapabilityAdd(): string {
    return ((this.container.CapabilityAdd as string[] | undefined) ?? []).join(', ');
  }
  CapabilityDrop(): string {
    return ((this.container.CapabilityDrop as string[] | undefined) ?? []).join(', ');
  }
}
