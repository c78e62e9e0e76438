// `swarm init` (docker/cli cli/command/swarm/init.go).
import { noArgs, type CommandSpec, type FlagSpec } from '../command.js';
import { parseGoDuration, parseGoInt } from '../flags.js';
import type { IOStreams } from '../io.js';
import type { Engine, SwarmInitRequest } from '../../engine/api.js';
import { printJoinCommand, printUnlockCommand } from './join-command.js';

export interface InitOptions {
  listenAddr: string;
  advertiseAddr: string;
  dataPathAddr: string;
  dataPathPort: number;
  forceNewCluster: boolean;
  autolock: boolean;
  /** Set only when --availability was given, as docker checks it only then. */
  availability?: string;
  taskHistoryLimit: number;
  /** Nanoseconds; set only when --cert-expiry was given. */
  certExpiry?: number;
}

const DEFAULT_LISTEN_ADDR = '0.0.0.0:2377';

/** opts.ParseTCPAddr as NodeAddrOption uses it: fills in the default host or port. */
function parseNodeAddr(value: string): string {
  let addr = value.replace(/^tcp:\/\//, '');
  if (/^[a-z]+:\/\//i.test(value) && !value.startsWith('tcp://')) throw new Error(`Invalid proto, expected tcp: ${value}`);
  if (addr === '') return DEFAULT_LISTEN_ADDR;
  if (!/:\d*$/.test(addr) || /^\[[^\]]*\]$/.test(addr)) addr = `${addr}:2377`;
  if (addr.startsWith(':')) addr = `0.0.0.0${addr}`;
  if (addr.endsWith(':')) addr = `${addr}2377`;
  return addr;
}

const flags: FlagSpec[] = [
  { name: 'listen-addr', varname: 'node-addr', usage: 'Listen address (format: "<ip|interface>[:port]")', kind: 'value', defaultText: DEFAULT_LISTEN_ADDR, parse: parseNodeAddr },
  { name: 'advertise-addr', varname: 'string', usage: 'Advertised address (format: "<ip|interface>[:port]")', kind: 'value' },
  { name: 'data-path-addr', varname: 'string', usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")', kind: 'value' },
  {
    name: 'data-path-port',
    varname: 'uint32',
    usage: 'Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.',
    kind: 'value',
    parse: (v) => String(parseGoInt(v, 32, false)),
  },
  { name: 'force-new-cluster', varname: '', usage: 'Force create a new cluster from current state', kind: 'bool' },
  { name: 'autolock', varname: '', usage: 'Enable manager autolocking (requiring an unlock key to start a stopped manager)', kind: 'bool' },
  { name: 'availability', varname: 'string', usage: 'Availability of the node ("active", "pause", "drain")', kind: 'value', defaultText: '"active"' },
  { name: 'default-addr-pool', varname: 'ipNetSlice', usage: 'default address pool in CIDR format', kind: 'list', defaultText: '[]', parse: parseCIDR },
  {
    name: 'default-addr-pool-mask-length',
    varname: 'uint32',
    usage: 'default address pool subnet mask length',
    kind: 'value',
    defaultText: '24',
    parse: (v) => String(parseGoInt(v, 32, false)),
  },
  { name: 'task-history-limit', varname: 'int', usage: 'Task history retention limit', kind: 'value', defaultText: '5', parse: (v) => String(parseGoInt(v, 64, true)) },
  { name: 'dispatcher-heartbeat', varname: 'duration', usage: 'Dispatcher heartbeat period (ns|us|ms|s|m|h)', kind: 'value', defaultText: '5s', parse: checkDuration },
  { name: 'max-snapshots', varname: 'uint', usage: 'Number of additional Raft snapshots to retain', kind: 'value', parse: (v) => String(parseGoInt(v, 64, false)) },
  { name: 'snapshot-interval', varname: 'uint', usage: 'Number of log entries between Raft snapshots', kind: 'value', defaultText: '10000', parse: (v) => String(parseGoInt(v, 64, false)) },
  { name: 'cert-expiry', varname: 'duration', usage: 'Validity period for node certificates (ns|us|ms|s|m|h)', kind: 'value', defaultText: '2160h0m0s', parse: checkDuration },
  { name: 'external-ca', varname: 'external-ca', usage: 'Specifications of one or more certificate signing endpoints', kind: 'list', parse: parseExternalCA },
];

function checkDuration(v: string): string {
  parseGoDuration(v);
  return v;
}

function parseCIDR(v: string): string {
  for (const part of v.split(',')) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(part.trim());
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) throw new Error(`invalid CIDR address: ${part.trim()}`);
  }
  return v;
}

/** swarm.parseExternalCA: protocol=cfssl,url=... (cacert= is read from a file in docker; not needed here). */
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

export async function runInit(opts: InitOptions, io: IOStreams, engine: Engine): Promise<void> {
  const req: SwarmInitRequest = {
    ListenAddr: opts.listenAddr,
    AdvertiseAddr: opts.advertiseAddr,
    DataPathAddr: opts.dataPathAddr,
    DataPathPort: opts.dataPathPort,
    ForceNewCluster: opts.forceNewCluster,
    Availability: 'active',
    AutoLockManagers: opts.autolock,
    TaskHistoryRetentionLimit: opts.taskHistoryLimit,
    NodeCertExpiry: opts.certExpiry,
  };
  if (opts.availability !== undefined) {
    const availability = opts.availability.toLowerCase();
    if (availability !== 'active' && availability !== 'pause' && availability !== 'drain') {
      throw new Error(`invalid availability ${JSON.stringify(opts.availability)}, only active, pause and drain are supported`);
    }
    req.Availability = availability;
  }
  const nodeID = await engine.swarmInit(req);
  io.stdout.write(`Swarm initialized: current node (${nodeID}) is now a manager.\n\n`);
  await printJoinCommand(io, engine, { worker: true, manager: false });
  io.stdout.write("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n");
  if (opts.autolock) printUnlockCommand(io, await engine.swarmUnlockKey());
}

export const initCommand: CommandSpec = {
  use: 'init [OPTIONS]',
  short: 'Initialize a swarm',
  args: noArgs,
  flags,
  run: ({ flags: f, changed, io, engine }) =>
    runInit(
      {
        listenAddr: (f['listen-addr'] as string | undefined) ?? DEFAULT_LISTEN_ADDR,
        advertiseAddr: (f['advertise-addr'] as string | undefined) ?? '',
        dataPathAddr: (f['data-path-addr'] as string | undefined) ?? '',
        dataPathPort: Number(f['data-path-port'] ?? 0),
        forceNewCluster: Boolean(f['force-new-cluster']),
        autolock: Boolean(f.autolock),
        availability: changed.has('availability') ? (f.availability as string) : undefined,
        taskHistoryLimit: Number(f['task-history-limit'] ?? 5),
        certExpiry: changed.has('cert-expiry') ? parseGoDuration(f['cert-expiry'] as string) : undefined,
      },
      io,
      engine(),
    ),
};
