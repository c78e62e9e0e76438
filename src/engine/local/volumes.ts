// Local named volumes of the simulated engine: the `local` driver's rules (moby daemon/volume/local
// validateName, validateOpts), the volume store's create/get/remove (daemon/volume/service/store.go,
// service.go) and its list and prune filters (convert.go filtersToBy, withPrune).

import type { Filters } from '../../api/filters.js';
import type { Container } from '../../api/services.js';
import type { Volume, VolumeCreateRequest } from '../../api/volumes.js';
import { randomBytes } from '../../determinism/entropy.js';
import { DaemonError } from '../errors.js';
import { filterMatch, matchLabels, validateFilterKeys } from '../filters.js';
import { DOCKER_ROOT_DIR } from './system.js';

/** moby daemon/names RestrictedNamePattern. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** The label the volume service puts on a volume created without a name (since API 1.42). */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const VALID_OPTS = ['type', 'o', 'device', 'size'];
/** The local driver's mandatoryOpts: an option that needs others. */
const MANDATORY_OPTS: [string, string[]][] = [
  ['device', ['type']],
  ['type', ['device']],
  ['o', ['device', 'type']],
];

/** RFC3339 in whole seconds, as the local driver reports a volume's creation time. */
const createdAt = (now: string): string => `${now.slice(0, 19)}Z`;

/**
 * VolumesService.Create with the local driver: an existing volume of the name is returned as it
 * is (its labels and options unchanged), a new one is validated, then made. Errors are prefixed
 * `create <name>:` as the store's OpErr words them.
 */
export function createVolume(volumes: Volume[], req: VolumeCreateRequest, now: string): { volume: Volume; created: boolean } {
  const anonymous = req.Name === '';
  const name = anonymous ? randomBytes(32).toString('hex') : req.Name;
  const fail = (msg: string, status = 400): DaemonError => new DaemonError(`create ${name}: ${msg}`, status);
  const existing = volumes.find((v) => v.Name === name);
  const driver = req.Driver || 'local';
  if (existing) {
    if (existing.Driver !== driver) throw fail(`a volume with the name ${name} already exists with driver "${existing.Driver}"`, 409);
    return { volume: existing, created: false };
  }
  if (driver !== 'local') throw fail(`error looking up volume plugin ${driver}: plugin "${driver}" not found`, 404);
  if (name.length === 1) throw fail('volume name is too short, names should be at least two alphanumeric characters');
  if (!VOLUME_NAME.test(name)) {
    throw fail(
      `"${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
  const opts = req.DriverOpts ?? {};
  for (const key of Object.keys(opts)) if (!VALID_OPTS.includes(key)) throw fail(`invalid option: "${key}"`);
  if ('size' in opts) {
    // the simulated root (overlay2 on extfs) has no quota support, like most hosts
    if (!/^\d/.test(opts.size)) throw fail(`invalid size: '${opts.size}'`);
    if (Number.parseFloat(opts.size) > 0) throw fail('quota size requested but no quota support');
  }
  for (const [opt, required] of MANDATORY_OPTS) {
    if (!(opt in opts)) continue;
    for (const r of required) if (!(r in opts)) throw fail(`missing required option: "${r}"`);
  }
  const labels = { ...(req.Labels ?? {}), ...(anonymous ? { [ANONYMOUS_LABEL]: '' } : {}) };
  const volume: Volume = {
    CreatedAt: createdAt(now),
    Driver: 'local',
    Labels: Object.keys(labels).length ? labels : null,
    Mountpoint: `${DOCKER_ROOT_DIR}/volumes/${name}/_data`,
    Name: name,
    Options: Object.keys(opts).length ? { ...opts } : null,
    Scope: 'local',
  };
  return { volume, created: true };
}

/** The store's Get: by exact name; a miss is `get <name>: no such volume`. */
export function getVolume(volumes: Volume[], name: string): Volume {
  const volume = volumes.find((v) => v.Name === name);
  if (!volume) throw new DaemonError(`get ${name}: no such volume`, 404);
  return volume;
}

/** The containers (running or stopped) that hold a volume: the store's references. */
export const volumeUsers = (containers: Container[], name: string): Container[] =>
  containers.filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === name));

/** The store's Remove: refused while a container references the volume, naming them. */
export function checkVolumeRemovable(volume: Volume, containers: Container[]): void {
  const users = volumeUsers(containers, volume.Name);
  if (users.length) throw new DaemonError(`remove ${volume.Name}: volume is in use - [${users.map((c) => c.Id).join(', ')}]`, 409);
}

const LIST_FILTERS = ['dangling', 'name', 'driver', 'label'];
const PRUNE_FILTERS = ['label', 'label!', 'all'];

/** filtersToBy: driver exactly, name as a pattern, labels, dangling (referenced or not). */
function volumeFilter(filters: Filters, containers: Container[]): (v: Volume) => boolean {
  let dangling: boolean | undefined;
  const values = filters.get('dangling');
  if (values) {
    // GetBoolOrDefault: one value of 0/false/1/true
    const v = ({ '1': true, true: true, '0': false, false: false } as Record<string, boolean>)[values[0]];
    if (values.length > 1 || v === undefined) throw new DaemonError(`invalid filter 'dangling=${values.join(',')}'`, 400);
    dangling = v;
  }
  return (v) => {
    const drivers = filters.get('driver');
    if (drivers && !drivers.includes(v.Driver)) return false;
    const names = filters.get('name');
    if (names && !filterMatch(names, v.Name)) return false;
    if (!matchLabels(v.Labels ?? {}, filters.get('label'))) return false;
    const negated = filters.get('label!');
    if (negated && !negated.every((l) => !matchLabels(v.Labels ?? {}, [l]))) return false;
    if (dangling !== undefined && (volumeUsers(containers, v.Name).length === 0) !== dangling) return false;
    return true;
  };
}

export function filterVolumes(volumes: Volume[], containers: Container[], filters: Filters): Volume[] {
  validateFilterKeys(filters, LIST_FILTERS);
  return volumes.filter(volumeFilter(filters, containers));
}

/**
 * VolumesService.Prune at API 1.42+: the unused local volumes without driver options, only the
 * anonymous ones unless the `all` filter says true.
 */
export function prunableVolumes(volumes: Volume[], containers: Container[], filters: Filters): Volume[] {
  validateFilterKeys(filters, PRUNE_FILTERS);
  const all = filters.get('all') ?? [];
  if (all.length > 1) throw new DaemonError(`invalid filter 'all=${all.join(',')}': only one value is expected`, 400);
  let everything = false;
  if (all.length === 1) {
    const words: Record<string, boolean> = {
      '1': true,
      t: true,
      T: true,
      TRUE: true,
      true: true,
      True: true,
      '0': false,
      f: false,
      F: false,
      FALSE: false,
      false: false,
      False: false,
    };
    const v = words[all[0]];
    if (v === undefined) throw new DaemonError(`invalid filter 'all': strconv.ParseBool: parsing "${all[0]}": invalid syntax`, 400);
    everything = v;
  }
  const match = volumeFilter(filters, containers);
  return volumes.filter(
    (v) =>
      v.Driver === 'local' &&
      volumeUsers(containers, v.Name).length === 0 &&
      (everything || Object.hasOwn(v.Labels ?? {}, ANONYMOUS_LABEL)) &&
      v.Options === null &&
      match(v),
  );
}
