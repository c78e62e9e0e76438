// `service update` (docker/cli cli/command/service/update.go): fetch the spec, change what the
// flags say, send it back with the version read, print the argument, then progress.
import { exactArgs, type CommandSpec, type FlagValues } from '../command.js';
import { labelsToMap } from '../flags.js';
import type { IOStreams } from '../io.js';
import type { Engine } from '../../engine/api.js';
import { UPDATE_FLAGS } from './flag-specs.js';
import { printProgress } from './progress.js';
import { resolveSecretRefs } from './secret-opts.js';
import { envValue, imageWithTag, withParsers } from './spec.js';

export interface UpdateOptions {
  service: string;
  flags: FlagValues;
  changed: Set<string>;
}

const list = (f: FlagValues, name: string): string[] => (f[name] as string[] | undefined) ?? [];

/** updateEnvironment: removals by key first, then additions replacing an entry with the same key. */
function updateEnv(current: string[] | undefined, add: string[], rm: string[]): string[] {
  const key = (e: string) => e.split('=')[0];
  const out = (current ?? []).filter((e) => !rm.includes(key(e)));
  for (const entry of add) {
    const i = out.findIndex((e) => key(e) === key(entry));
    if (i >= 0) out[i] = entry;
    else out.push(entry);
  }
  return out;
}

function updateLabels(current: Record<string, string> | undefined, add: string[], rm: string[]): Record<string, string> {
  const out = { ...(current ?? {}) };
  for (const k of rm) delete out[k];
  return { ...out, ...labelsToMap(add) };
}

export async function runUpdate(opts: UpdateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const { flags: f, changed } = opts;
  const service = await engine.serviceInspect(opts.service);
  const spec = structuredClone(service.Spec);
  const task = spec.TaskTemplate;
  const cs = task.ContainerSpec;
  if (changed.has('replicas')) {
    if (!('Replicated' in spec.Mode)) throw new Error('replicas can only be used with replicated or replicated-job mode');
    spec.Mode = { Replicated: { Replicas: Number(f.replicas) } };
  }
  if (changed.has('image')) cs.Image = imageWithTag(f.image as string);
  if (changed.has('user')) cs.User = f.user as string;
  if (changed.has('workdir')) cs.Dir = f.workdir as string;
  if (changed.has('hostname')) cs.Hostname = f.hostname as string;
  if (changed.has('args')) cs.Args = (f.args as string).split(' ').filter(Boolean);
  if (changed.has('env-add') || changed.has('env-rm')) {
    cs.Env = updateEnv(cs.Env, list(f, 'env-add').map((e) => envValue(e, io.env)), list(f, 'env-rm'));
    if (cs.Env.length === 0) delete cs.Env;
  }
  if (changed.has('label-add') || changed.has('label-rm')) spec.Labels = updateLabels(spec.Labels, list(f, 'label-add'), list(f, 'label-rm'));
  if (changed.has('container-label-add') || changed.has('container-label-rm')) {
    cs.Labels = updateLabels(cs.Labels, list(f, 'container-label-add'), list(f, 'container-label-rm'));
    if (Object.keys(cs.Labels).length === 0) delete cs.Labels;
  }
  if (changed.has('secret-add') || changed.has('secret-rm')) {
    // --secret-rm removes every reference with that source name; unknown names are ignored
    const removed = new Set(list(f, 'secret-rm'));
    const kept = (cs.Secrets ?? []).filter((r) => !removed.has(r.SecretName));
    const added = await resolveSecretRefs(engine, list(f, 'secret-add'));
    cs.Secrets = [...kept, ...added];
    if (cs.Secrets.length === 0) delete cs.Secrets;
  }
  if (f.force) task.ForceUpdate++;
  await engine.serviceUpdate(service.ID, service.Version, spec);
  io.stdout.write(`${opts.service}\n`);
  if (f.detach || f.quiet) return;
  await printProgress(io, engine, service.ID, opts.service);
}

export const updateCommand: CommandSpec = {
  use: 'update [OPTIONS] SERVICE',
  short: 'Update a service',
  args: exactArgs(1),
  flags: withParsers(UPDATE_FLAGS),
  run: ({ args, flags, changed, io, engine }) => runUpdate({ service: args[0], flags, changed }, io, engine()),
};
