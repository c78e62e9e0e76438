// `docker exec` in a task container: a simulated Debian filesystem with the container's secrets
// and configs mounted read-only, the service's environment, and the process the command names.

import type { Container, ExecRequest, ExecResult, Service, Task } from '../../api/services.js';
import type { Config, Secret } from '../../api/swarm.js';
import { SimFS } from '../exec/filesystem.js';
import { resolveExecUser, runProcess } from '../exec/process.js';
import { configFileData, renderSecretTemplate, type SecretTemplateContext } from './secret-template.js';

export interface ExecContext extends SecretTemplateContext {
  nowMs: number;
  secret: (secretID: string) => Secret | undefined;
  config: (configID: string) => Config | undefined;
}

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function execInContainer(container: Container, req: ExecRequest, ctx: ExecContext): ExecResult {
  const hostname = container.Config.Hostname;
  const fs = SimFS.debianBase({ hostname, nowMs: Date.parse(container.Created) });
  const mountedAt = Date.parse(container.State.StartedAt);
  if (container.SecretMounts.some((m) => m.Target.startsWith('/run/secrets/'))) fs.mkdirp('/run/secrets', 0o755, 0, 0, mountedAt);
  // moby writes one file per secret ID and bind-mounts it at every target: references to the same
  // secret share the owner and mode of the last one (daemon/container_operations_unix.go setupSecretDir)
  const shared = new Map(container.SecretMounts.map((m) => [m.SecretID, m]));
  for (const mount of container.SecretMounts) {
    const secret = ctx.secret(mount.SecretID);
    let data = ctx.payload(mount.SecretID);
    if (secret?.Spec.Templating?.Name) data = renderSecretTemplate(secret, data, container, ctx);
    const parent = mount.Target.slice(0, mount.Target.lastIndexOf('/')) || '/';
    const owner = shared.get(mount.SecretID) ?? mount;
    fs.mkdirp(parent, 0o755, 0, 0, mountedAt);
    fs.writeFile(mount.Target, data, { mode: owner.Mode, uid: Number(owner.UID), gid: Number(owner.GID), mtimeMs: mountedAt });
    fs.markReadOnly(mount.Target);
  }
  // a volume mount shows as an empty directory (a new volume's contents are not kept between execs)
  for (const mount of container.Mounts ?? []) {
    fs.mkdirp(mount.Destination, 0o755, 0, 0, mountedAt);
    if (!mount.RW) fs.markReadOnly(mount.Destination);
  }
  // configs likewise: one file per config ID (setupConfigDir), bound read-only at each target
  const sharedConfig = new Map(container.ConfigMounts.map((m) => [m.ConfigID, m]));
  for (const mount of container.ConfigMounts) {
    const config = ctx.config(mount.ConfigID);
    if (!config) continue;
    const owner = sharedConfig.get(mount.ConfigID) ?? mount;
    fs.mkdirp(mount.Target.slice(0, mount.Target.lastIndexOf('/')) || '/', 0o755, 0, 0, mountedAt);
    fs.writeFile(mount.Target, configFileData(config, container, ctx), {
      mode: owner.Mode,
      uid: Number(owner.UID),
      gid: Number(owner.GID),
      mtimeMs: mountedAt,
    });
    fs.markReadOnly(mount.Target);
  }
  const user = resolveExecUser(fs, req.User || container.Config.User);
  if ('error' in user) return user.error;
  // moby CreateDaemonEnvironment (TERM with a TTY), then the container's and exec's; runc adds the
  // user's HOME when none is set
  const env = envOf([DEFAULT_PATH, `HOSTNAME=${hostname}`, ...(req.Tty ? ['TERM=xterm'] : []), ...container.Config.Env, ...req.Env]);
  if (env.HOME === undefined) env.HOME = user.home;
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
    tty: req.Tty,
  });
}

/**
 * Later entries win, but a variable keeps the place of its first definition; a bare NAME unsets
 * it (moby ReplaceOrAppendEnvValues, as docker merges the image's, the service's and exec's).
 */
function envOf(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq < 0) delete env[e];
    else env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return env;
}
