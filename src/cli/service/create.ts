// `service create` (docker/cli cli/command/service/create.go).
import { requiresMinArgs, type CommandSpec, type FlagSpec, type FlagValues } from '../command.js';
import { labelsToMap } from '../flags.js';
import type { IOStreams } from '../io.js';
import type { Engine } from '../../engine/api.js';
import type { ServiceMode } from '../../engine/api-services.js';
import { CREATE_FLAGS } from './flag-specs.js';
import { printProgress } from './progress.js';
import { resolveSecretRefs } from './secret-opts.js';
import { defaultTaskSpec, digestWarning, imageWithTag, readEnv, serviceEnv, serviceSpec } from './spec.js';

export interface CreateOptions {
  image: string;
  args: string[];
  name: string;
  mode: string;
  replicas?: number;
  secrets: string[];
  env: string[];
  envFiles: string[];
  labels: string[];
  containerLabels: string[];
  user: string;
  workdir: string;
  hostname: string;
  detach: boolean;
  quiet: boolean;
  noResolveImage: boolean;
}

export async function runCreate(opts: CreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  let mode: ServiceMode;
  switch (opts.mode) {
    case 'replicated':
      mode = { Replicated: { Replicas: opts.replicas ?? 1 } };
      break;
    case 'global':
      if (opts.replicas !== undefined) throw new Error('replicas can only be used with replicated or replicated-job mode');
      mode = { Global: {} };
      break;
    case 'replicated-job':
    case 'global-job':
      throw new Error(`tsecret does not simulate ${opts.mode} services yet`);
    default:
      throw new Error(`unknown mode: ${opts.mode}, only replicated and global supported`);
  }
  const task = defaultTaskSpec(imageWithTag(opts.image));
  const spec = task.ContainerSpec;
  if (opts.containerLabels.length) spec.Labels = labelsToMap(opts.containerLabels);
  if (opts.args.length) spec.Args = opts.args;
  if (opts.hostname) spec.Hostname = opts.hostname;
  const env = serviceEnv(readEnv(opts.envFiles, opts.env, io.cwd, io.env));
  if (env.length) spec.Env = env;
  if (opts.workdir) spec.Dir = opts.workdir;
  if (opts.user) spec.User = opts.user;
  const secrets = await resolveSecretRefs(engine, opts.secrets);
  if (secrets.length) spec.Secrets = secrets;
  const { ID } = await engine.serviceCreate(serviceSpec(opts.name, labelsToMap(opts.labels), task, mode));
  // the daemon's response warning: there is no registry to ask, so the digest is never recorded
  if (!opts.noResolveImage) io.stderr.write(`${digestWarning(spec.Image)}\n`);
  io.stdout.write(`${ID}\n`);
  if (opts.detach || opts.quiet) return;
  await printProgress(io, engine, ID, ID);
}

const list = (f: FlagValues<readonly FlagSpec[]>, name: string): string[] => (f[name] as string[] | undefined) ?? [];
const str = (f: FlagValues<readonly FlagSpec[]>, name: string): string => (f[name] as string | undefined) ?? '';

export const createCommand: CommandSpec = {
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  args: requiresMinArgs(1),
  interspersed: false,
  flags: CREATE_FLAGS,
  run: ({ args, flags, changed, io, engine }) =>
    runCreate(
      {
        image: args[0],
        args: args.slice(1),
        name: str(flags, 'name'),
        mode: (flags.mode as string | undefined) ?? 'replicated',
        replicas: changed.has('replicas') ? Number(flags.replicas) : undefined,
        secrets: list(flags, 'secret'),
        env: list(flags, 'env'),
        envFiles: list(flags, 'env-file'),
        labels: list(flags, 'label'),
        containerLabels: list(flags, 'container-label'),
        user: str(flags, 'user'),
        workdir: str(flags, 'workdir'),
        hostname: str(flags, 'hostname'),
        detach: Boolean(flags.detach),
        quiet: Boolean(flags.quiet),
        noResolveImage: Boolean(flags['no-resolve-image']),
      },
      io,
      engine(),
    ),
};
