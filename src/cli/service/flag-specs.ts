// The flags of `service create` and `service update` as docker CLI 28 declares them: the ones both
// take, once (docker/cli cli/command/service/opts.go addServiceFlags), then each command's own
// (create.go newCreateCommand: mode, name and the list flags; update.go newUpdateCommand: image,
// args, rollback, force and an -add/-rm pair for each list flag). pflag sorts flags by name in
// help, so the order here follows docker's source. tsecret accepts them all; the ones that shape
// the simulated model are acted on in create.ts and update.ts, and parse as docker's do, so a bad
// value is the same flag error.

import { parseGoInt } from '../../go/strconv/atoi.js';
import { parseGoDuration } from '../../go/time/duration.js';
import { validateConfigOpt } from '../../opts/config.js';
import { positiveDuration } from '../../opts/duration.js';
import { validateExtraHost } from '../../opts/hosts.js';
import { parseMountOpt } from '../../opts/mount.js';
import { parseNetworkOpt } from '../../opts/network.js';
import { parseCPUs, parseMemBytes, validateDNSSearch, validateIPAddress } from '../../opts/opts.js';
import { parsePortOpt } from '../../opts/port.js';
import { validateSecretOpt } from '../../opts/secret.js';
import { parseUlimit } from '../../opts/ulimit.js';
import { defineFlag, defineFlags, type FlagValues } from '../command.js';
import { validateLabel } from '../flags.js';
import {
  parseCredentialSpec,
  parseFloat32,
  parseInt64,
  parsePlacementPref,
  parseShlex,
  parseUint64,
  validateGenericResource,
} from './opts.js';

/**
 * buildServiceDefaultFlagMapping: the defaults `create` shows in its help (swarmkit's). `update`
 * passes none, as a flag it is not given leaves the service as it is.
 */
const CREATE_DEFAULTS = {
  'stop-grace-period': '10s',
  'restart-condition': '"any"',
  'restart-delay': '5s',
  'update-parallelism': '1',
  'update-delay': '0s',
  'update-monitor': '5s',
  'update-failure-action': '"pause"',
  'update-max-failure-ratio': '0',
  'update-order': '"stop-first"',
  'rollback-parallelism': '1',
  'rollback-delay': '0s',
  'rollback-monitor': '5s',
  'rollback-failure-action': '"pause"',
  'rollback-max-failure-ratio': '0',
  'rollback-order': '"stop-first"',
  'endpoint-mode': '"vip"',
};

/** docker's Uint64Opt for --replicas: unset unless given. */
const parseReplicas = (v: string): number => Number(parseGoInt(v, 64, false));

/** opts.ValidateEnv: a variable needs a name (a bare name takes the client's value when the verb runs). */
export function validateEnv(value: string): string {
  if (value.split('=')[0] === '') throw new Error(`invalid environment variable: ${value}`);
  return value;
}

/** PositiveDurationOpt.Set (time.ParseDuration, not negative). */
const parsePositiveDuration = (value: string): number => positiveDuration(parseGoDuration(value));

/** MountOpt.Set, checked as the flag is parsed; create and update parse it again against the client's directory. */
const validateMount = (value: string): string => (parseMountOpt(value), value);

