// The compose files of `stack deploy` and `stack config`: the -c/--compose-file flag and loading
// them, with the loader's logrus warnings printed whether loading succeeds or fails (docker logs
// them as it goes). The compose code is imported here, so it stays off other commands' start-up.
import { promises, readFileSync } from 'node:fs';
import type { LoadOptions, LoadResult } from '../../compose/load.js';
import { csvRecord } from '../../go/csv/reader.js';
import { type IOStreams, readInput } from '../../iostreams/iostreams.js';
import { defineFlag } from '../command.js';

/** pflag's stringSlice: each value is read as one CSV record; an empty value adds nothing. */
const parseStringSlice = (value: string): string[] => (value === '' ? [] : csvRecord(value));

/**
 * -c/--compose-file, a pflag stringSlice: repeatable, each value a CSV list (so it reads as one
 * list per value: `.flat()` gives the files in order); `-` is stdin.
 */
export const composeFileFlag = defineFlag({
  name: 'compose-file',
  shorthand: 'c',
  varname: 'strings',
  usage: 'Path to a Compose file, or "-" to read from stdin',
  kind: 'list',
  parse: parseStringSlice,
});

/** docker/cli cli/command/stack/loader.go LoadComposefile: loads the -c files and prints the loader's warnings. */
export async function loadComposefile(composeFiles: string[], io: IOStreams, options: LoadOptions): Promise<LoadResult> {
  const { loadComposefileArgs, formatLogWarning, ComposeError } = await import('../../compose/load.js');
  const printWarnings = (msgs: string[]) => {
    for (const msg of msgs) io.stderr.write(formatLogWarning(msg, new Date(io.now()), io.stderrIsTTY));
  };
  let result: LoadResult;
  try {
    result = await loadComposefileArgs(
      composeFiles,
      {
        cwd: io.cwd,
        env: io.env,
        readFile: (path) => promises.readFile(path),
        readFileSync: (path) => readFileSync(path),
        readStdin: () => readInput(io),
      },
      options,
    );
  } catch (err) {
    if (err instanceof ComposeError && err.logWarnings) printWarnings(err.logWarnings);
    throw err;
  }
  printWarnings(result.logWarnings);
  return result;
}
