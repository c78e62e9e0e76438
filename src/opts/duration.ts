// docker/cli opts/duration.go: DurationOpt (a duration that may be unset: the flag's parse is
// time.ParseDuration itself) and PositiveDurationOpt (--health-interval and friends), which also
// refuses a negative one.

/** PositiveDurationOpt.Set, after time.ParseDuration gave the nanoseconds. */
export function positiveDuration(ns: number): number {
  if (ns < 0) throw new Error('duration cannot be negative');
  return ns;
}