/** addServiceFlags: the flags `create` and `update` share, with `create`'s defaults or none. */
const serviceFlags = (defaults: Partial<typeof CREATE_DEFAULTS>) =>
  defineFlags([
    { name: 'detach', shorthand: 'd', varname: '', usage: 'Exit immediately instead of waiting for the service to converge', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Suppress progress output', kind: 'bool' },
    { name: 'workdir', shorthand: 'w', varname: 'string', usage: 'Working directory inside the container', kind: 'value' },
    { name: 'user', shorthand: 'u', varname: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])', kind: 'value' },
    {
      name: 'credential-spec',
      varname: 'credential-spec',
      usage: 'Credential spec for managed service account (Windows only)',
      kind: 'value',
      parse: parseCredentialSpec,
    },
    { name: 'hostname', varname: 'string', usage: 'Container hostname', kind: 'value' },
    { name: 'entrypoint', varname: 'command', usage: 'Overwrite the default ENTRYPOINT of the image', kind: 'value', parse: parseShlex },
    { name: 'cap-add', varname: 'list', usage: 'Add Linux capabilities', kind: 'list' },
    { name: 'cap-drop', varname: 'list', usage: 'Drop Linux capabilities', kind: 'list' },
    { name: 'limit-cpu', varname: 'decimal', usage: 'Limit CPUs', kind: 'value', parse: parseCPUs },
    { name: 'limit-memory', varname: 'bytes', usage: 'Limit Memory', kind: 'value', parse: parseMemBytes },
    { name: 'reserve-cpu', varname: 'decimal', usage: 'Reserve CPUs', kind: 'value', parse: parseCPUs },
    { name: 'reserve-memory', varname: 'bytes', usage: 'Reserve Memory', kind: 'value', parse: parseMemBytes },
    {
      name: 'limit-pids',
      varname: 'int',
      usage: 'Limit maximum number of processes (default 0 = unlimited)',
      kind: 'value',
      parse: parseInt64,
    },
    {
      name: 'stop-grace-period',
      varname: 'duration',
      usage: 'Time to wait before force killing a container (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['stop-grace-period'],
      parse: parseGoDuration,
    },
    { name: 'replicas', varname: 'uint', usage: 'Number of tasks', kind: 'value', parse: parseReplicas },
    {
      name: 'max-concurrent',
      varname: 'uint',
      usage: 'Number of job tasks to run concurrently (default equal to --replicas)',
      kind: 'value',
      parse: parseUint64,
    },
    {
      name: 'replicas-max-per-node',
      varname: 'uint',
      usage: 'Maximum number of tasks per node (default 0 = unlimited)',
      kind: 'value',
      parse: parseUint64,
    },
    {
      name: 'restart-condition',
      varname: 'string',
      usage: 'Restart when condition is met ("none", "on-failure", "any")',
      kind: 'value',
      defaultText: defaults['restart-condition'],
    },
    {
      name: 'restart-delay',
      varname: 'duration',
      usage: 'Delay between restart attempts (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['restart-delay'],
      parse: parseGoDuration,
    },
    {
      name: 'restart-max-attempts',
      varname: 'uint',
      usage: 'Maximum number of restarts before giving up',
      kind: 'value',
      parse: parseUint64,
    },
    {
      name: 'restart-window',
      varname: 'duration',
      usage: 'Window used to evaluate the restart policy (ns|us|ms|s|m|h)',
      kind: 'value',
      parse: parseGoDuration,
    },
    {
      name: 'update-parallelism',
      varname: 'uint',
      usage: 'Maximum number of tasks updated simultaneously (0 to update all at once)',
      kind: 'value',
      defaultText: defaults['update-parallelism'],
      parse: parseUint64,
    },
    {
      name: 'update-delay',
      varname: 'duration',
      usage: 'Delay between updates (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['update-delay'],
      parse: parseGoDuration,
    },
    {
      name: 'update-monitor',
      varname: 'duration',
      usage: 'Duration after each task update to monitor for failure (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['update-monitor'],
      parse: parseGoDuration,
    },
    {
      name: 'update-failure-action',
      varname: 'string',
      usage: 'Action on update failure ("pause", "continue", "rollback")',
      kind: 'value',
      defaultText: defaults['update-failure-action'],
    },
    {
      name: 'update-max-failure-ratio',
      varname: 'float',
      usage: 'Failure rate to tolerate during an update',
      kind: 'value',
      defaultText: defaults['update-max-failure-ratio'],
      parse: parseFloat32,
    },
    {
      name: 'update-order',
      varname: 'string',
      usage: 'Update order ("start-first", "stop-first")',
      kind: 'value',
      defaultText: defaults['update-order'],
    },
    {
      name: 'rollback-parallelism',
      varname: 'uint',
      usage: 'Maximum number of tasks rolled back simultaneously (0 to roll back all at once)',
      kind: 'value',
      defaultText: defaults['rollback-parallelism'],
      parse: parseUint64,
    },
    {
      name: 'rollback-delay',
      varname: 'duration',
      usage: 'Delay between task rollbacks (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['rollback-delay'],
      parse: parseGoDuration,
    },
    {
      name: 'rollback-monitor',
      varname: 'duration',
      usage: 'Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)',
      kind: 'value',
      defaultText: defaults['rollback-monitor'],
      parse: parseGoDuration,
    },
    {
      name: 'rollback-failure-action',
      varname: 'string',
      usage: 'Action on rollback failure ("pause", "continue")',
      kind: 'value',
      defaultText: defaults['rollback-failure-action'],
    },
    {
      name: 'rollback-max-failure-ratio',
      varname: 'float',
      usage: 'Failure rate to tolerate during a rollback',
      kind: 'value',
      defaultText: defaults['rollback-max-failure-ratio'],
      parse: parseFloat32,
    },
    {
      name: 'rollback-order',
      varname: 'string',
      usage: 'Rollback order ("start-first", "stop-first")',
      kind: 'value',
      defaultText: defaults['rollback-order'],
    },
    {
      name: 'endpoint-mode',
      varname: 'string',
      usage: 'Endpoint mode (vip or dnsrr)',
      kind: 'value',
      defaultText: defaults['endpoint-mode'],
    },
    { name: 'with-registry-auth', varname: '', usage: 'Send registry authentication details to swarm agents', kind: 'bool' },
    {
      name: 'no-resolve-image',
      varname: '',
      usage: 'Do not query the registry to resolve image digest and supported platforms',
      kind: 'bool',
    },
    { name: 'log-driver', varname: 'string', usage: 'Logging driver for service', kind: 'value' },
    { name: 'log-opt', varname: 'list', usage: 'Logging driver options', kind: 'list', parse: validateEnv },
    { name: 'health-cmd', varname: 'string', usage: 'Command to run to check health', kind: 'value' },
    {
      name: 'health-interval',
      varname: 'duration',
      usage: 'Time between running the check (ms|s|m|h)',
      kind: 'value',
      parse: parsePositiveDuration,
    },
    {
      name: 'health-timeout',
      varname: 'duration',
      usage: 'Maximum time to allow one check to run (ms|s|m|h)',
      kind: 'value',
      parse: parsePositiveDuration,
    },
    { name: 'health-retries', varname: 'int', usage: 'Consecutive failures needed to report unhealthy', kind: 'value', parse: parseInt64 },
    {
      name: 'health-start-period',
      varname: 'duration',
      usage: 'Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)',
      kind: 'value',
      parse: parsePositiveDuration,
    },
    // needs API 1.44: hidden from help against the simulated engine's 1.41, refused when given
    {
      name: 'health-start-interval',
      varname: 'duration',
      usage: 'Time between running the check during the start period (ms|s|m|h)',
      kind: 'value',
      parse: parsePositiveDuration,
      hidden: true,
    },
    { name: 'no-healthcheck', varname: '', usage: 'Disable any container-specified HEALTHCHECK', kind: 'bool' },
    { name: 'tty', shorthand: 't', varname: '', usage: 'Allocate a pseudo-TTY', kind: 'bool' },
    { name: 'read-only', varname: '', usage: "Mount the container's root filesystem as read only", kind: 'bool' },
    { name: 'stop-signal', varname: 'string', usage: 'Signal to stop the container', kind: 'value' },
    { name: 'isolation', varname: 'string', usage: 'Service container isolation mode', kind: 'value' },
  ]);

