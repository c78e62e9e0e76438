// What every lint rule is given and returns, and the helpers several rule groups share.
import { posix } from 'node:path';
import type { EnvEntry, FileObject, LintModel, ObjectKind, ObjectRef, Origin, ServiceModel } from '../model.js';
import type { LintTarget, RuleInfo } from '../types.js';

/** What a rule reports: where (a key or a value) and the one-line message. */
export interface Issue {
  at: Origin;
  which?: 'key' | 'value';
  message: string;
}

/** A secret or config file as the rules see it; reading is bounded (size, and the first bytes). */
export type FileInfo =
  | { kind: 'file'; size: number; head: Uint8Array }
  | { kind: 'directory' }
  | { kind: 'missing' }
  /** Any other failure, in Go's words (`open x: permission denied`). */
  | { kind: 'unreadable'; reason: string };

export interface RuleContext {
  target: LintTarget;
  /** The absolute path a `file:` names (working dir, `~`). */
  resolvePath(file: string): string;
  fileInfo(absolutePath: string): FileInfo;
  /** The working dir's base name: what `docker compose` names the project, and often the stack. */
  folderName: string;
}

export interface Rule extends RuleInfo {
  check(model: LintModel, ctx: RuleContext): Issue[];
}

export const objectsOf = (model: LintModel, kind: ObjectKind): Map<string, FileObject> =>
  kind === 'secret' ? model.secrets : model.configs;

export const refsOf = (service: ServiceModel, kind: ObjectKind): ObjectRef[] => (kind === 'secret' ? service.secrets : service.configs);

/** A path under the YAML node of `at`. */
export const under = (at: Origin, ...rest: (string | number)[]): Origin => ({ source: at.source, path: [...at.path, ...rest] });

/**
 * The file a reference mounts in the container: a secret's target (default: the compose key) under
 * /run/secrets unless absolute (moby getSecretTargetPath); a config's at `/<target>` by default.
 */
export function mountPath(ref: ObjectRef): string {
  const target = ref.target ?? ref.source;
  if (target.startsWith('/')) return posix.normalize(target);
  return ref.kind === 'secret' ? posix.join('/run/secrets', target) : posix.join('/', target);
}

/** The swarm's name rule for secrets and configs (swarmkit validateConfigOrSecretAnnotations). */
export const SWARM_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;
export const SWARM_NAME_MAX = 64;

/** A path where a service's secret files live. */
export const RUN_SECRETS = '/run/secrets/';

/** A variable an image reads a file path from: official images' `X_FILE`, linuxserver's `FILE__X`. */
export const isFileVariable = (key: string): boolean => key.endsWith('_FILE') || key.startsWith('FILE__');

/** `/run/secrets/<prefix>_<key>` for a secret the service mounts as /run/secrets/<key>. */
export function prefixedPath(entry: EnvEntry, service: ServiceModel): { key: string; mounted: string } | undefined {
  const value = entry.value;
  if (value === null || !value.startsWith(RUN_SECRETS)) return undefined;
  if (service.secrets.some((r) => mountPath(r) === value)) return undefined;
  const file = posix.basename(value);
  for (const ref of service.secrets) {
    if (ref.target !== undefined) continue;
    const mounted = posix.join('/run/secrets', ref.source);
    if (value !== mounted && posix.dirname(value) === '/run/secrets' && file.endsWith(`_${ref.source}`))
      return { key: ref.source, mounted };
  }
  return undefined;
}
