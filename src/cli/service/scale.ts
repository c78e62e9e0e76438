// `service scale` (docker/cli cli/command/service/scale.go).

import type { Engine } from '../../engine/client.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { commandPath, defineCommand, type ResolvedCommand, useLine } from '../command.js';
import { printProgress } from './progress.js';

export interface ScaleOptions {
  specs: string[];
  detach: boolean;
}

/** scaleArgs: every argument must be SERVICE=REPLICAS (docker's older-style message). */
function checkSpecs(cmd: ResolvedCommand, args: string[]): string | undefined {
  const usage = `Usage:  ${useLine(cmd)}\n\nScale one or multiple replicated services`;
  if (args.length === 0) {
    return `${cmd.path[0]}: '${commandPath(cmd)}' requires at least 1 argument\n\n${usage.replace('\n\nScale one or multiple replicated services', '')}\n\nSee '${commandPath(cmd)} --help' for more information`;
  }
  for (const arg of args) {
    const [name, value] = arg.split('=');
    if (!arg.includes('=') || name === '' || value === '') {
      return `invalid scale specifier '${arg}'.\nSee '${commandPath(cmd)} --help'.\n\n${usage}`;
    }
  }
  return undefined;
}

export async function runScale(opts: ScaleOptions, io: IOStreams, engine: Engine): Promise<void> {
  const errors: string[] = [];
  const scaled: [string, string][] = [];
  for (const spec of opts.specs) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    const value = spec.slice(eq + 1);
    try {
      let replicas: number;
      try {
        replicas = Number(parseGoInt(value, 64, false));
      } catch {
        throw new Error(`invalid replicas value ${value}: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`);
      }
      // read as stored (no inserted defaults), as runServiceScale does
      const service = await engine.serviceInspect(name, { insertDefaults: false });
      const next = structuredClone(service.Spec);
      if ('Replicated' in next.Mode) next.Mode = { Replicated: { Replicas: replicas } };
      else if ('ReplicatedJob' in next.Mode) next.Mode = { ReplicatedJob: { ...next.Mode.ReplicatedJob, TotalCompletions: replicas } };
      else throw new Error('scale can only be used with replicated or replicated-job mode');
      await engine.serviceUpdate(service.ID, service.Version, next);
      io.stdout.write(`${name} scaled to ${replicas}\n`);
      scaled.push([service.ID, name]);
    } catch (err) {
      errors.push(`${name}: ${(err as Error).message}`);
    }
  }
  if (!opts.detach) for (const [id, name] of scaled) await printProgress(io, engine, id, name);
  if (errors.length) throw new Error(errors.join('\n'));
}

export const scaleCommand = defineCommand({
  use: 'scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  short: 'Scale one or multiple replicated services',
  args: checkSpecs,
  flags: [
    { name: 'detach', shorthand: 'd', varname: '', usage: 'Exit immediately instead of waiting for the service to converge', kind: 'bool' },
  ],
  run: ({ args, flags, io, engine }) => runScale({ specs: args, detach: flags.detach }, io, engine()),
});
