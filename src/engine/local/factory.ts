// Wires the local engine to a state file and a clock. Times are stored as the API shows them:
// RFC3339Nano, trailing zeros of the fraction trimmed. An autolocked swarm is opened by a remembered
// unlock (session.ts) or by TSECRET_UNLOCK_KEY.
import type { IOStreams } from '../../iostreams/iostreams.js';
import { nowRFC3339Nano } from '../../format/gotime.js';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { StateStore } from '../../store/state-store.js';
import { statePaths } from '../../store/paths.js';
import { sessionDirFor } from '../../store/session.js';
import { LocalEngine } from './engine.js';

export function localEngineFor(statePath: string, io: Pick<IOStreams, 'now'> & Partial<Pick<IOStreams, 'env'>>): LocalEngine {
  const env = io.env ?? process.env;
  return new LocalEngine({
    store: new StateStore(statePaths(statePath), { sessionDir: sessionDirFor(env), unlockKey: env.TSECRET_UNLOCK_KEY?.trim() || undefined }),
    now: () => nowRFC3339Nano(io.now()),
    hostname: hostname(),
    engineID: engineIDFor(statePath),
  });
}

/** A UUID (version 4 layout) derived from the state file's path: one simulated daemon per state file. */
function engineIDFor(statePath: string): string {
  const h = createHash('sha256').update(`tsecret engine ${statePath}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
