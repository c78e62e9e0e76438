// Flags shared by `swarm init` and `swarm update` (docker/cli cli/command/swarm/opts.go).

import type { SwarmSpecUpdate } from '../../api/swarm.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import { parseGoDuration } from '../../go/time/duration.js';
import { defineFlags, type FlagValues } from '../command.js';

/** pflag's uint/uint32/uint64 flags; the number is exact for every value the simulation reads. */
export const uintParser =
  (bits: number) =>
  (v: string): number =>
    Number(parseGoInt(v, bits, false));

/** swarm.parseExternalCA: protocol=cfssl,url=... */
function parseExternalCA(v: string): string {
  let hasProtocol = false;
  let hasURL = false;
  for (const field of v.split(',')) {
    const eq = field.indexOf('=');
    if (eq < 0) throw new Error(`invalid field '${field}' must be a key=value pair`);
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (key === 'protocol') {
      hasProtocol = true;
      if (value.toLowerCase() !== 'cfssl') throw new Error(`unrecognized external CA protocol ${value}`);
    } else if (key === 'url') hasURL = true;
  }
  if (!hasProtocol) throw new Error('the external-ca option needs a protocol= parameter');
  if (!hasURL) throw new Error('the external-ca option needs a url= parameter');
  return v;
}

/** An --external-ca value as the spec keeps it (the protocol lower-cased, as swarm.ExternalCAProtocol). */
function externalCA(v: string): { Protocol: string; URL: string } {
  const ca = { Protocol: '', URL: '' };
  for (const field of v.split(',')) {
    const eq = field.indexOf('=');
    const key = field.slice(0, eq).toLowerCase();
    if (key === 'protocol') ca.Protocol = field.slice(eq + 1).toLowerCase();
    else if (key === 'url') ca.URL = field.slice(eq + 1);
  }
  return ca;
}

/** addSwarmCAFlags: the CA settings, which `swarm ca` takes too. Durations read as nanoseconds. */
export const swarmCAFlags = defineFlags([
  {
    name: 'cert-expiry',
    varname: 'duration',
    usage: 'Validity period for node certificates (ns|us|ms|s|m|h)',
    kind: 'value',
    defaultText: '2160h0m0s',
    parse: parseGoDuration,
  },
  {
    name: 'external-ca',
    varname: 'external-ca',
    usage: 'Specifications of one or more certificate signing endpoints',
    kind: 'list',
    parse: parseExternalCA,
  },
]);

/** addSwarmFlags: the cluster settings both commands take. */
export const swarmSpecFlags = defineFlags([
  {
    name: 'task-history-limit',
    varname: 'int',
    usage: 'Task history retention limit',
    kind: 'value',
    defaultText: '5',
    parse: (v) => Number(parseGoInt(v, 64, true)),
  },
  {
    name: 'dispatcher-heartbeat',
    varname: 'duration',
    usage: 'Dispatcher heartbeat period (ns|us|ms|s|m|h)',
    kind: 'value',
    defaultText: '5s',
    parse: parseGoDuration,
  },
  { name: 'max-snapshots', varname: 'uint', usage: 'Number of additional Raft snapshots to retain', kind: 'value', parse: uintParser(64) },
  {
    name: 'snapshot-interval',
    varname: 'uint',
    usage: 'Number of log entries between Raft snapshots',
    kind: 'value',
    defaultText: '10000',
    parse: uintParser(64),
  },
  ...swarmCAFlags,
]);

/**
 * mergeSwarmSpec: only the flags given on the command line change the spec (a parsed flag reads
 * as undefined unless given; --autolock is a switch, so `changed` tells).
 */
export function swarmSpecFrom(
  flags: FlagValues<typeof swarmSpecFlags> & { autolock: boolean },
  changed: ReadonlySet<string>,
): SwarmSpecUpdate {
  const spec: SwarmSpecUpdate = {};
  if (flags['task-history-limit'] !== undefined) spec.TaskHistoryRetentionLimit = flags['task-history-limit'];
  if (flags['cert-expiry'] !== undefined) spec.NodeCertExpiry = flags['cert-expiry'];
  if (flags['dispatcher-heartbeat'] !== undefined) spec.HeartbeatPeriod = flags['dispatcher-heartbeat'];
  if (flags['snapshot-interval'] !== undefined) spec.SnapshotInterval = flags['snapshot-interval'];
  if (flags['max-snapshots'] !== undefined) spec.KeepOldSnapshots = flags['max-snapshots'];
  if (changed.has('external-ca')) spec.ExternalCAs = flags['external-ca'].map(externalCA);
  if (changed.has('autolock')) spec.AutoLockManagers = flags.autolock;
  return spec;
}
