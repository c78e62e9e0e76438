// How `tsecret doctest` decides that a command printed what its Markdown file says: both sides are
// normalized with the conformance suite's normalizer (normalize.ts: IDs, tokens, keys, times,
// ages, the node's hostname and the padding after them), progress output is reduced to its
// outcome, and then the lines must be equal, except that `...` on a line of its own matches any
// lines and that blank lines around an output and spaces at line ends do not count (Markdown
// authors and their editors add and strip those). An ID must stand for the same ID throughout a
// file: the placeholders of the two sides must correspond one to one, across every command compared.
import { normalizeScenario } from './normalize.js';

export interface CommandOutputs {
  /** The command, for the normalizer's bookkeeping. */
  command: string;
  /** What the file says it prints ('' when it shows nothing). */
  expected: string;
  /** What it printed, stdout and stderr together as a terminal shows them. */
  actual: string;
  /** false: not compared (skipped, or nothing expected without --strict). */
  compared: boolean;
}

export interface Verdict {
  ok: boolean;
  /** For a mismatch: a unified diff of the normalized texts, expected first. */
  diff?: string;
}

export interface CompareOptions {
  /** The node hostname the actual outputs come from (tsecret: os.hostname(); docker: the engine's). */
  actualHostname?: string;
}

/** A line that matches any number of lines (none included). */
export const ELLIPSIS = '...';

/**
 * Progress lines of `service create/update/rollback/scale` (docker/cli service/progress): with
 * stdout a terminal they are redrawn in place, without one they are reprinted on a timer, so how
 * they look depends on where and how fast the command ran. A run of them becomes one
 * `<PROGRESS>` line, followed by its outcome line (`verify: Service … converged`, `rollback: …`).
 */
const PROGRESS_LINE_RE = /^(?:overall progress: |verify: |rollback: |\d+\/\d+: |[0-9a-z]{12}: )/;

export function summarizeProgress(text: string): string {
  if (!/^(?:overall progress|verify): /m.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!PROGRESS_LINE_RE.test(lines[i])) {
      out.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && PROGRESS_LINE_RE.test(lines[j])) j++;
    const run = lines.slice(i, j);
    if (!run.some((l) => /^(?:overall progress|verify): /.test(l))) {
      out.push(...run);
    } else {
      out.push('<PROGRESS>');
      const last = run[run.length - 1].trimEnd();
      if (/^(?:verify|rollback): /.test(last) && !/^verify: Waiting /.test(last)) out.push(last);
    }
    i = j;
  }
  return out.join('\n');
}

const PLACEHOLDER_RE = /<(ID|CID|TIME|N)(\d+)(\/12)?>/g;

/** A line with its placeholders' numbers removed: what must be equal for two lines to match. */
const shape = (line: string): string => line.replace(PLACEHOLDER_RE, '<$1$3>');

/** The placeholders of a line, as identities (`<ID3/12>` is ID3), in order. */
const identities = (line: string): string[] => [...line.matchAll(PLACEHOLDER_RE)].map((m) => `${m[1]}${m[2]}`);

/** Lines to compare: blank lines around the output dropped, trailing spaces (and padding placeholders) cut. */
export function comparableLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/(?:\s|<SP>)+$/, ''));
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from] === '') from++;
  while (to > from && lines[to - 1] === '') to--;
  return lines.slice(from, to);
}

/**
 * Pairs each expected line with the actual line it stands for, `...` taking any run of actual
 * lines; undefined when the shapes cannot be matched.
 */
export function align(expected: readonly string[], actual: readonly string[]): Array<[number, number]> | undefined {
  const memo = new Map<number, boolean>();
  const width = actual.length + 1;
  const fits = (e: number, a: number): boolean => {
    const key = e * width + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    if (e === expected.length) ok = a === actual.length;
    else if (expected[e].trim() === ELLIPSIS) ok = fits(e + 1, a) || (a < actual.length && fits(e, a + 1));
    else ok = a < actual.length && shape(expected[e]) === shape(actual[a]) && fits(e + 1, a + 1);
    memo.set(key, ok);
    return ok;
  };
  if (!fits(0, 0)) return undefined;
  const pairs: Array<[number, number]> = [];
  for (let e = 0, a = 0; e < expected.length; ) {
    if (expected[e].trim() === ELLIPSIS) {
      if (fits(e + 1, a)) e++;
      else a++;
    } else pairs.push([e++, a++]);
  }
  return pairs;
}

/** The one-to-one correspondence of placeholders built up over a file. */
class Correspondence {
  private readonly forward = new Map<string, string>();
  private readonly backward = new Map<string, string>();

  /** Whether the pairs fit what is known; if they do and `commit`, they are added. */
  accept(pairs: ReadonlyArray<[string, string]>, commit: boolean): boolean {
    const forward = new Map(this.forward);
    const backward = new Map(this.backward);
    for (const [e, a] of pairs) {
      if ((forward.get(e) ?? a) !== a || (backward.get(a) ?? e) !== e) return false;
      forward.set(e, a);
      backward.set(a, e);
    }
    if (commit) {
      for (const [e, a] of forward) this.forward.set(e, a);
      for (const [a, e] of backward) this.backward.set(a, e);
    }
    return true;
  }

  /**
   * An actual line told in the expected side's names: those known, then those of `pairs` (a failed
   * command's own) that fit, then fresh ones; so a diff shows only what differs.
   */
  translate(line: string, pairs: ReadonlyArray<[string, string]>, fresh: (identity: string) => string): string {
    const local = new Map<string, string>();
    for (const [e, a] of pairs) if (!local.has(a) && this.accept([[e, a]], false)) local.set(a, e);
    return line.replace(PLACEHOLDER_RE, (_m, kind: string, n: string, short: string | undefined) => {
      const identity = `${kind}${n}`;
      return `<${this.backward.get(identity) ?? local.get(identity) ?? fresh(identity)}${short ?? ''}>`;
    });
  }
}

