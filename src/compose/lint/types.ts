// The vocabulary of `tsecret stack lint` (tsecret's own; docker has no linter): what a rule is,
// what it reports, and the two targets a compose file is checked for.

export type Severity = 'error' | 'warning';

/** `swarm`: the file is for `docker stack deploy`; `compose`: for `docker compose up` (no swarm). */
export type LintTarget = 'swarm' | 'compose';

/** One problem, where it is (1-based line and column of the YAML node) and where to read about it. */
export interface Finding {
  /** The compose file as given to -c (`-` for stdin). */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  /** One line: what is wrong and what to do. */
  message: string;
  /** The issue thread the rule comes from. */
  docs: string;
}

/** A rule as the catalogue (README, SARIF) describes it. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  /** What the rule checks, in a few words. */
  summary: string;
  docs: string;
  /** The targets the rule applies to. */
  targets: readonly LintTarget[];
}
