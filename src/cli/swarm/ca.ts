// `swarm ca` (docker/cli cli/command/swarm/ca.go): shows the root CA, or replaces it with --rotate.
// The rotation converges at once on a one-node simulated swarm, so no progress is drawn.
import { readFileSync } from 'node:fs';
import type { Engine } from '../../engine/client.js';
import { goPathError } from '../../go/os/error.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, defineFlag, noArgs } from '../command.js';
import { swarmCAFlags } from './opts.js';

export interface CAOptions {
  rotate: boolean;
  detach: boolean;
  quiet: boolean;
  caCert?: string;
  caKey?: string;
  /** The CA flags given, which need --rotate. */
  changed: ReadonlySet<string>;
}

/** A PEMFile flag: read and checked when parsed, so a bad file is a flag error (exit 125). */
const pemFileFlag = <const N extends string>(name: N, usage: string) =>
  defineFlag({ name, varname: 'pem-file', usage, kind: 'value', parse: readPEM });

export async function runCA(opts: CAOptions, io: IOStreams, engine: Engine): Promise<void> {
  const swarm = await engine.swarmInspect();
  if (!opts.rotate) {
    for (const f of ['ca-cert', 'ca-key', 'cert-expiry', 'external-ca']) {
      if (opts.changed.has(f)) throw new Error(`\`--${f}\` flag requires the \`--rotate\` flag to update the CA`);
    }
    return displayTrustRoot(io, swarm.TrustRoot);
  }
  if (opts.changed.has('external-ca') && !opts.changed.has('ca-cert')) {
    throw new Error(
      "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - to add an external CA with the current root CA certificate, use the `update` command instead",
    );
  }
  if (opts.changed.has('ca-cert') && !opts.changed.has('external-ca') && !opts.changed.has('ca-key')) {
    throw new Error('the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be provided as well');
  }
  await engine.swarmUpdate({ spec: {}, rotateCA: { cert: opts.caCert } });
  if (opts.detach || opts.quiet) return;
  displayTrustRoot(io, (await engine.swarmInspect()).TrustRoot);
}

function displayTrustRoot(io: IOStreams, trustRoot: string): void {
  if (trustRoot === '') throw new Error('No CA information available');
  io.stdout.write(`${trustRoot.trim()}\n`);
}

/** PEMFile.Set: the file must exist and hold a PEM block; the flag's value becomes its contents. */
function readPEM(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(goPathError(err as NodeJS.ErrnoException, path));
  }
  if (!/-----BEGIN [^-]+-----[\s\S]*-----END [^-]+-----/.test(text)) throw new Error('file contents must be in PEM format');
  return text;
}

export const caCommand = defineCommand({
  use: 'ca [OPTIONS]',
  short: 'Display and rotate the root CA',
  args: noArgs,
  flags: [
    ...swarmCAFlags,
    {
      name: 'rotate',
      varname: '',
      usage: 'Rotate the swarm CA - if no certificate or key are provided, new ones will be generated',
      kind: 'bool',
    },
    pemFileFlag('ca-cert', 'Path to the PEM-formatted root CA certificate to use for the new cluster'),
    pemFileFlag('ca-key', 'Path to the PEM-formatted root CA key to use for the new cluster'),
    {
      name: 'detach',
      shorthand: 'd',
      varname: '',
      usage: 'Exit immediately instead of waiting for the root rotation to converge',
      kind: 'bool',
    },
    { name: 'quiet', shorthand: 'q', varname: '', usage: 'Suppress progress output', kind: 'bool' },
  ],
  run: ({ flags, changed, io, engine }) =>
    runCA(
      {
        rotate: flags.rotate,
        detach: flags.detach,
        quiet: flags.quiet,
        caCert: flags['ca-cert'],
        caKey: flags['ca-key'],
        changed,
      },
      io,
      engine(),
    ),
});
