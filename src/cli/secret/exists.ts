// `tsecret secret exists`: tsecret's own verb (docker has none), for scripts that create a secret
// only when it is missing. Exit statuses as podman's `secret exists`: 0 found, 1 not found, and
// 125 when the answer could not be had (not a manager, an ambiguous ID prefix), with the reason.

import type { Engine } from '../../engine/client.js';
import { DaemonError } from '../../engine/errors.js';
import { defineCommand, exactArgs } from '../command.js';
import { StatusError } from '../errors.js';

/** The daemon's "secret X not found" (404), as opposed to any other failure. */
export const isNotFound = (err: unknown): boolean => err instanceof DaemonError && err.statusCode === 404;

export async function runExists(name: string, engine: Engine): Promise<void> {
  try {
    // resolved as `secret inspect` resolves it: full ID, name ignoring case, ID prefix
    await engine.secretInspect(name);
  } catch (err) {
    if (isNotFound(err)) throw new StatusError('', 1);
    throw new StatusError((err as Error).message, 125);
  }
}

export const existsCommand = defineCommand({
  use: 'exists SECRET',
  short: 'Exit with 0 when a secret exists, 1 when it does not',
  own: true,
  args: exactArgs(1),
  run: ({ args, engine }) => runExists(args[0], engine()),
});
