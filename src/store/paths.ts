// Where the state lives: --state PATH > TSECRET_STATE > $XDG_STATE_HOME/tsecret > ~/.local/state/tsecret.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface StatePaths {
  /** The JSON state file: metadata only, never secret payloads. */
  state: string;
  /** The inter-process lock taken around read-modify-write. */
  lock: string;
  /** The swarm's data key (0600), made at swarm init. */
  key: string;
  /** One encrypted file per secret payload, so commands never parse payload bytes they do not use. */
  payloads: string;
}

export function resolveStatePath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.TSECRET_STATE) return resolve(cwd, env.TSECRET_STATE);
  const base = env.XDG_STATE_HOME ? resolve(cwd, env.XDG_STATE_HOME) : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'tsecret', 'state.json');
}

export function statePaths(state: string): StatePaths {
  return { state, lock: `${state}.lock`, key: `${state}.key`, payloads: `${state}.payloads` };
}
