// The persisted state's shape, checked field by field on load, so a state file edited or damaged by
// hand is reported as such (InvalidStateError, naming the field) instead of failing later inside a
// command with a TypeError. It follows the Engine API types (engine/api*.ts); a "?" after a field
// name marks it optional; the swarm's TrustRoot came after version 1 without a migration.

/**
 * What is wrong with a value, or undefined. The path to it is built only on failure, on the way
 * back up (the success path, run on every load, makes no strings).
 */
interface Problem {
  /** Keys and indexes from the value checked down to the bad field, innermost last. */
  at: (string | number)[];
  what: string;
}
type Check = (v: unknown) => Problem | undefined;

/** swarmkit takes any uint64; the simulation keeps every task in the state file, so it stops here. */
export const MAX_REPLICAS = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (what: string): Problem => ({ at: [], what });
const within = (key: string | number, p: Problem): Problem => (p.at.unshift(key), p);

const str: Check = (v) => (typeof v === 'string' ? undefined : fail('is not a string'));
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : fail('is not a number'));
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : fail('is not a boolean'));
const any: Check = () => undefined;
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : fail(`is not a whole number from ${min} to ${max}`);

const nullable =
  (c: Check): Check =>
  (v) =>
    v === null ? undefined : c(v);

function list(c: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return fail('is not a list');
    for (let i = 0; i < v.length; i++) {
      const problem = c(v[i]);
      if (problem) return within(i, problem);
    }
    return undefined;
  };
}

/** A JSON object used as a map (labels, options): every value checked by c. */
function map(c: Check): Check {
  return (v) => {
    if (!isObject(v)) return fail('is not an object');
    for (const k in v) {
      const problem = c(v[k]);
      if (problem) return within(k, problem);
    }
    return undefined;
  };
}

/** An object with these fields ("Name?" optional: absent, or of the right type); others are let be. */
function obj(fields: Record<string, Check>): Check {
  const entries = Object.entries(fields).map(([k, c]) => ({ key: k.replace(/\?$/, ''), optional: k.endsWith('?'), c }));
  return (v) => {
    if (!isObject(v)) return fail('is not an object');
    for (const { key, optional, c } of entries) {
      const x = v[key];
      if (x === undefined) {
        if (optional) continue;
        return within(key, fail('is missing'));
      }
      const problem = c(x);
      if (problem) return within(key, problem);
    }
    return undefined;
  };
}

const SECRET_ID = /^[0-9a-z]{25}$/;
const labels = map(str);
const strings = list(str);
const version = obj({ Index: num });
const driver = obj({ Name: str, 'Options?': labels });

const secretChecked = obj({
  ID: (v) => (typeof v === 'string' && SECRET_ID.test(v) ? undefined : fail('is not a secret ID')),
  Version: version,
  CreatedAt: str,
  UpdatedAt: str,
  Spec: obj({ Name: str, Labels: labels, 'Driver?': driver, 'Templating?': driver }),
});

/** Every value a string (labels, options). */
function allStrings(o: Record<string, unknown>): boolean {
  for (const k in o) if (typeof o[k] !== 'string') return false;
  return true;
}

/**
 * Secrets are most of a large state, and the check runs on every command's start: the common
 * well-formed secret is recognised in one pass, and only anything else takes the general check
 * (which also words the problem).
 */
const secretShape: Check = (v) => {
  const s = v as {
    ID?: unknown;
    Version?: { Index?: unknown };
    CreatedAt?: unknown;
    UpdatedAt?: unknown;
    Spec?: { Name?: unknown; Labels?: unknown; Driver?: unknown; Templating?: unknown };
  };
  const fast =
    isObject(s) &&
    typeof s.ID === 'string' &&
    SECRET_ID.test(s.ID) &&
    isObject(s.Version) &&
    typeof s.Version.Index === 'number' &&
    Number.isFinite(s.Version.Index) &&
    typeof s.CreatedAt === 'string' &&
    typeof s.UpdatedAt === 'string' &&
    isObject(s.Spec) &&
    typeof s.Spec.Name === 'string' &&
    isObject(s.Spec.Labels) &&
    allStrings(s.Spec.Labels) &&
    s.Spec.Driver === undefined &&
    s.Spec.Templating === undefined;
  return fast ? undefined : secretChecked(v);
};

const fileTarget = obj({ Name: str, UID: str, GID: str, Mode: num });
const secretReference = obj({ File: fileTarget, SecretID: str, SecretName: str });
const configReference = obj({ 'File?': fileTarget, 'Runtime?': map(any), ConfigID: str, ConfigName: str });

