// Turns one scenario's outputs (all steps, in order) into a comparable form by replacing ONLY what
// is random from run to run: IDs, tokens, keys, timestamps, humanized ages, raft indexes, the
// node's hostname, the column widths that follow humanized ages and hostnames, values captured
// from random output, the repeats of docker's timer-driven progress lines, and the binary name in
// cobra-generated texts. Everything else (padding, trailing spaces, blank lines) is kept.
// Pure functions: the same code runs over docker's recording and over tsecret's output. Shared by
// the conformance suite (test/conformance, which documents each rule) and `tsecret doctest`.

/** What one command printed, and its exit code. */
export interface StepOutput {
  stdout: string;
  stderr: string;
  exit: number;
}

export interface NormalizeStep {
  run: string;
  capture?: string;
  /** The captured value is random: replace it in every step, not only in referencing ones. */
  random?: boolean;
  /** The capture is computed in the shell from earlier output: its own stdout is replaced too. */
  derived?: boolean;
  /** Only the exit code of this step is compared (see compareNormalized). */
  coreutils?: boolean;
}

export interface NormalizeOptions {
  /**
   * The name the producer prints in cobra-generated texts: `docker` for a recording (or the real
   * docker behind the shim), `tsecret` for tsecret. Those occurrences become `tsecret`. For
   * `tsecret` this is a no-op, so a tsecret that wrongly prints `docker` there is still caught.
   */
  binaryName: string;
  /**
   * The hostname of the producer's node (the NODE column, `{{.Node.Hostname}}`): the recording
   * machine's for a recording, os.hostname() for tsecret. Replaced by `<HOST>`. Unset: no rule.
   */
  hostname?: string;
  /**
   * Also number a 12-character ID whose full form never appears (`service ps` task IDs): a
   * tutorial shows what it shows. The conformance suite leaves this off, as its scenarios print
   * every truncated ID in full somewhere, so a truncation that is wrong shows up.
   */
  unknownShortIds?: boolean;
}

/** What the collapse of 2+ spaces turns into, in outputs that contained a humanized age. */
export const SPACE_RUN = '<SP>';

/** What the node's hostname turns into. */
export const HOST = '<HOST>';

// --- patterns ------------------------------------------------------------------------------

const NOT_WORD_BEFORE = '(?<![A-Za-z0-9_])';
const NOT_WORD_AFTER = '(?![A-Za-z0-9_])';

/** swarmkit join token: SWMTKN-1-<50 base36>-<25 base36>. */
const TOKEN_RE = /SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}(?![0-9a-z])/g;
/** swarmkit unlock key: SWMKEY-1-<base64 RawStd of 32 bytes = 43 chars>. */
const UNLOCK_KEY_RE = /SWMKEY-1-[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])/g;
/**
 * swarm object ID: 25 chars of [0-9a-z], word-bounded. About 3 in 10,000 random IDs have no digit,
 * so a word without one is an ID too, unless the scenario's commands spell it (then it is a name
 * such as `aaaaaaaaaaaaaaaaaaaaaaaaa`, which no random ID can be predicted to be).
 */
const ID_RE = new RegExp(`${NOT_WORD_BEFORE}[0-9a-z]{25}${NOT_WORD_AFTER}`, 'g');
/** container / exec ID: 64 lowercase hex, with at least one digit (a 64-char name like aaa…a survives). */
const CID_RE = new RegExp(`${NOT_WORD_BEFORE}(?=[a-f]*[0-9])[0-9a-f]{64}${NOT_WORD_AFTER}`, 'g');
/** 12-char truncation of either kind (only replaced when it is the prefix of a known full ID). */
const PREFIX12_RE = new RegExp(`${NOT_WORD_BEFORE}[0-9a-z]{12}${NOT_WORD_AFTER}`, 'g');
/**
 * A short container ID whose full form never appears in the scenario (`docker ps -q`, the
 * container's default hostname): 12 lowercase hex with at least one digit.
 */
const SHORT_CID_RE = new RegExp(`${NOT_WORD_BEFORE}(?=[a-f]*[0-9])[0-9a-f]{12}${NOT_WORD_AFTER}`, 'g');
/**
 * A truncated swarm ID (task, service) whose full form is not shown (unknownShortIds): 12 of
 * [0-9a-z] with a digit, or, first on a line and followed by a column gap (a table's ID column),
 * without one, as about one random ID in fifty is; there it is no word, unless a command spells it.
 */
