// `stack deploy|up` (docker/cli cli/command/stack/deploy.go, loader/loader.go, swarm/deploy.go and
// deploy_composefile.go). The order is docker's: load the files (warnings, image references), check
// --resolve-image, the detach notice, the manager check, prune, networks, secrets, configs, then
// the services, each created or updated. Every step that succeeded stays done when a later one
// fails (a missing external secret or config fails after the networks, secrets and configs were
// made, as in docker), but the whole deploy is one change of the store: a deploy killed half-way
// changes nothing. Where docker walks a Go map (networks, secrets, configs, services), tsecret
// goes by name.

import type { ConfigSpec, SecretSpec } from '../../api/swarm.js';
import type { ConvertedService, Namespace } from '../../compose/convert.js';
import type { Config } from '../../compose/types.js';
import type { Engine } from '../../engine/client.js';
import { DaemonError } from '../../engine/errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { printProgress } from '../service/progress.js';
import { LABEL_IMAGE, stackFilter, validateStackName } from './common.js';
import { composeFileFlag, loadComposefile } from './compose-files.js';

export const RESOLVE_IMAGE_ALWAYS = 'always';
export const RESOLVE_IMAGE_CHANGED = 'changed';
export const RESOLVE_IMAGE_NEVER = 'never';

export interface DeployOptions {
  namespace: string;
  composeFiles: string[];
  prune: boolean;
  resolveImage: string;
  detach: boolean;
  /** --detach given on the command line (otherwise docker explains its default on stderr). */
  detachChanged: boolean;
  quiet: boolean;
  withRegistryAuth: boolean;
}

const isNotFound = (err: unknown): boolean => err instanceof DaemonError && err.statusCode === 404;

/** The converter is only loaded for the stack commands that need it. */
async function loadConfig(opts: DeployOptions, io: IOStreams): Promise<Config> {
  const result = await loadComposefile(opts.composeFiles, io, { deploy: true });
  io.stderr.write(result.warnings);
  const { validateImageReference } = await import('../../compose/convert.js');
  // loader.LoadComposefile: every service needs a valid image reference
  for (const service of result.config.services) {
    const problem = validateImageReference(service.image ?? '');
    if (problem) throw new Error(`invalid image reference for service ${service.name}: ${problem}`);
  }
  return result.config;
}

export async function runDeploy(opts: DeployOptions, io: IOStreams, engine: Engine): Promise<void> {
  validateStackName(opts.namespace);
  const config = await loadConfig(opts, io);
  if (![RESOLVE_IMAGE_ALWAYS, RESOLVE_IMAGE_CHANGED, RESOLVE_IMAGE_NEVER].includes(opts.resolveImage)) {
    throw new Error(`Invalid option ${opts.resolveImage} for flag --resolve-image`);
  }
  if (opts.detach && !opts.detachChanged) {
    io.stderr.write(
      'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n',
    );
  }
  await deployCompose(opts, config, io, engine);
}

async function deployCompose(opts: DeployOptions, config: Config, io: IOStreams, engine: Engine): Promise<void> {
  const convert = await import('../../compose/convert.js');
  if ((await engine.info()).Swarm.LocalNodeState !== 'active') {
    throw new Error(
      'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again',
    );
  }
  const ns = new convert.Namespace(opts.namespace);
  // The secret and config files are read before anything changes, so a deploy killed while it
  // reads one (a FIFO, a slow disk) has changed nothing; a failed read is reported where docker
  // reports it.
  let secrets: SecretSpec[] | Error;
  try {
    secrets = convert.convertSecrets(ns, config.secrets);
  } catch (err) {
    secrets = err as Error;
  }
  let configs: ConfigSpec[] | Error;
  try {
    configs = convert.convertConfigs(ns, config.configs);
  } catch (err) {
    configs = err as Error;
  }
  // One change: killed half-way, the deploy leaves no network, secret or config behind (docker is not atomic here).
  const change = () => deployChanges(opts, config, ns, secrets, configs, io, engine, convert);
  const ids = await (engine.transaction ? engine.transaction(change) : change());
  if (opts.detach) return;
  for (const id of ids) {
    // WaitOnService: progress per service, nothing with -q
    if (!opts.quiet) await printProgress(io, engine, id, id);
  }
}

