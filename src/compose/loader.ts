// The loading pipeline behind load.ts (docker/cli cli/compose/loader/loader.go Load and
// cli/command/stack/loader.go GetConfigDetails/LoadComposefile).
import { dirname, resolve } from 'node:path';
import { goPathError } from '../go/os/error.js';
import { quoteGo } from '../go/strconv/quote.js';
import { ComposeError } from './errors.js';
import { interpolateConfig } from './interpolate.js';
import { mergeConfigs } from './merge.js';
import { composeVersion, validateSchema } from './schema.js';
import { loadSections, type TransformContext } from './transform.js';
import { type Config, DEPRECATED_PROPERTIES, FORBIDDEN_PROPERTIES, UNSUPPORTED_PROPERTIES } from './types.js';
import { isYamlMap, parseComposeYAML, type YamlMap } from './yaml.js';

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

interface ParsedFile {
  filename: string;
  config: YamlMap;
}

function decode(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
}

function withWarnings(err: unknown, logWarnings: string[]): never {
  if (err instanceof ComposeError) {
    err.logWarnings = [...logWarnings, ...(err.logWarnings ?? [])];
    throw err;
  }
  throw err;
}

/** docker's propertyWarnings: "key: description" sorted, joined by blank lines. */
function propertyWarnings(props: Map<string, string>): string {
  return [...props]
    .map(([k, v]) => `${k}: ${v}`)
    .sort()
    .join('\n\n');
}

function servicesOf(config: YamlMap): YamlMap {
  return isYamlMap(config.services) ? config.services : {};
}

function propertiesUsed(configs: YamlMap[], table: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of configs) {
    for (const svc of Object.values(servicesOf(c))) {
      if (!isYamlMap(svc)) continue;
      for (const [prop, desc] of Object.entries(table)) if (Object.hasOwn(svc, prop)) out.set(prop, desc);
    }
  }
  return out;
}

/** What `stack deploy` prints on stderr about the keys swarm ignores. */
function ignoredWarnings(configs: YamlMap[]): string {
  let out = '';
  const unsupported = new Set<string>();
  for (const c of configs) {
    for (const svc of Object.values(servicesOf(c))) {
      if (!isYamlMap(svc)) continue;
      for (const prop of UNSUPPORTED_PROPERTIES) if (Object.hasOwn(svc, prop)) unsupported.add(prop);
    }
  }
  if (unsupported.size) out += `Ignoring unsupported options: ${[...unsupported].sort().join(', ')}\n\n`;
  const deprecated = propertiesUsed(configs, DEPRECATED_PROPERTIES);
  if (deprecated.size) out += `Ignoring deprecated options:\n\n${propertyWarnings(deprecated)}\n\n`;
  return out;
}

type Details = Omit<LoadDetails, 'files'>;

/** The per-file checks before transformation: version, forbidden keys, interpolation, schema. */
function prepare(file: ParsedFile, detailsVersion: string, details: Details, options: LoadOptions): YamlMap {
  let dict = file.config;
  const version = composeVersion(dict);
  if (detailsVersion !== version) throw new ComposeError(`version mismatched between two composefiles : ${detailsVersion} and ${version}`);
  const forbidden = propertiesUsed([dict], FORBIDDEN_PROPERTIES);
  if (forbidden.size) {
    throw new ComposeError(
      options.deploy
        ? `Compose file contains unsupported options:\n\n${propertyWarnings(forbidden)}\n`
        : 'Configuration contains forbidden properties',
    );
  }
  if (!options.skipInterpolation) dict = interpolateConfig(dict, lookupIn(details.env)) as YamlMap;
  validateSchema(dict, detailsVersion);
  return dict;
}

const lookupIn = (env: Record<string, string | undefined>) => (key: string) => (Object.hasOwn(env, key) ? env[key] : undefined);

function sections(
  file: ParsedFile,
  dict: YamlMap,
  detailsVersion: string,
  details: Details,
  readFile: ((p: string) => Uint8Array) | undefined,
  logWarnings: string[],
): Config {
  const ctx: TransformContext = {
    workingDir: details.workingDir,
    version: detailsVersion,
    lookupEnv: lookupIn(details.env),
    readFile,
    warn: (msg) => logWarnings.push(msg),
  };
  return loadSections(dict, composeVersion(dict), ctx, file.filename);
}

function finish(configs: Config[], files: ParsedFile[], logWarnings: string[]): LoadResult {
  const config = mergeConfigs(configs);
  config.services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { config, logWarnings, warnings: ignoredWarnings(files.map((f) => f.config)) };
}

