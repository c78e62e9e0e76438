// Filter checks shared by list endpoints (moby daemon/cluster/filters.go).
import type { Filters } from '../api/filters.js';
import { invalidFilter } from './errors.js';

export function validateFilterKeys(filters: Filters, allowed: readonly string[]): void {
  for (const key of filters.keys()) if (!allowed.includes(key)) throw invalidFilter(key);
}

/** `label=k` wants the key present, `label=k=v` the exact value; every label filter must hold. */
export function matchLabels(labels: Record<string, string>, wanted: string[] | undefined): boolean {
  if (!wanted) return true;
  return wanted.every((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) return Object.hasOwn(labels, w);
    const key = w.slice(0, eq);
    return Object.hasOwn(labels, key) && labels[key] === w.slice(eq + 1);
  });
}

/** filters.Args.Match: a value equal to the text, or a regular expression found in it. */
export function filterMatch(patterns: readonly string[], text: string): boolean {
  return patterns.some((p) => {
    if (p === text) return true;
    try {
      return new RegExp(p).test(text);
    } catch {
      return false;
    }
  });
}
