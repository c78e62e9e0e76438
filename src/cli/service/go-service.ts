// The typed objects `service inspect -f` (and `inspect` of tasks) run templates on: moby's
// swarm.Service and swarm.Task as Go sees them. Every field of the Go struct exists with its zero
// value (so {{.Spec.TaskTemplate.ContainerSpec.User}} prints "" instead of failing), durations
// print as time.Duration does ("5s"), file modes as os.FileMode ("-r--r--r--"), times as
// Time.String(), embedded structs promote their fields, and {{json ...}} of any struct prints
// the API's own JSON for it.
import type { Service, Task } from '../../api/services.js';
import { apiJSON } from '../../api/json.js';
import { GoDuration } from '../../go/time/duration.js';
import { GoTime } from '../../go/time/time.js';
import { formatGoValue } from '../../go/fmt/print.js';
import { goFormat, goJSON, goMap, GoNil, goStruct, goType } from '../../go/reflect/value.js';

// ---- Go value types the schemas need ----

/** os.FileMode: prints "-r--r--r--", marshals as the number (292). */
export class GoFileMode {
  constructor(readonly mode: number) {
    Object.defineProperty(this, goType, { value: 'fs.FileMode' });
  }
  [goFormat](): string {
    const str = 'dalTLDpSugct?';
    let out = '';
    for (let i = 0; i < str.length; i++) if ((this.mode >>> (31 - i)) & 1) out += str[i];
    if (out === '') out = '-';
    const rwx = 'rwxrwxrwx';
    for (let i = 0; i < 9; i++) out += (this.mode >>> (8 - i)) & 1 ? rwx[i] : '-';
    return out;
  }
  toJSON(): number {
    return this.mode;
  }
  String(): string {
    return this[goFormat]();
  }
}

/** A non-nil pointer to a scalar (*uint64, *bool): always true in {{if}}, prints its value. */
export class GoPointer {
  constructor(
    readonly value: number | boolean | string,
    type: string,
  ) {
    Object.defineProperty(this, goType, { value: type });
  }
  [goFormat](): string {
    return formatGoValue(this.value);
  }
  toJSON(): number | boolean | string {
    return this.value;
  }
}

// ---- struct schemas ----

export interface StructSchema {
  /** Go type name, e.g. "swarm.ContainerSpec". */
  type: string;
  fields: [string, FieldType][];
  /** Fields that are embedded structs: their fields are promoted. */
  embedded?: string[];
}

/**
 * A field's Go type: scalars by name, a struct schema (value), or a pointer/slice of one.
 * 'any' is an opaque API value converted generically (objects become structs, Labels maps).
 */
export type FieldType =
  | 'string'
  | 'int'
  | 'uint64'
  | 'bool'
  | 'float'
  | 'duration'
  | '*duration'
  | 'time'
  | '*time'
  | '*bool'
  | '*uint64'
  | 'filemode'
  | '[]string'
  | 'map'
  | 'any'
  | StructSchema
  | { ptr: StructSchema }
  | { slice: StructSchema; pointers?: boolean }
  | { opaque: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Generic conversion of an API value whose schema is not spelled out. */
function goAny(raw: unknown, mapLike = false): unknown {
  if (Array.isArray(raw)) return raw.map((v) => goAny(v));
  if (!isObj(raw)) return raw ?? null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k] = mapLike ? v : goAny(v, k === 'Labels' || k === 'Options' || k === 'DriverOpts' || k === 'Sysctls');
  }
  if (mapLike) return goMap(out);
  const s = goStruct('struct', out);
  Object.defineProperty(s, goJSON, { value: () => apiJSON(raw) });
  return s;
}

/** Converts an API value to the Go value its field type describes. */
export function goValue(raw: unknown, type: FieldType): unknown {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof raw === 'string' ? raw : '';
      case 'int':
      case 'uint64':
        return typeof raw === 'number' || typeof raw === 'bigint' ? raw : 0;
      case 'float':
        return typeof raw === 'number' ? raw : 0;
      case 'bool':
        return raw === true;
      case 'duration':
        return new GoDuration(typeof raw === 'number' ? raw : 0);
      case '*duration':
        return typeof raw === 'number' ? new GoDuration(raw) : new GoNil('*time.Duration');
      case 'time':
        return new GoTime(typeof raw === 'string' && raw !== '' ? raw : '0001-01-01T00:00:00Z');
      case '*time':
        return typeof raw === 'string' && raw !== '' ? new GoTime(raw) : new GoNil('*time.Time');
      case '*bool':
        return typeof raw === 'boolean' ? new GoPointer(raw, '*bool') : new GoNil('*bool');
      case '*uint64':
        return typeof raw === 'number' ? new GoPointer(raw, '*uint64') : new GoNil('*uint64');
      case 'filemode':
        return new GoFileMode(typeof raw === 'number' ? raw : 0);
      case '[]string':
        return Array.isArray(raw) ? [...(raw as string[])] : new GoNil('[]string');
      case 'map':
        return isObj(raw) ? goMap({ ...(raw as Record<string, string>) }) : new GoNil('map[string]string');
      case 'any':
        return raw === undefined ? null : goAny(raw);
    }
  }
  if ('opaque' in type) return raw === undefined || raw === null ? new GoNil(type.opaque) : goAny(raw);
  if ('ptr' in type) return isObj(raw) ? goStructOf(raw, type.ptr, true) : new GoNil(`*${type.ptr.type}`);
  if ('slice' in type) {
    const elem = `${type.pointers ? '*' : ''}${type.slice.type}`;
    if (!Array.isArray(raw)) return new GoNil(`[]${elem}`);
    return goStruct(`[]${elem}`, raw.map((r) => goStructOf(isObj(r) ? r : {}, type.slice, Boolean(type.pointers))));
  }
  return goStructOf(isObj(raw) ? raw : {}, type, false);
}

