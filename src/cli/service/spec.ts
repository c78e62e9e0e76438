// Building a service spec from command-line options, as docker/cli's serviceOptions.ToServiceSpec
// (cli/command/service/opts.go) and the Go client (image tag) do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceMode, ServiceSpec, TaskSpec, UpdateConfig } from '../../engine/api-services.js';
import type { FlagSpec } from '../command.js';
import { goFileError } from '../secret/create.js';
import { parseGoInt, validateLabel } from '../flags.js';
import { validateSecretOpt } from './secret-opts.js';

const DEFAULT_UPDATE_CONFIG: UpdateConfig = { Parallelism: 1, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' };

/** The Go client tags an untagged image reference with :latest (imageWithTagString). */
export function imageWithTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}

/** opts.ValidateEnv: KEY=VALUE as is; a bare KEY takes the client's value when it has one. */
export function envValue(entry: string, env: NodeJS.ProcessEnv): string {
  if (entry.includes('=')) return entry;
  const value = env[entry];
  return value === undefined ? entry : `${entry}=${value}`;
}

/** --env-file: one KEY=VALUE per line, # comments and blank lines skipped. */
export function readEnvFile(path: string, cwd: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new Error(goFileError(err as NodeJS.ErrnoException, path));
  }
  return text
    .split('\n')
    .map((l) => l.replace(/^\s+/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => envValue(l, env));
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

export function serviceSpec(name: string, labels: Record<string, string>, task: TaskSpec, mode: ServiceMode): ServiceSpec {
  return {
    Name: name,
    Labels: labels,
    TaskTemplate: task,
    Mode: mode,
    UpdateConfig: { ...DEFAULT_UPDATE_CONFIG },
    RollbackConfig: { ...DEFAULT_UPDATE_CONFIG },
    EndpointSpec: { Mode: 'vip' },
  };
}

/** The flag parsers that give docker's flag errors for the options tsecret acts on. */
const PARSERS: Record<string, (v: string) => string> = {
  secret: validateSecretOpt,
  'secret-add': validateSecretOpt,
  label: validateLabel,
  'label-add': validateLabel,
  'container-label': validateLabel,
  'container-label-add': validateLabel,
  replicas: (v) => String(parseGoInt(v, 64, false)),
};

export const withParsers = (flags: FlagSpec[]): FlagSpec[] => flags.map((f) => (PARSERS[f.name] ? { ...f, parse: PARSERS[f.name] } : f));