/** loader.Load over files already parsed (env files read synchronously). */
function load(files: ParsedFile[], details: Details, options: LoadOptions): LoadResult {
  if (files.length === 0) throw new ComposeError('No files specified');
  const logWarnings: string[] = [];
  try {
    const detailsVersion = composeVersion(files[0].config);
    const configs = files.map((file) =>
      sections(file, prepare(file, detailsVersion, details, options), detailsVersion, details, details.readFile, logWarnings),
    );
    return finish(configs, files, logWarnings);
  } catch (err) {
    return withWarnings(err, logWarnings);
  }
}

/** The env_file paths a validated file's services name (absolute). */
function envFilePaths(dict: YamlMap, workingDir: string): string[] {
  const out: string[] = [];
  for (const svc of Object.values(servicesOf(dict))) {
    if (!isYamlMap(svc)) continue;
    const ef = svc.env_file;
    for (const f of typeof ef === 'string' ? [ef] : Array.isArray(ef) ? ef : [])
      if (typeof f === 'string') out.push(resolve(workingDir, f));
  }
  return out;
}

/** loader.Load with an asynchronous reader: each file's env files are read before its transformation. */
async function loadAsync(
  files: ParsedFile[],
  details: Details,
  options: LoadOptions,
  read: (p: string) => Uint8Array | Promise<Uint8Array>,
): Promise<LoadResult> {
  const logWarnings: string[] = [];
  try {
    const detailsVersion = composeVersion(files[0].config);
    const configs: Config[] = [];
    for (const file of files) {
      const dict = prepare(file, detailsVersion, details, options);
      const cache = new Map<string, Uint8Array | Error>();
      for (const path of envFilePaths(dict, details.workingDir)) {
        if (cache.has(path)) continue;
        try {
          cache.set(path, await read(path));
        } catch (err) {
          cache.set(path, err as Error);
        }
      }
      const readFile = (path: string): Uint8Array => {
        const hit = cache.get(path);
        if (hit === undefined) throw Object.assign(new Error('not read'), { code: 'ENOENT' });
        if (hit instanceof Error) throw hit;
        return hit;
      };
      configs.push(sections(file, dict, detailsVersion, details, readFile, logWarnings));
    }
    return finish(configs, files, logWarnings);
  } catch (err) {
    return withWarnings(err, logWarnings);
  }
}

export function loadImpl(details: LoadDetails, options: LoadOptions): LoadResult {
  const files = details.files.map((f) => ({ filename: f.filename, config: parseComposeYAML(decode(f.content)) }));
  return load(files, details, options);
}

export async function loadArgsImpl(composefiles: string[], host: ComposeHost, options: LoadOptions): Promise<LoadResult> {
  if (composefiles.length === 0) throw new ComposeError('Specify a Compose file (with --compose-file)');
  const workingDir = composefiles[0] === '-' && composefiles.length === 1 ? host.cwd : dirname(resolve(host.cwd, composefiles[0]));
  const files: ParsedFile[] = [];
  let stdinRead = false;
  for (const filename of composefiles) {
    let content: Uint8Array;
    if (filename === '-') {
      content = stdinRead ? new Uint8Array() : await host.readStdin();
      stdinRead = true;
    } else {
      try {
        content = await host.readFile(resolve(host.cwd, filename));
      } catch (err) {
        throw new ComposeError(goPathError(err as NodeJS.ErrnoException, filename));
      }
    }
    files.push({ filename, config: parseComposeYAML(decode(content)) });
  }
  const details = { workingDir, env: host.env };
  return host.readFileSync
    ? load(files, { ...details, readFile: host.readFileSync.bind(host) }, options)
    : loadAsync(files, details, options, (p) => host.readFile(p));
}

/** logrus's TextFormatter line for a warning (docker logs to stderr). */
export function formatLogImpl(msg: string, now: Date, isTTY: boolean): string {
  if (isTTY) return `\x1b[33mWARN\x1b[0m[0000] ${msg.padEnd(44)} \n`;
  return `time="${rfc3339(now)}" level=warning msg=${needsQuoting(msg) ? quoteGo(msg) : msg}\n`;
}

function needsQuoting(s: string): boolean {
  if (s === '') return true;
  return !/^[A-Za-z0-9\-._/@^+]+$/.test(s);
}

/** time.Now().Format(time.RFC3339) in the local zone. */
function rfc3339(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}
