// Container lookup and list filters (moby daemon/container.go GetContainer, daemon/list.go).
import type { Container } from '../../api/services.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { DaemonError } from '../errors.js';
import { matchLabels, validateFilterKeys } from '../filters.js';

/** Full ID, then exact name (with or without the leading slash), then ID prefix. */
export function resolveContainer(containers: Container[], ref: string): Container {
  const name = ref.startsWith('/') ? ref : `/${ref}`;
  const found = containers.find((c) => c.Id === ref) ?? containers.find((c) => c.Name === name);
  if (found) return found;
  const byPrefix = ref === '' ? [] : containers.filter((c) => c.Id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw new DaemonError(`multiple IDs found with provided prefix: ${ref}`, 400);
  throw new DaemonError(`No such container: ${ref}`, 404);
}

/**
 * `rm` of a running container without -f, as current engines word it (moby daemon/delete.go:
 * the argument as given, Go-quoted). Engine 20.10 said "You cannot remove a running container <ID>. …".
 */
export function runningContainerRemoval(ref: string): DaemonError {
  return new DaemonError(
    `cannot remove container ${quoteGo(ref)}: container is running: stop the container before removing or force remove`,
    409,
  );
}

const CONTAINER_FILTERS = [
  'ancestor',
  'before',
  'expose',
  'exited',
  'health',
  'id',
  'is-task',
  'isolation',
  'label',
  'name',
  'network',
  'publish',
  'since',
  'status',
  'volume',
];
const STATUSES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];

/** `docker ps` filters: name is a regular expression (substring), id a prefix; running only unless all. */
export function filterContainers(containers: Container[], all: boolean, filters: Map<string, string[]>): Container[] {
  validateFilterKeys(filters, CONTAINER_FILTERS);
  for (const s of filters.get('status') ?? []) {
    if (!STATUSES.includes(s)) throw new DaemonError(`invalid filter 'status=${s}'`, 400);
  }
  const statuses = filters.get('status');
  const names = filters.get('name')?.map((n) => safeRegExp(n));
  return containers
    .filter((c) => {
      if (!all && !statuses && !c.State.Running) return false;
      if (statuses && !statuses.includes(c.State.Status)) return false;
      const ids = filters.get('id');
      if (ids && !ids.some((p) => c.Id.startsWith(p))) return false;
      if (names && !names.some((re) => re.test(c.Name))) return false;
      const exited = filters.get('exited');
      if (exited && (c.State.Running || !exited.includes(String(c.State.ExitCode)))) return false;
      return matchLabels(c.Config.Labels, filters.get('label'));
    })
    .sort((a, b) => (a.Created < b.Created ? 1 : a.Created > b.Created ? -1 : 0));
}

function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw new DaemonError(`Invalid filter 'name=${pattern}'`, 400);
  }
}
