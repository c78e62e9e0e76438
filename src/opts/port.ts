// --publish / --publish-add / --publish-rm values: docker/cli opts/swarmopts/port.go (PortOpt.Set,
// ConvertPortToPortConfig). The long form is `published=8080,target=80,protocol=udp,mode=host`;
// anything else is nat's short form (`8080:80/udp`, `81`, `8000-8001:80-81`).
import type { PortConfig } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { NumError, parseUint } from '../go/strconv/numerr.js';
import { parsePortSpec } from './nat.js';

/** PortOpt.Set's test for the long form: a key=value pair anywhere in the value. */
const LONG_SYNTAX = /\w+=\w+(,\w+=\w+)*/;

function port16(what: string, val: string): number {
  try {
    return Number(parseUint(val, 10, 16));
  } catch (err) {
    if (err instanceof NumError) throw new Error(`invalid ${what} port (${val}): value must be an integer: ${err.reason}`);
    throw err;
  }
}

/** nat.ParsePortRange of a host port ("" is no port: 0). */
function hostPortRange(hostPort: string, target: string): [number, number] {
  if (hostPort === '') return [0, 0];
  const m = /^(\d+)(?:-(\d+))?$/.exec(hostPort);
  const start = m ? Number(m[1]) : Number.NaN;
  const end = m?.[2] !== undefined ? Number(m[2]) : start;
  if (!m || start > 65535 || end > 65535 || end < start) throw new Error(`invalid hostport binding (${hostPort}) for port (${target})`);
  return [start, end];
}

/**
 * One --publish value as the ports it publishes. Docker ranges over a Go map for a short form
 * with a range, so its order is random there: tsecret keeps them by target port.
 */
export function parsePortOpt(value: string): PortConfig[] {
  if (LONG_SYNTAX.test(value)) {
    const fields = csvRecord(value);
    let protocol: PortConfig['Protocol'] | undefined;
    let mode: PortConfig['PublishMode'] | undefined;
    let target = 0;
    let published = 0;
    for (const field of fields) {
      const lower = field.toLowerCase();
      const eq = lower.indexOf('=');
      const key = eq < 0 ? '' : lower.slice(0, eq);
      const val = lower.slice(eq + 1);
      if (eq < 0 || key === '') throw new Error(`invalid field: ${field}`);
      switch (key) {
        case 'protocol':
          if (val !== 'tcp' && val !== 'udp' && val !== 'sctp') throw new Error(`invalid protocol value '${val}'`);
          protocol = val;
          break;
        case 'mode':
          if (val !== 'ingress' && val !== 'host')
            throw new Error(`invalid publish mode value (${val}): must be either 'ingress' or 'host'`);
          mode = val;
          break;
        case 'target':
          target = port16('target', val);
          break;
        case 'published':
          published = port16('published', val);
          break;
        default:
          throw new Error(`invalid field key: ${key}`);
      }
    }
    if (target === 0) throw new Error("missing mandatory field 'target'");
    return [{ Protocol: protocol ?? 'tcp', TargetPort: target, PublishedPort: published, PublishMode: mode ?? 'ingress' }];
  }
  const mappings = parsePortSpec(value);
  if (mappings.some((m) => m.hostIP !== '')) throw new Error('hostip is not supported');
  mappings.sort((a, b) => a.target - b.target || (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : 0));
  const out: PortConfig[] = [];
  for (const m of mappings) {
    const [start, end] = hostPortRange(m.hostPort, String(m.target));
    for (let p = start; p <= end; p++) {
      out.push({ Protocol: m.proto as PortConfig['Protocol'], TargetPort: m.target, PublishedPort: p, PublishMode: 'ingress' });
    }
  }
  return out;
}

/** service update's portConfigToString: the key ports are compared and sorted by. */
export const portConfigKey = (p: PortConfig): string => `${p.PublishedPort ?? 0}:${p.TargetPort}/${p.Protocol}/${p.PublishMode}`;
