// A small seeded PRNG for the reliability suites: every random choice is reproducible from the seed,
// which the suites print when they fail. RELIABILITY_SEED overrides the fixed default, and
// RELIABILITY_SCALE multiplies the case counts (e.g. 10 for a long local run; CI runs 1), and
// RELIABILITY_VERBOSE prints what the suites exercised (kills mid-write, exit codes reached).
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261128);

/** A case count, scaled by RELIABILITY_SCALE. */
export const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.RELIABILITY_SCALE ?? 1)));

export interface Rng {
  /** In [0, 1). */
  next(): number;
  int(lo: number, hiExclusive: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
