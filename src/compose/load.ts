// Loading compose files as docker/cli does (cli/compose/loader/loader.go Load, and
// cli/command/stack/loader.go GetConfigDetails/LoadComposefile): YAML parse (yaml.v3 semantics),
// version check, forbidden keys, interpolation, schema validation, transformation, merge.
// Pure: file reading, the environment and the working directory are injected.
import { type ComposeHost, formatLogImpl, type LoadDetails, type LoadOptions, type LoadResult, loadArgsImpl, loadImpl } from './loader.js';

export { ComposeError } from './errors.js';
export type { ComposeFile, ComposeHost, LoadDetails, LoadOptions, LoadResult } from './loader.js';

/**
 * Loads the compose files in order and merges them (docker's loader.Load). Throws ComposeError.
 * Unsupported/deprecated-key warnings are computed for `stack deploy` (LoadResult.warnings); a
 * forbidden key fails with `Configuration contains forbidden properties` for `stack config`
 * and with docker's `Compose file contains unsupported options:` list for `stack deploy`
 * (loadComposefileArgs with mode 'deploy'; pass `{deploy: true}` here for the same).
 */
export function loadComposeFiles(details: LoadDetails, options: LoadOptions = {}): LoadResult {
  return loadImpl(details, options);
}

/**
 * docker's GetConfigDetails + Load for a list of -c arguments: reads each file (or stdin for `-`)
 * and parses it in turn, so a missing second file is reported after a YAML error in the first,
 * as docker does. The working dir is the first file's folder (the cwd for `-`). Throws
 * ComposeError (`Specify a Compose file (with --compose-file)` for an empty list).
 */
export async function loadComposefileArgs(composefiles: string[], host: ComposeHost, options: LoadOptions = {}): Promise<LoadResult> {
  return loadArgsImpl(composefiles, host, options);
}

/** A logrus warning line as docker's stderr shows it (non-TTY: `time="..." level=warning msg="..."`). */
export function formatLogWarning(msg: string, now: Date, isTTY: boolean): string {
  return formatLogImpl(msg, now, isTTY);
}