const SHORT_ID_RE = new RegExp(`${NOT_WORD_BEFORE}(?=[a-z]*[0-9])[0-9a-z]{12}${NOT_WORD_AFTER}|^[a-z]{12}(?=  )`, 'gm');

/**
 * Fractions must not end in 0: Go trims trailing zeros in both RFC3339Nano and Time.String(), so
 * a tsecret that prints `.120Z` stays un-normalized and shows up in the diff.
 */
const FRACTION = '(?:\\.\\d*[1-9])?';
/** Go time.Time JSON (RFC3339Nano, UTC): 2026-11-28T06:23:46.195659381Z */
const RFC3339_RE = new RegExp(`(?<![0-9])(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}:\\d{2}${FRACTION})Z`, 'g');
/**
 * Go Time.String(): `2026-11-28 06:23:46.195659381 +0000 UTC`, and its `--pretty` form with a
 * lower-cased `utc`. Only the date and clock are replaced; ` +0000 UTC` / ` +0000 utc` stay as
 * they are, so the case difference is compared.
 */
const GO_TIME_RE = new RegExp(
  `(?<![0-9])(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}${FRACTION})(?= \\+0000 (?:UTC|utc)(?![A-Za-z]))`,
  'g',
);

/** go-units HumanDuration forms that carry a number (n >= 2 for every plural, `1 second`). */
const AGE_NUM = '(?:1 second|(?:[2-9]|[1-9]\\d+) (?:seconds|minutes|hours|days|weeks|months|years))';
/** swarm task states as printed (PrettyPrint) before a lower-cased age: `Running 5 seconds ago`. */
const TASK_STATES =
  'New|Allocated|Pending|Assigned|Accepted|Preparing|Ready|Starting|Running|Complete|Shutdown|Failed|Rejected|Remove|Orphaned';
/**
 * After a task state the age is lower-cased (`Running less than a second ago`); everywhere else it
 * starts with a capital (`Less than a second ago`, `About a minute ago`). A wrongly-cased age does
 * not match its context's pattern, stays as it is, and shows up in the diff.
 */
const AGE_LOWER_RE = new RegExp(
  `(?<![A-Za-z])(${TASK_STATES}) (?:less than a second|about a minute|about an hour|${AGE_NUM}) ago(?![A-Za-z])`,
  'g',
);
const AGE_UPPER_RE = new RegExp(
  `(?<!(?<![A-Za-z])(?:${TASK_STATES}) )(?<![A-Za-z0-9])(?:Less than a second|About a minute|About an hour|${AGE_NUM}) ago(?![A-Za-z])`,
  'g',
);

/**
 * Container status `Up 5 seconds` (go-units HumanDuration without `ago`, capitalised as docker
 * prints it: `Up Less than a second`, `Up About a minute`).
 */
const UP_RE = new RegExp(`(?<![A-Za-z])Up (?:Less than a second|About a minute|About an hour|${AGE_NUM})(?![A-Za-z])`, 'g');

/**
 * swarmkit's in-use error lists the services in store order, which is the order of their random
 * IDs: `... is in use by the following services: b, a`. The list is sorted.
 */
const IN_USE_RE = /(is in use by the following services: )([^\n]*)/g;

/**
 * `docker stack deploy` and `stack rm` walk Go maps (networks, secrets, services) or list in store
 * order (the order of random IDs), so consecutive lines of one kind come in random order:
 * `Creating network a`/`Creating network b`, `Creating service`/`Updating service … (id: …)`,
 * `Removing secret`, `Removing network`. Each run of such lines is sorted by the object's name
 * (before IDs are numbered). `Removing service` lines are sorted by docker itself and left alone.
 */
const MAP_ORDER_LINES: Array<[kind: string, re: RegExp]> = [
  ['network+', /^Creating network (\S+)$/],
  ['secret+', /^Creating secret (\S+)$/],
  ['config+', /^Creating config (\S+)$/],
  ['service+', /^(?:Creating service (\S+)|Updating service (\S+) \(id: [0-9a-z]+\))$/],
  ['secret-', /^Removing secret (\S+)$/],
  ['config-', /^Removing config (\S+)$/],
  ['network-', /^Removing network (\S+)$/],
];

