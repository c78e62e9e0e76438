// Wires the local engine to a state file and a clock. Times are stored as the API shows them:
// RFC3339Nano, trailing zeros of the fraction trimmed. An autolocked swarm is opened by a remembered
// unlock (session.ts) or by TSECRET_UNLOCK_KEY.
import type { IOStreams } from '../../iostreams/iostreams.js';
import { nowRFC3339Nano } from '../../format/gotime.js';
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
  });
}
