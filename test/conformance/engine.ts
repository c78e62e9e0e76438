// Helpers that drive the real docker engine (the oracle) between scenarios. Only used by the
// recorder and by the suite in TSECRET_CONFORMANCE_BIN=docker mode.
import { spawnSync } from 'node:child_process';
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

/** Leaves any swarm (erasing its secrets/services) and removes leftover swarm task containers. */
export function resetEngine(bin: string, env?: NodeJS.ProcessEnv): void {
  if (swarmState(bin, env) !== 'inactive') {
    const services = docker(bin, ['service', 'ls', '-q'], env);
    const ids = services.stdout.split('\n').filter(Boolean);
    if (services.status === 0 && ids.length > 0) docker(bin, ['service', 'rm', ...ids], env);
    docker(bin, ['swarm', 'leave', '-f'], env);
  }
  const containers = docker(bin, ['ps', '-aq', '--filter', 'label=com.docker.swarm.task'], env);
  const cids = containers.stdout.split('\n').filter(Boolean);
  if (cids.length > 0) docker(bin, ['rm', '-f', ...cids], env);
  const state = swarmState(bin, env);
  if (state !== 'inactive') throw new Error(`engine still in swarm state ${state} after swarm leave -f`);
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

export function dockerVersions(bin: string, env?: NodeJS.ProcessEnv): { client: string; engine: string } {
  const client = docker(bin, ['version', '--format', '{{.Client.Version}}'], env).stdout.trim();
  const engine = docker(bin, ['version', '--format', '{{.Server.Version}}'], env).stdout.trim();
  return { client, engine };
}
