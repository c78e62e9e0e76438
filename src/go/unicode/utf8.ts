// Go's unicode/utf8 for JS strings: Go strings are UTF-8 bytes, so len, index and slice count
// bytes, and a rune is a code point (an unpaired surrogate, not valid UTF-8, counts as one).

const enc = new TextEncoder();

/** len(s): the length of s in UTF-8 bytes. */
export function utf8Len(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/** []byte(s) */
export function utf8Bytes(s: string): Uint8Array {
  return enc.encode(s);
}

/** Decodes bytes as Go would print them: invalid sequences become U+FFFD. */
export function utf8Decode(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

/** utf8.RuneCountInString */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}
