// Where the state lives: --state PATH > TSECRET_STATE > $XDG_STATE_HOME/tsecret > ~/.local/state/tsecret.
// The XDG Base Directory spec says a relative XDG_STATE_HOME is invalid and to be ignored; an empty
// or relative HOME falls back to the password database, as docker's homedir.Get does, so the state
// never lands under whatever directory a command happens to run in.
import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { StoreFileError } from './file-errors.js';

export interface StatePaths {
  /** The JSON state file: metadata only, never secret payloads. */
  state: string;
  /** The inter-process lock taken around read-modify-write. */
  lock: string;
  /** The swarm's data key (0600), made at swarm init. */
  key: string;
  /** One encrypted file per secret payload, so commands never parse payload bytes they do not use. */
  payloads: string;
  /** Room kept free for the state's next rewrite, so removals still work on a full disk. */
  reserve: string;
}

export function resolveStatePath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.TSECRET_STATE) return resolve(cwd, env.TSECRET_STATE);
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeDir(env), '.local', 'state');
  return join(base, 'tsecret', 'state.json');
}

function homeDir(env: NodeJS.ProcessEnv): string {
  if (env.HOME && isAbsolute(env.HOME)) return env.HOME;
  let home = '';
  try {
    home = userInfo().homedir;
  } catch {
    /* no password entry for this uid (a container run with an arbitrary uid) */
  }
  if (home && isAbsolute(home)) return home;
  throw new StoreFileError(
    `cannot place the state: HOME is ${env.HOME ? `relative (${env.HOME})` : 'empty'} and the password database names no home directory; set HOME, XDG_STATE_HOME or TSECRET_STATE`,
  );
}

export function statePaths(state: string): StatePaths {
  return { state, lock: `${state}.lock`, key: `${state}.key`, payloads: `${state}.payloads`, reserve: `${state}.reserve` };
}
