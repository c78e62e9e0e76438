// Go's strconv/atof.go: ParseFloat(s, 64) for Go literal syntax (decimal and hexadecimal).

/** strconv.ParseFloat(s, 64) for Go literal syntax (decimal and hex). */
export function parseGoFloat(text: string): number | undefined {
  const s = text.replaceAll('_', '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m && (m[2] || m[3])) {
    const mant = parseInt((m[2] || '0') + (m[3] || ''), 16);
    const v = mant * 2 ** (Number(m[4]) - 4 * m[3].length);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}
