// What moby's daemon does to a service spec on its way into swarmkit and back out
// (daemon/cluster/convert/service.go ServiceSpecToGRPC / ServiceFromGRPC, container.go
// containerToGRPC): the enum fields it refuses (`invalid MountType: "bogus"`, `invalid
// RestartCondition`, `unrecognized update order`, `invalid resolution mode`), the values it
// normalizes (an unknown isolation is "default", an empty mount type is "bind", an empty port
// protocol "tcp"), and the defaults `service inspect` inserts (swarmkit defaults.InterpolateService).
import type { ContainerSpec, Mount, ServiceSpec, UpdateConfig } from '../../api/services.js';
import { DaemonError } from '../errors.js';

const MOUNT_TYPES = ['bind', 'volume', 'tmpfs', 'npipe'];
const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];
const RESTART_CONDITIONS = ['', 'none', 'on-failure', 'any'];
const FAILURE_ACTIONS = ['pause', 'continue', 'rollback'];
const ORDERS = ['stop-first', 'start-first'];
const PROTOCOLS = ['tcp', 'udp', 'sctp'];

const bad = (message: string): DaemonError => new DaemonError(message, 400);
const quote = (s: string): string => JSON.stringify(s);

/** mount.Mount → swarmapi.Mount → mount.Mount. */
function convertMount(m: Mount): Mount {
  const type = m.Type.toLowerCase();
  if (type !== '' && !MOUNT_TYPES.includes(type)) throw bad(`invalid MountType: ${quote(m.Type)}`);
  const out: Mount = {
    Type: type || 'bind',
    ...(m.Source ? { Source: m.Source } : {}),
    Target: m.Target,
    ...(m.ReadOnly ? { ReadOnly: true } : {}),
  };
  if (m.Consistency) out.Consistency = m.Consistency;
  if (m.BindOptions) {
    const propagation = (m.BindOptions.Propagation ?? '').toLowerCase();
    if (propagation !== '' && !PROPAGATIONS.includes(propagation))
      throw bad(`invalid MountPropagation: ${quote(m.BindOptions.Propagation ?? '')}`);
    if (propagation !== '' || m.BindOptions.NonRecursive) {
      // the propagation defaults to rprivate once bind options exist
      out.BindOptions = { Propagation: propagation || 'rprivate', ...(m.BindOptions.NonRecursive ? { NonRecursive: true } : {}) };
    }
  }
  if (m.VolumeOptions) out.VolumeOptions = m.VolumeOptions;
  if (m.TmpfsOptions) out.TmpfsOptions = m.TmpfsOptions;
  return out;
}

/** credentialSpecToGRPC: exactly one source. */
function checkCredentialSpec(cs: ContainerSpec): void {
  const spec = cs.Privileges?.CredentialSpec;
  if (!spec) return;
  const given = (['config', 'file', 'registry'] as const)
    .filter((k) => spec[k === 'config' ? 'Config' : k === 'file' ? 'File' : 'Registry'] !== '')
    .map((k) => `"${k}"`);
  if (given.length === 0) throw bad('must either provide "file", "registry", or "config" for credential spec');
  if (given.length === 2) throw bad(`cannot specify both ${given[0]} and ${given[1]} credential specs`);
  if (given.length > 2) throw bad(`cannot specify both ${given.slice(0, -1).join(', ')}, and ${given[given.length - 1]} credential specs`);
}

/** updateConfigToGRPC and back: an empty failure action is pause, an empty order stop-first. */
function convertUpdateConfig(u: UpdateConfig | undefined): UpdateConfig | undefined {
  if (!u) return undefined;
  const action = u.FailureAction || 'pause';
  if (!FAILURE_ACTIONS.includes(action)) throw bad(`unrecognized update failure action ${u.FailureAction}`);
  const order = u.Order || 'stop-first';
  if (!ORDERS.includes(order)) throw bad(`unrecognized update order ${u.Order}`);
  return {
    Parallelism: u.Parallelism,
    ...(u.Delay ? { Delay: u.Delay } : {}),
    FailureAction: action,
    ...(u.Monitor ? { Monitor: u.Monitor } : {}),
    MaxFailureRatio: u.MaxFailureRatio,
    Order: order,
  };
}

/**
 * ServiceSpecToGRPC and back: a copy of the spec as the daemon stores and returns it, or the
 * daemon's 400 for a value the API enums do not know.
 */
export function convertServiceSpec(spec: ServiceSpec): ServiceSpec {
  const out = structuredClone(spec);
  const cs = out.TaskTemplate.ContainerSpec;
  checkCredentialSpec(cs);
  const isolation = (cs.Isolation ?? '').toLowerCase();
  cs.Isolation = isolation === 'hyperv' || isolation === 'process' ? isolation : 'default';
  if (cs.Mounts) cs.Mounts = cs.Mounts.map(convertMount);
  const policy = out.TaskTemplate.RestartPolicy;
  if (policy) {
    if (!RESTART_CONDITIONS.includes(policy.Condition ?? '')) throw bad(`invalid RestartCondition: ${quote(policy.Condition)}`);
    policy.Condition ||= 'any';
  }
  const update = convertUpdateConfig(out.UpdateConfig);
  const rollback = convertUpdateConfig(out.RollbackConfig);
  if (update) out.UpdateConfig = update;
  if (rollback) out.RollbackConfig = rollback;
  const endpoint = out.EndpointSpec;
  if (endpoint.Mode !== '' && endpoint.Mode !== 'vip' && endpoint.Mode !== 'dnsrr')
    throw bad(`invalid resolution mode: ${quote(endpoint.Mode)}`);
  endpoint.Mode ||= 'vip';
  if (endpoint.Ports?.length) {
    // an unknown protocol or mode is the enum's zero value (tcp, ingress); a port published as 0 is unset
    endpoint.Ports = endpoint.Ports.map(({ PublishedPort, ...p }) => ({
      Protocol: PROTOCOLS.includes(p.Protocol) ? p.Protocol : 'tcp',
      TargetPort: p.TargetPort,
      ...(PublishedPort ? { PublishedPort } : {}),
      PublishMode: p.PublishMode === 'host' ? 'host' : 'ingress',
    }));
  } else delete endpoint.Ports;
  if (Object.keys(out.Mode).length !== 1) throw bad('must specify only one service mode');
  return out;
}

/** swarmkit defaults.Service.Update / Rollback. */
const DEFAULT_UPDATE_CONFIG: UpdateConfig = {
  Parallelism: 1,
  FailureAction: 'pause',
  Monitor: 5e9,
  MaxFailureRatio: 0,
  Order: 'stop-first',
};

/**
 * defaults.InterpolateService, what GetService with insertDefaults adds: the spec's unset update
 * and rollback configs (the other defaults the simulated client already sends).
 */
export function withDefaults(spec: ServiceSpec): ServiceSpec {
  if (spec.UpdateConfig && spec.RollbackConfig) return spec;
  return {
    ...spec,
    UpdateConfig: spec.UpdateConfig ?? { ...DEFAULT_UPDATE_CONFIG },
    RollbackConfig: spec.RollbackConfig ?? { ...DEFAULT_UPDATE_CONFIG },
  };
}
