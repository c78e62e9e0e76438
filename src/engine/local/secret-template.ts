// Templated secrets and configs (`--template-driver golang`), rendered per task as swarmkit's
// template package does (template/context.go PayloadContext, expand.go ExpandSecretSpec and
// ExpandConfigSpec): {{.Service.Name}}, {{.Task.Slot}}, {{.Node.Hostname}}, {{env "X"}},
// {{secret "target"}}, {{config "target"}} — Go's text/template with swarmkit's functions only,
// none of docker's CLI ones. A secret renders when its file is read, from the sealed payload; a
// config when its task starts (a template that fails fails the task) and when read.

import type { Container, Service, Task } from '../../api/services.js';
import type { Config, Secret } from '../../api/swarm.js';
import { goMap, goStruct } from '../../go/reflect/value.js';
import { parseTemplate } from '../../go/template/template.js';
import { DaemonError } from '../errors.js';

/** What rendering needs to know of the task whose container reads the secret or config. */
export interface SecretTemplateContext {
  service?: Service;
  task?: Task;
  nodeID: string;
  /** A mounted secret's plaintext, for {{secret "target"}}. */
  payload: (secretID: string) => Buffer;
  /** A config's data, for {{config "target"}}. */
  configData: (configID: string) => Uint8Array | undefined;
}

/** PayloadContext.Expand: the data as a Go template with swarmkit's functions; throws its error. */
function expand(data: Uint8Array, container: Container, ctx: SecretTemplateContext): Buffer {
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
  const secretByTarget = (target: string): string => {
    const mount = container.SecretMounts.find((m) => m.Target === target || m.Target === `/run/secrets/${target}`);
    if (!mount) throw new Error(`secret target ${target} not found`);
    return ctx.payload(mount.SecretID).toString();
  };
  // configGetter: the reference whose file target is named exactly so
  const configByTarget = (target: string): string => {
    const ref = ctx.task?.Spec.ContainerSpec.Configs?.find((r) => r.File?.Name === target);
    const data = ref && ctx.configData(ref.ConfigID);
    if (!data) throw new Error(`config target ${target} not found`);
    return Buffer.from(data).toString();
  };
  const template = parseTemplate(Buffer.from(data).toString(), {
    funcs: { env: (name: string) => env[name] ?? '', secret: secretByTarget, config: configByTarget },
  });
  return Buffer.from(template.execute(context));
}

export function renderSecretTemplate(secret: Secret, data: Buffer, container: Container, ctx: SecretTemplateContext): Buffer {
  if (secret.Spec.Templating?.Name !== 'golang') throw new DaemonError('unrecognized template type', 500);
  try {
    return expand(data, container, ctx);
  } catch (err) {
    throw new DaemonError(`failed to render secret ${secret.Spec.Name}: ${(err as Error).message}`, 500);
  }
}

/**
 * ExpandConfigSpec through the templated config getter: the config's file content for this task.
 * Throws the getter's error (`failed to expand templated config <ID>: …`).
 */
export function configFileData(config: Pick<Config, 'ID' | 'Spec'>, container: Container, ctx: SecretTemplateContext): Buffer {
  const templating = config.Spec.Templating;
  if (!templating) return Buffer.from(config.Spec.Data);
  try {
    if (templating.Name !== 'golang') throw new Error('unrecognized template type');
    return expand(config.Spec.Data, container, ctx);
  } catch (err) {
    throw new Error(`failed to expand templated config ${config.ID}: ${(err as Error).message}`);
  }
}