export function sortMapOrderRuns(text: string): string {
  const lines = text.split('\n');
  const classify = (line: string): [string, string] | undefined => {
    for (const [kind, re] of MAP_ORDER_LINES) {
      const m = re.exec(line);
      if (m) return [kind, m[1] ?? m[2]];
    }
    return undefined;
  };
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = classify(lines[i]);
    if (!first) {
      out.push(lines[i++]);
      continue;
    }
    const run: Array<[string, string]> = [];
    while (i < lines.length) {
      const c = classify(lines[i]);
      if (!c || c[0] !== first[0]) break;
      run.push([c[1], lines[i++]]);
    }
    run.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.push(...run.map(([, line]) => line));
  }
  return out.join('\n');
}

/**
 * Raft version index in inspect JSON (indented or compact). Its value depends on how many raft
 * writes came before, but its order does not: values are numbered by rank, so an update that
 * fails to bump the version, or bumps an unrelated object's, still shows.
 */
const INDEX_RE = /("Index":\s*)(\d+)/g;

/**
 * Marks where a placeholder whose text width differs from run to run (age, hostname, random
 * name) was put; removed before the text is returned. NUL never occurs in the compared outputs
 * that have ages.
 */
const RANDOM_WIDTH = '\u0000';

// --- binary name ---------------------------------------------------------------------------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The places where cobra/docker-cli print the root command's name (an explicit list; texts that
 * docker hard-codes, such as `Use "docker swarm init"` in daemon errors or the
 * `docker swarm join --token` line of `swarm init`, are not touched):
 *   docker: 'docker secret rm' requires at least 1 argument        (arg-count errors)
 *   docker: unknown command: docker secret foo                      (unknown commands)
 *   Usage:  docker secret rm SECRET [SECRET...]                     (help, usage in errors)
 *   Run 'docker secret rm --help' for more information              (errors, help footer)
 *   See 'docker secret rm --help' for more information
 *   SRun 'docker volume create --help' for more information         (docker's RequiresMaxArgs
 *                                                                    prints this typo verbatim)
 *   Aliases:\n  docker secret ls, docker secret list                (help)
 */
export function mapBinaryName(text: string, binaryName: string): string {
  if (binaryName === 'tsecret') return text;
  const b = escapeRegExp(binaryName);
  let out = text
    .replace(new RegExp(`^${b}: '${b} `, 'gm'), "tsecret: 'tsecret ")
    .replace(new RegExp(`^${b}: unknown command: ${b}(?=[ \\n]|$)`, 'gm'), 'tsecret: unknown command: tsecret')
    .replace(new RegExp(`^Usage:  ${b}(?=[ \\n]|$)`, 'gm'), 'Usage:  tsecret')
    .replace(new RegExp(`^(Run|SRun|See) '${b}(?=[ '])`, 'gm'), "$1 'tsecret");
  // Aliases block: the indented lines right after "Aliases:".
  out = out.replace(
    /^Aliases:\n((?: {2}.*\n?)+)/gm,
    (_m, block: string) => `Aliases:\n${block.replace(new RegExp(`(^ {2}|, )${b} `, 'gm'), '$1tsecret ')}`,
  );
  return out;
}

// --- tsecret's own help blocks ----------------------------------------------------------------

/**
 * tsecret's help lists its own verbs and flags (docker has none of them) in blocks of their own,
 * headed `tsecret's own commands:` / `tsecret's own options:`, after docker's blocks. A block is
 * dropped with the blank line before it, so what remains is compared with docker's help as is.
 */
const OWN_HELP_BLOCK_RE = /\n\ntsecret's own (?:commands|options):\n(?: {2}[^\n]*\n)*(?: {2}[^\n]*)(?=\n|$)/g;

export function dropOwnHelpBlocks(text: string): string {
  return text.replace(OWN_HELP_BLOCK_RE, '');
}

// --- progress output -----------------------------------------------------------------------

/**
 * Lines of docker's service progress output as printed when stdout is not a terminal
 * (docker/cli service/progress: `overall progress: …`, `verify: …`, `rollback: …`, a job's
 * `active tasks: …` (replicated-job and global-job progress), a slot line
 * `1/3: …`, a global-mode node line `<nodeID12>: …`).
 */
const PROGRESS_LINE_RE = /^(?:overall progress: |verify: |rollback: |active tasks: |\d+\/\d+: |[0-9a-z]{12}: )/;
/** Longest repeated block that is collapsed (a slot error line repeats with its overall line). */
const MAX_PROGRESS_BLOCK = 8;

