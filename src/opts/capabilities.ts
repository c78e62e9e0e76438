// --cap-add / --cap-drop: docker/cli opts/capabilities.go (normalized to CAP_*, ALL and RESET
// kept as they are; no validation, the daemon's runtime rejects an unknown one).

export const ALL_CAPABILITIES = 'ALL';
export const RESET_CAPABILITIES = 'RESET';

/** opts.NormalizeCapability. */
export function normalizeCapability(capability: string): string {
  const c = capability.trim().toUpperCase();
  if (c === ALL_CAPABILITIES || c === RESET_CAPABILITIES) return c;
  return c.startsWith('CAP_') ? c : `CAP_${c}`;
}

/** opts.CapabilitiesMap, as a set. */
export const capabilitiesSet = (caps: readonly string[]): Set<string> => new Set(caps.map(normalizeCapability));

const sorted = (s: Iterable<string>): string[] => [...s].sort();

/**
 * opts.EffectiveCapAddCapDrop: normalized, deduplicated and sorted; a capability both added and
 * dropped is only added; ALL trumps the others of its list; RESET is dropped.
 */
export function effectiveCapAddCapDrop(add: readonly string[], drop: readonly string[]): { capAdd: string[]; capDrop: string[] } {
  let addCaps = capabilitiesSet(add);
  let dropCaps = capabilitiesSet(drop);
  if (addCaps.has(ALL_CAPABILITIES)) addCaps = new Set([ALL_CAPABILITIES]);
  if (dropCaps.has(ALL_CAPABILITIES)) dropCaps = new Set([ALL_CAPABILITIES]);
  const capDrop = sorted([...dropCaps].filter((c) => !addCaps.has(c) && c !== RESET_CAPABILITIES));
  const capAdd = sorted([...addCaps].filter((c) => c !== RESET_CAPABILITIES));
  return { capAdd, capDrop };
}