/** Normalized texts of one side of a file, every command in order. */
function normalizeSide(texts: readonly string[], commands: readonly string[], hostname: string | undefined): string[] {
  const outputs = normalizeScenario(
    texts.map((t) => ({ stdout: summarizeProgress(t), stderr: '', exit: 0 })),
    commands.map((run) => ({ run })),
    // `docker: 'docker secret rm' requires…`-style cobra texts become tsecret's on both sides
    { binaryName: 'docker', hostname, unknownShortIds: true },
  );
  // A deterministic run's clock stands still, so every time it prints is the same instant: times
  // are compared as times, without the identity IDs keep.
  return outputs.map((o) => o.stdout.replace(/<TIME\d+>/g, '<TIME>'));
}

/**
 * The hostname the file's outputs were recorded on: the word in an expected line that stands where
 * the actual output has the actual hostname (the NODE column of `service ps`). Undefined: the same.
 */
export function recordedHostname(runs: readonly CommandOutputs[], actualHostname: string): string | undefined {
  const word = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
  for (const run of runs) {
    if (!run.compared || !run.actual.includes(actualHostname)) continue;
    const exp = comparableLines(run.expected);
    const act = comparableLines(run.actual);
    if (exp.length !== act.length) continue;
    for (let i = 0; i < act.length; i++) {
      const a = act[i].trim().split(/\s+/);
      const e = exp[i].trim().split(/\s+/);
      const k = a.indexOf(actualHostname);
      if (k < 0 || k >= e.length) continue;
      if (e[k] === actualHostname) return undefined;
      if (word.test(e[k])) return e[k];
    }
  }
  return undefined;
}

/** Decides each command of one file; the placeholders' correspondence spans the whole file. */
export function compareSession(runs: readonly CommandOutputs[], opts: CompareOptions = {}): Verdict[] {
  const commands = runs.map((r) => r.command);
  const actualHost = opts.actualHostname;
  const expectedHost = actualHost ? (recordedHostname(runs, actualHost) ?? actualHost) : undefined;
  const expected = normalizeSide(
    runs.map((r) => r.expected),
    commands,
    expectedHost,
  );
  const actual = normalizeSide(
    runs.map((r) => r.actual),
    commands,
    actualHost,
  );
  const ids = new Correspondence();
  // names for actual placeholders the expected side never had, numbered past every expected one
  const highest = new Map<string, number>();
  for (const text of expected)
    for (const m of text.matchAll(PLACEHOLDER_RE)) highest.set(m[1], Math.max(highest.get(m[1]) ?? 0, Number(m[2])));
  const freshNames = new Map<string, string>();
  const fresh = (identity: string): string => {
    let name = freshNames.get(identity);
    if (!name) {
      const kind = /^[A-Z]+/.exec(identity)![0];
      const n = (highest.get(kind) ?? 0) + 1;
      highest.set(kind, n);
      name = `${kind}${n}`;
      freshNames.set(identity, name);
    }
    return name;
  };
  return runs.map((run, i) => {
    if (!run.compared) return { ok: true };
    const exp = comparableLines(expected[i]);
    const act = comparableLines(actual[i]);
    const pairs = align(exp, act);
    const tokens: Array<[string, string]> = [];
    for (const [e, a] of pairs ?? []) {
      const ei = identities(exp[e]);
      const ai = identities(act[a]);
      ei.forEach((id, k) => {
        tokens.push([id, ai[k]]);
      });
    }
    if (pairs && ids.accept(tokens, true)) return { ok: true };
    return {
      ok: false,
      diff: unifiedDiff(
        exp,
        act.map((l) => ids.translate(l, tokens, fresh)),
      ),
    };
  });
}

// ---- unified diff ----

/** A unified diff (3 lines of context) of two texts' lines, `-` for expected, `+` for actual. */
export function unifiedDiff(a: readonly string[], b: readonly string[], context = 3): string {
  // longest common subsequence, by dynamic programming: outputs are short
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Array<{ op: ' ' | '-' | '+'; text: string; ai: number; bi: number }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    // as diff -u: what goes comes before what replaces it
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: ' ', text: a[i], ai: i++, bi: j++ });
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', text: a[i], ai: i++, bi: j });
    else ops.push({ op: '+', text: b[j], ai: i, bi: j++ });
  }
  const out = ['--- expected', '+++ actual'];
  const changes = ops.flatMap((o, k) => (o.op === ' ' ? [] : [k]));
  for (let c = 0; c < changes.length; ) {
    // changes closer than two contexts apart share a hunk
    let last = c;
    while (last + 1 < changes.length && changes[last + 1] - changes[last] <= 2 * context) last++;
    const hunk = ops.slice(Math.max(0, changes[c] - context), Math.min(ops.length, changes[last] + context + 1));
    const aLines = hunk.filter((o) => o.op !== '+');
    const bLines = hunk.filter((o) => o.op !== '-');
    // as diff -u: a side with no lines in the hunk is numbered by the line before it
    const aStart = aLines.length ? aLines[0].ai + 1 : hunk[0].ai;
    const bStart = bLines.length ? bLines[0].bi + 1 : hunk[0].bi;
    out.push(`@@ -${aStart},${aLines.length} +${bStart},${bLines.length} @@`);
    for (const o of hunk) out.push(`${o.op}${o.text}`);
    c = last + 1;
  }
  return `${out.join('\n')}\n`;
}
