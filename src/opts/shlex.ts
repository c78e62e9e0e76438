// google/shlex (shlex.go) Split, which docker's compose loader uses for string commands.

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
          if (
            d === '\\' &&
            i + 1 < n &&
            (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === '$' || s[i + 1] === '`' || s[i + 1] === '\n')
          ) {
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
