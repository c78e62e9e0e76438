// docker/go-units duration.go HumanDuration: a human-readable approximation of a duration, as shown in
// "CREATED" columns ("About a minute", "3 weeks"), with go-units' exact thresholds.

/** HumanDuration(d) for a duration given in milliseconds (fractions allowed). */
export function humanDuration(ms: number): string {
  // int(d.Seconds()), int(d.Minutes()) truncate toward zero.
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // int(d.Hours() + 0.5): rounds to the nearest hour.
  const hours = Math.floor((ms + 1_800_000) / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  // int(d.Hours())/24/365: integer divisions of the truncated hours.
  return `${Math.trunc(Math.trunc(Math.trunc(ms / 3_600_000) / 24) / 365)} years`;
}
