// The compose file model of docker/cli (cli/compose/types/types.go, CLI 28): what the loader
// produces after interpolation, validation, transformation and merging. Field names are Go's field
// names in lowerCamelCase; the comment after a field gives its compose key when it differs.
// Optional fields are "unset" (Go's zero value / nil pointer); `stack config` omits them
// (yaml `omitempty`). Durations are nanoseconds (Go's time.Duration).

/** Service keys swarm ignores: a warning `Ignoring unsupported options: a, b` (sorted). */
export const UNSUPPORTED_PROPERTIES = [
  'build',
  'cgroupns_mode',
  'cgroup_parent',
  'devices',
  'domainname',
  'external_links',
  'ipc',
  'links',
  'mac_address',
  'network_mode',
  'pid',
  'privileged',
  'restart',
  'security_opt',
  'shm_size',
  'userns_mode',
] as const;

/** Service keys removed from v3 whose use is harmless: `Ignoring deprecated options:` + these texts. */
export const DEPRECATED_PROPERTIES: Readonly<Record<string, string>> = {
  container_name: 'Setting the container name is not supported.',
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
};

/** Service keys that make loading fail (`Compose file contains unsupported options:`). */
export const FORBIDDEN_PROPERTIES: Readonly<Record<string, string>> = {
  extends: 'Support for `extends` is not implemented yet.',
  volume_driver:
    'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
  volumes_from:
    'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
  cpu_quota: 'Set resource limits using deploy.resources',
  cpu_shares: 'Set resource limits using deploy.resources',
  cpuset: 'Set resource limits using deploy.resources',
  mem_limit: 'Set resource limits using deploy.resources',
  memswap_limit: 'Set resource limits using deploy.resources',
};

/** A mapping of `x-*` keys to their (interpolated) values, kept as loaded. */
export type Extras = Record<string, unknown>;

/** types.Config: the merged configuration of all -c files. */
export interface Config {
  /** The first file's name (`-` for stdin). */
  filename: string;
  version: string;
  /** Sorted by name (docker's loader returns map order; merge sorts). */
  services: ServiceConfig[];
  networks: Record<string, NetworkConfig>;
  volumes: Record<string, VolumeConfig>;
  secrets: Record<string, SecretConfig>;
  configs: Record<string, ConfigObjConfig>;
  /** Top-level `x-*` keys. */
  extras?: Extras;
}

/** types.ServiceConfig. `environment` is resolved: env_file entries merged in, bare keys looked up. */
export interface ServiceConfig {
  /** The compose key (not a field of the file). */
  name: string;
  build?: BuildConfig;
  capAdd?: string[]; // cap_add
  capDrop?: string[]; // cap_drop
  cgroupNSMode?: string; // cgroupns_mode
  cgroupParent?: string; // cgroup_parent
  /** `command` as a list (a string is split as a shell would, google/shlex). */
  command?: string[];
  configs?: ServiceConfigObjConfig[];
  containerName?: string; // container_name
  credentialSpec?: CredentialSpecConfig; // credential_spec
  dependsOn?: string[]; // depends_on
  deploy?: DeployConfig;
  devices?: string[];
  dns?: string[];
  dnsSearch?: string[]; // dns_search
  domainName?: string; // domainname
  entrypoint?: string[];
  /** KEY → value; null for a key given without `=` and not found in the environment. */
  environment?: Record<string, string | null>;
  envFile?: string[]; // env_file (absolute paths)
  expose?: string[];
  externalLinks?: string[]; // external_links
  extraHosts?: string[]; // extra_hosts ("host:ip")
  hostname?: string;
  healthCheck?: HealthCheckConfig; // healthcheck
  image?: string;
  init?: boolean;
  ipc?: string;
  isolation?: string;
  labels?: Record<string, string>;
  links?: string[];
  logging?: LoggingConfig;
  macAddress?: string; // mac_address
  networkMode?: string; // network_mode
  /** Network key → its service-level options (null when given as a list or without options). */
  networks?: Record<string, ServiceNetworkConfig | null>;
  /**
   * Never set: docker's loader cannot map `oom_score_adj` to its OomScoreAdj field (no
   * mapstructure tag), so the key passes validation and is dropped. Kept for the converter.
   */
  oomScoreAdj?: number;
  pid?: string;
  ports?: ServicePortConfig[];
  privileged?: boolean;
  readOnly?: boolean; // read_only
  restart?: string;
  secrets?: ServiceSecretConfig[];
  securityOpt?: string[]; // security_opt
  shmSize?: string; // shm_size
  stdinOpen?: boolean; // stdin_open
  stopGracePeriod?: number; // stop_grace_period (ns)
  stopSignal?: string; // stop_signal
  sysctls?: Record<string, string>;
  tmpfs?: string[];
  tty?: boolean;
  ulimits?: Record<string, UlimitsConfig>;
  user?: string;
  userNSMode?: string; // userns_mode
  volumes?: ServiceVolumeConfig[];
  workingDir?: string; // working_dir
  extras?: Extras;
}

export interface BuildConfig {
  context?: string;
  dockerfile?: string;
  args?: Record<string, string | null>;
  labels?: Record<string, string>;
  cacheFrom?: string[]; // cache_from
  extraHosts?: string[]; // extra_hosts
  network?: string;
  target?: string;
}

