// docker/cli opts/port.go ConvertPortToPortConfig, as the compose loader expands a short-syntax
// port (cli/compose/loader/loader.go toServicePortConfigs).
import { isIP, parsePortRange, parsePortSpec } from './nat.js';

export interface PortConfig {
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
export function parseShortPort(raw: string, warn: (msg: string) => void): PortConfig[] {
  const mappings = parsePortSpec(raw);
  mappings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: PortConfig[] = [];
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
