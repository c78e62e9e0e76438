// The value types docker/cli declares for the service flags themselves
// (cli/command/service/opts.go: Uint64Opt, floatValue, placementPrefOpts, ShlexOpt,
// credentialSpecOpt; generic_resource_opts.go), and the healthcheck, restart policy and
// update config they build.
import type { CredentialSpec, GenericResource, HealthConfig, UpdateConfig } from '../../api/services.js';
import { parseGoInt } from '../../go/strconv/atoi.js';
import { NumError, strconvParseFloat, strconvParseInt } from '../../go/strconv/numerr.js';
import { shlexSplit } from '../../opts/shlex.js';

/** Uint64Opt / pflag uint64: strconv.ParseUint(s, 0, 64). */
export const parseUint64 = (v: string): number => Number(parseGoInt(v, 64, false));

/** pflag int64 / int: strconv.ParseInt(s, 0, 64). */
export const parseInt64 = (v: string): number => Number(parseGoInt(v, 64, true));

/** floatValue: strconv.ParseFloat(s, 32), kept as the float32 prints. */
export const parseFloat32 = (v: string): number => strconvParseFloat(v, 32);

/** placementPrefOpts.Set: only spread=<descriptor>. */
export function parsePlacementPref(value: string): { Spread: { SpreadDescriptor: string } } {
  const eq = value.indexOf('=');
  const strategy = eq < 0 ? '' : value.slice(0, eq);
  if (eq < 0 || strategy === '') throw new Error('placement preference must be of the format "<strategy>=<arg>"');
  if (strategy !== 'spread') throw new Error(`unsupported placement preference ${strategy} (only spread is supported)`);
  return { Spread: { SpreadDescriptor: value.slice(eq + 1) } };
}

/** ShlexOpt.Set: the value as shell words (--entrypoint, --args). */
export const parseShlex = (value: string): string[] => shlexSplit(value);

/** credentialSpecOpt.Set: config://, file:// or registry://; "" is no credential spec. */
export function parseCredentialSpec(value: string): CredentialSpec | undefined {
  const spec: CredentialSpec = { Config: '', File: '', Registry: '' };
  if (value.startsWith('config://')) spec.Config = value.slice('config://'.length);
  else if (value.startsWith('file://')) spec.File = value.slice('file://'.length);
  else if (value.startsWith('registry://')) spec.Registry = value.slice('registry://'.length);
  else if (value === '') return undefined;
  else throw new Error('invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"');
  return spec;
}

/** ValidateSingleGenericResource. */
export function validateGenericResource(val: string): string {
  if (!val.includes('=')) throw new Error(`invalid generic-resource format \`${val}\` expected \`name=value\``);
  return val;
}

/**
 * ParseGenericResources (swarmkit genericresource.Parse): kind=count is a discrete resource; a
 * named one (kind=name) is refused for services. Docker builds them through a Go map, so their
 * order is random: tsecret keeps them by kind.
 */
export function parseGenericResources(values: readonly string[]): GenericResource[] | undefined {
  if (values.length === 0) return undefined;
  const tokens = new Map<string, string[]>();
  for (const term of values) {
    const kva = term.split('=');
    if (kva.length !== 2) {
      throw new Error(
        `invalid generic resource specification: could not parse GenericResource: incorrect term ${term}, missing '=' or malformed expression`,
      );
    }
    const key = kva[0].trim();
    tokens.set(key, [...(tokens.get(key) ?? []), kva[1].trim()]);
  }
  const out: GenericResource[] = [];
  for (const [kind, vals] of [...tokens].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let count: number | undefined;
    if (vals.length === 1) {
      try {
        count = Number(strconvParseInt(vals[0], 10, 64));
      } catch (err) {
        if (!(err instanceof NumError)) throw err;
      }
    }
    if (count !== undefined) {
      if (count < 0)
        throw new Error(
          `invalid generic resource specification: could not parse GenericResource: cannot ask for negative resource ${kind}`,
        );
      out.push({ DiscreteResourceSpec: { Kind: kind, Value: count } });
      continue;
    }
    throw new Error(
      `invalid generic-resource request \`${kind}=${vals[0]}\`, Named Generic Resources is not supported for service create or update`,
    );
  }
  return out;
}

/** The healthcheck flags as create reads them (healthCheckOptions.toHealthConfig). */
export interface HealthOptions {
  cmd: string;
  interval?: number;
  timeout?: number;
  retries: number;
  startPeriod?: number;
  startInterval?: number;
  noHealthcheck: boolean;
}

export function toHealthConfig(o: HealthOptions): HealthConfig | undefined {
  const have =
    o.cmd !== '' ||
    o.interval !== undefined ||
    o.timeout !== undefined ||
    o.startPeriod !== undefined ||
    o.startInterval !== undefined ||
    o.retries !== 0;
  if (o.noHealthcheck) {
    if (have) throw new Error('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!have) return undefined;
  return healthConfig({
    Test: o.cmd !== '' ? ['CMD-SHELL', o.cmd] : undefined,
    Interval: o.interval,
    Timeout: o.timeout,
    StartPeriod: o.startPeriod,
    StartInterval: o.startInterval,
    Retries: o.retries,
  });
}

/** container.HealthConfig in the API's field order, zero values left out (omitempty). */
export function healthConfig(h: HealthConfig): HealthConfig {
  const out: HealthConfig = {};
  if (h.Test?.length) out.Test = h.Test;
  if (h.Interval) out.Interval = h.Interval;
  if (h.Timeout) out.Timeout = h.Timeout;
  if (h.StartPeriod) out.StartPeriod = h.StartPeriod;
  if (h.StartInterval) out.StartInterval = h.StartInterval;
  if (h.Retries) out.Retries = h.Retries;
  return out;
}

/** swarmkit's defaults.Service.Update / .Rollback (updateConfigFromDefaults). */
export const defaultUpdateConfig = (): UpdateConfig => ({
  Parallelism: 1,
  FailureAction: 'pause',
  Monitor: 5e9,
  MaxFailureRatio: 0,
  Order: 'stop-first',
});

/** An update config in the API's field order, Delay left out when 0. */
export function updateConfigInOrder(u: UpdateConfig): UpdateConfig {
  return {
    Parallelism: u.Parallelism,
    ...(u.Delay ? { Delay: u.Delay } : {}),
    ...(u.FailureAction ? { FailureAction: u.FailureAction } : {}),
    ...(u.Monitor ? { Monitor: u.Monitor } : {}),
    MaxFailureRatio: u.MaxFailureRatio,
    Order: u.Order,
  };
}

/** The flags of one update or rollback policy (--update-* or --rollback-*), as updateOptions reads them. */
export const UPDATE_FLAGS_OF = (prefix: 'update' | 'rollback') =>
  [
    `${prefix}-parallelism`,
    `${prefix}-delay`,
    `${prefix}-monitor`,
    `${prefix}-failure-action`,
    `${prefix}-max-failure-ratio`,
    `${prefix}-order`,
  ] as const;
