// `tsecret secret rotate`: tsecret's own verb. Docker keeps a secret's data immutable and has no
// command to change it (moby/moby#29882, #35048, docker/cli#203), so its docs rotate by hand:
// create a new secret, swap it into each service with `service update --secret-rm old
// --secret-add source=new,target=<same>`, then remove the old one. This does exactly those steps
// through the engine API, as the docker CLI would, or prints them as docker commands (--dry-run).

import type { SecretReference, Service } from '../../api/services.js';
import type { Secret } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import { rpcError } from '../../engine/errors.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresRangeArgs } from '../command.js';
import { joinErrors } from '../errors.js';
import { readSecretData } from './create.js';

/** The label `docker stack deploy` puts on what it creates (docker/cli convert.LabelNamespace). */
const STACK_NAMESPACE = 'com.docker.stack.namespace';

/** What --dry-run pipes into `secret create -` when the data comes from stdin: never the value. */
export const STDIN_PLACEHOLDER = 'printf %s "$SECRET_VALUE"';

export interface RotateOptions {
  /** The secret to replace: name or ID, resolved as `secret inspect` does. */
  secret: string;
  /** "-" for stdin, "" when not given (an error, as for `secret create`). */
  file: string;
  /** --name; undefined: the next version of the old name. */
  newName?: string;
  keep: boolean;
  dryRun: boolean;
}

/** `<name>_v<N+1>` when the name ends in `_v<N>` (keeping leading zeros' width), else `<name>_v2`. */
export function nextVersionName(name: string): string {
  const m = /^(.*_v)(\d+)$/.exec(name);
  if (!m) return `${name}_v2`;
  return `${m[1]}${(BigInt(m[2]) + 1n).toString().padStart(m[2].length, '0')}`;
}

/** A word for /bin/sh: as is when it holds no special character, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One field of docker's CSV-read `--secret-add` value (Go encoding/csv): quoted when it must be. */
const csvField = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** `--secret-add` for a reference moved to `source`: the same target, uid, gid and mode. */
export function secretAddValue(source: string, file: SecretReference['File']): string {
  const mode = `0${file.Mode.toString(8)}`;
  return [`source=${source}`, `target=${file.Name}`, `uid=${file.UID}`, `gid=${file.GID}`, `mode=${mode}`].map(csvField).join(',');
}

const refsOf = (service: Service): SecretReference[] => service.Spec.TaskTemplate.ContainerSpec.Secrets ?? [];

/**
 * The references after `--secret-rm <old> --secret-add …` (docker/cli service/update.go
 * getUpdatedSecrets): the others first, in their order, then the moved ones, in theirs.
 */
export function swapReferences(refs: SecretReference[], oldID: string, next: { ID: string; Name: string }): SecretReference[] {
  const kept = refs.filter((r) => r.SecretID !== oldID);
  const moved = refs.filter((r) => r.SecretID === oldID).map((r) => ({ File: { ...r.File }, SecretID: next.ID, SecretName: next.Name }));
  return [...kept, ...moved];
}

/** The docker commands that rotate the secret on a real swarm, one per line. */
export function dryRunCommands(old: Secret, newName: string, file: string, services: Service[], keep: boolean): string[] {
  const create = ['docker', 'secret', 'create'];
  for (const key of Object.keys(old.Spec.Labels).sort()) {
    const value = old.Spec.Labels[key];
    create.push('--label', value === '' ? key : `${key}=${value}`);
  }
  if (old.Spec.Templating?.Name) create.push('--template-driver', old.Spec.Templating.Name);
  create.push(newName, file === '-' ? '-' : file);
  const lines = [`${file === '-' ? `${STDIN_PLACEHOLDER} | ` : ''}${create.map(shellQuote).join(' ')}`];
  for (const service of services) {
    const moved = refsOf(service).filter((r) => r.SecretID === old.ID);
    const update = ['docker', 'service', 'update', '--quiet'];
    // --secret-rm removes every reference with that source name; docker matches the name as stored
    for (const name of new Set(moved.map((r) => r.SecretName))) update.push('--secret-rm', name);
    for (const ref of moved) update.push('--secret-add', secretAddValue(newName, ref.File));
    update.push(service.Spec.Name);
    lines.push(update.map(shellQuote).join(' '));
  }
  if (!keep) lines.push(['docker', 'secret', 'rm', old.Spec.Name].map(shellQuote).join(' '));
  return lines;
}

