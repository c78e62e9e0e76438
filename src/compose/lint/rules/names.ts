// Rules about the names secrets and configs get in the swarm: names swarmkit refuses, and the
// stack prefix, which `stack deploy` puts in front of the keys of the objects it creates but never
// in front of external names, and never into the file names in the containers.
import { type Issue, isFileVariable, objectsOf, prefixedPath, type Rule, SWARM_NAME, SWARM_NAME_MAX, under } from './rule.js';

export const invalidName: Rule = {
  id: 'invalid-name',
  severity: 'error',
  summary: 'a secret or config name the swarm refuses',
  docs: 'https://github.com/moby/swarmkit/issues/2918',
  targets: ['swarm'],
  check(model) {
    const issues: Issue[] = [];
    const rule = `up to ${SWARM_NAME_MAX} of [a-zA-Z0-9-_.], starting and ending with a letter or digit`;
    for (const kind of ['secret', 'config'] as const) {
      for (const object of objectsOf(model, kind).values()) {
        if (object.driver || object.nameInterpolated) continue;
        if (object.name !== undefined || object.external) {
          // used as written: `name:`, or an external object's key
          const name = object.name ?? object.key;
          if (name.length <= SWARM_NAME_MAX && SWARM_NAME.test(name)) continue;
          const at = object.name !== undefined ? under(object.at, 'name') : object.at;
          issues.push({
            at,
            which: object.name !== undefined ? 'value' : 'key',
            message: `the swarm refuses the ${kind} name ${JSON.stringify(name)}: use ${rule}`,
          });
          continue;
        }
        // stack deploy names it <stack>_<key>: the key must end well and leave room for the prefix
        const key = object.key;
        const valid = /^[a-zA-Z0-9_.-]*[a-zA-Z0-9]$/.test(key);
        if (valid && key.length <= SWARM_NAME_MAX - 2) continue;
        const why = valid
          ? `with the stack name and _ in front it is over ${SWARM_NAME_MAX} characters`
          : `<stack>_${key} breaks the swarm's rule`;
        issues.push({
          at: object.at,
          which: 'key',
          message: `${kind} key ${JSON.stringify(key)} cannot become a swarm name (${why}): use a key of ${rule}, or a name:`,
        });
      }
    }
    return issues;
  },
};

export const stackPrefix: Rule = {
  id: 'stack-prefix',
  severity: 'warning',
  summary: 'an external name with the stack name written in, or a file path that expects the stack prefix',
  docs: 'https://github.com/docker/cli/issues/1706',
  targets: ['swarm'],
  check(model, ctx) {
    const issues: Issue[] = [];
    const stack = ctx.folderName.toLowerCase();
    for (const kind of ['secret', 'config'] as const) {
      for (const object of objectsOf(model, kind).values()) {
        if (!object.external || object.name === undefined || object.nameInterpolated || stack === '') continue;
        const name = object.name;
        const prefixed = [`${stack}_`, `${stack}-`].some((p) => name.toLowerCase() === `${p}${object.key.toLowerCase()}`);
        if (!prefixed) continue;
        issues.push({
          at: under(object.at, 'name'),
          message: `external ${kind} ${object.key} is named ${name}, with the stack name written in: stack deploy never prefixes external names, so every stack that uses this file shares ${name}, and stack rm of the stack that created it removes it: give it a name of its own, or \${STACK}_${object.key}`,
        });
      }
    }
    for (const service of model.services) {
      for (const entry of service.environment) {
        if (!isFileVariable(entry.key)) continue;
        const hit = prefixedPath(entry, service);
        if (!hit) continue;
        issues.push({
          at: entry.at,
          message: `${entry.key} names ${entry.value}, but secret ${hit.key} is mounted at ${hit.mounted}: stack deploy prefixes the secret's name in the swarm, not its file name`,
        });
      }
    }
    return issues;
  },
};

export const nameRules: Rule[] = [invalidName, stackPrefix];
