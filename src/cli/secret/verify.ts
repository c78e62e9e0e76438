// `tsecret secret verify`: tsecret's own verb (docker has none). Says whether a secret holds the
// given bytes, read as `secret create` reads its data, without ever printing the value: exit 0
// when it does, 1 with `secret X does not match` when not. The engine compares in constant time.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, requiresRangeArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { readSecretData } from './create.js';

export interface VerifyOptions {
  name: string;
  /** "-" for stdin, "" when not given (an error, as for `secret create`). */
  file: string;
}

export async function runVerify(opts: VerifyOptions, io: IOStreams, engine: Engine): Promise<void> {
  // a missing secret is reported before stdin is waited on
  const secret = await engine.secretInspect(opts.name);
  const data = await readSecretData(io, opts.file);
  if (!(await engine.secretDataEquals(secret.ID, data))) throw new StatusError(`secret ${opts.name} does not match`, 1);
}

export const verifyCommand = defineCommand({
  use: 'verify SECRET [file|-]',
  short: 'Exit with 0 when a secret holds the given data, 1 when not',
  own: true,
  args: requiresRangeArgs(1, 2),
  run: ({ args, io, engine }) => runVerify({ name: args[0], file: args[1] ?? '' }, io, engine()),
});
