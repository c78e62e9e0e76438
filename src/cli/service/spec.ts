// Building a service spec from command-line options, as docker/cli's serviceOptions.ToServiceSpec
// (cli/command/service/opts.go) and the Go client (image tag) do.
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceMode, ServiceSpec, TaskSpec } from '../../api/services.js';
import { goPathError } from '../../go/os/error.js';

/** moby's digestWarning: the daemon could not ask a registry for the image's digest (no trailing blank line). */
export const digestWarning = (image: string): string =>
  `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;

/** opts.ValidateEnv: KEY=VALUE as is; a bare KEY takes the client's value when it has one. */
export function envValue(entry: string, env: NodeJS.ProcessEnv): string {
  if (entry.includes('=')) return entry;
  const value = env[entry];
  return value === undefined ? entry : `${entry}=${value}`;
}

const WHITESPACES = ' \t';

/** bufio.MaxScanTokenSize: a longer line stops Go's Scanner with ErrTooLong. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * The lines of a file as bufio.Scanner yields them: read in chunks, so that a line Go would refuse
 * as too long (/dev/zero has no line end at all) is refused without reading on.
 */
function* scanLines(fd: number): Generator<Buffer> {
  const chunk = Buffer.alloc(MAX_LINE_BYTES);
  let pending = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    let data = Buffer.concat([pending, chunk.subarray(0, n)]);
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a)) {
      if (nl >= MAX_LINE_BYTES) throw new Error('bufio.Scanner: token too long');
      yield data.subarray(0, nl);
      data = data.subarray(nl + 1);
    }
    if (data.length >= MAX_LINE_BYTES) throw new Error('bufio.Scanner: token too long');
    pending = Buffer.from(data);
  }
  if (pending.length > 0) yield pending;
}

/**
 * --env-file (docker/cli opts/file.go parseKeyValueFile): lines split as bufio.Scanner does (a
 * trailing \r dropped, a line of 64 KiB or more refused), leading blanks trimmed, blank and `#`
 * lines skipped, a UTF-8 BOM dropped from the first line; `KEY=VALUE` passes through untrimmed, a
 * bare `KEY` takes the client's value and is dropped when the client has none. Lines are checked
 * as they are read, so the first problem is the one reported. Errors are docker's, naming the file.
 */
export function readEnvFile(path: string, cwd: string, env: NodeJS.ProcessEnv): string[] {
  let fd: number;
  try {
    fd = openSync(resolve(cwd, path), 'r');
  } catch (err) {
    throw new Error(goPathError(err as NodeJS.ErrnoException, path));
  }
  const bad = (msg: string) => new Error(`invalid env file (${path}): ${msg}`);
  const out: string[] = [];
  try {
    let first = true;
    for (const bytes of scanLines(fd)) {
      let line = bytes.toString('utf8');
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (first && line.startsWith('\ufeff')) line = line.slice(1);
      first = false;
      line = line.replace(/^\s+/u, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const variable = (eq < 0 ? line : line.slice(0, eq)).replace(/^[ \t]+/, '');
      if ([...WHITESPACES].some((c) => variable.includes(c))) throw bad(`variable '${variable}' contains whitespaces`);
      if (variable === '') throw bad(`no variable name on line '${line}'`);
      if (eq >= 0) out.push(`${variable}=${line.slice(eq + 1)}`);
      else if (env[variable] !== undefined) out.push(`${variable}=${env[variable]}`);
    }
  } catch (err) {
    if ((err as Error).message === 'bufio.Scanner: token too long') throw bad((err as Error).message);
    if ((err as NodeJS.ErrnoException).code) throw new Error(goPathError(err as NodeJS.ErrnoException, path));
    throw err;
  } finally {
    closeSync(fd);
  }
  return out;
}

/** opts.ReadKVEnvStrings: the files' entries, then the flags' (a bare flag name takes the client's value). */
export function readEnv(files: string[], flags: string[], cwd: string, env: NodeJS.ProcessEnv): string[] {
  return [...files.flatMap((f) => readEnvFile(f, cwd, env)), ...flags.map((e) => envValue(e, env))];
}

/**
 * The service's environment as ToServiceSpec builds it: in order, an entry replaces an earlier one
 * with the same key, which moves to the end; an identical earlier entry is kept (docker's loop
 * skips it and appends the copy).
 */
export function serviceEnv(entries: string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const key = entry.split('=')[0];
    for (let i = out.length - 1; i >= 0; i--) if (out[i] !== entry && out[i].startsWith(`${key}=`)) out.splice(i, 1);
    out.push(entry);
  }
  return out;
}

export function defaultTaskSpec(image: string): TaskSpec {
  return {
    ContainerSpec: { Image: image, Init: false, StopGracePeriod: 10e9, DNSConfig: {}, Isolation: 'default' },
    Resources: { Limits: {}, Reservations: {} },
    RestartPolicy: { Condition: 'any', Delay: 5e9, MaxAttempts: 0 },
    Placement: {},
    ForceUpdate: 0,
    Runtime: 'container',
  };
}

/**
 * The spec create sends: no update or rollback config unless a flag sets one (the daemon's
 * defaults show when the service is inspected; a job may have none).
 */
export function serviceSpec(name: string, labels: Record<string, string>, task: TaskSpec, mode: ServiceMode): ServiceSpec {
  return { Name: name, Labels: labels, TaskTemplate: task, Mode: mode, EndpointSpec: { Mode: 'vip' } };
}
