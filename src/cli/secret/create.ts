// `secret create` (docker/cli cli/command/secret/create.go).
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SecretSpec } from '../../api/swarm.js';
import type { Engine } from '../../engine/client.js';
import { goPathError } from '../../go/os/error.js';
import { type IOStreams, readFdAtMost, readInput } from '../../iostreams/iostreams.js';
import { defineCommand, requiresRangeArgs } from '../command.js';
import { labelsToMap, validateLabel } from '../flags.js';

export interface CreateOptions {
  name: string;
  /** "-" for stdin, "" when not given. */
  file: string;
  driver: string;
  templateDriver: string;
  labels: string[];
}

/** The CLI reads at most twice the daemon's limit, so an oversized payload still reaches its check. */
const READ_LIMIT = 2 * 500 * 1024;

export async function runCreate(opts: CreateOptions, io: IOStreams, engine: Engine): Promise<void> {
  let data: Buffer | undefined;
  if (opts.driver !== '') {
    if (opts.file !== '') throw new Error('When using secret driver secret data must be empty');
  } else {
    data = await readSecretData(io, opts.file);
  }
  const spec: SecretSpec = { Name: opts.name, Labels: labelsToMap(opts.labels), Data: data };
  if (opts.driver !== '') spec.Driver = { Name: opts.driver };
  if (opts.templateDriver !== '') spec.Templating = { Name: opts.templateDriver };
  const { ID } = await engine.secretCreate(spec);
  io.stdout.write(`${ID}\n`);
}

/** The data of `secret create`, with its errors; `secret rotate` and `secret verify` read theirs the same way. */
export function readSecretData(io: IOStreams, file: string): Promise<Buffer> {
  return readObjectData('secret', io, file, READ_LIMIT);
}

/**
 * readSecretData / readConfigData: "-" is stdin, anything else a file; at most `limit` bytes are
 * read, and no data at all is refused here, before the daemon is asked.
 */
export async function readObjectData(kind: 'secret' | 'config', io: IOStreams, file: string, limit: number): Promise<Buffer> {
  if (file === '') throw new Error(`${kind} file is required`);
  if (file === '-') {
    const data = await readInput(io, limit);
    if (data.length === 0) throw new Error('error reading from STDIN: data is empty');
    return data;
  }
  let data: Buffer;
  try {
    data = readAtMost(resolve(io.cwd, file), limit);
  } catch (err) {
    throw new Error(`error reading from ${file}: ${goPathError(err as NodeJS.ErrnoException, file)}`);
  }
  if (data.length === 0) throw new Error(`error reading from ${file}: data is empty`);
  return data;
}

/** io.ReadAll(io.LimitReader(f, limit)): a device or file without end (/dev/zero) stops at limit. */
function readAtMost(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readFdAtMost(fd, limit);
  } finally {
    closeSync(fd);
  }
}

export const createCommand = defineCommand({
  use: 'create [OPTIONS] SECRET [file|-]',
  short: 'Create a secret from a file or STDIN as content',
  args: requiresRangeArgs(1, 2),
  flags: [
    { name: 'label', shorthand: 'l', varname: 'list', usage: 'Secret labels', kind: 'list', parse: validateLabel },
    { name: 'driver', shorthand: 'd', varname: 'string', usage: 'Secret driver', kind: 'value' },
    { name: 'template-driver', varname: 'string', usage: 'Template driver', kind: 'value' },
  ],
  run: ({ args, flags, io, engine }) =>
    runCreate(
      {
        name: args[0],
        file: args[1] ?? '',
        driver: flags.driver,
        templateDriver: flags['template-driver'],
        labels: flags.label,
      },
      io,
      engine(),
    ),
});
