// `tsecret doctest FILE.md…`: runs each file's shell sessions (markdown.ts) in one shell
// (session.ts), compares what each command printed with what the file says (compare.ts), reports
// every mismatch as `FILE:LINE: $ command` and a unified diff, then `N commands, P passed, F failed,
// S skipped`. `--update` writes the actual output of each failing command into the file instead.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { type CommandOutputs, compareSession } from './compare.js';
import { contentRange, parseSessions, replaceOutputs, type SessionCommand } from './markdown.js';
import { type EngineKind, runSession, whichOnPath } from './session.js';

/** Where the report goes (the command's stdout and stderr). */
export interface Output {
  write(chunk: string): unknown;
}

export interface DoctestOptions {
  files: string[];
  update: boolean;
  strict: boolean;
  engine: EngineKind;
  /** The tsecret entry point bound to `docker` and `tsecret` (bin/tsecret.cjs). */
  cli: string;
  node: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** A file's time limit, in ms. */
  timeoutMs?: number;
}

export interface DoctestSummary {
  commands: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Failing outputs written back by --update. */
  updated: number;
  /** Files that could not be read or written. */
  unreadable: number;
}

/** Ten minutes: a tutorial against a real engine waits for services to converge. */
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The hostname the engine puts in NODE columns. */
function engineHostname(engine: EngineKind, env: NodeJS.ProcessEnv): string | undefined {
  if (engine === 'tsecret') return hostname();
  const docker = whichOnPath('docker', env.PATH);
  const r = docker ? spawnSync(docker, ['info', '--format', '{{.Name}}'], { env, encoding: 'utf8' }) : undefined;
  return r?.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/** Lines of an output as they go back into the file: blank lines around it dropped, the rest exact. */
function outputLines(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const [from, to] = contentRange(lines);
  return lines.slice(from, to);
}

export function runDoctest(opts: DoctestOptions): DoctestSummary {
  const summary: DoctestSummary = { commands: 0, passed: 0, failed: 0, skipped: 0, updated: 0, unreadable: 0 };
  const actualHost = engineHostname(opts.engine, opts.env);
  for (const file of opts.files) {
    const path = resolve(opts.cwd, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      opts.stderr.write(`tsecret doctest: cannot read ${file}: ${describeFsError(err)}\n`);
      summary.unreadable++;
      continue;
    }
    const session = parseSessions(text, opts.engine);
    const toRun = session.commands.filter((c) => !c.skipped);
    const runs = runSession(
      toRun.map((c) => c.text),
      dirname(path),
      { engine: opts.engine, cli: opts.cli, node: opts.node, env: opts.env, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    );
    const outputs: CommandOutputs[] = toRun.map((c, i) => {
      const [from, to] = contentRange(c.expected);
      const expected = c.expected.slice(from, to).join('\n');
      return {
        command: c.text,
        expected: expected && `${expected}\n`,
        actual: runs[i].output,
        compared: expected !== '' || opts.strict,
      };
    });
    const verdicts = compareSession(outputs, { actualHostname: actualHost });
    const replacements = new Map<SessionCommand, string[]>();
    summary.commands += session.commands.length;
    summary.skipped += session.commands.length - toRun.length;
    toRun.forEach((cmd, i) => {
      const finished = runs[i].exit !== undefined;
      const verdict = verdicts[i];
      if (finished && verdict.ok) {
        summary.passed++;
        return;
      }
      summary.failed++;
      opts.stdout.write(`${file}:${cmd.line}: $ ${cmd.text}\n`);
      if (!finished) {
        opts.stdout.write('the command did not finish: the shell session ended or ran out of time before it\n');
        return;
      }
      opts.stdout.write(verdict.diff ?? '');
      if (opts.update) replacements.set(cmd, outputLines(runs[i].output));
    });
    if (replacements.size) {
      try {
        writeFileSync(path, replaceOutputs(session, replacements));
        summary.updated += replacements.size;
        opts.stdout.write(`${file}: updated the output of ${replacements.size} ${replacements.size === 1 ? 'command' : 'commands'}\n`);
      } catch (err) {
        opts.stderr.write(`tsecret doctest: cannot write ${file}: ${describeFsError(err)}\n`);
        summary.unreadable++;
      }
    }
  }
  opts.stdout.write(
    `${summary.commands} ${summary.commands === 1 ? 'command' : 'commands'}, ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
  );
  return summary;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}
