// Service, task, node and container shapes of the Docker Engine API (moby api/types/swarm, container),
// as far as the simulated engine fills them. Field order follows moby's structs: inspect prints it.

export interface SecretReference {
  File: { Name: string; UID: string; GID: string; Mode: number };
  SecretID: string;
  SecretName: string;
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
  Init: boolean;
  StopGracePeriod: number;
  DNSConfig: Record<string, never>;
  Secrets?: SecretReference[];
  Isolation: string;
}

export interface TaskSpec {
  ContainerSpec: ContainerSpec;
  Resources: { Limits: Record<string, never>; Reservations: Record<string, never> };
  RestartPolicy: { Condition: string; Delay: number; MaxAttempts: number };
  Placement: Record<string, never>;
  ForceUpdate: number;
  Runtime: string;
}

export interface UpdateConfig {
  Parallelism: number;
  FailureAction: string;
  Monitor: number;
  MaxFailureRatio: number;
  Order: string;
}

export type ServiceMode = { Replicated: { Replicas: number } } | { Global: Record<string, never> };

export interface ServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: TaskSpec;
  Mode: ServiceMode;
  UpdateConfig: UpdateConfig;
  RollbackConfig: UpdateConfig;
  EndpointSpec: { Mode: string };
}

export interface Service {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  Endpoint: { Spec: Record<string, never> };
  UpdateStatus?: { State: string; StartedAt: string; CompletedAt: string; Message: string };
}

export type TaskState = 'new' | 'pending' | 'assigned' | 'accepted' | 'preparing' | 'ready' | 'starting' | 'running' | 'complete' | 'shutdown' | 'failed' | 'rejected' | 'remove' | 'orphaned';

export interface Task {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Labels: Record<string, string>;
  Spec: TaskSpec;
  ServiceID: string;
  Slot?: number;
  NodeID: string;
  Status: {
    Timestamp: string;
    State: TaskState;
    Message: string;
    Err?: string;
    ContainerStatus?: { ContainerID: string; PID: number; ExitCode: number };
  };
  DesiredState: TaskState;
}

/** One manager node: this machine, as `docker node ls` would show it. */
export interface Node {
  ID: string;
  Description: { Hostname: string };
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
  };
  Config: {
    Hostname: string;
    User: string;
    Env: string[];
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    WorkingDir: string;
    Labels: Record<string, string>;
  };
  /** Secret files mounted into the container (tmpfs binds in docker). */
  SecretMounts: { Target: string; SecretID: string; SecretName: string; UID: string; GID: string; Mode: number }[];
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
}

export interface ExecRequest {
  Cmd: string[];
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

/** The service, task, node and container endpoints, added to Engine for swarm services. */
export interface ServiceEngine {
  serviceCreate(spec: ServiceSpec): Promise<ServiceCreateResponse>;
  /** Full ID, then exact name (case-sensitive), then ID prefix, as moby's getService. */
  serviceInspect(idOrName: string): Promise<Service>;
  serviceList(filters: Map<string, string[]>): Promise<(Service & { ServiceStatus: ServiceStatus })[]>;
  serviceUpdate(id: string, version: { Index: number }, spec: ServiceSpec): Promise<void>;
  serviceRemove(idOrName: string): Promise<void>;
  taskList(filters: Map<string, string[]>): Promise<Task[]>;
  nodeList(): Promise<Node[]>;
  containerList(opts: { all: boolean; filters: Map<string, string[]> }): Promise<Container[]>;
  /** Full ID, then name, then ID prefix (moby daemon GetContainer). */
  containerInspect(idOrName: string): Promise<Container>;
  containerStop(idOrName: string): Promise<void>;
  containerRemove(idOrName: string, force: boolean): Promise<void>;
  containerExec(idOrName: string, req: ExecRequest): Promise<ExecResult>;
}