function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (raw[k] !== undefined) out[k] = raw[k];
  return out;
}

/** Builds the struct: every field present, embedded fields promoted, json = the API's JSON. */
export function goStructOf(raw: Record<string, unknown>, schema: StructSchema, pointer: boolean): object {
  const out: Record<string, unknown> = {};
  const promoted: Record<string, unknown>[] = [];
  for (const [name, type] of schema.fields) {
    const embedded = schema.embedded?.includes(name) && typeof type === 'object' && 'fields' in type;
    // an embedded struct's fields sit at the outer level of the API JSON
    const value = goValue(embedded ? pick(raw, type.fields.map(([f]) => f)) : raw[name], type);
    out[name] = value;
    if (embedded) promoted.push(value as Record<string, unknown>);
  }
  const s = goStruct(`${pointer ? '*' : ''}${schema.type}`, out);
  for (const inner of promoted) {
    for (const key of Object.keys(inner)) {
      if (!(key in s)) Object.defineProperty(s, key, { value: inner[key], enumerable: false, configurable: true });
    }
  }
  Object.defineProperty(s, goJSON, { value: () => apiJSON(raw) });
  return s;
}

// ---- moby api/types/swarm ----

const S = (type: string, fields: [string, FieldType][], embedded?: string[]): StructSchema => ({ type, fields, embedded });