/**
 * docker re-prints its progress lines on a 200 ms timer when stdout is not a terminal, so how
 * often a line repeats depends on timing (`overall progress: 0 out of 1 tasks` ×N,
 * `verify: Waiting 5 seconds…` ×5 or ×6). A block of 1 to 8 consecutive progress lines that is
 * immediately repeated is kept once. Lines that change (0 → 1 out of 1, 5 → 4 seconds) and
 * every other line are kept as they are.
 */
export function collapseProgressRepeats(text: string): string {
  if (!/^(?:overall progress|verify|active tasks): /m.test(text)) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    out.push(line);
    let collapsed = true;
    while (collapsed) {
      collapsed = false;
      for (let k = 1; k <= MAX_PROGRESS_BLOCK && 2 * k <= out.length; k++) {
        const n = out.length;
        let same = true;
        for (let j = 0; j < k && same; j++) {
          const a = out[n - k + j];
          same = a === out[n - 2 * k + j] && PROGRESS_LINE_RE.test(a);
        }
        if (same) {
          out.length = n - k;
          collapsed = true;
          break;
        }
      }
    }
  }
  return out.join('\n');
}

// --- rollback status ------------------------------------------------------------------------

const ROLLBACK_REQUESTED = 'rollback: manually requested rollback';
const ROLLBACK_COMPLETED = 'rollback: rollback completed';

/**
 * `service rollback` shows the rollback's status message as the CLI finds it: looking before
 * swarmkit has finished, `rollback: manually requested rollback` above the first progress line;
 * looking after (a rollback that replaces no task finishes at once, and whether the CLI is first
 * is timing), `rollback: rollback completed` as the last line instead. It is the same rollback
 * seen at another moment, so the second form is written as the first.
 */
export function canonicalRollbackProgress(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('overall progress: rolling back update: '));
  if (first < 0) return text;
  let last = lines.length - 1;
  while (last > first && lines[last] === '') last--;
  if (lines[last] !== ROLLBACK_COMPLETED || lines.slice(0, first).includes(ROLLBACK_REQUESTED)) return text;
  lines.splice(last, 1);
  lines.splice(first, 0, ROLLBACK_REQUESTED);
  return lines.join('\n');
}

// --- hostname ------------------------------------------------------------------------------

/** The hostname as a whole word (hostname characters around it do not count). */
function hostnameRegExp(hostname: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_.-])${escapeRegExp(hostname)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'g');
}

// --- scenario normalization ----------------------------------------------------------------

interface Context {
  /** The scenario's commands: a 25-char word without a digit that they spell is a name, not an ID. */
  commands: string;
  ids: Map<string, number>;
  cids: Map<string, number>;
  /** 12-hex container IDs whose full form is not in the scenario; numbered after the full ones. */
  shortCids: Map<string, number>;
  /** 12-character swarm IDs whose full form is not in the scenario (unknownShortIds); numbered after the full ones. */
  shortIds: Map<string, number>;
  times: Map<string, number>;
  /** Every Index value of the scenario, numerically ascending, for ranking. */
  indexes: number[];
}

function collectIndexes(text: string, ctx: Context): void {
  for (const m of text.matchAll(INDEX_RE)) {
    const v = Number(m[2]);
    if (!ctx.indexes.includes(v)) ctx.indexes.push(v);
  }
  ctx.indexes.sort((a, b) => a - b);
}

/**
 * tabwriter pads a cell to its column's widest cell, so a cell of random width changes only the
 * spaces after it and after the cells right of it on that line. Space runs left of the first
 * random-width value stay compared exactly; a line without one (a table header) is collapsed
 * whole, since its padding follows the rows below it.
 */
function collapseRandomPadding(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const at = line.indexOf(RANDOM_WIDTH);
      const collapse = (part: string) => part.replace(/ {2,}/g, SPACE_RUN);
      const out = at < 0 ? collapse(line) : line.slice(0, at) + collapse(line.slice(at));
      return out.replaceAll(RANDOM_WIDTH, '');
    })
    .join('\n');
}

function collectIds(text: string, ctx: Context): void {
  const t = text.replace(TOKEN_RE, '').replace(UNLOCK_KEY_RE, '');
  for (const m of t.matchAll(CID_RE)) if (!ctx.cids.has(m[0])) ctx.cids.set(m[0], ctx.cids.size + 1);
  for (const m of t.matchAll(ID_RE)) if (!ctx.ids.has(m[0]) && isId(m[0], ctx)) ctx.ids.set(m[0], ctx.ids.size + 1);
}

function isId(word: string, ctx: Context): boolean {
  return /[0-9]/.test(word) || !new RegExp(`${NOT_WORD_BEFORE}${word}${NOT_WORD_AFTER}`).test(ctx.commands);
}

