// Flags shared by `swarm init` and `swarm update` (docker/cli cli/command/swarm/opts.go).
import type { FlagSpec, FlagValues } from '../command.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import { parseGoDuration } from '../../go/time/duration.js';
import type { SwarmSpecUpdate } from '../../api/swarm.js';

export const uintParser =
  (bits: number) =>
  (v: string): string =>
    String(parseGoInt(v, bits, false));

function checkDuration(v: string): string {
  parseGoDuration(v);
  return v;
}

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

/** addSwarmFlags: the cluster settings both commands take. */
export const swarmSpecFlags: FlagSpec[] = [
  { name: 'task-history-limit', varname: 'int', usage: 'Task history retention limit', kind: 'value', defaultText: '5', parse: (v) => String(parseGoInt(v, 64, true)) },
  { name: 'dispatcher-heartbeat', varname: 'duration', usage: 'Dispatcher heartbeat period (ns|us|ms|s|m|h)', kind: 'value', defaultText: '5s', parse: checkDuration },
  { name: 'max-snapshots', varname: 'uint', usage: 'Number of additional Raft snapshots to retain', kind: 'value', parse: uintParser(64) },
  { name: 'snapshot-interval', varname: 'uint', usage: 'Number of log entries between Raft snapshots', kind: 'value', defaultText: '10000', parse: uintParser(64) },
  { name: 'cert-expiry', varname: 'duration', usage: 'Validity period for node certificates (ns|us|ms|s|m|h)', kind: 'value', defaultText: '2160h0m0s', parse: checkDuration },
  { name: 'external-ca', varname: 'external-ca', usage: 'Specifications of one or more certificate signing endpoints', kind: 'list', parse: parseExternalCA },
];

/** mergeSwarmSpec: only the flags given on the command line change the spec. */
export function swarmSpecFrom(flags: FlagValues, changed: Set<string>): SwarmSpecUpdate {
  const spec: SwarmSpecUpdate = {};
  if (changed.has('task-history-limit')) spec.TaskHistoryRetentionLimit = Number(flags['task-history-limit']);
  if (changed.has('cert-expiry')) spec.NodeCertExpiry = parseGoDuration(flags['cert-expiry'] as string);
  if (changed.has('autolock')) spec.AutoLockManagers = Boolean(flags.autolock);
  return spec;
}
