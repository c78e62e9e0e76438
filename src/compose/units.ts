// Small parsers the compose loader borrows from Go and docker libraries: time.ParseDuration,
// go-units RAMInBytes, google/shlex, go-connections/nat port specs, the loader's volume spec
// parser and docker/cli's env-file reader.
import { quoteGo } from '../format/govalue.js';
import { isIP, parsePortRange, parsePortSpec } from '../opts/nat.js';

export { parsePortSpec };

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration: nanoseconds, or undefined when invalid (see durationError for the text). */
export function parseGoDuration(s: string): number | undefined {
  const r = durationOrError(s);
  return typeof r === 'number' ? r : undefined;
}

/** time.ParseDuration's error text for an invalid duration. */
export function durationError(s: string): string | undefined {
  const r = durationOrError(s);
  return typeof r === 'string' ? r : undefined;
}

function durationOrError(orig: string): number | string {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return `time: invalid duration ${quoteGo(orig)}`;
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[3] ?? '') === '')) return `time: invalid duration ${quoteGo(orig)}`;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') return `time: missing unit in duration ${quoteGo(orig)}`;
    const mult = UNIT_NS[u];
    if (mult === undefined) return `time: unknown unit ${quoteGo(u)} in duration ${quoteGo(orig)}`;
    s = s.slice(u.length);
    total += Number(`${m[1] || '0'}.${m[3] || '0'}`) * mult;
  }
  if (total > 2 ** 63) return `time: invalid duration ${quoteGo(orig)}`;
  return Math.round(neg ? -total : total);
}

/** go-units RAMInBytes: "512M", "1g", "1.5GiB" in bytes (binary multiples). */
export function ramInBytes(size: string): number {
  const m = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(size);
  if (!m) throw new Error(`invalid size: '${size}'`);
  const n = parseFloat(m[1]);
  const pow = m[3] ? 'kmgtp'.indexOf(m[3].toLowerCase()) + 1 : 0;
  return Math.trunc(n * 1024 ** pow);
}

/** google/shlex Split: POSIX-like words, quotes and backslashes, `#` comments. */
export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let i = 0;
  const n = s.length;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (i < n) {
    while (i < n && isSpace(s[i])) i++;
    if (i >= n) break;
    if (s[i] === '#') {
      while (i < n && s[i] !== '\n') i++;
      continue;
    }
    let word = '';
    while (i < n && !isSpace(s[i])) {
      const c = s[i];
      if (c === '\\') {
        i++;
        if (i >= n) throw new Error('EOF found after escape character');
        word += s[i++];
      } else if (c === "'") {
        const end = s.indexOf("'", i + 1);
        if (end < 0) throw new Error('EOF found when expecting closing quote');
        word += s.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new Error('EOF found when expecting closing quote');
          const d = s[i];
          if (d === '"') {
            i++;
            break;
          }
          if (d === '\\' && i + 1 < n && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === '$' || s[i + 1] === '`' || s[i + 1] === '\n')) {
            word += s[i + 1];
            i += 2;
            continue;
          }
          word += d;
          i++;
        }
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

// ---- ports (go-connections nat.ParsePortSpecs + docker/cli opts.ConvertPortToPortConfig) ----

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

// ---- volumes (cli/compose/loader/volume.go ParseVolume) ----

export interface ParsedVolume {
  type: string;
  source?: string;
  target?: string;
  readOnly?: boolean;
  bind?: { propagation?: string };
  volume?: { noCopy?: boolean };
}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];
const isLetter = (c: string) => /^\p{L}$/u.test(c);

export function parseVolume(spec: string): ParsedVolume {
  const chars = [...spec];
  if (spec.length === 0) throw new Error('invalid empty volume spec');
  if (spec.length <= 2) return { target: spec, type: 'volume' };
  const vol: ParsedVolume = { type: '' };
  let buffer: string[] = [];
  const END = '\u0000';
  const populate = (char: string): void => {
    const str = buffer.join('');
    if (buffer.length === 0) throw new Error('empty section between colons');
    if (!vol.source && char === END) {
      vol.target = str;
      return;
    }
    if (!vol.source) {
      vol.source = str;
      return;
    }
    if (!vol.target) {
      vol.target = str;
      return;
    }
    if (char === ':') throw new Error('too many colons');
    for (const option of str.split(',')) {
      if (option === 'ro') vol.readOnly = true;
      else if (option === 'rw') vol.readOnly = false;
      else if (option === 'nocopy') vol.volume = { noCopy: true };
      else if (PROPAGATIONS.includes(option)) vol.bind = { propagation: option };
    }
  };
  for (const char of [...chars, END]) {
    if (char === ':' && buffer.length === 1 && isLetter(buffer[0])) buffer.push(char);
    else if (char === ':' || char === END) {
      try {
        populate(char);
      } catch (err) {
        throw new Error(`invalid spec: ${spec}: ${(err as Error).message}`);
      }
      buffer = [];
    } else buffer.push(char);
  }
  vol.type = !vol.source ? 'volume' : isFilePath(vol.source) ? 'bind' : 'volume';
  if (vol.readOnly === false) delete vol.readOnly;
  return vol;
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0])) return true;
  const cps = [...source];
  if (cps.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return isLetter(cps[0]) && source[cps[0].length] === ':';
}

// ---- env files (docker/cli opts/file.go parseKeyValueFile) ----

/**
 * The KEY=VALUE lines of an env file; a bare KEY takes the value from `lookup` and is dropped
 * when it has none. Throws docker's errors for bad keys and invalid UTF-8.
 */
export function parseEnvFile(filename: string, data: Uint8Array, lookup: (key: string) => string | undefined): string[] {
  const lines: string[] = [];
  let text = Buffer.from(data).toString('latin1');
  const raw = text.split('\n');
  if (raw.length && raw[raw.length - 1] === '') raw.pop();
  raw.forEach((latinLine, idx) => {
    let bytes = Buffer.from(latinLine.endsWith('\r') ? latinLine.slice(0, -1) : latinLine, 'latin1');
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (decoded.includes('\ufffd') && !Buffer.from(decoded, 'utf8').equals(bytes)) {
      throw new Error(`env file ${filename} contains invalid utf8 bytes at line ${idx + 1}: [${[...bytes].join(' ')}]`);
    }
    if (idx === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const line = bytes.toString('utf8').replace(/^\s+/u, '');
    if (line.length === 0 || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    let variable = eq < 0 ? line : line.slice(0, eq);
    variable = variable.replace(/^[ \t\n\v\f\r]+/, '');
    if (/[ \t\n\v\f\r]/.test(variable)) throw new Error(`invalid env file (${filename}): variable '${variable}' contains whitespaces`);
    if (variable.length === 0) throw new Error(`invalid env file (${filename}): no variable name on line '${line}'`);
    if (eq >= 0) lines.push(`${variable}=${line.slice(eq + 1)}`);
    else {
      const value = lookup(line);
      if (value !== undefined) lines.push(`${variable.trim()}=${value}`);
    }
  });
  text = '';
  return lines;
}