/** Prune, networks, secrets, configs, services: what the deploy changes, in docker's order; the services' IDs. */
async function deployChanges(
  opts: DeployOptions,
  config: Config,
  ns: Namespace,
  secrets: SecretSpec[] | Error,
  configs: ConfigSpec[] | Error,
  io: IOStreams,
  engine: Engine,
  convert: typeof import('../../compose/convert.js'),
): Promise<string[]> {
  if (opts.prune) await pruneServices(ns, new Set(config.services.map((s) => s.name)), io, engine);

  const networks = convert.convertNetworks(ns, config.networks, convert.serviceNetworkKeys(config.services));
  for (const name of networks.external) {
    if (!convert.isUserDefinedNetwork(name)) continue;
    let scope: string;
    try {
      scope = (await engine.networkInspect(name)).Scope;
    } catch (err) {
      if (isNotFound(err)) {
        throw new Error(
          `network ${JSON.stringify(name)} is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`,
        );
      }
      throw err;
    }
    if (scope !== 'swarm') {
      throw new Error(
        `network ${JSON.stringify(name)} is declared as external, but it is not in the right scope: ${JSON.stringify(scope)} instead of "swarm"`,
      );
    }
  }
  const existingNetworks = new Set((await engine.networkList(stackFilter(opts.namespace))).map((n) => n.Name));
  for (const req of networks.create) {
    if (existingNetworks.has(req.Name)) continue;
    io.stdout.write(`Creating network ${req.Name}\n`);
    try {
      await engine.networkCreate({ ...req, Driver: req.Driver || 'overlay' });
    } catch (err) {
      throw new Error(`failed to create network ${req.Name}: ${(err as Error).message}`);
    }
  }

  if (secrets instanceof Error) throw secrets;
  await createObjects('secret', secrets, io, {
    inspect: (name) => engine.secretInspect(name),
    update: (existing, spec) => engine.secretUpdate(existing.ID, existing.Version, spec),
    create: (spec) => engine.secretCreate(spec),
  });
  if (configs instanceof Error) throw configs;
  await createObjects('config', configs, io, {
    inspect: (name) => engine.configInspect(name),
    update: (existing, spec) => engine.configUpdate(existing.ID, existing.Version, spec),
    create: (spec) => engine.configCreate(spec),
  });

  const services = await convert.convertServices(ns, config, engine);
  return deployServices(ns, services, opts, io, engine);
}

/**
 * createSecrets / createConfigs: an object the stack already has is updated (only its labels may
 * change, so a changed file is refused), any other is created.
 */
