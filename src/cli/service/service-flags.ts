// Pieces of docker/cli's service flag handling that create and update share
// (cli/command/service/opts.go, update.go): the API-version check of the newer flags, the
// --host conversion, the log driver.
import type { TaskSpec, UpdateConfig } from '../../api/services.js';
import { labelsToMap } from '../flags.js';
import { FLAG_MIN_API, type SharedServiceFlagValues } from './flag-specs.js';
import { UPDATE_FLAGS_OF, updateConfigInOrder } from './opts.js';
import { envValue } from './spec.js';

export type ServiceFlagValues = SharedServiceFlagValues;

/** The API version the simulated engine speaks (docker 20.10's). */
export const DAEMON_API_VERSION = '1.41';

const versionLess = (a: string, b: string): boolean => {
  const [amaj, amin] = a.split('.').map(Number);
  const [bmaj, bmin] = b.split('.').map(Number);
  return amaj < bmaj || (amaj === bmaj && amin < bmin);
};

/**
 * docker's areFlagsSupported (run before the command, after its arguments are checked): a flag
 * given whose "version" annotation is newer than the daemon's API is refused, one line each, in
 * flag-name order.
 */
export function checkApiVersions(changed: ReadonlySet<string>): void {
  const errs = Object.entries(FLAG_MIN_API)
    .filter(([name, version]) => changed.has(name) && versionLess(DAEMON_API_VERSION, version))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, version]) => `"--${name}" requires API version ${version}, but the Docker daemon API version is ${DAEMON_API_VERSION}`);
  if (errs.length) throw new Error(errs.join('\n'));
}

/** convertExtraHostsToSwarmHosts: `host:ip` becomes swarmkit's `ip host`. */
export function convertExtraHosts(hosts: readonly string[]): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const colon = h.indexOf(':');
    if (colon >= 0) out.push(`${h.slice(colon + 1)} ${h.slice(0, colon)}`);
  }
  return out;
}

/**
 * logDriverOptions.toLogDriver: only with a driver name (options alone are dropped); a bare
 * option name takes the client's environment value (ValidateEnv), an empty options map is left out.
 */
export function logDriver(name: string, opts: readonly string[], env: NodeJS.ProcessEnv): TaskSpec['LogDriver'] {
  if (name === '') return undefined;
  const options = labelsToMap(opts.map((o) => envValue(o, env)));
  return { Name: name, ...(Object.keys(options).length ? { Options: options } : {}) };
}

/** updateOptions: the --update-* or --rollback-* flags given, set on a policy (the rest kept), in moby's field order. */
export function applyUpdateConfigFlags(
  policy: UpdateConfig,
  f: ServiceFlagValues,
  changed: ReadonlySet<string>,
  prefix: 'update' | 'rollback',
): UpdateConfig {
  const names = UPDATE_FLAGS_OF(prefix);
  const c = { ...policy };
  if (changed.has(names[0])) c.Parallelism = f[names[0]] ?? 0;
  if (changed.has(names[1])) c.Delay = f[names[1]] ?? 0;
  if (changed.has(names[2])) c.Monitor = f[names[2]] ?? 0;
  if (changed.has(names[3])) c.FailureAction = f[names[3]];
  if (changed.has(names[4])) c.MaxFailureRatio = f[names[4]] ?? 0;
  if (changed.has(names[5])) c.Order = f[names[5]];
  return updateConfigInOrder(c);
}
