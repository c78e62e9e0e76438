// Rules about templated secrets and configs: swarmkit knows one template driver, `golang`; any
// other name is stored, and every task that mounts it then fails with "unrecognized template type".
import { type Issue, objectsOf, type Rule, under } from './rule.js';

export const templateDriver: Rule = {
  id: 'template-driver',
  severity: 'error',
  summary: 'a template_driver other than golang',
  docs: 'https://github.com/docker/cli/pull/1100',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const kind of ['secret', 'config'] as const) {
      for (const object of objectsOf(model, kind).values()) {
        const driver = object.templateDriver;
        if (driver === undefined || driver === 'golang') continue;
        issues.push({
          at: under(object.at, 'template_driver'),
          message: `${kind} ${object.key} has template_driver ${JSON.stringify(driver)}, but golang is the only one: tasks that mount it fail ("unrecognized template type"); use golang or drop it`,
        });
      }
    }
    return issues;
  },
};

export const templateRules: Rule[] = [templateDriver];
