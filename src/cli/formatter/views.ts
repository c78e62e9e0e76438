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
  [
    'BindOptions',
    {
      ptr: S('mount.BindOptions', [
        ['Propagation', 'string'],
        ['NonRecursive', 'bool'],
        ['CreateMountpoint', 'bool'],
        ['ReadOnlyNonRecursive', 'bool'],
        ['ReadOnlyForceRecursive', 'bool'],
      ]),
    },
  ],
  [
    'VolumeOptions',
    {
      ptr: S('mount.VolumeOptions', [
        ['NoCopy', 'bool'],
        ['Labels', 'map'],
        ['Subpath', 'string'],
        ['DriverConfig', { ptr: S('mount.Driver', DRIVER.fields) }],
      ]),
    },
  ],
  ['ImageOptions', { opaque: '*mount.ImageOptions' }],
  [
    'TmpfsOptions',
    {
      ptr: S('mount.TmpfsOptions', [
        ['SizeBytes', 'int64'],
        ['Mode', 'filemode'],
        ['Options', { opaque: '[][]string' }],
      ]),
    },
  ],
  ['ClusterOptions', { opaque: '*mount.ClusterOptions' }],
]);
/** swarm.NetworkAttachmentConfig. */
const NETWORK_ATTACHMENT = S('swarm.NetworkAttachmentConfig', [
  ['Target', 'string'],
  ['Aliases', '[]string'],
  ['DriverOpts', 'map'],
]);
/** swarm.PortConfig. */
const PORT_CONFIG = S('swarm.PortConfig', [
  ['Name', 'string'],
  ['Protocol', 'string'],
  ['TargetPort', 'uint32'],
  ['PublishedPort', 'uint32'],
  ['PublishMode', 'string'],
]);
/** container.HealthConfig: durations print as time.Duration does. */
export const HEALTH_CONFIG = S('container.HealthConfig', [
  ['Test', '[]string'],
  ['Interval', 'duration'],
  ['Timeout', 'duration'],
  ['StartPeriod', 'duration'],
  ['StartInterval', 'duration'],
  ['Retries', 'int'],
]);
const PRIVILEGES = S('swarm.Privileges', [
  [
    'CredentialSpec',
    {
      ptr: S('swarm.CredentialSpec', [
        ['Config', 'string'],
        ['File', 'string'],
        ['Registry', 'string'],
      ]),
    },
  ],
  ['SELinuxContext', { opaque: '*swarm.SELinuxContext' }],
  ['Seccomp', { opaque: '*swarm.SeccompOpts' }],
  ['AppArmor', { opaque: '*swarm.AppArmorOpts' }],
  ['NoNewPrivileges', 'bool'],
]);
const ULIMIT = S('container.Ulimit', [
  ['Name', 'string'],
  ['Hard', 'int64'],
  ['Soft', 'int64'],
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
  ['Privileges', { ptr: PRIVILEGES }],
  ['Init', '*bool'],
  ['StopSignal', 'string'],
  ['TTY', 'bool'],
  ['OpenStdin', 'bool'],
  ['ReadOnly', 'bool'],
  ['Mounts', { slice: MOUNT }],
  ['StopGracePeriod', '*duration'],
  ['Healthcheck', { ptr: HEALTH_CONFIG }],
  ['Hosts', '[]string'],
  ['DNSConfig', { ptr: DNS_CONFIG }],
  ['Secrets', { slice: SECRET_REF, pointers: true }],
  ['Configs', { slice: CONFIG_REF, pointers: true }],
  ['Isolation', 'string'],
  ['Sysctls', 'map'],
  ['CapabilityAdd', '[]string'],
  ['CapabilityDrop', '[]string'],
  ['Ulimits', { slice: ULIMIT, pointers: true }],
  ['OomScoreAdj', 'int64'],
]);
const LIMIT = S('swarm.Limit', [
  ['NanoCPUs', 'int64'],
  ['MemoryBytes', 'int64'],
  ['Pids', 'int64'],
]);
const RESOURCES = S('swarm.Resources', [
  ['NanoCPUs', 'int64'],
  ['MemoryBytes', 'int64'],
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
  ['Networks', { slice: NETWORK_ATTACHMENT }],
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
  ['MaxFailureRatio', 'float32'],
  ['Order', 'string'],
]);
const ENDPOINT_SPEC = S('swarm.EndpointSpec', [
  ['Mode', 'string'],
  ['Ports', { slice: PORT_CONFIG }],
]);
const SERVICE_SPEC = S(
  'swarm.ServiceSpec',
  [
    ['Annotations', ANNOTATIONS],
    ['TaskTemplate', TASK_SPEC],
    ['Mode', SERVICE_MODE],
    ['UpdateConfig', { ptr: UPDATE_CONFIG }],
    ['RollbackConfig', { ptr: UPDATE_CONFIG }],
    ['Networks', { slice: NETWORK_ATTACHMENT }],
    ['EndpointSpec', { ptr: ENDPOINT_SPEC }],
  ],
  ['Annotations'],
);
const ENDPOINT = S('swarm.Endpoint', [
  ['Spec', ENDPOINT_SPEC],
  ['Ports', { slice: PORT_CONFIG }],
  [
    'VirtualIPs',
    {
      slice: S('swarm.EndpointVirtualIP', [
        ['NetworkID', 'string'],
        ['Addr', 'string'],
      ]),
    },
  ],
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
    [
      'JobStatus',
      {
        ptr: S('swarm.JobStatus', [
          ['JobIteration', VERSION],
          ['LastExecution', 'time'],
        ]),
      },
    ],
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
  ['PortStatus', S('swarm.PortStatus', [['Ports', { slice: PORT_CONFIG }]])],
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
    ['JobIteration', { ptr: VERSION }],
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
  [
    'Health',
    {
      ptr: S('container.Health', [
        ['Status', 'string'],
        ['FailingStreak', 'int'],
        ['Log', { opaque: '[]*container.HealthcheckResult' }],
      ]),
    },
  ],
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
  ['Healthcheck', { ptr: HEALTH_CONFIG }],
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
