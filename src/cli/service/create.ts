// `service create` (docker/cli cli/command/service/create.go).

import type { ServiceMode } from '../../api/services.js';
import type { Engine } from '../../engine/client.js';
import { imageWithTag } from '../../engine/image-reference.js';
import { resolveConfigRefs, resolveSecretRefs } from '../../engine/resolve-references.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { labelsToMap } from '../flags.js';
import { CREATE_FLAGS } from './flag-specs.js';
import { printProgress } from './progress.js';
import { defaultTaskSpec, digestWarning, readEnv, serviceEnv, serviceSpec } from './spec.js';

export interface CreateOptions {
  image: string;
  args: string[];
  name: string;
  mode: string;
  replicas?: number;
  secrets: string[];
  /** --config values (docker's setConfigs resolves them after the secrets). */
  configs: string[];
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
  const configs = await resolveConfigRefs(engine, opts.configs);
  if (configs.length) spec.Configs = configs;
  const { ID } = await engine.serviceCreate(serviceSpec(opts.name, labelsToMap(opts.labels), task, mode));
  // the daemon's response warning: there is no registry to ask, so the digest is never recorded
  if (!opts.noResolveImage) io.stderr.write(`${digestWarning(spec.Image)}\n`);
  io.stdout.write(`${ID}\n`);
  if (opts.detach || opts.quiet) return;
  await printProgress(io, engine, ID, ID);
}

export const createCommand = defineCommand({
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  args: requiresMinArgs(1),
  interspersed: false,
  flags: CREATE_FLAGS,
  run: ({ args, flags, io, engine }) =>
    runCreate(
      {
        image: args[0],
        args: args.slice(1),
        name: flags.name,
        mode: flags.mode,
        replicas: flags.replicas,
        secrets: flags.secret,
        configs: flags.config,
        env: flags.env,
        envFiles: flags['env-file'],
        labels: flags.label,
        containerLabels: flags['container-label'],
        user: flags.user,
        workdir: flags.workdir,
        hostname: flags.hostname,
        detach: flags.detach,
        quiet: flags.quiet,
        noResolveImage: flags['no-resolve-image'],
      },
      io,
      engine(),
    ),
});
