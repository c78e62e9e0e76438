// fvbommel/sortorder natsort.go: NaturalLess, which docker uses to sort lists by name: digit runs compare by
// value, everything else bytewise (so upper case sorts before lower case). One pass returns the
// three-way result, so a sort does not run the comparison twice per pair.

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const NON_ASCII = /[^\x00-\x7f]/;

/** The UTF-8 bytes Go compares; an ASCII string already is them, so most names cost nothing. */
function bytesOf(s: string): string | Uint8Array {
  return NON_ASCII.test(s) ? Buffer.from(s) : s;
}

const at = (s: string | Uint8Array, i: number): number => (typeof s === 'string' ? s.charCodeAt(i) : s[i]);

function compareDigitRuns(
  s1: string | Uint8Array,
  start1: number,
  end1: number,
  s2: string | Uint8Array,
  start2: number,
  end2: number,
): number {
  if (end1 - start1 !== end2 - start2) return end1 - start1 < end2 - start2 ? -1 : 1;
  for (let k = 0; k < end1 - start1; k++) {
    const c1 = at(s1, start1 + k);
    const c2 = at(s2, start2 + k);
    if (c1 !== c2) return c1 < c2 ? -1 : 1;
  }
  return 0;
}

export function naturalCompare(a: string, b: string): number {
  return a === b ? 0 : compareBytesNaturally(bytesOf(a), bytesOf(b));
}

/**
 * A string whose plain order is the natural order of `name`, so a sort compares keys natively
 * instead of walking both names per comparison, and the keys come from native replaces, not a
 * loop per character. A digit run becomes NUL, its length without leading zeros, those digits and
 * the count of leading zeros (digits sort before any other byte, then by value, then fewer zeros
 * first); other bytes stay as they are (non-ASCII as its UTF-8 bytes), a NUL byte as NUL U+FFFF.
 */
export function naturalSortKey(name: string): string {
  let text = NON_ASCII.test(name) ? Buffer.from(name).toString('latin1') : name;
  if (text.includes('\0')) text = text.replace(/\0/g, '\0\uffff');
  return text.replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+/, '');
    return '\0' + String.fromCharCode(digits.length) + digits + String.fromCharCode(run.length - digits.length);
  });
}

/** Sorts items by a name, naturally; equal names keep their order. */
export function sortNaturallyBy<T>(items: T[], name: (item: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = naturalSortKey(name(item));
    const same = byKey.get(key);
    if (same) same.push(item);
    else byKey.set(key, [item]);
  }
  // the default sort compares strings natively, with no call back into JavaScript
  let i = 0;
  for (const key of [...byKey.keys()].sort()) for (const item of byKey.get(key) as T[]) items[i++] = item;
  return items;
}

function compareBytesNaturally(s1: string | Uint8Array, s2: string | Uint8Array): number {
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = at(s1, i1);
    const c2 = at(s2, i2);
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    // digits sort before other characters
    if (d1 !== d2) return d1 ? -1 : 1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2 ? -1 : 1;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && at(s1, i1) === 0x30) i1++;
    while (i2 < s2.length && at(s2, i2) === 0x30) i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(at(s1, i1))) i1++;
    while (i2 < s2.length && isDigit(at(s2, i2))) i2++;
    // the shorter number (without leading zeros) is less; equal lengths compare as text
    const byValue = compareDigitRuns(s1, nz1, i1, s2, nz2, i2);
    if (byValue !== 0) return byValue;
    // the same number: fewer leading zeros first (everything before it was equal)
    if (nz1 !== nz2) return nz1 < nz2 ? -1 : 1;
  }
  // equal so far: the one that ended sorts first
  return s1.length === s2.length ? 0 : s1.length < s2.length ? -1 : 1;
}
