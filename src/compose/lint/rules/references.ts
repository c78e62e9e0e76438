// Rules about services' references to top-level secrets and configs: one that is not declared,
// one declared for nobody, and two mounted at the same path.
import { type Issue, mountPath, objectsOf, type Rule, refsOf, under } from './rule.js';

export const undeclared: Rule = {
  id: 'undeclared',
  severity: 'error',
  summary: 'a service uses a secret or config the top level does not declare',
  docs: 'https://github.com/portainer/portainer/issues/11950',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      for (const kind of ['secret', 'config'] as const) {
        const declared = objectsOf(model, kind);
        for (const ref of refsOf(service, kind)) {
          if (declared.has(ref.source)) continue;
          // `app_db_pw` for a declared `db_pw`: the stack prefix belongs to the swarm name, never the key
          const key = [...declared.keys()].find((k) => ref.source.endsWith(`_${k}`));
          const hint = key
            ? `use its key ${key}: the stack prefix is part of the name in the swarm, not of the key`
            : `declare it under the top-level ${kind}s: (file: or external: true)`;
          issues.push({
            at: under(ref.at, 'source'),
            message: `service ${service.name} uses ${kind} ${ref.source}, which is not declared: ${hint}`,
          });
        }
      }
    }
    return issues;
  },
};

export const unused: Rule = {
  id: 'unused',
  severity: 'warning',
  summary: 'a secret or config is declared but no service uses it',
  docs: 'https://github.com/moby/moby/issues/29968',
  targets: ['swarm', 'compose'],
  check(model, ctx) {
    const issues: Issue[] = [];
    for (const kind of ['secret', 'config'] as const) {
      const used = new Set(model.services.flatMap((s) => refsOf(s, kind).map((r) => r.source)));
      for (const object of objectsOf(model, kind).values()) {
        if (used.has(object.key)) continue;
        const effect = ctx.target === 'swarm' ? 'stack deploy never creates it' : 'no container gets it';
        issues.push({
          at: object.at,
          which: 'key',
          message: `${kind} ${object.key} is declared but no service uses it, so ${effect}: add it to a service's ${kind}s: or remove it`,
        });
      }
    }
    return issues;
  },
};

export const duplicateTarget: Rule = {
  id: 'duplicate-target',
  severity: 'error',
  summary: 'two secrets (or configs) of a service are mounted at one path',
  docs: 'https://github.com/moby/swarmkit/pull/1665',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      for (const kind of ['secret', 'config'] as const) {
        const seen = new Map<string, string>();
        for (const ref of refsOf(service, kind)) {
          const path = mountPath(ref);
          const first = seen.get(path);
          if (first === undefined) {
            seen.set(path, ref.source);
            continue;
          }
          const what = first === ref.source ? `${kind} ${first} twice` : `${kind}s ${first} and ${ref.source}`;
          issues.push({
            at: under(ref.at, ref.target === undefined ? 'source' : 'target'),
            message: `service ${service.name} mounts ${what} at ${path}: give one of them another target:`,
          });
        }
      }
    }
    return issues;
  },
};

export const referenceRules: Rule[] = [undeclared, unused, duplicateTarget];
