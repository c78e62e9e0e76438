// Compose → swarm conversion (docker/cli cli/compose/convert), on hand-built loaded configs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Secret, Config as SwarmConfig } from '../../../src/api/swarm.js';
import {
  convertConfigs,
  convertNetworks,
  convertSecrets,
  convertService,
  convertServiceConfigs,
  convertServiceSecrets,
  convertServices,
  Namespace,
  serviceNetworkKeys,
  validateImageReference,
} from '../../../src/compose/convert.js';
import type { Config, ServiceConfig } from '../../../src/compose/types.js';

const ns = new Namespace('gitea');
const dir = mkdtempSync(join(tmpdir(), 'tsecret-convert-'));
writeFileSync(join(dir, 'pw.txt'), 'userpass123\n');

/** An engine with these secrets (and configs: names given as `config:NAME`), listed by name prefix. */
const secretsOf = (names: string[]) => {
  const listed = (wanted: string[]) =>
    wanted.map((n, i) => ({
      ID: `id${i}${n}`.padEnd(25, '0').slice(0, 25),
      Version: { Index: 1 },
      CreatedAt: '',
      UpdatedAt: '',
      Spec: { Name: n, Labels: {} },
    }));
  const byPrefix = (filters: Map<string, string[]>, n: string) =>
    (filters.get('name') ?? []).some((p) => n.toLowerCase().startsWith(p.toLowerCase()));
  const secrets = names.filter((n) => !n.startsWith('config:'));
  const configs = names.filter((n) => n.startsWith('config:')).map((n) => n.slice('config:'.length));
  return {
    secretList: async (filters: Map<string, string[]>): Promise<Secret[]> => listed(secrets.filter((n) => byPrefix(filters, n))),
    configList: async (filters: Map<string, string[]>): Promise<SwarmConfig[]> =>
      listed(configs.filter((n) => byPrefix(filters, n))).map((c) => ({ ...c, Spec: { ...c.Spec, Data: new Uint8Array() } })),
  };
};

const config = (services: ServiceConfig[], extra: Partial<Config> = {}): Config => ({
  filename: 'docker-compose.yml',
  version: '3.8',
  services,
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
  ...extra,
});

