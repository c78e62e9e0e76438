// Helpers for the typed objects inspect and info templates run on: a Go struct built from an API
// object, whose {{json}} is the API's own JSON for it, and Go's nil-able maps.
import { apiJSON } from '../api/json.js';
import { GoNil, goJSON, goMap, goStruct } from '../go/reflect/value.js';

/** A Go struct of the given type; `raw`, when given, is what {{json}} of it prints. */
export function apiStruct<T extends object>(type: string, fields: T, raw?: unknown): T {
  goStruct(type, fields);
  if (raw !== undefined) Object.defineProperty(fields, goJSON, { value: () => apiJSON(raw), configurable: true });
  return fields;
}

/** A map[string]string, or its typed nil when the API has none. */
export const stringMap = (m: Record<string, string> | null | undefined): object => (m ? goMap({ ...m }) : new GoNil('map[string]string'));

/** A slice, or its typed nil. */
export const slice = <T>(items: T[] | null | undefined, type: string): T[] | GoNil => (items ? items : new GoNil(type));