/** Second pass, once every full ID is known: 12-character values that are no known ID's prefix. */
function collectShortIds(text: string, ctx: Context, unknownShortIds: boolean): void {
  const t = text
    .replace(TOKEN_RE, '')
    .replace(UNLOCK_KEY_RE, '')
    .replace(CID_RE, '')
    .replace(ID_RE, (m) => (ctx.ids.has(m) ? '' : m));
  const known = (v: string) => [...ctx.ids.keys()].some((id) => id.startsWith(v)) || [...ctx.cids.keys()].some((c) => c.startsWith(v));
  for (const m of t.matchAll(SHORT_CID_RE)) {
    const v = m[0];
    if (ctx.shortCids.has(v) || known(v)) continue;
    ctx.shortCids.set(v, ctx.cids.size + ctx.shortCids.size + 1);
  }
  if (!unknownShortIds) return;
  for (const m of t.matchAll(SHORT_ID_RE)) {
    const v = m[0];
    if (ctx.shortIds.has(v) || ctx.shortCids.has(v) || known(v) || !isId(v, ctx)) continue;
    ctx.shortIds.set(v, ctx.ids.size + ctx.shortIds.size + 1);
  }
}

function timePlaceholder(ctx: Context, date: string, clock: string): string {
  // A time in whole seconds (a volume's CreatedAt) has no identity to keep: two things made a step
  // apart share their second or not depending on how fast the machine ran the steps.
  if (!clock.includes('.')) return '<TIME>';
  const key = `${date} ${clock}`;
  let n = ctx.times.get(key);
  if (n === undefined) {
    n = ctx.times.size + 1;
    ctx.times.set(key, n);
  }
  return `<TIME${n}>`;
}

function referencesVar(run: string, name: string): boolean {
  return new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(run);
}

function normalizeText(raw: string, ctx: Context, captures: Array<[string, string, boolean]>, opts: NormalizeOptions): string {
  let t = mapBinaryName(raw, opts.binaryName);
  t = t.replace(IN_USE_RE, (_m, head: string, list: string) => head + list.split(', ').sort().join(', '));
  t = t.replace(TOKEN_RE, '<TOKEN>').replace(UNLOCK_KEY_RE, '<UNLOCK_KEY>');
  t = t.replace(CID_RE, (m) => `<CID${ctx.cids.get(m)}>`);
  t = t.replace(ID_RE, (m) => (ctx.ids.has(m) ? `<ID${ctx.ids.get(m)}>` : m));
  t = t.replace(PREFIX12_RE, (m) => {
    for (const [id, n] of ctx.ids) if (id.startsWith(m)) return `<ID${n}/12>`;
    for (const [cid, n] of ctx.cids) if (cid.startsWith(m)) return `<CID${n}/12>`;
    const short = ctx.shortCids.get(m);
    if (short !== undefined) return `<CID${short}/12>`;
    const shortId = ctx.shortIds.get(m);
    if (shortId !== undefined) return `<ID${shortId}/12>`;
    return m;
  });
  // Times are numbered by instant (first appearance), so CreatedAt == UpdatedAt and the same
  // instant shown as JSON, as Time.String() and as --pretty keep their identity.
  t = t.replace(RFC3339_RE, (_m, date: string, clock: string) => timePlaceholder(ctx, date, clock));
  t = t.replace(GO_TIME_RE, (_m, date: string, clock: string) => timePlaceholder(ctx, date, clock));
  let hadAge = false;
  t = t.replace(AGE_LOWER_RE, (_m, state: string) => {
    hadAge = true;
    return `${state} ${RANDOM_WIDTH}<AGO>`;
  });
  t = t.replace(AGE_UPPER_RE, () => {
    hadAge = true;
    return `${RANDOM_WIDTH}<AGO>`;
  });
  t = t.replace(UP_RE, () => {
    hadAge = true;
    return `Up ${RANDOM_WIDTH}<AGE>`;
  });
  t = t.replace(INDEX_RE, (_m, key: string, v: string) => `${key}<N${ctx.indexes.indexOf(Number(v)) + 1}>`);
  let hadRandom = false;
  for (const [name, value, random] of captures) {
    t = t.replace(new RegExp(`${NOT_WORD_BEFORE}${escapeRegExp(value)}${NOT_WORD_AFTER}`, 'g'), () => {
      if (!random) return `<$${name}>`;
      hadRandom = true;
      return `${RANDOM_WIDTH}<$${name}>`;
    });
  }
  let hadHost = false;
  if (opts.hostname) {
    t = t.replace(hostnameRegExp(opts.hostname), () => {
      hadHost = true;
      return RANDOM_WIDTH + HOST;
    });
  }
  // tabwriter column widths follow the width of the age, hostname and random-name texts: compare
  // the cells, not the padding.
  return hadAge || hadHost || hadRandom ? collapseRandomPadding(t) : t;
}