async function createObjects<Spec extends { Name: string }, Existing>(
  kind: 'secret' | 'config',
  specs: Spec[],
  io: IOStreams,
  ops: {
    inspect(name: string): Promise<Existing>;
    update(existing: Existing, spec: Spec): Promise<void>;
    create(spec: Spec): Promise<unknown>;
  },
): Promise<void> {
  for (const spec of specs) {
    let existing: Existing | undefined;
    try {
      existing = await ops.inspect(spec.Name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (existing) {
      try {
        await ops.update(existing, spec);
      } catch (err) {
        throw new Error(`failed to update ${kind} ${spec.Name}: ${(err as Error).message}`);
      }
      continue;
    }
    io.stdout.write(`Creating ${kind} ${spec.Name}\n`);
    try {
      await ops.create(spec);
    } catch (err) {
      throw new Error(`failed to create ${kind} ${spec.Name}: ${(err as Error).message}`);
    }
  }
}

/** pruneServices: the stack's services whose key the files no longer have; failures are only printed. */
async function pruneServices(ns: Namespace, keep: Set<string>, io: IOStreams, engine: Engine): Promise<void> {
  let services: Awaited<ReturnType<Engine['serviceList']>> = [];
  try {
    services = await engine.serviceList(stackFilter(ns.name));
  } catch (err) {
    io.stderr.write(`Failed to list services: ${(err as Error).message}\n`);
  }
  const stale = services
    .filter((s) => !keep.has(ns.descope(s.Spec.Name)))
    .sort((a, b) => (a.Spec.Name < b.Spec.Name ? -1 : a.Spec.Name > b.Spec.Name ? 1 : 0));
  for (const s of stale) {
    io.stdout.write(`Removing service ${s.Spec.Name}\n`);
    try {
      await engine.serviceRemove(s.ID);
    } catch (err) {
      io.stderr.write(`Failed to remove service ${s.ID}: ${(err as Error).message}`);
    }
  }
}

/** deployServices: update the stack's services that exist, create the others; their IDs in order. */
async function deployServices(
  ns: Namespace,
  services: ConvertedService[],
  opts: DeployOptions,
  io: IOStreams,
  engine: Engine,
): Promise<string[]> {
  const existing = new Map((await engine.serviceList(stackFilter(ns.name))).map((s) => [s.Spec.Name, s]));
  const ids: string[] = [];
  for (const { key, spec } of services) {
    const name = ns.scope(key);
    const image = spec.TaskTemplate.ContainerSpec.Image;
    const written = spec.Labels[LABEL_IMAGE];
    const current = existing.get(name);
    if (current) {
      io.stdout.write(`Updating service ${name} (id: ${current.ID})\n`);
      let queryRegistry = false;
      if (opts.resolveImage === RESOLVE_IMAGE_ALWAYS) queryRegistry = true;
      else if (opts.resolveImage === RESOLVE_IMAGE_CHANGED && written !== current.Spec.Labels[LABEL_IMAGE]) queryRegistry = true;
      // an unchanged image keeps what the previous deploy resolved, so the tasks are not replaced
      else if (written === current.Spec.Labels[LABEL_IMAGE])
        spec.TaskTemplate.ContainerSpec.Image = current.Spec.TaskTemplate.ContainerSpec.Image;
      // stack deploy has no --force: keep the service's ForceUpdate
      spec.TaskTemplate.ForceUpdate = current.Spec.TaskTemplate.ForceUpdate;
      try {
        await engine.serviceUpdate(current.ID, current.Version, spec);
      } catch (err) {
        throw new Error(`failed to update service ${name}: ${(err as Error).message}`);
      }
      // the update's warnings are printed (Fprintln: the warning's own newline, then another)
      if (queryRegistry) io.stderr.write(`${unresolvableImageWarning(image)}\n`);
      ids.push(current.ID);
    } else {
      io.stdout.write(`Creating service ${name}\n`);
      // a create's warnings (an image the registry could not resolve) are not printed by docker
      try {
        ids.push((await engine.serviceCreate(spec)).ID);
      } catch (err) {
        throw new Error(`failed to create service ${name}: ${(err as Error).message}`);
      }
    }
  }
  return ids;
}

/** The Go client's warning when it cannot pin an image to a digest (no registry is ever reachable here). */
const unresolvableImageWarning = (image: string): string =>
  `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;

export const deployCommand = defineCommand({
  use: 'deploy [OPTIONS] STACK',
  aliases: ['up'],
  short: 'Deploy a new stack or update an existing stack',
  args: exactArgs(1),
  flags: [
    composeFileFlag,
    {
      name: 'detach',
      shorthand: 'd',
      varname: '',
      usage: 'Exit immediately instead of waiting for the stack services to converge',
      kind: 'bool',
      defaultText: 'true',
      default: true,
    },
    { name: 'prune', varname: '', usage: 'Prune services that are no longer referenced', kind: 'bool' },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Suppress progress output', kind: 'bool' },
    {
      name: 'resolve-image',
      varname: 'string',
      usage: 'Query the registry to resolve image digest and supported platforms ("always", "changed", "never")',
      kind: 'value',
      defaultText: '"always"',
      default: RESOLVE_IMAGE_ALWAYS,
    },
    { name: 'with-registry-auth', varname: '', usage: 'Send registry authentication details to Swarm agents', kind: 'bool' },
  ],
  run: ({ args, flags, changed, io, engine }) =>
    runDeploy(
      {
        namespace: args[0],
        composeFiles: flags['compose-file'].flat(),
        prune: flags.prune,
        resolveImage: flags['resolve-image'],
        detach: flags.detach,
        detachChanged: changed.has('detach'),
        quiet: flags.quiet,
        withRegistryAuth: flags['with-registry-auth'],
      },
      io,
      engine(),
    ),
});
