// `tsecret stack lint`: tsecret's own verb (docker has no linter). Reads the -c files as `stack
// deploy` does and reports what would go wrong with their secrets and configs for the target
// (`swarm`: docker stack deploy; `compose`: docker compose up), each finding at its line. Exit 0
// without errors and with warnings within --max-warnings, 1 otherwise; usage errors 125.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileInfo } from '../../compose/lint/lint.js';
import type { LintTarget } from '../../compose/lint/types.js';
import { goPathError } from '../../go/os/error.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import { type IOStreams, readInput } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { composeFileFlag } from './compose-files.js';
import { formatGitHub, formatJSON, formatSARIF, formatText, LINT_FORMATS, type LintFormat } from './lint-format.js';

export interface LintOptions {
  composeFiles: string[];
  target: LintTarget;
  format: LintFormat;
  /** -1: any number of warnings. */
  maxWarnings: number;
}

// the build's version (root.ts prints it for --version; imported from there it would be a cycle)
declare const TSECRET_VERSION: string;
const VERSION = typeof TSECRET_VERSION === 'string' ? TSECRET_VERSION : '0.0.0-dev';

/** How much of a secret file the rules see: enough for a one-line value, bounded for big files. */
const HEAD_BYTES = 64 * 1024;

function fileInfo(path: string): FileInfo {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { kind: 'directory' };
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
      const n = readSync(fd, head, 0, head.length, 0);
      return { kind: 'file', size: stat.size, head: head.subarray(0, n) };
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: goPathError(e, path) };
  }
}

export async function runLint(opts: LintOptions, io: IOStreams): Promise<void> {
  if (opts.composeFiles.length === 0) throw new StatusError('Specify a Compose file (with --compose-file)', 125);
  // the compose code stays off the start-up path of the other commands
  const { lintCompose, CATALOGUE } = await import('../../compose/lint/lint.js');
  let stdinRead = false;
  const files: { filename: string; content?: Uint8Array; error?: string }[] = [];
  for (const filename of opts.composeFiles) {
    if (filename === '-') {
      // as docker: stdin once; a second `-` reads nothing
      files.push({ filename, content: stdinRead ? new Uint8Array() : await readInput(io) });
      stdinRead = true;
      continue;
    }
    try {
      files.push({ filename, content: readFileSync(resolve(io.cwd, filename)) });
    } catch (err) {
      files.push({ filename, error: goPathError(err as NodeJS.ErrnoException, filename) });
    }
  }
  const first = opts.composeFiles[0];
  const findings = lintCompose({
    files,
    workingDir: first === '-' ? io.cwd : dirname(resolve(io.cwd, first)),
    env: io.env,
    target: opts.target,
    readFile: (path) => readFileSync(path),
    fileInfo,
  });
  const out =
    opts.format === 'json'
      ? formatJSON(findings)
      : opts.format === 'sarif'
        ? formatSARIF(findings, CATALOGUE, VERSION)
        : opts.format === 'github'
          ? formatGitHub(findings)
          : formatText(findings);
  io.stdout.write(out);
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (opts.maxWarnings >= 0 && warnings > opts.maxWarnings)
    throw new StatusError(`too many warnings: ${warnings}, --max-warnings is ${opts.maxWarnings}`, 1);
  if (findings.some((f) => f.severity === 'error')) throw new StatusError('', 1);
}

const oneOf =
  <const W extends readonly string[]>(words: W) =>
  (value: string): W[number] => {
    const word = words.find((w) => w === value);
    if (word === undefined) throw new Error(`must be ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);
    return word;
  };

export const LINT_TARGETS = ['swarm', 'compose'] as const satisfies readonly LintTarget[];

export const stackLintCommand = defineCommand({
  use: 'lint [OPTIONS]',
  short: 'Check the secrets and configs of compose files',
  own: true,
  args: noArgs,
  flags: [
    composeFileFlag,
    {
      name: 'target',
      varname: 'string',
      usage: 'What the files are for: swarm (docker stack deploy) or compose (docker compose up)',
      kind: 'value',
      defaultText: '"swarm"',
      default: 'swarm',
      parse: oneOf(LINT_TARGETS),
    },
    {
      name: 'format',
      varname: 'string',
      usage: 'Output format: text, json, sarif or github',
      kind: 'value',
      defaultText: '"text"',
      default: 'text',
      parse: oneOf(LINT_FORMATS),
    },
    {
      name: 'max-warnings',
      varname: 'int',
      usage: 'Fail when there are more warnings than this',
      kind: 'value',
      defaultText: '-1',
      default: -1,
      parse: (v) => Number(parseGoInt(v, 64, true)),
    },
  ],
  run: ({ io, flags }) =>
    runLint(
      {
        composeFiles: flags['compose-file'].flat(),
        target: flags.target,
        format: flags.format,
        maxWarnings: flags['max-warnings'],
      },
      io,
    ),
});
