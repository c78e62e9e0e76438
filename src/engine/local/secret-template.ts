// Templated secrets (`secret create --template-driver golang`), rendered per task as swarmkit's
// template package does: {{.Service.Name}}, {{.Task.Slot}}, {{.Node.Hostname}}, {{env "X"}},
// {{secret "target"}} (swarmkit template/context.go PayloadContext.Expand: Go's text/template with
// swarmkit's functions only, none of docker's CLI ones). Rendering happens when the file is read,
// from the sealed payload.

import type { Container, Service, Task } from '../../api/services.js';
import type { Secret } from '../../api/swarm.js';
import { goMap, goStruct } from '../../go/reflect/value.js';
import { parseTemplate } from '../../go/template/template.js';
import { DaemonError } from '../errors.js';

/** What rendering needs to know of the task whose container reads the secret. */
export interface SecretTemplateContext {
  service?: Service;
  task?: Task;
  nodeID: string;
  /** A mounted secret's plaintext, for {{secret "target"}}. */
  payload: (secretID: string) => Buffer;
}

export function renderSecretTemplate(secret: Secret, data: Buffer, container: Container, ctx: SecretTemplateContext): Buffer {
  if (secret.Spec.Templating?.Name !== 'golang') throw new DaemonError('unrecognized template type', 500);
  const env: Record<string, string> = {};
  for (const e of container.Config.Env) {
    const eq = e.indexOf('=');
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  const slot = ctx.task?.Slot;
  const context = goStruct('template.Context', {
    Service: goStruct('template.ServiceContext', {
      ID: container.ServiceID,
      Name: ctx.service?.Spec.Name ?? '',
      Labels: goMap({ ...(ctx.service?.Spec.Labels ?? {}) }),
    }),
    Node: goStruct('template.NodeContext', {
      ID: ctx.nodeID,
      // moby's executor hands swarmkit no node description, so a real engine renders this empty
      Hostname: '',
      Platform: goStruct('api.Platform', { Architecture: process.arch === 'x64' ? 'x86_64' : process.arch, OS: 'linux' }),
    }),
    Task: goStruct('template.TaskContext', {
      ID: container.TaskID,
      Name: container.Name.slice(1),
      Slot: slot === undefined ? ctx.nodeID : String(slot),
    }),
  });
  const byTarget = (target: string): string => {
    const mount = container.SecretMounts.find((m) => m.Target === target || m.Target === `/run/secrets/${target}`);
    if (!mount) throw new Error(`secret target ${target} not found`);
    return ctx.payload(mount.SecretID).toString();
  };
  try {
    const template = parseTemplate(data.toString(), { funcs: { env: (name: string) => env[name] ?? '', secret: byTarget } });
    return Buffer.from(template.execute(context));
  } catch (err) {
    throw new DaemonError(`failed to render secret ${secret.Spec.Name}: ${(err as Error).message}`, 500);
  }
}
