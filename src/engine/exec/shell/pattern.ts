// Shell pattern matching (dash expand.c pmatch, bash's glob): a pattern, its quoted characters taken
// literally, as an anchored RegExp.

/** A glob pattern (with quoted characters taken literally) as an anchored RegExp. */
export function globRegex(chars: { c: string; q: boolean }[]): RegExp {
  let re = '';
  for (let i = 0; i < chars.length; i++) {
    const { c, q } = chars[i];
    if (q) {
      re += c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      continue;
    }
    if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      let j = i + 1;
      let neg = false;
      if (chars[j] && !chars[j].q && (chars[j].c === '!' || chars[j].c === '^')) {
        neg = true;
        j++;
      }
      let body = '';
      let first = true;
      for (; j < chars.length && (first || chars[j].c !== ']' || chars[j].q); j++, first = false) {
        const ch = chars[j].c;
        body += ch === '\\' || ch === ']' || ch === '^' || ch === '[' ? '\\' + ch : ch;
      }
      if (j >= chars.length) {
        re += '\\[';
        continue;
      }
      re += `[${neg ? '^' : ''}${body}]`;
      i = j;
    } else re += c.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