const VERSION = S('swarm.Version', [['Index', 'uint64']]);
const META = S('swarm.Meta', [
  ['Version', VERSION],
  ['CreatedAt', 'time'],
  ['UpdatedAt', 'time'],
]);
const ANNOTATIONS = S('swarm.Annotations', [
  ['Name', 'string'],
  ['Labels', 'map'],
]);
const DRIVER = S('swarm.Driver', [
  ['Name', 'string'],
  ['Options', 'map'],
]);
const FILE_TARGET = S('swarm.SecretReferenceFileTarget', [
  ['Name', 'string'],
  ['UID', 'string'],
  ['GID', 'string'],
  ['Mode', 'filemode'],
]);
const SECRET_REF = S('swarm.SecretReference', [
  ['File', { ptr: FILE_TARGET }],
  ['SecretID', 'string'],
  ['SecretName', 'string'],
]);
const CONFIG_REF = S('swarm.ConfigReference', [
  ['File', { ptr: S('swarm.ConfigReferenceFileTarget', FILE_TARGET.fields) }],
  ['Runtime', { opaque: '*swarm.ConfigReferenceRuntimeTarget' }],
  ['ConfigID', 'string'],
  ['ConfigName', 'string'],
]);
const DNS_CONFIG = S('swarm.DNSConfig', [
  ['Nameservers', '[]string'],
  ['Search', '[]string'],
  ['Options', '[]string'],
]);
/** mount.Mount (the --pretty template reads .Target, .Source, .ReadOnly and .Type of each). */
export const MOUNT = S('mount.Mount', [
  ['Type', 'string'],
  ['Source', 'string'],
  ['Target', 'string'],
  ['ReadOnly', 'bool'],
  ['Consistency', 'string'],
  ['BindOptions', { opaque: '*mount.BindOptions' }],
  ['VolumeOptions', { opaque: '*mount.VolumeOptions' }],
  ['TmpfsOptions', { opaque: '*mount.TmpfsOptions' }],
  ['ClusterOptions', { opaque: '*mount.ClusterOptions' }],
]);
const CONTAINER_SPEC = S('swarm.ContainerSpec', [
  ['Image', 'string'],
  ['Labels', 'map'],
  ['Command', '[]string'],
  ['Args', '[]string'],
  ['Hostname', 'string'],
  ['Env', '[]string'],
  ['Dir', 'string'],
  ['User', 'string'],
  ['Groups', '[]string'],
  ['Privileges', { opaque: '*swarm.Privileges' }],
  ['Init', '*bool'],
  ['StopSignal', 'string'],
  ['TTY', 'bool'],
  ['OpenStdin', 'bool'],
  ['ReadOnly', 'bool'],
  ['Mounts', { slice: MOUNT }],
  ['StopGracePeriod', '*duration'],
  ['Healthcheck', { opaque: '*container.HealthConfig' }],
  ['Hosts', '[]string'],
  ['DNSConfig', { ptr: DNS_CONFIG }],
  ['Secrets', { slice: SECRET_REF, pointers: true }],
  ['Configs', { slice: CONFIG_REF, pointers: true }],
  ['Isolation', 'string'],
  ['Sysctls', 'map'],
  ['CapabilityAdd', '[]string'],
  ['CapabilityDrop', '[]string'],
  ['Ulimits', { opaque: '[]*container.Ulimit' }],
  ['OomScoreAdj', 'int'],
]);
const LIMIT = S('swarm.Limit', [
  ['NanoCPUs', 'int'],
  ['MemoryBytes', 'int'],
  ['Pids', 'int'],
]);
const RESOURCES = S('swarm.Resources', [
  ['NanoCPUs', 'int'],
  ['MemoryBytes', 'int'],
  ['GenericResources', { opaque: '[]swarm.GenericResource' }],
]);
const RESOURCE_REQUIREMENTS = S('swarm.ResourceRequirements', [
  ['Limits', { ptr: LIMIT }],
  ['Reservations', { ptr: RESOURCES }],
  ['SwapBytes', { opaque: '*int64' }],
  ['MemorySwappiness', { opaque: '*int64' }],
]);
const RESTART_POLICY = S('swarm.RestartPolicy', [
  ['Condition', 'string'],
  ['Delay', '*duration'],
  ['MaxAttempts', '*uint64'],
  ['Window', '*duration'],
]);
const PLACEMENT = S('swarm.Placement', [
  ['Constraints', '[]string'],
  ['Preferences', { opaque: '[]swarm.PlacementPreference' }],
  ['MaxReplicas', 'uint64'],
  ['Platforms', { opaque: '[]swarm.Platform' }],
]);
export const TASK_SPEC = S('swarm.TaskSpec', [
  ['ContainerSpec', { ptr: CONTAINER_SPEC }],
  ['PluginSpec', { opaque: '*runtime.PluginSpec' }],
  ['NetworkAttachmentSpec', { opaque: '*swarm.NetworkAttachmentSpec' }],
  ['Resources', { ptr: RESOURCE_REQUIREMENTS }],
  ['RestartPolicy', { ptr: RESTART_POLICY }],
  ['Placement', { ptr: PLACEMENT }],
  ['Networks', { opaque: '[]swarm.NetworkAttachmentConfig' }],
  ['LogDriver', { ptr: DRIVER }],
  ['ForceUpdate', 'uint64'],
  ['Runtime', 'string'],
]);
const SERVICE_MODE = S('swarm.ServiceMode', [
  ['Replicated', { ptr: S('swarm.ReplicatedService', [['Replicas', '*uint64']]) }],
  ['Global', { ptr: S('swarm.GlobalService', []) }],
  [
    'ReplicatedJob',
    {
      ptr: S('swarm.ReplicatedJob', [
        ['MaxConcurrent', '*uint64'],
        ['TotalCompletions', '*uint64'],
      ]),
    },
  ],
  ['GlobalJob', { ptr: S('swarm.GlobalJob', []) }],
]);
const UPDATE_CONFIG = S('swarm.UpdateConfig', [
  ['Parallelism', 'uint64'],
  ['Delay', 'duration'],
  ['FailureAction', 'string'],
  ['Monitor', 'duration'],
  ['MaxFailureRatio', 'float'],
  ['Order', 'string'],
]);
const ENDPOINT_SPEC = S('swarm.EndpointSpec', [
  ['Mode', 'string'],
  ['Ports', { opaque: '[]swarm.PortConfig' }],
]);
const SERVICE_SPEC = S(
  'swarm.ServiceSpec',
  [
    ['Annotations', ANNOTATIONS],
    ['TaskTemplate', TASK_SPEC],
    ['Mode', SERVICE_MODE],
    ['UpdateConfig', { ptr: UPDATE_CONFIG }],
    ['RollbackConfig', { ptr: UPDATE_CONFIG }],
    ['Networks', { opaque: '[]swarm.NetworkAttachmentConfig' }],
    ['EndpointSpec', { ptr: ENDPOINT_SPEC }],
  ],
  ['Annotations'],
);
const ENDPOINT = S('swarm.Endpoint', [
  ['Spec', ENDPOINT_SPEC],
  ['Ports', { opaque: '[]swarm.PortConfig' }],
  ['VirtualIPs', { opaque: '[]swarm.EndpointVirtualIP' }],
]);
const UPDATE_STATUS = S('swarm.UpdateStatus', [
  ['State', 'string'],
  ['StartedAt', '*time'],
  ['CompletedAt', '*time'],
  ['Message', 'string'],
]);
const SERVICE_STATUS = S('swarm.ServiceStatus', [
  ['RunningTasks', 'uint64'],
  ['DesiredTasks', 'uint64'],
  ['CompletedTasks', 'uint64'],
]);
const SERVICE = S(
  'swarm.Service',
  [
    ['ID', 'string'],
    ['Meta', META],
    ['Spec', SERVICE_SPEC],
    ['PreviousSpec', { ptr: SERVICE_SPEC }],
    ['Endpoint', ENDPOINT],
    ['UpdateStatus', { ptr: UPDATE_STATUS }],
    ['ServiceStatus', { ptr: SERVICE_STATUS }],
    ['JobStatus', { opaque: '*swarm.JobStatus' }],
  ],
  ['Meta'],
);
const CONTAINER_STATUS = S('swarm.ContainerStatus', [
  ['ContainerID', 'string'],
  ['PID', 'int'],
  ['ExitCode', 'int'],
]);
const TASK_STATUS = S('swarm.TaskStatus', [
  ['Timestamp', 'time'],
  ['State', 'string'],
  ['Message', 'string'],
  ['Err', 'string'],
  ['ContainerStatus', { ptr: CONTAINER_STATUS }],
  ['PortStatus', S('swarm.PortStatus', [['Ports', { opaque: '[]swarm.PortConfig' }]])],
]);
const TASK = S(
  'swarm.Task',
  [
    ['ID', 'string'],
    ['Meta', META],
    ['Annotations', ANNOTATIONS],
    ['Spec', TASK_SPEC],
    ['ServiceID', 'string'],
    ['Slot', 'int'],
    ['NodeID', 'string'],
    ['Status', TASK_STATUS],
    ['DesiredState', 'string'],
    ['NetworksAttachments', { opaque: '[]swarm.NetworkAttachment' }],
    ['GenericResources', { opaque: '[]swarm.GenericResource' }],
    ['JobIteration', { opaque: '*swarm.Version' }],
    ['Volumes', { opaque: '[]swarm.VolumeAttachment' }],
  ],
  ['Meta', 'Annotations'],
);

