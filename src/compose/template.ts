// Variable substitution in compose values (docker/cli cli/compose/template/template.go):
// `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`,
// `$$` for a literal `$`. An unset variable without a default becomes "" silently (docker
// prints no warning). Names are case-insensitive in the pattern, as docker's (?i) flag makes them.

/** What the template could not use; interpolation wraps it with the value's path. */
export class InvalidTemplateError extends Error {
  constructor(readonly template: string) {
    super(`Invalid template: ${JSON.stringify(template)}`);
  }
}

export type Mapping = (name: string) => string | undefined;

const SUBST = '[_a-z][_a-z0-9]*(?::?[-?][^}]*)?';
// escaped | named | braced | invalid, as docker's defaultPattern (leftmost-first alternation)
const PATTERN = new RegExp(`\\$(?:(\\$)|(${SUBST})|\\{(${SUBST})\\}|())`, 'gi');

type SubstituteFunc = (substitution: string, mapping: Mapping) => { value: string; applied: boolean; error?: InvalidTemplateError };

function partition(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

const softDefault: SubstituteFunc = (sub, mapping) => {
  if (!sub.includes(':-')) return { value: '', applied: false };
  const [name, dflt] = partition(sub, ':-');
  const value = mapping(name);
  return { value: value === undefined || value === '' ? dflt : value, applied: true };
};

const hardDefault: SubstituteFunc = (sub, mapping) => {
  if (!sub.includes('-')) return { value: '', applied: false };
  const [name, dflt] = partition(sub, '-');
  const value = mapping(name);
  return { value: value === undefined ? dflt : value, applied: true };
};

const withRequired =
  (sep: string, valid: (v: string) => boolean): SubstituteFunc =>
  (sub, mapping) => {
    if (!sub.includes(sep)) return { value: '', applied: false };
    const [name, message] = partition(sub, sep);
    const value = mapping(name);
    if (value === undefined || !valid(value)) {
      return { value: '', applied: true, error: new InvalidTemplateError(`required variable ${name} is missing a value: ${message}`) };
    }
    return { value, applied: true };
  };

const FUNCS: SubstituteFunc[] = [softDefault, hardDefault, withRequired(':?', (v) => v !== ''), withRequired('?', () => true)];

/**
 * template.Substitute. As in docker, the error of a match is forgotten when a later match in the
 * same string goes through the substitution functions without one (Go's ReplaceAllStringFunc
 * callback reassigns the one `err` variable).
 */
export function substitute(template: string, mapping: Mapping): string {
  let err: InvalidTemplateError | undefined;
  const result = template.replace(PATTERN, (_m, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped) return escaped;
    const sub = named || braced || '';
    if (sub === '') {
      err = new InvalidTemplateError(template);
      return '';
    }
    for (const f of FUNCS) {
      const r = f(sub, mapping);
      err = r.error;
      if (err) return '';
      if (!r.applied) continue;
      return r.value;
    }
    return mapping(sub) ?? '';
  });
  if (err) throw err;
  return result;
}
