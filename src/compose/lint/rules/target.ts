// Rules about what one target takes and the other does not: `docker stack deploy` (swarm) has
// external secrets but no `environment:` source; `docker compose up` has `environment:` but no
// swarm to hold external secrets, and bind-mounts file secrets, ignoring uid, gid and mode.
import { type Issue, objectsOf, type Rule, refsOf, under } from './rule.js';

export const externalUnderCompose: Rule = {
  id: 'external-under-compose',
  severity: 'error',
  summary: '`external: true` in a file for docker compose, which has no swarm secrets',
  docs: 'https://github.com/docker/docs/issues/18982',
  targets: ['compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const kind of ['secret', 'config'] as const) {
      for (const object of objectsOf(model, kind).values()) {
        if (!object.external) continue;
        issues.push({
          at: under(object.at, 'external'),
          which: 'key',
          message: `${kind} ${object.key} is external, which docker compose refuses ("unsupported external ${kind}"): give it a file: or environment: source for compose`,
        });
      }
    }
    return issues;
  },
};

export const environmentUnderSwarm: Rule = {
  id: 'environment-under-swarm',
  severity: 'error',
  summary: 'an `environment:` source in a file for docker stack deploy, which refuses it',
  docs: 'https://github.com/docker/docs/issues/23678',
  targets: ['swarm'],
  check(model) {
    const issues: Issue[] = [];
    for (const kind of ['secret', 'config'] as const) {
      for (const object of objectsOf(model, kind).values()) {
        const key = object.environmentSource;
        if (!key) continue;
        issues.push({
          at: under(object.at, key),
          which: 'key',
          message: `stack deploy refuses ${kind} ${object.key}'s ${key}: source ("${kind}s.${object.key} Additional property ${key} is not allowed"): use file:, or create it with docker ${kind} create and mark it external: true`,
        });
      }
    }
    return issues;
  },
};

export const fileOptionsUnderCompose: Rule = {
  id: 'file-options-under-compose',
  severity: 'warning',
  summary: 'uid, gid or mode on a file secret, which docker compose ignores',
  docs: 'https://github.com/docker/compose/issues/9648',
  targets: ['compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      for (const kind of ['secret', 'config'] as const) {
        const objects = objectsOf(model, kind);
        for (const ref of refsOf(service, kind)) {
          const object = objects.get(ref.source);
          // compose bind-mounts a file source; an environment source is written with uid, gid and mode
          if (!object || object.external || object.environmentSource || ref.fileOptions.length === 0) continue;
          issues.push({
            at: under(ref.at, ref.fileOptions[0]),
            which: 'key',
            message: `docker compose ignores ${ref.fileOptions.join(', ')} of ${kind} ${ref.source} (it bind-mounts the file as it is on the host): set the owner and mode of the file itself, or drop them`,
          });
        }
      }
    }
    return issues;
  },
};

export const targetRules: Rule[] = [externalUnderCompose, environmentUnderSwarm, fileOptionsUnderCompose];
