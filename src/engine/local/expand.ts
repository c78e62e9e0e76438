// swarmkit template/expand.go, context.go and template.go: a task's container spec with its
// templated fields (env values, mount sources and targets, volume labels and driver options,
// the hostname) expanded against the task (`{{.Service.Name}}-{{.Task.Slot}}`), and the same
// expansion run by the control API on a dummy task to refuse a template that cannot work.
import type { ContainerSpec } from '../../api/services.js';
import { goMap, goStruct } from '../../go/reflect/value.js';
import { parseTemplate } from '../../go/template/template.js';

/** What a template can read (template.Context). */
export interface ExpansionContext {
  service: { id: string; name: string; labels: Record<string, string> };
  node: { id: string; hostname: string; os: string; architecture: string };
  task: { id: string; name: string; slot: string };
}

/** The dummy task the control API validates with (controlapi validateContainerSpec). */
export const VALIDATION_CONTEXT: ExpansionContext = {
  service: { id: 'serviceid', name: 'servicename', labels: {} },
  node: { id: 'nodeid', hostname: 'nodeHostname', os: 'os', architecture: 'architecture' },
  task: { id: '', name: 'taskname', slot: '1' },
};

function goContext(c: ExpansionContext): object {
  return goStruct('*template.Context', {
    Service: goStruct('struct { ID string; Name string; Labels map[string]string }', {
      ID: c.service.id,
      Name: c.service.name,
      Labels: goMap({ ...c.service.labels }),
    }),
    Node: goStruct('struct { ID string; Hostname string; Platform template.Platform }', {
      ID: c.node.id,
      Hostname: c.node.hostname,
      Platform: goStruct('template.Platform', { Architecture: c.node.architecture, OS: c.node.os }),
    }),
    Task: goStruct('struct { ID string; Name string; Slot string }', { ID: c.task.id, Name: c.task.name, Slot: c.task.slot }),
  });
}

/** swarmkit's funcMap: join(sep, strings...). */
const FUNCS = { join: (sep: string, ...parts: string[]) => parts.join(sep) };

/**
 * Context.Expand: text/template named "expansion" with missingkey=error. tsecret's template
 * engine names its templates "", so the name is put back into its messages here.
 */
function expand(ctx: object, text: string): string {
  if (!text.includes('{{')) return text;
  const named = (err: unknown): Error =>
    new Error(
      (err as Error).message.replace(/^template: :/, 'template: expansion:').replace(/executing "" at/, 'executing "expansion" at'),
    );
  try {
    return parseTemplate(text, { funcs: FUNCS }).execute(ctx, { missingKey: 'error' });
  } catch (err) {
    throw named(err);
  }
}

const wrap = (what: string, err: unknown): Error => new Error(`${what}: ${(err as Error).message}`);

/** ExpandContainerSpec: a copy of the container spec with its templates expanded; errors as swarmkit words them. */
export function expandContainerSpec(spec: ContainerSpec, c: ExpansionContext): ContainerSpec {
  const ctx = goContext(c);
  const out = structuredClone(spec);
  try {
    if (out.Env) {
      out.Env = out.Env.map((value) => {
        const eq = value.indexOf('=');
        if (eq < 0) return value;
        try {
          return `${value.slice(0, eq)}=${expand(ctx, value.slice(eq + 1))}`;
        } catch (err) {
          throw wrap(`expanding env ${JSON.stringify(value)}`, err);
        }
      });
    }
  } catch (err) {
    throw wrap('expanding env failed', err);
  }
  try {
    for (const m of out.Mounts ?? []) {
      const source = m.Source ?? '';
      try {
        if (m.Source !== undefined) m.Source = expand(ctx, m.Source);
      } catch (err) {
        throw wrap(`expanding mount source ${JSON.stringify(source)}`, err);
      }
      try {
        m.Target = expand(ctx, m.Target);
      } catch (err) {
        throw wrap(`expanding mount target ${JSON.stringify(m.Target)}`, err);
      }
      const expandMap = (map: Record<string, string> | undefined, what: string): Record<string, string> | undefined => {
        if (!map) return map;
        const res: Record<string, string> = {};
        for (const [k, v] of Object.entries(map)) {
          try {
            res[k] = expand(ctx, v);
          } catch (err) {
            throw wrap(what, wrap(`expanding map entry ${JSON.stringify(k)}=${JSON.stringify(v)}`, err));
          }
        }
        return res;
      };
      if (m.VolumeOptions) {
        m.VolumeOptions.Labels = expandMap(m.VolumeOptions.Labels, 'expanding volume labels');
        if (m.VolumeOptions.DriverConfig)
          m.VolumeOptions.DriverConfig.Options = expandMap(m.VolumeOptions.DriverConfig.Options, 'expanding volume driver config');
      }
    }
  } catch (err) {
    throw wrap('expanding mounts failed', err);
  }
  try {
    if (out.Hostname !== undefined) out.Hostname = expand(ctx, out.Hostname);
  } catch (err) {
    throw wrap('expanding hostname failed', err);
  }
  return out;
}