/** A []byte as JSON has it: standard base64, padded. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64: Check = (v) => (typeof v === 'string' && BASE64.test(v) ? undefined : fail('is not base64 data'));

const configShape = obj({
  ID: (v) => (typeof v === 'string' && SECRET_ID.test(v) ? undefined : fail('is not a config ID')),
  Version: version,
  CreatedAt: str,
  UpdatedAt: str,
  Spec: obj({ Name: str, Labels: labels, Data: base64, 'Templating?': driver }),
});
const portConfig = obj({ Protocol: str, TargetPort: num, 'PublishedPort?': num, PublishMode: str });

const containerSpec = obj({
  Image: str,
  'Labels?': labels,
  'Command?': strings,
  'Args?': strings,
  'Hostname?': str,
  'Env?': strings,
  'Dir?': str,
  'User?': str,
  'Groups?': strings,
  'Privileges?': any,
  'Init?': bool,
  'StopSignal?': str,
  'TTY?': bool,
  'OpenStdin?': bool,
  'ReadOnly?': bool,
  'Mounts?': list(
    obj({
      Type: str,
      'Source?': str,
      Target: str,
      'ReadOnly?': bool,
      'BindOptions?': map(any),
      'VolumeOptions?': map(any),
      'TmpfsOptions?': map(any),
    }),
  ),
  StopGracePeriod: num,
  'Healthcheck?': obj({ 'Test?': strings, 'Interval?': num, 'Timeout?': num, 'StartPeriod?': num, 'StartInterval?': num, 'Retries?': num }),
  'Hosts?': strings,
  DNSConfig: obj({ 'Nameservers?': strings, 'Search?': strings, 'Options?': strings }),
  'Secrets?': list(secretReference),
  'Configs?': list(configReference),
  Isolation: str,
  'Sysctls?': labels,
  'CapabilityAdd?': strings,
  'CapabilityDrop?': strings,
  'Ulimits?': list(obj({ Name: str, Hard: num, Soft: num })),
  'OomScoreAdj?': num,
});

const taskSpec = obj({
  ContainerSpec: containerSpec,
  Resources: obj({ 'Limits?': map(any), 'Reservations?': map(any) }),
  RestartPolicy: obj({ Condition: str, 'Delay?': num, 'MaxAttempts?': num, 'Window?': num }),
  Placement: obj({ 'Constraints?': strings, 'Preferences?': list(obj({ Spread: obj({ SpreadDescriptor: str }) })), 'MaxReplicas?': num }),
  'Networks?': list(obj({ Target: str, 'Aliases?': strings, 'DriverOpts?': labels })),
  'LogDriver?': driver,
  ForceUpdate: num,
  Runtime: str,
});

const replicated = obj({ Replicated: obj({ Replicas: int(0, MAX_REPLICAS) }) });
const global = obj({ Global: map(any) });
const replicatedJob = obj({ ReplicatedJob: obj({ MaxConcurrent: int(0, MAX_REPLICAS), TotalCompletions: int(0, MAX_REPLICAS) }) });
const globalJob = obj({ GlobalJob: map(any) });
const serviceMode: Check = (v) => {
  if (isObject(v) && 'Replicated' in v) return replicated(v);
  if (isObject(v) && 'Global' in v) return global(v);
  if (isObject(v) && 'ReplicatedJob' in v) return replicatedJob(v);
  if (isObject(v) && 'GlobalJob' in v) return globalJob(v);
  return fail('is not a service mode (replicated, global, replicated-job, global-job)');
};

const updateConfig = obj({ Parallelism: num, 'Delay?': num, 'FailureAction?': str, 'Monitor?': num, MaxFailureRatio: num, Order: str });

const serviceSpec = obj({
  Name: str,
  Labels: labels,
  TaskTemplate: taskSpec,
  Mode: serviceMode,
  'UpdateConfig?': updateConfig,
  'RollbackConfig?': updateConfig,
  EndpointSpec: obj({ Mode: str, 'Ports?': list(portConfig) }),
});

const serviceShape = obj({
  ID: str,
  Version: version,
  CreatedAt: str,
  UpdatedAt: str,
  Spec: serviceSpec,
  'PreviousSpec?': serviceSpec,
  Endpoint: obj({ Spec: map(any), 'Ports?': list(portConfig), 'VirtualIPs?': list(obj({ NetworkID: str, Addr: str })) }),
  'UpdateStatus?': obj({ State: str, StartedAt: str, CompletedAt: str, Message: str }),
  'JobStatus?': obj({ JobIteration: obj({ 'Index?': num }), LastExecution: str }),
});

const taskShape = obj({
  ID: str,
  Version: version,
  CreatedAt: str,
  UpdatedAt: str,
  Labels: labels,
  Spec: taskSpec,
  ServiceID: str,
  'ServiceAnnotations?': obj({ Name: str, Labels: labels }),
  'Slot?': num,
  NodeID: str,
  Status: obj({
    Timestamp: str,
    State: str,
    Message: str,
    'Err?': str,
    'ContainerStatus?': obj({ ContainerID: str, PID: num, ExitCode: num }),
    'PortStatus?': obj({ Ports: list(portConfig) }),
  }),
  DesiredState: str,
  'JobIteration?': obj({ 'Index?': num }),
});

const mountPoint = obj({ Type: str, 'Name?': str, Source: str, Destination: str, 'Driver?': str, Mode: str, RW: bool, Propagation: str });

const containerShape = obj({
  Id: str,
  Name: str,
  Created: str,
  Image: str,
  State: obj({ Status: str, Running: bool, ExitCode: num, StartedAt: str, FinishedAt: str }),
  Config: obj({
    Hostname: str,
    User: str,
    Env: strings,
    Cmd: nullable(strings),
    Entrypoint: nullable(strings),
    WorkingDir: str,
    Labels: labels,
    'Tty?': bool,
    'ExposedPorts?': map(any),
    'Healthcheck?': map(any),
    'StopSignal?': str,
  }),
  'HostConfig?': map(any),
  SecretMounts: list(obj({ Target: str, SecretID: str, SecretName: str, UID: str, GID: str, Mode: num })),
  'Mounts?': list(mountPoint),
  ConfigMounts: list(obj({ Target: str, ConfigID: str, ConfigName: str, UID: str, GID: str, Mode: num })),
  TaskID: str,
  ServiceID: str,
});

const networkShape = obj({
  Name: str,
  Id: str,
  Created: str,
  Scope: str,
  Driver: str,
  EnableIPv6: bool,
  // an overlay network the allocator could not place has no driver, config or options (null)
  IPAM: obj({ Driver: str, Options: nullable(labels), Config: nullable(list(obj({ Subnet: str, 'IPRange?': str, Gateway: str }))) }),
  Internal: bool,
  Attachable: bool,
  Ingress: bool,
  ConfigFrom: obj({ Network: str }),
  ConfigOnly: bool,
  Containers: nullable(map(any)),
  Options: nullable(labels),
  Labels: labels,
});

const volumeShape = obj({
  CreatedAt: str,
  Driver: str,
  Labels: nullable(labels),
  Mountpoint: str,
  Name: str,
  Options: nullable(labels),
  Scope: str,
});

const swarmShape = obj({
  ID: str,
  NodeID: str,
  CreatedAt: str,
  UpdatedAt: str,
  RaftIndex: num,
  JoinTokens: obj({ Worker: str, Manager: str }),
  TaskHistoryRetentionLimit: num,
  AutoLockManagers: bool,
  AdvertiseAddr: str,
  ListenAddr: str,
  Availability: str,
  'TrustRoot?': str,
  'NodeVersion?': num,
  'NodeUpdatedAt?': str,
  'NodeLabels?': labels,
  'ClusterVersion?': num,
  'NodeCertExpiry?': num,
  'HeartbeatPeriod?': num,
  'SnapshotInterval?': num,
  'KeepOldSnapshots?': num,
  'ExternalCAs?': list(obj({ Protocol: str, URL: str })),
  'DefaultAddrPool?': strings,
  'SubnetSize?': num,
  'DataPathPort?': num,
});

const memberShapes: Record<string, Check> = {
  swarm: nullable(swarmShape),
  secrets: list(secretShape),
  configs: list(configShape),
  services: list(serviceShape),
  tasks: list(taskShape),
  containers: list(containerShape),
  networks: list(networkShape),
  'deterministicDraws?': int(0, Number.MAX_SAFE_INTEGER),
  localNetworks: list(networkShape),
  volumes: list(volumeShape),
};
const documentShape = obj(memberShapes);

const describe = (problem: Problem | undefined): string | undefined => {
  if (!problem) return undefined;
  const path = problem.at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return path ? `field "${path}" ${problem.what}` : `the document ${problem.what}`;
};

/** What is wrong with the whole document (after migrations), as `field "a.b[0].c" is …`; undefined: nothing. */
export function stateShape(doc: unknown): string | undefined {
  return describe(documentShape(doc));
}

/** The same for one top-level member read alone (state-layout.ts): what stateShape would say of it. */
export function memberShape(name: string, value: unknown): string | undefined {
  const optional = memberShapes[name] === undefined;
  const check = memberShapes[name] ?? memberShapes[`${name}?`];
  if (!check) return undefined;
  if (value === undefined) return optional ? undefined : `field "${name}" is missing`;
  const problem = check(value);
  return problem && describe(within(name, problem));
}
