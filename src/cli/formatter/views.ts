// The Go views of the API objects templates run on (`inspect -f`, `service inspect --pretty`):
// moby's api/types structs (swarm.Service, swarm.Task, swarm.Secret, swarm.Config,
// container.InspectResponse)
// as schemas in the Go struct's field order, and the JSON the inspect commands print in that order.
import type { Service, Task } from '../../api/services.js';
import type { Config, Secret } from '../../api/swarm.js';
import { type FieldType, goStructOf, orderBySchema, type StructSchema } from './typed-view.js';

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
export const SECRET_REF = S('swarm.SecretReference', [
  ['File', { ptr: FILE_TARGET }],
  ['SecretID', 'string'],
  ['SecretName', 'string'],
]);
export const CONFIG_REF = S('swarm.ConfigReference', [
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

const SECRET_SPEC = S(
  'swarm.SecretSpec',
  [
    ['Annotations', ANNOTATIONS],
    ['Data', { opaque: '[]uint8' }],
    ['Driver', { ptr: DRIVER }],
    ['Templating', { ptr: DRIVER }],
  ],
  ['Annotations'],
);
const SECRET = S(
  'swarm.Secret',
  [
    ['ID', 'string'],
    ['Meta', META],
    ['Spec', SECRET_SPEC],
  ],
  ['Meta'],
);
const CONFIG_SPEC = S(
  'swarm.ConfigSpec',
  [
    ['Annotations', ANNOTATIONS],
    ['Data', '[]byte'],
    ['Templating', { ptr: DRIVER }],
  ],
  ['Annotations'],
);
const CONFIG = S(
  'swarm.Config',
  [
    ['ID', 'string'],
    ['Meta', META],
    ['Spec', CONFIG_SPEC],
  ],
  ['Meta'],
);

// ---- moby api/types/container: the container as `docker inspect` shows it ----

const CONTAINER_STATE = S('container.State', [
  ['Status', 'string'],
  ['Running', 'bool'],
  ['Paused', 'bool'],
  ['Restarting', 'bool'],
  ['OOMKilled', 'bool'],
  ['Dead', 'bool'],
  ['Pid', 'int'],
  ['ExitCode', 'int'],
  ['Error', 'string'],
  ['StartedAt', 'string'],
  ['FinishedAt', 'string'],
  ['Health', { opaque: '*container.Health' }],
]);

const CONTAINER_CONFIG = S('container.Config', [
  ['Hostname', 'string'],
  ['Domainname', 'string'],
  ['User', 'string'],
  ['AttachStdin', 'bool'],
  ['AttachStdout', 'bool'],
  ['AttachStderr', 'bool'],
  ['ExposedPorts', { opaque: 'nat.PortSet' }],
  ['Tty', 'bool'],
  ['OpenStdin', 'bool'],
  ['StdinOnce', 'bool'],
  ['Env', '[]string'],
  ['Cmd', '[]string'],
  ['Healthcheck', { opaque: '*container.HealthConfig' }],
  ['ArgsEscaped', 'bool'],
  ['Image', 'string'],
  ['Volumes', { opaque: 'map[string]struct {}' }],
  ['WorkingDir', 'string'],
  ['Entrypoint', '[]string'],
  ['NetworkDisabled', 'bool'],
  ['MacAddress', 'string'],
  ['OnBuild', '[]string'],
  ['Labels', 'map'],
  ['StopSignal', 'string'],
  ['StopTimeout', { opaque: '*int' }],
  ['Shell', '[]string'],
]);

const INSPECT_RESPONSE = S('container.InspectResponse', [
  ['Id', 'string'],
  ['Created', 'string'],
  ['Path', 'string'],
  ['Args', '[]string'],
  ['State', { ptr: CONTAINER_STATE }],
  ['Image', 'string'],
  ['ResolvConfPath', 'string'],
  ['HostnamePath', 'string'],
  ['HostsPath', 'string'],
  ['LogPath', 'string'],
  ['Node', { opaque: '*container.ContainerNode' }],
  ['Name', 'string'],
  ['RestartCount', 'int'],
  ['Driver', 'string'],
  ['Platform', 'string'],
  ['MountLabel', 'string'],
  ['ProcessLabel', 'string'],
  ['AppArmorProfile', 'string'],
  ['ExecIDs', '[]string'],
  ['HostConfig', { opaque: '*container.HostConfig' }],
  ['GraphDriver', { opaque: 'storage.DriverData' }],
  ['SizeRw', { opaque: '*int64' }],
  ['SizeRootFs', { opaque: '*int64' }],
  ['Mounts', { opaque: '[]container.MountPoint' }],
  ['Config', { ptr: CONTAINER_CONFIG }],
  ['NetworkSettings', { opaque: '*container.NetworkSettings' }],
  ['ImageManifestDescriptor', { opaque: '*v1.Descriptor' }],
]);

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

/** swarm.Secret as a Go template sees it. */
export function goSecret(s: Secret): object {
  return goStructOf(s as unknown as Record<string, unknown>, SECRET, false);
}

/** swarm.Config as a Go template sees it: its Spec.Data is a []byte. */
export function goConfig(c: Config): object {
  return goStructOf(c as unknown as Record<string, unknown>, CONFIG, false);
}

/** container.InspectResponse as a Go template sees it. */
export function goContainer(view: Record<string, unknown>): object {
  return goStructOf(view, INSPECT_RESPONSE, false);
}
