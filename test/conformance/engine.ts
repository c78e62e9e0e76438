// Helpers that drive the real docker engine (the oracle) between scenarios. Only used by the
// recorder and by the suite in TSECRET_CONFORMANCE_BIN=docker mode.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SWARM_INIT_ARGS } from './scenario.js';

export interface DockerCall {
  stdout: string;
  stderr: string;
  status: number;
}

export function docker(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): DockerCall {
  const r = spawnSync(bin, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (r.error) throw new Error(`cannot run ${bin} ${args.join(' ')}: ${r.error.message}`);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
}

export function swarmState(bin: string, env?: NodeJS.ProcessEnv): string {
  const r = docker(bin, ['info', '--format', '{{.Swarm.LocalNodeState}}'], env);
  if (r.status !== 0) throw new Error(`docker info failed (is the engine running? see ../shared/oracle/start-engine.sh):\n${r.stderr}`);
  return r.stdout.trim();
}

function lines(s: string): string[] {
  return s.split('\n').filter(Boolean);
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** IDs of all swarm task containers, running or not. */
function taskContainers(bin: string, env?: NodeJS.ProcessEnv): string[] {
  return lines(docker(bin, ['ps', '-aq', '--filter', 'label=com.docker.swarm.task'], env).stdout);
}

/**
 * Leaves any swarm (erasing its secrets/services) and removes leftover swarm task containers:
 * all services are removed first, then the swarm is left, then the task containers are waited for
 * (the agent removes them asynchronously) and whatever is left is removed with `rm -f`, until no
 * task container remains.
 */
export function resetEngine(bin: string, env?: NodeJS.ProcessEnv): void {
  if (swarmState(bin, env) !== 'inactive') {
    const services = docker(bin, ['service', 'ls', '-q'], env);
    const ids = lines(services.stdout);
    if (services.status === 0 && ids.length > 0) docker(bin, ['service', 'rm', ...ids], env);
    // give the agent a moment to shut the tasks down by itself
    for (let i = 0; i < 50 && taskContainers(bin, env).length > 0; i++) sleepMs(200);
    docker(bin, ['swarm', 'leave', '-f'], env);
  }
  for (let i = 0; ; i++) {
    const cids = taskContainers(bin, env);
    if (cids.length === 0) break;
    if (i >= 60) throw new Error(`swarm task containers are still there after the reset: ${cids.join(' ')}`);
    docker(bin, ['rm', '-f', ...cids], env); // "removal already in progress" errors are fine
    sleepMs(250);
  }
  const state = swarmState(bin, env);
  if (state !== 'inactive') throw new Error(`engine still in swarm state ${state} after swarm leave -f`);
  waitForOverlayTeardown();
}

/** Where the engine keeps its network sandboxes (overlay `1-<network>`, `lb_<network>`, `ingress_sbox`). */
const NETNS_DIR = '/var/run/docker/netns';

function overlaySandboxes(): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((name) => /^(?:\d+-|lb_)|^ingress_sbox$/.test(name));
  } catch {
    return []; // an engine elsewhere: nothing to wait for here
  }
}

/**
 * The engine tears a left swarm's overlay networks down after `swarm leave` returns; a new swarm
 * that allocates the same subnets before that has its first tasks rejected ("Pool overlaps with
 * other one on this address space"), which puts history rows into a recording at random. So the
 * reset waits (up to 15 s) until their sandboxes are gone.
 */
function waitForOverlayTeardown(): void {
  for (let i = 0; i < 60 && overlaySandboxes().length > 0; i++) sleepMs(250);
}

/** The hidden setup of `swarm: true` scenarios; checks that the new swarm is empty. */
export function initSwarm(bin: string, env?: NodeJS.ProcessEnv): void {
  const r = docker(bin, SWARM_INIT_ARGS, env);
  if (r.status !== 0) throw new Error(`docker ${SWARM_INIT_ARGS.join(' ')} failed:\n${r.stderr}`);
  const secrets = docker(bin, ['secret', 'ls', '-q'], env);
  if (secrets.status !== 0 || secrets.stdout.trim() !== '') {
    throw new Error(`fresh swarm is not empty (is someone else using the engine?):\n${secrets.stdout}${secrets.stderr}`);
  }
}

/** Leaves the engine as others expect it: in swarm mode. */
export function ensureSwarm(bin: string, env?: NodeJS.ProcessEnv): void {
  if (swarmState(bin, env) !== 'active') docker(bin, SWARM_INIT_ARGS, env);
}

/** The engine's hostname: what the swarm node is called (NODE column, `{{.Node.Hostname}}`). */
export function engineHostname(bin: string, env?: NodeJS.ProcessEnv): string {
  const r = docker(bin, ['info', '--format', '{{.Name}}'], env);
  if (r.status !== 0 || r.stdout.trim() === '') throw new Error(`docker info --format {{.Name}} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

export function dockerVersions(bin: string, env?: NodeJS.ProcessEnv): { client: string; engine: string } {
  const client = docker(bin, ['version', '--format', '{{.Client.Version}}'], env).stdout.trim();
  const engine = docker(bin, ['version', '--format', '{{.Server.Version}}'], env).stdout.trim();
  return { client, engine };
}
