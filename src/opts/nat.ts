// docker/go-connections nat/nat.go and parse.go: ParsePortSpec, ParsePortRange and
// SplitProtoPort, with their error texts.
import { quoteGo } from '../go/strconv/quote.js';

/** strconv.ParseUint(s, 10, 16): the value, or the Go error text. */
function parseUint16(s: string): number | string {
  if (!/^[0-9]+$/.test(s)) return `strconv.ParseUint: parsing ${quoteGo(s)}: invalid syntax`;
  const v = Number(s);
  if (v > 65535) return `strconv.ParseUint: parsing ${quoteGo(s)}: value out of range`;
  return v;
}

export function parsePortRange(ports: string): [number, number] | string {
  if (ports === '') return 'empty string specified for ports';
  if (!ports.includes('-')) {
    const v = parseUint16(ports);
    return typeof v === 'string' ? v : [v, v];
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  if (typeof start === 'string') return start;
  const end = parseUint16(parts[1]);
  if (typeof end === 'string') return end;
  if (end < start) return `invalid range specified for port: ${ports}`;
  return [start, end];
}

function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (raw.length === 0 || parts[0].length === 0) return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  if (parts[1].length === 0) return ['tcp', parts[0]];
  return [parts[1], parts[0]];
}

export function isIP(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s))
    return s.split('.').every((p) => Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);
}

export interface PortMapping {
  key: string;
  target: number;
  proto: string;
  hostIP: string;
  hostPort: string;
}

/** nat.ParsePortSpec: the port mappings of one spec; throws nat's error text. */
export function parsePortSpec(raw: string): PortMapping[] {
  const parts = raw.split(':');
  const n = parts.length;
  let ip = '';
  let hostPort = '';
  let containerPort = parts[n - 1];
  if (n === 2) hostPort = parts[0];
  else if (n === 3) [ip, hostPort] = parts;
  else if (n > 3) {
    ip = parts.slice(0, n - 2).join(':');
    hostPort = parts[n - 2];
  }
  let proto: string;
  [proto, containerPort] = splitProtoPort(containerPort);
  if (ip !== '' && ip[0] === '[') {
    const m = /^\[([^\]]*)\]$/.exec(ip);
    if (!m) throw new Error(`invalid IP address ${ip}: address ${ip}:: missing port in address`);
    ip = m[1];
  }
  if (ip !== '' && !isIP(ip)) throw new Error(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new Error(`no port specified: ${raw}<empty>`);
  const cr = parsePortRange(containerPort);
  if (typeof cr === 'string') throw new Error(`invalid containerPort: ${containerPort}`);
  const [startPort, endPort] = cr;
  let startHost = 0;
  let endHost = 0;
  if (hostPort.length > 0) {
    const hr = parsePortRange(hostPort);
    if (typeof hr === 'string') throw new Error(`invalid hostPort: ${hostPort}`);
    [startHost, endHost] = hr;
  }
  if (hostPort !== '' && endPort - startPort !== endHost - startHost && endPort !== startPort) {
    throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new Error(`invalid proto: ${proto}`);
  const mappings: PortMapping[] = [];
  for (let i = 0; i <= endPort - startPort; i++) {
    let hp = hostPort;
    if (hostPort.length > 0) hp = String(startHost + i);
    if (startPort === endPort && startHost !== endHost) hp = `${hp}-${endHost}`;
    const p = proto.toLowerCase();
    mappings.push({ key: `${startPort + i}/${p}`, target: startPort + i, proto: p, hostIP: ip, hostPort: hp });
  }
  return mappings;
}