export interface CredentialSpecConfig {
  config?: string;
  file?: string;
  registry?: string;
}

export interface LoggingConfig {
  driver?: string;
  options?: Record<string, string>;
}

export interface DeployConfig {
  /** replicated | global | replicated-job | global-job (unchecked here: conversion rejects others). */
  mode?: string;
  replicas?: number;
  labels?: Record<string, string>;
  updateConfig?: UpdateConfig; // update_config
  rollbackConfig?: UpdateConfig; // rollback_config
  resources?: Resources;
  restartPolicy?: RestartPolicy; // restart_policy
  placement?: Placement;
  endpointMode?: string; // endpoint_mode
}

export interface HealthCheckConfig {
  /** ["CMD-SHELL", cmd] for a string; the list as given otherwise (["NONE"], ["CMD", ...]). */
  test?: string[];
  timeout?: number;
  interval?: number;
  retries?: number;
  startPeriod?: number; // start_period
  startInterval?: number; // start_interval
  disable?: boolean;
}

export interface UpdateConfig {
  parallelism?: number;
  delay?: number;
  failureAction?: string; // failure_action
  monitor?: number;
  maxFailureRatio?: number; // max_failure_ratio
  order?: string;
}

export interface Resources {
  limits?: ResourceLimit;
  reservations?: Resource;
}

export interface ResourceLimit {
  nanoCPUs?: string; // cpus (as written, e.g. "0.5")
  memoryBytes?: number; // memory
  pids?: number;
}

export interface Resource {
  nanoCPUs?: string; // cpus
  memoryBytes?: number; // memory
  genericResources?: GenericResource[]; // generic_resources
}

export interface GenericResource {
  discreteResourceSpec?: { kind: string; value: number }; // discrete_resource_spec
}

export interface RestartPolicy {
  condition?: string;
  delay?: number;
  maxAttempts?: number; // max_attempts
  window?: number;
}

export interface Placement {
  constraints?: string[];
  preferences?: { spread?: string }[];
  maxReplicas?: number; // max_replicas_per_node
}

export interface ServiceNetworkConfig {
  aliases?: string[];
  ipv4Address?: string; // ipv4_address
  ipv6Address?: string; // ipv6_address
}

/** One published port; a short-syntax entry (`"8080-8081:80-81/udp"`) becomes several. */
export interface ServicePortConfig {
  /** "ingress" (default for the long syntax is unset = ingress) or "host". */
  mode?: string;
  target?: number;
  published?: number;
  /** "tcp" | "udp" | "sctp"; unset means tcp. */
  protocol?: string;
}

export interface ServiceVolumeConfig {
  type?: string;
  source?: string;
  target?: string;
  readOnly?: boolean; // read_only
  consistency?: string;
  bind?: { propagation?: string };
  volume?: { noCopy?: boolean; subpath?: string }; // nocopy
  tmpfs?: { size?: number };
  cluster?: Record<string, never>;
}

/** types.FileReferenceConfig: a service's reference to a secret or config. */
export interface FileReferenceConfig {
  /** The top-level key (short syntax: the string itself). */
  source: string;
  /** Unset: the file is named after `source` (the key, not the swarm name). */
  target?: string;
  uid?: string;
  gid?: string;
  /** File mode as a number (0400 octal in YAML = 256). */
  mode?: number;
}
export type ServiceSecretConfig = FileReferenceConfig;
export type ServiceConfigObjConfig = FileReferenceConfig;

export interface UlimitsConfig {
  single?: number;
  soft?: number;
  hard?: number;
}

/** types.External. `external: {name: x}` is moved to the object's `name` by the loader. */
export interface External {
  name?: string;
  external: boolean;
}

export interface NetworkConfig {
  /** Set for external networks (defaults to the key); otherwise as written. */
  name?: string;
  driver?: string;
  driverOpts?: Record<string, string>; // driver_opts
  ipam?: { driver?: string; config?: { subnet?: string }[] };
  external?: External;
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  extras?: Extras;
}

export interface VolumeConfig {
  name?: string;
  driver?: string;
  driverOpts?: Record<string, string>;
  external?: External;
  labels?: Record<string, string>;
  extras?: Extras;
  /** `x-cluster-spec`, kept as written. */
  spec?: Record<string, unknown>;
}

/**
 * types.FileObjectConfig (a top-level secret or config) after loading:
 * - external: `external.external` is true and `name` is the swarm object's name (the key unless
 *   `name:` or the deprecated `external: {name:}` says otherwise);
 * - driver: `driver` set, `file` unset;
 * - otherwise `file` is an absolute path (relative paths resolved against the working dir, which
 *   is the first compose file's folder) and `name` is `name:` as written or unset.
 */
export interface FileObjectConfig {
  name?: string;
  file?: string;
  external: External;
  labels?: Record<string, string>;
  extras?: Extras;
  driver?: string;
  driverOpts?: Record<string, string>; // driver_opts
  templateDriver?: string; // template_driver
}
export type SecretConfig = FileObjectConfig;
export type ConfigObjConfig = FileObjectConfig;
