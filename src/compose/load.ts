// Loading compose files as docker/cli does (cli/compose/loader/loader.go Load, and
// cli/command/stack/loader.go GetConfigDetails/LoadComposefile): YAML parse (yaml.v3 semantics),
// version check, forbidden keys, interpolation, schema validation, transformation, merge.
// Pure: file reading, the environment and the working directory are injected.
import type { Config } from './types.js';
import { loadArgsImpl, loadImpl, formatLogImpl } from './loader.js';

export { ComposeError } from './errors.js';

/** One compose file as given to -c: its name as typed (`-` for stdin) and its bytes. */
export interface ComposeFile {
  filename: string;
  content: string | Uint8Array;
}

export interface LoadDetails {
  /** Folder relative paths (secret `file:`, `env_file`, bind sources) resolve against. */
  workingDir: string;
  files: ComposeFile[];
  /** The environment variables interpolate from (docker: the CLI's process environment). */
  env: Record<string, string | undefined>;
  /** Reads a service's env_file (sync, as fs.readFileSync); without it an env_file is "not found". */
  readFile?: (path: string) => Uint8Array;
}

export interface LoadOptions {
  /** `stack config --skip-interpolation`. */
  skipInterpolation?: boolean;
  /** `stack deploy`'s wording of the forbidden-keys error (docker's LoadComposefile). */
  deploy?: boolean;
}

export interface LoadResult {
  config: Config;
  /**
   * Messages docker logs through logrus at warning level while loading, in order (e.g.
   * `secret s: secret.external.name is deprecated in favor of secret.name`). Both `stack config`
   * and `stack deploy` print them on stderr; format each with formatLogWarning.
   */
  logWarnings: string[];
  /**
   * What `stack deploy` (not `stack config`) prints on stderr after loading, exactly:
   * `Ignoring unsupported options: build, restart\n\n` then
   * `Ignoring deprecated options:\n\ncontainer_name: ...\n\n`; '' when none.
   */
  warnings: string;
}

/** Where files and stdin come from (injected; the CLI passes node:fs and its stdin). */
export interface ComposeHost {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reads a -c file (absolute path); fails with a Node fs error (code ENOENT, EISDIR, EACCES, ...). */
  readFile(path: string): Uint8Array | Promise<Uint8Array>;
  /** Optional synchronous reader for services' env_file; without it they are read through readFile. */
  readFileSync?(path: string): Uint8Array;
  readStdin(): Promise<Uint8Array>;
}

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
export async function loadComposefileArgs(
  composefiles: string[],
  host: ComposeHost,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return loadArgsImpl(composefiles, host, options);
}

/** A logrus warning line as docker's stderr shows it (non-TTY: `time="..." level=warning msg="..."`). */
export function formatLogWarning(msg: string, now: Date, isTTY: boolean): string {
  return formatLogImpl(msg, now, isTTY);
}
