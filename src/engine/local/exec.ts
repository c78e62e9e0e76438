// `docker exec` in a task container: a simulated Debian filesystem with the container's secrets
// mounted read-only, the service's environment, and the process the command names.
import type { Secret } from '../api.js';
import type { Container, ExecRequest, ExecResult, Service, Task } from '../api-services.js';
import { resolveExecUser, runProcess } from '../exec/process.js';
import { SimFS } from '../exec/filesystem.js';
import { renderSecretTemplate } from './secret-template.js';

export interface ExecContext {
  nowMs: number;
  payload: (secretID: string) => Buffer;
  secret: (secretID: string) => Secret | undefined;
  service?: Service;
  task?: Task;
  nodeID: string;
}

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function execInContainer(container: Container, req: ExecRequest, ctx: ExecContext): ExecResult {
  const hostname = container.Config.Hostname;
  const fs = SimFS.debianBase({ hostname, nowMs: Date.parse(container.Created) });
  const mountedAt = Date.parse(container.State.StartedAt);
  if (container.SecretMounts.some((m) => m.Target.startsWith('/run/secrets/'))) fs.mkdirp('/run/secrets', 0o755, 0, 0, mountedAt);
  for (const mount of container.SecretMounts) {
    const secret = ctx.secret(mount.SecretID);
    let data = ctx.payload(mount.SecretID);
    if (secret?.Spec.Templating?.Name) data = renderSecretTemplate(secret, data, container, ctx);
    const parent = mount.Target.slice(0, mount.Target.lastIndexOf('/')) || '/';
    fs.mkdirp(parent, 0o755, 0, 0, mountedAt);
    fs.writeFile(mount.Target, data, { mode: mount.Mode, uid: Number(mount.UID), gid: Number(mount.GID), mtimeMs: mountedAt });
    fs.markReadOnly(mount.Target);
  }
  const env = envOf([DEFAULT_PATH, `HOSTNAME=${hostname}`, ...container.Config.Env, ...req.Env, 'HOME=/root']);
  const user = resolveExecUser(fs, req.User || container.Config.User);
  if ('error' in user) return user.error;
  const cwd = req.WorkingDir || container.Config.WorkingDir || '/';
  return runProcess(req.Cmd, {
    fs,
    env,
    cwd,
    uid: user.uid,
    gid: user.gid,
    groups: user.groups,
    user: user.user,
    hostname,
    stdin: req.Stdin,
    nowMs: ctx.nowMs,
  });
}

/** Later entries win, but a variable keeps the place of its first definition (as docker merges). */
function envOf(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq < 0) continue;
    env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return env;
}
