// docker/cli opts/envfile.go ParseEnvFile and the parseKeyValueFile of opts/file.go it calls.

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