/**
 * Normalizes every step of one scenario run. `outputs[i]` is the result of `steps[i]`.
 * IDs, times and captured values are numbered/named across the whole scenario so their identity
 * between steps is kept (the secret created in step 2 is the one removed in step 9).
 */
export function normalizeScenario(
  rawOutputs: readonly StepOutput[],
  steps: readonly NormalizeStep[],
  opts: NormalizeOptions,
): StepOutput[] {
  if (rawOutputs.length > steps.length) throw new Error(`normalizeScenario: ${rawOutputs.length} outputs for ${steps.length} steps`);
  // first, so that IDs are numbered in the sorted order
  const outputs = rawOutputs.map((o) => ({
    ...o,
    stdout: sortMapOrderRuns(dropOwnHelpBlocks(o.stdout)),
    stderr: dropOwnHelpBlocks(o.stderr),
  }));
  const ctx: Context = {
    commands: steps.map((s) => s.run).join('\n'),
    ids: new Map(),
    cids: new Map(),
    shortCids: new Map(),
    shortIds: new Map(),
    times: new Map(),
    indexes: [],
  };
  for (const o of outputs) {
    collectIds(mapBinaryName(o.stdout, opts.binaryName), ctx);
    collectIds(mapBinaryName(o.stderr, opts.binaryName), ctx);
    collectIndexes(o.stdout, ctx);
  }
  for (const o of outputs) {
    collectShortIds(mapBinaryName(o.stdout, opts.binaryName), ctx, opts.unknownShortIds === true);
    collectShortIds(mapBinaryName(o.stderr, opts.binaryName), ctx, opts.unknownShortIds === true);
  }
  // A random capture (a generated name) is replaced in every step, also in the earlier ones.
  const randoms: Array<[string, string, boolean]> = [];
  outputs.forEach((o, i) => {
    const step = steps[i];
    const value = o.stdout.trim();
    if (step.capture && step.random && value !== '') randoms.push([step.capture, value, true]);
  });
  // A capture's value is this run's own trimmed stdout of the capturing step. It is replaced in
  // the output of every step whose command references the variable. In the capturing step itself
  // only when it is `derived`; otherwise that output is compared like any other (IDs in it are
  // normalized as IDs).
  const defined: Array<[string, string, boolean]> = [];
  return outputs.map((o, i) => {
    const step = steps[i];
    if (step.capture && !step.random) {
      const value = o.stdout.trim();
      if (value !== '') defined.push([step.capture, value, false]);
    }
    const captures = [
      ...randoms,
      ...defined.filter(([name]) => (name === step.capture ? step.derived === true : referencesVar(step.run, name))),
    ];
    // longest values first, so a value that contains another is replaced whole
    captures.sort((a, b) => b[1].length - a[1].length);
    return {
      stdout: normalizeText(collapseProgressRepeats(canonicalRollbackProgress(o.stdout)), ctx, captures, opts),
      stderr: normalizeText(o.stderr, ctx, captures, opts),
      exit: o.exit,
    };
  });
}

export interface StepDifference {
  step: number;
  run: string;
  field: 'stdout' | 'stderr' | 'exit';
  a: string | number;
  b: string | number;
}

/** Lists the fields that differ between two normalized runs of the same scenario. */
export function compareNormalized(a: readonly StepOutput[], b: readonly StepOutput[], steps: readonly NormalizeStep[]): StepDifference[] {
  const diffs: StepDifference[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    // a coreutils step is compared by its exit code only (busybox vs GNU texts differ by design)
    const fields = steps[i]?.coreutils ? (['exit'] as const) : (['stdout', 'stderr', 'exit'] as const);
    for (const field of fields) {
      const va = a[i]?.[field] ?? '<missing>';
      const vb = b[i]?.[field] ?? '<missing>';
      if (va !== vb) diffs.push({ step: i + 1, run: steps[i]?.run ?? '?', field, a: va, b: vb });
    }
  }
  return diffs;
}
