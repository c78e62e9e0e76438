// TSECRET_DETERMINISTIC=1: the environment switch for deterministic runs (see entropy.ts). The
// clock then stands still at SOURCE_DATE_EPOCH (reproducible-builds.org's variable, in seconds),
// or at a fixed epoch when that is unset, for every command.
import { SeededEntropy } from './entropy.js';

export interface Determinism {
  seed: string;
  /** The clock, in ms since the Unix epoch. */
  epochMs: number;
}

/** The seed when TSECRET_SEED is unset or empty. */
export const DEFAULT_SEED = 'tsecret';
/** The clock when SOURCE_DATE_EPOCH is unset: 2025-01-01T00:00:00Z. */
export const DEFAULT_EPOCH_SECONDS = 1_735_689_600;

/** What `swarm init` says on stderr in a deterministic state, in one line. */
export const NOT_PROTECTED_WARNING =
  'WARNING: TSECRET_DETERMINISTIC is set: the keys of this swarm are derived from TSECRET_SEED, so its secrets are not protected';

/** A variable with a value tsecret cannot use: the message names it and the value. */
export class DeterminismSettingError extends Error {}

/** The settings in env, or undefined when deterministic runs are off (unset, empty or 0). */
export function determinismFrom(env: NodeJS.ProcessEnv): Determinism | undefined {
  const flag = env.TSECRET_DETERMINISTIC;
  if (flag === undefined || flag === '' || flag === '0') return undefined;
  if (flag !== '1') throw new DeterminismSettingError(`TSECRET_DETERMINISTIC must be 1 (on) or 0 (off), not ${JSON.stringify(flag)}`);
  const epoch = env.SOURCE_DATE_EPOCH;
  let seconds = DEFAULT_EPOCH_SECONDS;
  if (epoch !== undefined && epoch !== '') {
    // reproducible-builds.org: a whole number of seconds; anything else is an error, not ignored
    if (!/^-?\d{1,12}$/.test(epoch))
      throw new DeterminismSettingError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not ${JSON.stringify(epoch)}`);
    seconds = Number(epoch);
  }
  return { seed: env.TSECRET_SEED || DEFAULT_SEED, epochMs: seconds * 1000 };
}

/** A generator for these settings, positioned at the start (the store moves it to the state's counter). */
export const seededEntropyFor = (d: Determinism): SeededEntropy => new SeededEntropy(d.seed);
