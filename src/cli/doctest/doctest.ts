// `tsecret doctest FILE.md… [--update] [--engine docker] [--strict]`: checks that the shell
// sessions of Markdown files (tutorials, READMEs) still print what they say. tsecret's own; the
// work is in src/doctest/, loaded only when this command runs.
import { realpathSync } from 'node:fs';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';

const ENGINES = ['tsecret', 'docker'] as const;

const oneOfEngines = (value: string): (typeof ENGINES)[number] => {
  const engine = ENGINES.find((e) => e === value);
  if (engine === undefined) throw new Error(`must be one of ${ENGINES.map((e) => `"${e}"`).join(', ')}`);
  return engine;
};

/** The entry point this process was started from (bin/tsecret.cjs, maybe through npm's symlink). */
function ownEntryPoint(): string {
  const script = process.argv[1] ?? '';
  try {
    return realpathSync(script);
  } catch {
    return script;
  }
}

export const doctestCommand = defineCommand({
  use: 'doctest [OPTIONS] FILE [FILE...]',
  short: "Check that Markdown files' shell sessions print what they show",
  own: true,
  args: requiresMinArgs(1),
  flags: [
    { name: 'update', varname: '', usage: 'Write the actual output of each failing command into its file', kind: 'bool' },
    { name: 'strict', varname: '', usage: 'Also compare commands the file shows no output for (they must print nothing)', kind: 'bool' },
    {
      name: 'engine',
      varname: 'string',
      usage: 'Run the commands against "tsecret" (a throwaway deterministic state per file) or the real "docker" on PATH',
      kind: 'value',
      defaultText: '"tsecret"',
      default: 'tsecret',
      parse: oneOfEngines,
    },
  ],
  run: async ({ args, flags, io }) => {
    const { runDoctest } = await import('../../doctest/run.js');
    const summary = runDoctest({
      files: args,
      update: flags.update,
      strict: flags.strict,
      engine: flags.engine,
      cli: ownEntryPoint(),
      node: process.execPath,
      env: io.env,
      cwd: io.cwd,
      stdout: io.stdout,
      stderr: io.stderr,
    });
    const unfixed = summary.failed - summary.updated;
    if (unfixed > 0 || summary.unreadable > 0) throw new StatusError('', 1);
  },
});
