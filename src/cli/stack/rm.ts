// `stack rm` (docker/cli cli/command/stack/remove.go): for each stack, its services (sorted by
// name), then its secrets, its configs, then its networks, each found by the namespace label. A
// failure is reported without a newline (as docker's Fprintf does) and the next objects are still
// removed.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { joinErrors } from '../errors.js';
import { stackFilter, validateStackNames } from './common.js';

export interface StackRemoveOptions {
  namespaces: string[];
  /** Docker waits for the tasks to stop unless detached; the simulated swarm stops them at once. */
  detach: boolean;
}

type RemoveEngine = Pick<
  Engine,
  'serviceList' | 'serviceRemove' | 'secretList' | 'secretRemove' | 'configList' | 'configRemove' | 'networkList' | 'networkRemove'
>;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function runStackRemove(opts: StackRemoveOptions, io: IOStreams, engine: RemoveEngine): Promise<void> {
  validateStackNames(opts.namespaces);
  const errors: Error[] = [];
  for (const namespace of opts.namespaces) {
    const filter = stackFilter(namespace);
    const services = await engine.serviceList(filter);
    const networks = await engine.networkList(filter);
    const secrets = await engine.secretList(filter);
    const configs = await engine.configList(filter);
    if (services.length + networks.length + secrets.length + configs.length === 0) {
      io.stderr.write(`Nothing found in stack: ${namespace}\n`);
      continue;
    }
    let failed = false;
    const remove = async (kind: string, name: string, id: string, op: () => Promise<void>): Promise<void> => {
      io.stdout.write(`Removing ${kind} ${name}\n`);
      try {
        await op();
      } catch (err) {
        failed = true;
        io.stderr.write(`Failed to remove ${kind} ${id}: ${(err as Error).message}`);
      }
    };
    for (const s of services.sort((a, b) => byName(a.Spec.Name, b.Spec.Name))) {
      await remove('service', s.Spec.Name, s.ID, () => engine.serviceRemove(s.ID));
    }
    // docker lists secrets, configs and networks in store order (their random IDs); tsecret sorts by name
    for (const s of secrets.sort((a, b) => byName(a.Spec.Name, b.Spec.Name))) {
      await remove('secret', s.Spec.Name, s.ID, () => engine.secretRemove(s.ID));
    }
    for (const c of configs.sort((a, b) => byName(a.Spec.Name, b.Spec.Name))) {
      await remove('config', c.Spec.Name, c.ID, () => engine.configRemove(c.ID));
    }
    for (const n of networks.sort((a, b) => byName(a.Name, b.Name))) {
      await remove('network', n.Name, n.Id, () => engine.networkRemove(n.Id));
    }
    if (failed) errors.push(new Error(`failed to remove some resources from stack: ${namespace}`));
  }
  const err = joinErrors(errors);
  if (err) throw err;
}

export const stackRemoveCommand = defineCommand({
  use: 'rm [OPTIONS] STACK [STACK...]',
  aliases: ['remove', 'down'],
  short: 'Remove one or more stacks',
  args: requiresMinArgs(1),
  flags: [
    {
      name: 'detach',
      shorthand: 'd',
      varname: '',
      usage: 'Do not wait for stack removal',
      kind: 'bool',
      defaultText: 'true',
      default: true,
    },
  ],
  run: ({ args, flags, io, engine }) => runStackRemove({ namespaces: args, detach: flags.detach }, io, engine()),
});
