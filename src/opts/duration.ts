// docker/cli opts/duration.go: DurationOpt (a duration that may be unset) and
// PositiveDurationOpt (--health-interval and friends: negative values refused).
import { parseGoDuration } from '../cli/flags.js';

/** DurationOpt.Set: time.ParseDuration, in nanoseconds. */
export const parseDurationOpt = (value: string): number => parseGoDuration(value);

/** PositiveDurationOpt.Set. */
export function parsePositiveDuration(value: string): number {
  const ns = parseGoDuration(value);
  if (ns < 0) throw new Error('duration cannot be negative');
  return ns;
}
