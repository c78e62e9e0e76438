// docker/cli opts/swarmopts/port.go (PortOpt.Set, ConvertPortToPortConfig): --publish /
// --publish-add / --publish-rm values. The long form is `published=8080,target=80,protocol=udp,mode=host`;
// anything else is nat's short form (`8080:80/udp`, `81`, `8000-8001:80-81`). Also the compose
// loader's expansion of a short-syntax port (cli/compose/loader/loader.go toServicePortConfigs).
import type { PortConfig } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { NumError, parseUint } from '../go/strconv/numerr.js';
import { isIP, parsePortRange, parsePortSpec } from './nat.js';

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

/** A compose port as the loader builds it (types.ServicePortConfig). */
export interface ComposePortConfig {
  mode: string;
  target: number;
  published: number;
  protocol: string;
}

/**
 * One short-syntax port ("8080:80", "127.0.0.1:53:53/udp", "9000-9001:80") as the loader expands
 * it: one entry per published port, sorted by the "port/proto" text as docker sorts the keys.
 * Reports through `warn` the host IPs docker ignores.
 */
export function parseShortPort(raw: string, warn: (msg: string) => void): ComposePortConfig[] {
  const mappings = parsePortSpec(raw);
  mappings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: ComposePortConfig[] = [];
  for (const m of mappings) {
    if (m.hostIP !== '' && isIP(m.hostIP) && !/^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(m.hostIP)) {
      const hostPortText = m.hostIP.includes(':') ? `[${m.hostIP}]:${m.hostPort}` : `${m.hostIP}:${m.hostPort}`;
      warn(`ignoring IP-address (${hostPortText}:${m.key}) service will listen on '0.0.0.0'`);
    }
    const hr = parsePortRange(m.hostPort);
    if (typeof hr === 'string' && m.hostPort !== '') throw new Error(`invalid hostport binding (${m.hostPort}) for port (${m.target})`);
    const [s, e] = typeof hr === 'string' ? [0, 0] : hr;
    for (let p = s; p <= e; p++) out.push({ mode: 'ingress', target: m.target, published: p, protocol: m.proto });
  }
  return out;
}