export async function runRotate(opts: RotateOptions, io: IOStreams, engine: Engine): Promise<void> {
  const old = await engine.secretInspect(opts.secret);
  const stack = old.Spec.Labels[STACK_NAMESPACE];
  if (stack !== undefined) {
    // the stack's next deploy would put the old secret back in its services
    throw new Error(
      `secret ${old.Spec.Name} belongs to stack ${stack} (label ${STACK_NAMESPACE}), whose next deploy would undo a rotation: give the secret a new name: in the compose file and run stack deploy again`,
    );
  }
  const newName = opts.newName ?? nextVersionName(old.Spec.Name);
  // the daemon's words for a taken name, before any data is read (it checks names ignoring case)
  if ((await engine.secretList(new Map([['names', [newName]]]))).length > 0)
    throw rpcError('AlreadyExists', `secret ${newName} already exists`);
  const services = (await engine.serviceList(new Map()))
    .filter((s) => refsOf(s).some((r) => r.SecretID === old.ID))
    .sort((a, b) => (a.Spec.Name < b.Spec.Name ? -1 : a.Spec.Name > b.Spec.Name ? 1 : 0));
  for (const service of services) {
    const owner = service.Spec.Labels[STACK_NAMESPACE];
    if (owner !== undefined) {
      io.stderr.write(
        `warning: service ${service.Spec.Name} belongs to stack ${owner}: change ${old.Spec.Name} to ${newName} in its compose file before the stack's next deploy\n`,
      );
    }
  }
  if (opts.dryRun) {
    // a file is checked as `secret create` would read it; stdin is left for the real run
    if (opts.file !== '-') await readSecretData(io, opts.file);
    io.stdout.write(`${dryRunCommands(old, newName, opts.file, services, opts.keep).join('\n')}\n`);
    return;
  }
  const data = await readSecretData(io, opts.file);
  const { ID } = await engine.secretCreate({
    Name: newName,
    Labels: { ...old.Spec.Labels },
    Data: data,
    ...(old.Spec.Templating ? { Templating: { ...old.Spec.Templating } } : {}),
  });
  io.stdout.write(`${newName}\n`);
  const failures: Error[] = [];
  for (const { ID: serviceID } of services) {
    // one update per service, on the spec as it is now, with the version just read
    try {
      const service = await engine.serviceInspect(serviceID);
      const spec = structuredClone(service.Spec);
      spec.TaskTemplate.ContainerSpec.Secrets = swapReferences(refsOf(service), old.ID, { ID, Name: newName });
      await engine.serviceUpdate(service.ID, service.Version, spec);
    } catch (err) {
      failures.push(new Error(`service ${services.find((s) => s.ID === serviceID)?.Spec.Name}: ${(err as Error).message}`));
    }
  }
  if (failures.length) {
    failures.push(new Error(`secret ${old.Spec.Name} is kept: a service still uses it`));
    throw joinErrors(failures);
  }
  if (!opts.keep) await engine.secretRemove(old.ID);
}

export const rotateCommand = defineCommand({
  use: 'rotate [OPTIONS] SECRET [file|-]',
  short: 'Replace a secret with a new version in every service that uses it',
  own: true,
  args: requiresRangeArgs(1, 2),
  flags: [
    { name: 'name', varname: 'string', usage: 'Name of the new secret (default: <name>_v<N+1>, or <name>_v2)', kind: 'value' },
    { name: 'keep', varname: '', usage: 'Keep the old secret once no service uses it', kind: 'bool' },
    { name: 'dry-run', varname: '', usage: 'Change nothing; print the docker commands that do the same rotation', kind: 'bool' },
  ],
  run: ({ args, flags, changed, io, engine }) =>
    runRotate(
      {
        secret: args[0],
        file: args[1] ?? '',
        // absent, the name is derived from the old one; given, even empty, it is used as is
        newName: changed.has('name') ? flags.name : undefined,
        keep: flags.keep,
        dryRun: flags['dry-run'],
      },
      io,
      engine(),
    ),
});
