// Service, task, node and container shapes of the Docker Engine API (moby api/types/swarm, container),
// as far as the simulated engine fills them. Field order follows moby's structs: inspect prints it.
import type { MountPoint } from './volumes.js';

/** Where a secret or config appears in the task's container: a file, its owner and mode. */
export interface FileTarget {
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

export interface SecretReference {
  File: FileTarget;
  SecretID: string;
  SecretName: string;
}

/**
 * swarm.ConfigReference: a file in the container, or (Runtime, set by --credential-spec
 * config://NAME) a config the runtime reads without mounting it.
 */
export interface ConfigReference {
  File?: FileTarget;
  Runtime?: Record<string, never>;
  ConfigID: string;
  ConfigName: string;
}

/** mount.Mount: a volume, bind or tmpfs mount of the task's container. */
export interface Mount {
  Type: string;
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; CreateMountpoint?: boolean };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** swarm.CredentialSpec: exactly one of the three names where the spec is (Windows only). */
export interface CredentialSpec {
  Config: string;
  File: string;
  Registry: string;
}

/** container.HealthConfig; durations in nanoseconds, each left out when 0. */
export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** container.Ulimit. */
export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

/** swarm.Privileges as the daemon shows a spec that set it (docker stack deploy does). */
export interface Privileges {
  CredentialSpec: CredentialSpec | null;
  SELinuxContext: null;
  NoNewPrivileges: boolean;
}

export interface ContainerSpec {
  Image: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Groups?: string[];
  Privileges?: Privileges;
  /** Set by `service create` (false by default); left out by `stack deploy` unless `init:` is given. */
  Init?: boolean;
  StopSignal?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: Mount[];
  StopGracePeriod: number;
  Healthcheck?: HealthConfig;
  /** "IP host…" lines for /etc/hosts. */
  Hosts?: string[];
  DNSConfig: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  Secrets?: SecretReference[];
  Configs?: ConfigReference[];
  Isolation: string;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: Ulimit[];
  OomScoreAdj?: number;
}

/** swarm.NetworkAttachmentConfig: Target is a network name on the way in, its ID once stored. */
export interface NetworkAttachmentConfig {
  Target: string;
  Aliases?: string[];
  DriverOpts?: Record<string, string>;
}

export interface RestartPolicy {
  Condition: string;
  Delay?: number;
  MaxAttempts?: number;
  Window?: number;
}

/** swarm.GenericResource: a discrete count (`gpu=2`) or a named one (not from the CLI). */
export interface GenericResource {
  NamedResourceSpec?: { Kind: string; Value: string };
  DiscreteResourceSpec?: { Kind: string; Value: number };
}

export interface TaskSpec {
  ContainerSpec: ContainerSpec;
  /** `service create` sends empty Limits and Reservations; `stack deploy` sends neither. */
  Resources: {
    Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
    Reservations?: { NanoCPUs?: number; MemoryBytes?: number; GenericResources?: GenericResource[] };
  };
  RestartPolicy: RestartPolicy;
  /** The simulated swarm has one node, which every placement is taken to allow. */
  Placement: { Constraints?: string[]; Preferences?: { Spread: { SpreadDescriptor: string } }[]; MaxReplicas?: number };
  Networks?: NetworkAttachmentConfig[];
  LogDriver?: { Name: string; Options?: Record<string, string> };
  ForceUpdate: number;
  Runtime: string;
}

export interface UpdateConfig {
  Parallelism: number;
  /** Nanoseconds; left out when 0, as are an empty FailureAction and a 0 Monitor. */
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio: number;
  Order: string;
}

/** swarm.PortConfig; PublishedPort 0 (left out) lets the swarm pick one from 30000 up. */
export interface PortConfig {
  Protocol: 'tcp' | 'udp' | 'sctp';
  TargetPort: number;
  PublishedPort?: number;
  PublishMode: 'ingress' | 'host';
}

export interface EndpointSpec {
  Mode: string;
  Ports?: PortConfig[];
}

/** swarm.ServiceMode: exactly one of the four. A replicated job runs TotalCompletions tasks to completion, MaxConcurrent at a time. */
export type ServiceMode =
  | { Replicated: { Replicas: number } }
  | { Global: Record<string, never> }
  | { ReplicatedJob: { MaxConcurrent: number; TotalCompletions: number } }
  | { GlobalJob: Record<string, never> };

export interface ServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: TaskSpec;
  Mode: ServiceMode;
  /** Absent when the client sent none; `service inspect` shows swarmkit's defaults then (insertDefaults). */
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  EndpointSpec: EndpointSpec;
}

