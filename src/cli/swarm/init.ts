// `swarm init` (docker/cli cli/command/swarm/init.go).

import type { SwarmInitRequest, SwarmSpecUpdate } from '../../api/swarm.js';
import { determinismFrom, NOT_PROTECTED_WARNING } from '../../determinism/settings.js';
import type { Engine } from '../../engine/client.js';
import { quoteGo } from '../../go/strconv/quote.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, defineFlags, noArgs } from '../command.js';
import { printJoinCommand, printUnlockCommand } from './join-command.js';
import { swarmSpecFlags, swarmSpecFrom, uintParser } from './opts.js';
import { unlockKeyOrWrap } from './update.js';

export interface InitOptions {
  listenAddr: string;
  advertiseAddr: string;
  dataPathAddr: string;
  dataPathPort: number;
  forceNewCluster: boolean;
  autolock: boolean;
  /** Set only when --availability was given, as docker checks it only then. */
  availability?: string;
  /** The swarm settings given on the command line (shared with `swarm update`). */
  spec: SwarmSpecUpdate;
  /** --default-addr-pool (CIDRs) and its mask length, when given. */
  defaultAddrPool: string[];
  subnetSize?: number;
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

const flags = defineFlags([
  {
    name: 'listen-addr',
    varname: 'node-addr',
    usage: 'Listen address (format: "<ip|interface>[:port]")',
    kind: 'value',
    defaultText: DEFAULT_LISTEN_ADDR,
    parse: parseNodeAddr,
    default: DEFAULT_LISTEN_ADDR,
  },
  { name: 'advertise-addr', varname: 'string', usage: 'Advertised address (format: "<ip|interface>[:port]")', kind: 'value' },
  {
    name: 'data-path-addr',
    varname: 'string',
    usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")',
    kind: 'value',
  },
  {
    name: 'data-path-port',
    varname: 'uint32',
    usage: 'Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.',
    kind: 'value',
    parse: uintParser(32),
    default: 0,
  },
  { name: 'force-new-cluster', varname: '', usage: 'Force create a new cluster from current state', kind: 'bool' },
  { name: 'autolock', varname: '', usage: 'Enable manager autolocking (requiring an unlock key to start a stopped manager)', kind: 'bool' },
  {
    name: 'availability',
    varname: 'string',
    usage: 'Availability of the node ("active", "pause", "drain")',
    kind: 'value',
    defaultText: '"active"',
  },
  {
    name: 'default-addr-pool',
    varname: 'ipNetSlice',
    usage: 'default address pool in CIDR format',
    kind: 'list',
    defaultText: '[]',
    parse: parseCIDR,
  },
  {
    name: 'default-addr-pool-mask-length',
    varname: 'uint32',
    usage: 'default address pool subnet mask length',
    kind: 'value',
    defaultText: '24',
    parse: uintParser(32),
  },
  ...swarmSpecFlags,
]);

function parseCIDR(v: string): string {
  for (const part of v.split(',')) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(part.trim());
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) throw new Error(`invalid CIDR address: ${part.trim()}`);
  }
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
    Spec: opts.spec,
    ...(opts.defaultAddrPool.length ? { DefaultAddrPool: opts.defaultAddrPool } : {}),
    ...(opts.subnetSize !== undefined ? { SubnetSize: opts.subnetSize } : {}),
  };
  if (opts.availability !== undefined) {
    const availability = opts.availability.toLowerCase();
    if (availability !== 'active' && availability !== 'pause' && availability !== 'drain') {
      throw new Error(`invalid availability ${quoteGo(opts.availability)}, only active, pause and drain are supported`);
    }
    req.Availability = availability;
  }
  const nodeID = await engine.swarmInit(req);
  io.stdout.write(`Swarm initialized: current node (${nodeID}) is now a manager.\n\n`);
  await printJoinCommand(io, engine, { worker: true, manager: false });
  io.stdout.write("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n");
  if (opts.autolock) printUnlockCommand(io, await unlockKeyOrWrap(engine));
  if (determinismFrom(io.env)) io.stderr.write(`${NOT_PROTECTED_WARNING}\n`);
}

export const initCommand = defineCommand({
  use: 'init [OPTIONS]',
  short: 'Initialize a swarm',
  args: noArgs,
  flags,
  run: ({ flags: f, changed, io, engine }) =>
    runInit(
      {
        listenAddr: f['listen-addr'],
        advertiseAddr: f['advertise-addr'],
        dataPathAddr: f['data-path-addr'],
        dataPathPort: f['data-path-port'],
        forceNewCluster: f['force-new-cluster'],
        autolock: f.autolock,
        availability: changed.has('availability') ? f.availability : undefined,
        spec: swarmSpecFrom(f, changed),
        defaultAddrPool: f['default-addr-pool'].flatMap((v) => v.split(',').map((p) => p.trim())),
        ...(changed.has('default-addr-pool-mask-length') ? { subnetSize: f['default-addr-pool-mask-length'] } : {}),
      },
      io,
      engine(),
    ),
});