/** The values of the flags create and update share, as both read them. */
export type SharedServiceFlagValues = FlagValues<ReturnType<typeof serviceFlags>>;

/** Declared by create.go and update.go alike, outside addServiceFlags. */
const initFlag = defineFlag({
  name: 'init',
  varname: '',
  usage: 'Use an init inside each service container to forward signals and reap processes',
  kind: 'bool',
});

/** Needs API 1.46: hidden from help against the simulated engine's 1.41, refused when given. */
const oomScoreAdjFlag = defineFlag({
  name: 'oom-score-adj',
  varname: 'int',
  usage: "Tune host's OOM preferences (-1000 to 1000) ",
  kind: 'value',
  parse: parseInt64,
  hidden: true,
});

/**
 * The flags that change nothing the daemon stores, and why. Every other flag of create and update
 * changes the spec (test/cli/service-flags.test.ts holds each one to it).
 */
export const CLIENT_SIDE_FLAGS: Readonly<Record<string, string>> = {
  detach: 'the client returns at once instead of printing the progress until the service converges',
  quiet: 'the client waits without printing the progress',
  'no-resolve-image':
    "the client does not ask the daemon to look the image digest up on a registry; tsecret has no registry, so only the daemon's warning that it could not goes away",
  'with-registry-auth':
    'the client sends its registry credentials (from its config file) along; tsecret pulls no image, so there is nothing to send them to',
};