describe('secrets', () => {
  it('makes the stack-owned secrets, scoped unless named, labelled, sorted; external ones are not made', () => {
    const specs = convertSecrets(ns, {
      zeta: { file: join(dir, 'pw.txt'), external: { external: false }, labels: { a: 'b' } },
      custom: { name: 'my_custom_name', file: join(dir, 'pw.txt'), external: { external: false } },
      root: { name: 'root', external: { external: true } },
      tmpl: { file: join(dir, 'pw.txt'), external: { external: false }, templateDriver: 'golang' },
    });
    expect(specs.map((s) => [s.Name, s.Labels, Buffer.from(s.Data ?? []).toString(), s.Templating?.Name])).toEqual([
      ['gitea_tmpl', { 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', 'golang'],
      ['gitea_zeta', { a: 'b', 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', undefined],
      ['my_custom_name', { 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', undefined],
    ]);
  });

  it('reports unreadable files with Go texts', () => {
    expect(() => convertSecrets(ns, { s: { file: join(dir, 'nope.txt'), external: { external: false } } })).toThrow(
      `open ${join(dir, 'nope.txt')}: no such file or directory`,
    );
    expect(() => convertSecrets(ns, { s: { file: dir, external: { external: false } } })).toThrow(`read ${dir}: is a directory`);
  });

  it('references by swarm name, mounts under the key, defaults 0/0/0444, sorts by secret name', async () => {
    const secrets = {
      gitea_mysql_root_password: { name: 'gitea_mysql_root_password', external: { external: true } },
      gitea_mysql_user_password: { file: 'x', external: { external: false } },
    };
    const refs = await convertServiceSecrets(
      ns,
      [{ source: 'gitea_mysql_root_password' }, { source: 'gitea_mysql_user_password', target: 'userpw', mode: 0o400 }],
      secrets,
      secretsOf(['gitea_gitea_mysql_user_password', 'gitea_mysql_root_password']),
    );
    expect(refs.map((r) => [r.File, r.SecretName])).toEqual([
      [{ Name: 'userpw', UID: '0', GID: '0', Mode: 256 }, 'gitea_gitea_mysql_user_password'],
      [{ Name: 'gitea_mysql_root_password', UID: '0', GID: '0', Mode: 292 }, 'gitea_mysql_root_password'],
    ]);
    expect(refs.every((r) => r.SecretID.length === 25)).toBe(true);
  });

  it('fails on an undeclared or missing secret, and on a duplicate target, naming the service', async () => {
    const secrets = { root: { name: 'root', external: { external: true } }, a: { file: 'x', external: { external: false } } };
    const cfg = (refs: ServiceConfig['secrets']) => config([{ name: 'db', image: 'mysql:5.7', secrets: refs }], { secrets });
    await expect(convertServices(ns, cfg([{ source: 'ghost' }]), secretsOf([]))).rejects.toThrow('service db: undefined secret "ghost"');
    await expect(convertServices(ns, cfg([{ source: 'root' }]), secretsOf([]))).rejects.toThrow('service db: secret not found: root');
    await expect(
      convertServices(
        ns,
        cfg([
          { source: 'root', target: 't' },
          { source: 'a', target: 't' },
        ]),
        secretsOf(['root', 'gitea_a']),
      ),
    ).rejects.toThrow('service db: duplicate secret target for gitea_a not allowed');
  });
});

describe('configs', () => {
  it('makes the stack-owned configs, scoped unless named, labelled, sorted, templating kept; external ones are not made', () => {
    const specs = convertConfigs(ns, {
      zeta: { file: join(dir, 'pw.txt'), external: { external: false }, labels: { a: 'b' } },
      custom: { name: 'my_custom_name', file: join(dir, 'pw.txt'), external: { external: false } },
      root: { name: 'root', external: { external: true } },
      tmpl: { file: join(dir, 'pw.txt'), external: { external: false }, templateDriver: 'golang' },
    });
    expect(specs.map((s) => [s.Name, s.Labels, Buffer.from(s.Data).toString(), s.Templating?.Name])).toEqual([
      ['gitea_tmpl', { 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', 'golang'],
      ['gitea_zeta', { a: 'b', 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', undefined],
      ['my_custom_name', { 'com.docker.stack.namespace': 'gitea' }, 'userpass123\n', undefined],
    ]);
    expect(() => convertConfigs(ns, { c: { file: join(dir, 'nope.txt'), external: { external: false } } })).toThrow(
      `open ${join(dir, 'nope.txt')}: no such file or directory`,
    );
  });

  it('references by swarm name, mounts under the key, defaults 0/0/0444, sorts by config name', async () => {
    const configs = {
      ext: { name: 'real_ext', external: { external: true } },
      app: { file: 'x', external: { external: false } },
    };
    const refs = await convertServiceConfigs(
      ns,
      [{ source: 'ext' }, { source: 'app', target: '/etc/app', uid: '33', mode: 0o440 }],
      configs,
      secretsOf(['config:gitea_app', 'config:real_ext']),
    );
    expect(refs.map((r) => [r.File, r.ConfigName])).toEqual([
      [{ Name: '/etc/app', UID: '33', GID: '0', Mode: 0o440 }, 'gitea_app'],
      [{ Name: 'ext', UID: '0', GID: '0', Mode: 0o444 }, 'real_ext'],
    ]);
    expect(refs.every((r) => r.ConfigID.length === 25)).toBe(true);
  });

  it('fails on an undeclared or missing config after the secrets, naming the service', async () => {
    const cfg = (refs: ServiceConfig['configs']) =>
      config([{ name: 'web', image: 'nginx', secrets: [{ source: 's' }], configs: refs }], {
        secrets: { s: { name: 's', external: { external: true } } },
        configs: { gone: { name: 'gone', external: { external: true } } },
      });
    await expect(convertServices(ns, cfg([{ source: 'ghost' }]), secretsOf(['s']))).rejects.toThrow(
      'service web: undefined config "ghost"',
    );
    await expect(convertServices(ns, cfg([{ source: 'gone' }]), secretsOf(['s']))).rejects.toThrow('service web: config not found: gone');
    await expect(convertServices(ns, cfg([{ source: 'gone' }]), secretsOf([]))).rejects.toThrow('service web: secret not found: s');
    const [web] = await convertServices(ns, cfg([{ source: 'gone', target: '/g' }]), secretsOf(['s', 'config:gone']));
    expect(web.spec.TaskTemplate.ContainerSpec.Configs?.map((r) => r.File?.Name)).toEqual(['/g']);
  });
});

describe('networks', () => {
  it('creates the used ones scoped (or named), sorted, and lists the external ones', () => {
    const services: ServiceConfig[] = [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'x', networks: { front: null, outside: null, named: { aliases: ['n'] } } },
    ];
    const used = serviceNetworkKeys(services);
    expect([...used].sort()).toEqual(['default', 'front', 'named', 'outside']);
    const nets = convertNetworks(
      ns,
      {
        front: { attachable: true, labels: { l: 'v' } },
        outside: { name: 'outside', external: { external: true } },
        named: { name: 'zz_custom' },
      },
      used,
    );
    expect(nets.external).toEqual(['outside']);
    expect(nets.create.map((n) => [n.Name, n.Attachable, n.Labels])).toEqual([
      ['gitea_default', false, { 'com.docker.stack.namespace': 'gitea' }],
      ['gitea_front', true, { l: 'v', 'com.docker.stack.namespace': 'gitea' }],
      ['zz_custom', false, { 'com.docker.stack.namespace': 'gitea' }],
    ]);
  });
});

describe('services', () => {
  const nets = { back: {}, front: { name: 'custom_front' } };
  it('builds the spec docker stores: names, labels, command, env, networks, ports, configs', () => {
    const spec = convertService(
      ns,
      {
        name: 'web',
        image: 'nginx',
        entrypoint: ['/bin/sh'],
        command: ['-c', 'run'],
        environment: { ZED: 'z', ALPHA: 'a', BARE: null },
        user: '1000',
        workingDir: '/srv',
        hostname: 'h',
        labels: { c: 'd' },
        networks: { front: null, back: { aliases: ['api'] } },
        ports: [
          { target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' },
          { target: 81, protocol: 'udp' },
        ],
        deploy: {
          replicas: 3,
          labels: { s: 't' },
          updateConfig: { parallelism: 2, delay: 10e9 },
          restartPolicy: { condition: 'on-failure', delay: 3e9, maxAttempts: 3 },
        },
      },
      nets,
      {},
      [],
    );
    expect(spec.Name).toBe('gitea_web');
    expect(spec.Labels).toEqual({ s: 't', 'com.docker.stack.namespace': 'gitea', 'com.docker.stack.image': 'nginx' });
    const c = spec.TaskTemplate.ContainerSpec;
    expect([c.Image, c.Command, c.Args, c.Env, c.User, c.Dir, c.Hostname, c.Labels, c.Init]).toEqual([
      'nginx:latest',
      ['/bin/sh'],
      ['-c', 'run'],
      ['ALPHA=a', 'BARE', 'ZED=z'],
      '1000',
      '/srv',
      'h',
      { c: 'd', 'com.docker.stack.namespace': 'gitea' },
      undefined,
    ]);
    expect(spec.TaskTemplate.Networks).toEqual([
      { Target: 'custom_front', Aliases: ['web'] },
      { Target: 'gitea_back', Aliases: ['api', 'web'] },
    ]);
    expect(spec.EndpointSpec).toEqual({
      Mode: 'vip',
      Ports: [
        { Protocol: 'udp', TargetPort: 81, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
      ],
    });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.UpdateConfig).toEqual({
      Parallelism: 2,
      Delay: 10e9,
      FailureAction: 'pause',
      Monitor: 5e9,
      MaxFailureRatio: 0,
      Order: 'stop-first',
    });
    // none given: the daemon's defaults show when the service is inspected
    expect(spec.RollbackConfig).toBeUndefined();
    expect(spec.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 3e9, MaxAttempts: 3 });
    expect(spec.TaskTemplate.Resources).toEqual({});
  });

  it('converts the legacy restart: and rejects what docker rejects', () => {
    const restart = (r: string) => convertService(ns, { name: 'w', image: 'x', restart: r }, {}, {}, []).TaskTemplate.RestartPolicy;
    expect(restart('always')).toEqual({ Condition: 'any', Delay: 5e9, MaxAttempts: 0 });
    expect(restart('unless-stopped')).toEqual({ Condition: 'any', Delay: 5e9, MaxAttempts: 0 });
    expect(restart('no')).toEqual({ Condition: 'any', Delay: 5e9, MaxAttempts: 0 });
    expect(restart('on-failure:3')).toEqual({ Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3 });
    expect(() => restart('bogus')).toThrow('unknown restart policy: bogus');
    expect(() => restart(':3')).toThrow('invalid restart policy format: no policy provided before colon');
    const mode = (m: string, replicas?: number) => () =>
      convertService(ns, { name: 'w', image: 'x', deploy: { mode: m, replicas } }, {}, {}, []);
    expect(mode('global', 2)).toThrow('replicas can only be used with replicated or replicated-job mode');
    expect(mode('weird')).toThrow('Unknown mode: weird');
    expect(mode('global')().Mode).toEqual({ Global: {} });
    expect(() => convertService(ns, { name: 'w', image: 'x', networks: { nope: null } }, {}, {}, [])).toThrow('undefined network "nope"');
  });

  it('mounts volumes, binds and tmpfs as docker does', () => {
    const mounts = convertService(
      ns,
      {
        name: 'w',
        image: 'x',
        volumes: [
          { type: 'volume', source: 'data', target: '/data' },
          { type: 'bind', source: '/tmp', target: '/t', readOnly: true },
          { type: 'volume', target: '/anon' },
          { type: 'volume', source: 'ext', target: '/ext' },
        ],
      },
      {},
      { data: {}, ext: { name: 'real_ext', external: { external: true } } },
      [],
    ).TaskTemplate.ContainerSpec.Mounts;
    expect(mounts).toEqual([
      { Type: 'volume', Source: 'gitea_data', Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'gitea' } } },
      { Type: 'bind', Source: '/tmp', Target: '/t', ReadOnly: true },
      { Type: 'volume', Target: '/anon' },
      { Type: 'volume', Source: 'real_ext', Target: '/ext', VolumeOptions: {} },
    ]);
    expect(() =>
      convertService(ns, { name: 'w', image: 'x', volumes: [{ type: 'volume', source: 'nope', target: '/x' }] }, {}, {}, []),
    ).toThrow('undefined volume "nope"');
  });
});

describe('image references', () => {
  it("gives reference.ParseAnyReference's errors", () => {
    expect(validateImageReference('')).toBe('no image specified');
    expect(validateImageReference('Bad:Image')).toBe('invalid reference format: repository name (library/Bad) must be lowercase');
    expect(validateImageReference('nginx:')).toBe('invalid reference format');
    for (const ok of ['nginx', 'local/busy:1', 'gitea/gitea:1.13.0', 'registry:5000/a/b:c', `sha256:${'a'.repeat(64)}`, 'mysql:5.7']) {
      expect(validateImageReference(ok)).toBeUndefined();
    }
  });
});
