// `service update` (docker/cli cli/command/service/update.go): fetch the spec, change what the
// flags say, send it back with the version read, print the argument, then progress.

import type { ServiceUpdateOptions } from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import { imageWithTag } from '../../engine/image-reference.js';
import { resolveConfigRefs, resolveSecretRefs } from '../../engine/resolve-references.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs, type FlagName, type FlagValues } from '../command.js';
import { labelsToMap } from '../flags.js';
import { UPDATE_FLAGS } from './flag-specs.js';
import { printProgress } from './progress.js';
import { digestWarning, envValue } from './spec.js';

/**
 * runUpdate reads the flags themselves, as docker's updateService does (flags.Changed, GetString):
 * what a flag means depends on whether it was given.
 */
export interface UpdateOptions {
  service: string;
  flags: FlagValues<typeof UPDATE_FLAGS>;
  changed: ReadonlySet<FlagName<typeof UPDATE_FLAGS>>;
}

const envKey = (e: string): string => e.split('=')[0];

/**
 * updateEnvironment: removals by key first (order kept); with --env-add docker rebuilds the list
 * from a Go map keyed by name, so its order is random: tsecret sorts it by name.
 */
export function updateEnv(current: string[] | undefined, add: string[] | undefined, rm: string[]): string[] {
  const kept = (current ?? []).filter((e) => !rm.includes(envKey(e)));
  if (add === undefined) return kept;
  const byKey = new Map<string, string>();
  for (const e of [...kept, ...add]) byKey.set(envKey(e), e);
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as string);
}

function updateLabels(current: Record<string, string> | undefined, add: string[], rm: string[]): Record<string, string> {
  const out = { ...(current ?? {}) };
  for (const k of rm) delete out[k];
  return { ...out, ...labelsToMap(add) };
}

/** --rollback goes with -d and -q only (update.go). */
const ROLLBACK_COMPANIONS = new Set(['rollback', 'detach', 'quiet']);

export async function runUpdate(opts: UpdateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const { flags: f, changed } = opts;
  const service = await engine.serviceInspect(opts.service);
  const updateOpts: ServiceUpdateOptions = {};
  if (f.rollback) {
    if ([...changed].some((name) => !ROLLBACK_COMPANIONS.has(name))) throw new Error('other flags may not be combined with --rollback');
    updateOpts.Rollback = 'previous';
  }
  const spec = structuredClone(service.Spec);
  const task = spec.TaskTemplate;
  const cs = task.ContainerSpec;
  // --replicas parses to a number, so it reads as undefined unless given
  if (f.replicas !== undefined) {
    if (!('Replicated' in spec.Mode)) throw new Error('replicas can only be used with replicated mode');
    spec.Mode = { Replicated: { Replicas: f.replicas } };
  }
  if (changed.has('image')) cs.Image = imageWithTag(f.image);
  if (changed.has('user')) cs.User = f.user;
  if (changed.has('workdir')) cs.Dir = f.workdir;
  if (changed.has('hostname')) cs.Hostname = f.hostname;
  if (changed.has('args')) cs.Args = f.args.split(' ').filter(Boolean);
  if (changed.has('env-add') || changed.has('env-rm')) {
    const add = changed.has('env-add') ? f['env-add'].map((e) => envValue(e, io.env)) : undefined;
    cs.Env = updateEnv(cs.Env, add, f['env-rm']);
    if (cs.Env.length === 0) delete cs.Env;
  }
  if (changed.has('label-add') || changed.has('label-rm')) spec.Labels = updateLabels(spec.Labels, f['label-add'], f['label-rm']);
  if (changed.has('container-label-add') || changed.has('container-label-rm')) {
    cs.Labels = updateLabels(cs.Labels, f['container-label-add'], f['container-label-rm']);
    if (Object.keys(cs.Labels).length === 0) delete cs.Labels;
  }
  if (changed.has('secret-add') || changed.has('secret-rm')) {
    // --secret-rm removes every reference with that source name; unknown names are ignored
    const removed = new Set(f['secret-rm']);
    const kept = (cs.Secrets ?? []).filter((r) => !removed.has(r.SecretName));
    const added = await resolveSecretRefs(engine, f['secret-add']);
    cs.Secrets = [...kept, ...added];
    if (cs.Secrets.length === 0) delete cs.Secrets;
  }
  if (changed.has('config-add') || changed.has('config-rm')) {
    // getUpdatedConfigs: --config-rm drops the file references with that source name (unknown
    // names are ignored), then --config-add's are resolved and appended; a runtime reference
    // stays, as it belongs to the credential spec
    const removed = new Set(f['config-rm']);
    const kept = (cs.Configs ?? []).filter((r) => r.Runtime || !removed.has(r.ConfigName));
    cs.Configs = [...kept, ...(await resolveConfigRefs(engine, f['config-add']))];
    if (cs.Configs.length === 0) delete cs.Configs;
  }
  if (f.force) task.ForceUpdate++;
  await engine.serviceUpdate(service.ID, service.Version, spec, updateOpts);
  // the daemon's warning when it was asked to query the registry for the new image's digest
  if (changed.has('image') && !f['no-resolve-image']) io.stderr.write(`${digestWarning(cs.Image)}\n`);
  io.stdout.write(`${opts.service}\n`);
  if (f.detach || f.quiet) return;
  await printProgress(io, engine, service.ID, opts.service);
}

export const updateCommand = defineCommand({
  use: 'update [OPTIONS] SERVICE',
  short: 'Update a service',
  args: exactArgs(1),
  flags: UPDATE_FLAGS,
  run: ({ args, flags, changed, io, engine }) => runUpdate({ service: args[0], flags, changed }, io, engine()),
});