/** Flags docker 28 itself accepts and drops, as tsecret does (it would be unfaithful to refuse them). */
export const DOCKER_IGNORED_FLAGS: Readonly<Record<string, string>> = {
  'update --max-concurrent':
    "update.go's updateService never reads it: the job's MaxConcurrent stays as created (the update still reruns the job)",
};

/** The flags docker hides and refuses against an older daemon (their "version" annotation). */
export const FLAG_MIN_API: Readonly<Record<string, string>> = { 'health-start-interval': '1.44', 'oom-score-adj': '1.46' };

export const CREATE_FLAGS = defineFlags([
  {
    name: 'mode',
    varname: 'string',
    usage: 'Service mode ("replicated", "global", "replicated-job", "global-job")',
    kind: 'value',
    defaultText: '"replicated"',
    default: 'replicated',
  },
  { name: 'name', varname: 'string', usage: 'Service name', kind: 'value' },
  ...serviceFlags(CREATE_DEFAULTS),
  { name: 'label', shorthand: 'l', varname: 'list', usage: 'Service labels', kind: 'list', parse: validateLabel },
  { name: 'container-label', varname: 'list', usage: 'Container labels', kind: 'list', parse: validateLabel },
  { name: 'env', shorthand: 'e', varname: 'list', usage: 'Set environment variables', kind: 'list', parse: validateEnv },
  { name: 'env-file', varname: 'list', usage: 'Read in a file of environment variables', kind: 'list' },
  { name: 'mount', varname: 'mount', usage: 'Attach a filesystem mount to the service', kind: 'list', parse: validateMount },
  { name: 'constraint', varname: 'list', usage: 'Placement constraints', kind: 'list' },
  { name: 'placement-pref', varname: 'pref', usage: 'Add a placement preference', kind: 'list', parse: parsePlacementPref },
  { name: 'network', varname: 'network', usage: 'Network attachments', kind: 'list', parse: parseNetworkOpt },
  { name: 'secret', varname: 'secret', usage: 'Specify secrets to expose to the service', kind: 'list', parse: validateSecretOpt },
  { name: 'config', varname: 'config', usage: 'Specify configurations to expose to the service', kind: 'list', parse: validateConfigOpt },
  { name: 'publish', shorthand: 'p', varname: 'port', usage: 'Publish a port as a node port', kind: 'list', parse: parsePortOpt },
  { name: 'group', varname: 'list', usage: 'Set one or more supplementary user groups for the container', kind: 'list' },
  { name: 'dns', varname: 'list', usage: 'Set custom DNS servers', kind: 'list', parse: validateIPAddress },
  { name: 'dns-option', varname: 'list', usage: 'Set DNS options', kind: 'list' },
  { name: 'dns-search', varname: 'list', usage: 'Set custom DNS search domains', kind: 'list', parse: validateDNSSearch },
  { name: 'host', varname: 'list', usage: 'Set one or more custom host-to-IP mappings (host:ip)', kind: 'list', parse: validateExtraHost },
  { name: 'sysctl', varname: 'list', usage: 'Sysctl options', kind: 'list' },
  { name: 'ulimit', varname: 'ulimit', usage: 'Ulimit options', kind: 'list', parse: parseUlimit, defaultText: '[]' },
  { name: 'generic-resource', varname: 'list', usage: 'User defined resources', kind: 'list', parse: validateGenericResource },
  initFlag,
  oomScoreAdjFlag,
]);

