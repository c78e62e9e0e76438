// Variable substitution and interpolation (docker/cli cli/compose/template, interpolation).
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../src/compose/errors.js';
import { interpolateConfig } from '../../../src/compose/interpolate.js';
import { type InvalidTemplateError, substitute } from '../../../src/compose/template.js';

const env: Record<string, string> = { SET: 'val', EMPTY: '', N: '3' };
const lookup = (k: string) => (Object.hasOwn(env, k) ? env[k] : undefined);
const sub = (t: string) => substitute(t, lookup);
const errorOf = (t: string) => {
  try {
    sub(t);
  } catch (err) {
    return (err as InvalidTemplateError).template;
  }
  return undefined;
};

describe('substitute', () => {
  it.each([
    ['$SET', 'val'],
    ['${SET}', 'val'],
    ['pre${SET}post', 'prevalpost'],
    ['$UNSET', ''],
    ['${EMPTY:-soft}', 'soft'],
    ['${UNSET:-soft}', 'soft'],
    ['${SET:-soft}', 'val'],
    ['${EMPTY-hard}', ''],
    ['${UNSET-hard}', 'hard'],
    ['${SET:?msg}', 'val'],
    ['${EMPTY?msg}', ''],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['$$', '$'],
    // the unbraced form takes a default up to the end (docker's pattern allows it)
    ['$SET-suffix', 'val'],
    ['$UNSET-dflt rest', 'dflt rest'],
    ['${SET:-a}/${UNSET:-b}', 'val/b'],
    // names are matched case-insensitively, looked up as written
    ['$set', ''],
    ['no variables', 'no variables'],
  ])('%s → %s', (template, want) => {
    expect(sub(template)).toBe(want);
  });

  it.each([
    ['${UNSET:?needs it}', 'required variable UNSET is missing a value: needs it'],
    ['${EMPTY:?needs it}', 'required variable EMPTY is missing a value: needs it'],
    ['${UNSET?}', 'required variable UNSET is missing a value: '],
    ['${SET', '${SET'],
    ['cost 5$', 'cost 5$'],
    ['$1', '$1'],
    ['${}', '${}'],
  ])('%s fails with %s', (template, want) => {
    expect(errorOf(template)).toBe(want);
  });

  it('forgets an error when a later variable in the same string substitutes cleanly, as docker does', () => {
    expect(sub('${UNSET:?first} ${SET}')).toBe(' val');
    expect(errorOf('${SET} ${UNSET:?last}')).toBe('required variable UNSET is missing a value: last');
    // an escaped $$ after the error does not reset it
    expect(errorOf('${UNSET:?first} $$')).toBe('required variable UNSET is missing a value: first');
  });
});

describe('interpolateConfig', () => {
  const run = (config: Record<string, unknown>) => interpolateConfig(config as never, lookup);
  const fail = (config: Record<string, unknown>) => {
    try {
      run(config);
    } catch (err) {
      expect(err).toBeInstanceOf(ComposeError);
      return (err as Error).message;
    }
    throw new Error('did not fail');
  };

  it('casts substituted values at typed paths only', () => {
    const out = run({
      services: { web: { deploy: { replicas: '${N}', labels: { n: '${N}' } }, read_only: '${UNSET:-yes}', ports: [{ target: '$N' }] } },
      secrets: { s: { external: 'on' } },
    }) as any;
    expect(out.services.web.deploy.replicas).toBe(3);
    expect(out.services.web.deploy.labels.n).toBe('3');
    expect(out.services.web.read_only).toBe(true);
    expect(out.services.web.ports[0].target).toBe(3);
    // unchanged strings are not cast (the schema then reports them)
    expect(out.secrets.s.external).toBe('on');
  });

  it('names the path of a bad template, with [] for list items, quoted as Go does', () => {
    expect(fail({ services: { web: { environment: ['A=${X:?no "X"}'] } } })).toBe(
      'invalid interpolation format for services.web.environment.[]: "required variable X is missing a value: no \\"X\\""; you may need to escape any $ with another $',
    );
    expect(fail({ services: { web: { image: 'nginx:${TAG' } } })).toBe(
      'invalid interpolation format for services.web.image: "nginx:${TAG"; you may need to escape any $ with another $',
    );
  });

  it('reports a failed cast with strconv/boolean texts', () => {
    expect(fail({ services: { web: { deploy: { replicas: '${SET}' } } } })).toBe(
      'error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "val": invalid syntax',
    );
    expect(fail({ services: { web: { privileged: '${SET}' } } })).toBe(
      'error while interpolating services.web.privileged: failed to cast to expected type: invalid boolean: val',
    );
    expect(fail({ services: { web: { deploy: { update_config: { max_failure_ratio: '${SET}' } } } } })).toBe(
      'error while interpolating services.web.deploy.update_config.max_failure_ratio: failed to cast to expected type: strconv.ParseFloat: parsing "val": invalid syntax',
    );
  });

  it('casts YAML 1.1 booleans in any case', () => {
    const out = run({ services: { a: { tty: '${X:-Yes}', privileged: '${X:-OFF}' } } }) as any;
    expect(out.services.a.tty).toBe(true);
    expect(out.services.a.privileged).toBe(false);
  });
});
