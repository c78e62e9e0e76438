// Wires the local engine to a state file.
import type { IOStreams } from '../../cli/io.js';
import { nowNano } from '../../format/gotime.js';
import { StateStore } from '../../store/state-store.js';
import { statePaths } from '../../store/paths.js';
import { LocalEngine } from './engine.js';

export function localEngineFor(statePath: string, io: Pick<IOStreams, 'now'>): LocalEngine {
  return new LocalEngine({ store: new StateStore(statePaths(statePath)), now: () => nowNano(io.now()) });
}