/** The endpoint the swarm allocated: published ports resolved, one virtual IP per network. */
export interface Endpoint {
  Spec: Partial<EndpointSpec>;
  Ports?: PortConfig[];
  VirtualIPs?: { NetworkID: string; Addr: string }[];
}

export interface Service {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  Endpoint: Endpoint;
  UpdateStatus?: { State: string; StartedAt: string; CompletedAt: string; Message: string };
  /** Jobs only: which run of the job the tasks belong to (Index 0 prints as {}), and when it started. */
  JobStatus?: { JobIteration: { Index?: number }; LastExecution: string };
}

export type TaskState =
  | 'new'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

export interface Task {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Labels: Record<string, string>;
  Spec: TaskSpec;
  ServiceID: string;
  /**
   * The service's name and labels when the task was made (swarmkit's Task.ServiceAnnotations, not
   * in the API's JSON): `service ps -f label=` matches these, not the service's current labels.
   */
  ServiceAnnotations?: { Name: string; Labels: Record<string, string> };
  Slot?: number;
  NodeID: string;
  Status: {
    Timestamp: string;
    State: TaskState;
    Message: string;
    Err?: string;
    ContainerStatus?: { ContainerID: string; PID: number; ExitCode: number };
    /** Ports published in host mode, as the task's node bound them. */
    PortStatus?: { Ports: PortConfig[] };
  };
  DesiredState: TaskState;
  /** A job's task: the run of the job it belongs to (the service's JobStatus.JobIteration then). */
  JobIteration?: { Index?: number };
}

/** The swarm's nodes: the one manager, this machine (see nodes.ts). */
export type { Node } from './nodes.js';

/**
 * What the swarm executor set in a task container's HostConfig (moby
 * daemon/cluster/executor/container/container.go hostConfig, resources); the rest of docker's
 * HostConfig is the same for every task container.
 */
export interface TaskHostConfig {
  LogConfig: { Type: string; Config: Record<string, string> };
  PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
  CapAdd: string[] | null;
  CapDrop: string[] | null;
  Dns: string[] | null;
  DnsOptions: string[] | null;
  DnsSearch: string[] | null;
  ExtraHosts: string[] | null;
  GroupAdd: string[] | null;
  OomScoreAdj: number;
  ReadonlyRootfs: boolean;
  Sysctls?: Record<string, string>;
  Isolation: string;
  Memory: number;
  NanoCpus: number;
  PidsLimit?: number;
  Ulimits: Ulimit[] | null;
  Mounts?: Mount[];
  Init?: boolean;
}

/** A task's container, as `docker ps` and `docker inspect` show it (moby container.Summary / InspectResponse). */
export interface Container {
  Id: string;
  /** "/<service>.<slot>.<taskID>" as the API names it (with the leading slash). */
  Name: string;
  Created: string;
  Image: string;
  State: {
    Status: 'created' | 'running' | 'exited';
    Running: boolean;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    /** Set when the service has a healthcheck (the simulation's checks pass). */
    Health?: { Status: string; FailingStreak: number };
  };
  Config: {
    Hostname: string;
    User: string;
    Env: string[];
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    WorkingDir: string;
    Labels: Record<string, string>;
    Tty?: boolean;
    ExposedPorts?: Record<string, Record<string, never>>;
    Healthcheck?: HealthConfig;
    StopSignal?: string;
  };
  /** Absent in containers made before tsecret kept it. */
  HostConfig?: TaskHostConfig;
  /**
   * The service's mounts as the container got them (secrets and configs are not listed, as in
   * docker); a volume is in use while a container holds it.
   */
  Mounts?: MountPoint[];
  /** Secret files mounted into the container (tmpfs binds in docker). */
  SecretMounts: { Target: string; SecretID: string; SecretName: string; UID: string; GID: string; Mode: number }[];
  /** Config files mounted into the container (read-only binds in docker). */
  ConfigMounts: { Target: string; ConfigID: string; ConfigName: string; UID: string; GID: string; Mode: number }[];
  TaskID: string;
  ServiceID: string;
}

export interface ServiceCreateResponse {
  ID: string;
  Warnings?: string[];
}

export interface ServiceStatus {
  RunningTasks: number;
  DesiredTasks: number;
  /** Jobs only: the tasks of the current iteration that completed. */
  CompletedTasks?: number;
}

/** swarm.ServiceUpdateOptions, as far as the simulation uses it. */
export interface ServiceUpdateOptions {
  Rollback?: 'previous';
}

export interface ExecRequest {
  Cmd: string[];
  /** Allocate a pseudo-TTY: stderr joins stdout and every \n leaves as \r\n. */
  Tty?: boolean;
  Env: string[];
  User: string;
  WorkingDir: string;
  Stdin: Buffer;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}