export const UPDATE_FLAGS = defineFlags([
  { name: 'image', varname: 'string', usage: 'Service image tag', kind: 'value' },
  { name: 'args', varname: 'command', usage: 'Service command args', kind: 'value', parse: parseShlex },
  { name: 'rollback', varname: '', usage: 'Rollback to previous specification', kind: 'bool' },
  { name: 'force', varname: '', usage: 'Force update even if no changes require it', kind: 'bool' },
  ...serviceFlags({}),
  initFlag,
  // an -add/-rm pair for each of create's list flags but --env-file
  { name: 'label-add', varname: 'list', usage: 'Add or update a service label', kind: 'list', parse: validateLabel },
  { name: 'label-rm', varname: 'list', usage: 'Remove a label by its key', kind: 'list' },
  { name: 'container-label-add', varname: 'list', usage: 'Add or update a container label', kind: 'list', parse: validateLabel },
  { name: 'container-label-rm', varname: 'list', usage: 'Remove a container label by its key', kind: 'list' },
  { name: 'env-add', varname: 'list', usage: 'Add or update an environment variable', kind: 'list', parse: validateEnv },
  { name: 'env-rm', varname: 'list', usage: 'Remove an environment variable', kind: 'list' },
  { name: 'mount-add', varname: 'mount', usage: 'Add or update a mount on a service', kind: 'list', parse: validateMount },
  { name: 'mount-rm', varname: 'list', usage: 'Remove a mount by its target path', kind: 'list' },
  { name: 'constraint-add', varname: 'list', usage: 'Add or update a placement constraint', kind: 'list' },
  { name: 'constraint-rm', varname: 'list', usage: 'Remove a constraint', kind: 'list' },
  { name: 'placement-pref-add', varname: 'pref', usage: 'Add a placement preference', kind: 'list', parse: parsePlacementPref },
  { name: 'placement-pref-rm', varname: 'pref', usage: 'Remove a placement preference', kind: 'list', parse: parsePlacementPref },
  { name: 'network-add', varname: 'network', usage: 'Add a network', kind: 'list', parse: parseNetworkOpt },
  { name: 'network-rm', varname: 'list', usage: 'Remove a network', kind: 'list' },
  { name: 'secret-add', varname: 'secret', usage: 'Add or update a secret on a service', kind: 'list', parse: validateSecretOpt },
  { name: 'secret-rm', varname: 'list', usage: 'Remove a secret', kind: 'list' },
  { name: 'config-add', varname: 'config', usage: 'Add or update a config file on a service', kind: 'list', parse: validateConfigOpt },
  { name: 'config-rm', varname: 'list', usage: 'Remove a configuration file', kind: 'list' },
  { name: 'publish-add', varname: 'port', usage: 'Add or update a published port', kind: 'list', parse: parsePortOpt },
  { name: 'publish-rm', varname: 'port', usage: 'Remove a published port by its target port', kind: 'list', parse: parsePortOpt },
  { name: 'group-add', varname: 'list', usage: 'Add an additional supplementary user group to the container', kind: 'list' },
  { name: 'group-rm', varname: 'list', usage: 'Remove a previously added supplementary user group from the container', kind: 'list' },
  { name: 'dns-add', varname: 'list', usage: 'Add or update a custom DNS server', kind: 'list', parse: validateIPAddress },
  { name: 'dns-rm', varname: 'list', usage: 'Remove a custom DNS server', kind: 'list' },
  { name: 'dns-option-add', varname: 'list', usage: 'Add or update a DNS option', kind: 'list' },
  { name: 'dns-option-rm', varname: 'list', usage: 'Remove a DNS option', kind: 'list' },
  { name: 'dns-search-add', varname: 'list', usage: 'Add or update a custom DNS search domain', kind: 'list', parse: validateDNSSearch },
  { name: 'dns-search-rm', varname: 'list', usage: 'Remove a DNS search domain', kind: 'list' },
  { name: 'host-add', varname: 'list', usage: 'Add a custom host-to-IP mapping ("host:ip")', kind: 'list', parse: validateExtraHost },
  { name: 'host-rm', varname: 'list', usage: 'Remove a custom host-to-IP mapping ("host:ip")', kind: 'list' },
  { name: 'sysctl-add', varname: 'list', usage: 'Add or update a Sysctl option', kind: 'list' },
  { name: 'sysctl-rm', varname: 'list', usage: 'Remove a Sysctl option', kind: 'list' },
  { name: 'ulimit-add', varname: 'ulimit', usage: 'Add or update a ulimit option', kind: 'list', parse: parseUlimit, defaultText: '[]' },
  { name: 'ulimit-rm', varname: 'list', usage: 'Remove a ulimit option', kind: 'list' },
  { name: 'generic-resource-add', varname: 'list', usage: 'Add a Generic resource', kind: 'list', parse: validateGenericResource },
  oomScoreAdjFlag,
  { name: 'generic-resource-rm', varname: 'list', usage: 'Remove a Generic resource', kind: 'list' },
]);
