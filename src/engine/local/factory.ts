// Wires the local engine to a state file and a clock. Times are stored as the API shows them:
// RFC3339Nano, trailing zeros of the fraction trimmed. An autolocked swarm is opened by a remembered
// unlock (session.ts) or by TSECRET_UNLOCK_KEY. With TSECRET_DETERMINISTIC=1 every random value
// comes from a generator seeded by TSECRET_SEED and the state's counter, and the clock (io.now, set
// by main.ts) has no sub-millisecond digits (determinism/).

import { hostname } from 'node:os';
import { systemEntropy, useEntropy } from '../../determinism/entropy.js';
import { determinismFrom, seededEntropyFor } from '../../determinism/settings.js';
import { nowRFC3339Nano } from '../../go/time/time.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { statePaths } from '../../store/paths.js';
import { sessionDirFor } from '../../store/session.js';
import { StateStore } from '../../store/state-store.js';
import { LocalEngine } from './engine.js';

export function localEngineFor(statePath: string, io: Pick<IOStreams, 'now'> & Partial<Pick<IOStreams, 'env'>>): LocalEngine {
  const env = io.env ?? process.env;
  const determinism = determinismFrom(env);
  const entropy = determinism && seededEntropyFor(determinism);
  useEntropy(entropy ?? systemEntropy);
  return new LocalEngine({
    store: new StateStore(
      statePaths(statePath),
      { sessionDir: sessionDirFor(env), unlockKey: env.TSECRET_UNLOCK_KEY?.trim() || undefined },
      entropy,
    ),
    now: () => nowRFC3339Nano(io.now(), entropy ? 0n : undefined),
    hostname: hostname(),
  });
}
