// `docker exec` in a task container: a simulated Debian filesystem with the container's secrets
// and configs mounted read-only, the service's environment, and the process the command names.

import type { Container, ExecRequest, ExecResult } from '../../api/services.js';
import type { Config, Secret } from '../../api/swarm.js';
import { SimFS } from '../exec/filesystem.js';
import { resolveExecUser, runProcess } from '../exec/process.js';
import { groups } from '../exec/sys.js';
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
  applyHostConfig(fs, container, mountedAt);
  const user = resolveExecUser(fs, req.User || container.Config.User);
  if ('error' in user) return user.error;
  // the container's extra groups (GroupAdd) come with every process it runs
  const extraGroups = (container.HostConfig?.GroupAdd ?? [])
    .map((g) => (/^\d+$/.test(g) ? Number(g) : groups(fs).find((x) => x.name === g)?.gid))
    .filter((g): g is number => g !== undefined);
  for (const g of extraGroups) if (!user.groups.includes(g)) user.groups.push(g);
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
 * What the container got from its service beyond the image: its mounts (a tmpfs with its mode,
 * volumes and binds as empty directories, read-only ones marked so), a read-only root with
 * the mounts still writable, the extra hosts in /etc/hosts, the DNS settings in
 * /etc/resolv.conf (behind the embedded server, 127.0.0.11), and the sysctls under /proc/sys.
 */
function applyHostConfig(fs: SimFS, container: Container, mountedAt: number): void {
  const hc = container.HostConfig;
  if (!hc) return;
  for (const m of hc.Mounts ?? []) {
    const mode = m.Type === 'tmpfs' ? (m.TmpfsOptions?.Mode ?? 0o1777) : 0o755;
    fs.mkdirp(m.Target, mode, 0, 0, mountedAt);
    const node = fs.resolve(m.Target, '/').node;
    if (node) node.mode = mode;
    if (m.ReadOnly) fs.markReadOnly(m.Target);
    else fs.markWritable(m.Target);
  }
  if (hc.ExtraHosts?.length) {
    const lines = hc.ExtraHosts.map((h) => {
      const colon = h.indexOf(':');
      return `${h.slice(colon + 1)}\t${h.slice(0, colon)}\n`;
    });
    fs.writeFile('/etc/hosts', Buffer.concat([readFile(fs, '/etc/hosts'), Buffer.from(lines.join(''))]), {
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtimeMs: mountedAt,
    });
  }
  if (hc.Dns || hc.DnsSearch || hc.DnsOptions) {
    let conf = '';
    if (hc.DnsSearch?.length) conf += `search ${hc.DnsSearch.join(' ')}\n`;
    conf += 'nameserver 127.0.0.11\n';
    conf += `options ${hc.DnsOptions?.length ? hc.DnsOptions.join(' ') : 'ndots:0'}\n`;
    fs.writeFile('/etc/resolv.conf', conf, { mode: 0o644, uid: 0, gid: 0, mtimeMs: mountedAt });
  }
  for (const [name, value] of Object.entries(hc.Sysctls ?? {})) {
    const path = `/proc/sys/${name.replaceAll('.', '/')}`;
    fs.mkdirp(path.slice(0, path.lastIndexOf('/')), 0o555, 0, 0, mountedAt);
    fs.writeFile(path, `${value}\n`, { mode: 0o644, uid: 0, gid: 0, mtimeMs: mountedAt });
  }
  if (hc.ReadonlyRootfs) {
    fs.markReadOnly('/');
    // /dev, /proc and the secrets' tmpfs are mounts of their own
    for (const p of ['/dev', '/proc', '/run/secrets']) fs.markWritable(p);
  }
}

function readFile(fs: SimFS, path: string): Buffer {
  const node = fs.resolve(path, '/').node;
  return node?.kind === 'file' ? node.data : Buffer.alloc(0);
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