/**
 * An API object with its keys in the Go struct's field order (as encoding/json writes them), at
 * every level the schema describes; keys the schema does not know keep their place at the end.
 */
export function orderBySchema(raw: Record<string, unknown>, schema: StructSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of schema.fields) {
    if (schema.embedded?.includes(name) && typeof type === 'object' && 'fields' in type) {
      Object.assign(out, orderBySchema(pick(raw, type.fields.map(([f]) => f)), type));
    } else if (raw[name] !== undefined) {
      out[name] = orderValue(raw[name], type);
    }
  }
  for (const [k, v] of Object.entries(raw)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function orderValue(v: unknown, type: FieldType): unknown {
  if (typeof type !== 'object' || 'opaque' in type) return v;
  if ('slice' in type) return Array.isArray(v) ? v.map((e) => (isObj(e) ? orderBySchema(e, type.slice) : e)) : v;
  if (!isObj(v)) return v;
  return orderBySchema(v, 'ptr' in type ? type.ptr : type);
}

/**
 * The service JSON `service inspect` prints: moby's field order at every level (ID, Version,
 * CreatedAt, UpdatedAt, Spec{Name, Labels, TaskTemplate, ...}, PreviousSpec, Endpoint,
 * UpdateStatus), Labels always present, without the list endpoint's ServiceStatus.
 */
export function serviceJSONView(s: Service): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...(s as unknown as Record<string, unknown>) };
  delete raw.ServiceStatus;
  raw.Spec = { ...s.Spec, Labels: s.Spec.Labels ?? {} };
  if (s.PreviousSpec) raw.PreviousSpec = { ...s.PreviousSpec, Labels: s.PreviousSpec.Labels ?? {} };
  return orderBySchema(raw, SERVICE);
}

/** The task JSON `inspect` prints, in moby's field order. */
export function taskJSONView(t: Task): Record<string, unknown> {
  // ServiceAnnotations is the store's, not the API's
  const { ServiceAnnotations: _annotations, ...api } = t;
  return orderBySchema(api as unknown as Record<string, unknown>, TASK);
}

/** swarm.Service as a Go template sees it. */
export function goService(s: Service): object {
  return goStructOf(serviceJSONView(s), SERVICE, false);
}

/** swarm.Task as a Go template sees it. */
export function goTask(t: Task): object {
  return goStructOf(taskJSONView(t), TASK, false);
}
