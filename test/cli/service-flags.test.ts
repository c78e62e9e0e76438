// No flag accepted and ignored: every flag docker 28's `service create` and `service update`
// have (their help as recorded from the real CLI, plus the two it hides at API 1.41) either
// changes the spec the simulated daemon stores, is one of the documented client-side flags, is
// refused, or is one docker itself drops (documented as such). A flag without a sample here
// fails the test, so a new flag cannot slip through unchecked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SIDE_FLAGS, DOCKER_IGNORED_FLAGS, FLAG_MIN_API } from '../../src/cli/service/flag-specs.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { testStreams } from '../../src/iostreams/test.js';
import { repoRoot, type Session, session } from '../helpers/run.js';

const recorded = JSON.parse(readFileSync(join(repoRoot, 'test/conformance/recorded/service-help.json'), 'utf8')) as {
  steps: { run: string; stdout: string }[];
};

/** The long flag names a recorded `--help` lists. */
function helpFlags(command: 'create' | 'update'): string[] {
  const help = recorded.steps.find((s) => s.run === `docker service ${command} --help`)?.stdout ?? '';
  return [...help.matchAll(/^\s+(?:-\w, )?--([a-z0-9-]+)/gm)].map((m) => m[1]);
}

/** A service's stored spec as JSON (its name left out, so services made apart compare). */
async function specOf(s: Session, name: string): Promise<string> {
  const r = await s.run(['service', 'inspect', '-f', '{{json .Spec}}', name]);
  expect(r.stderr).toBe('');
  return r.stdout.replace(`"Name":"${name}"`, '"Name":"-"');
}

/** A swarm with two overlay networks, two secrets and an env file, for the flags that name them. */
async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  const { io } = testStreams({ cwd: s.dir, env: {}, now: () => s.clock.now });
  const engine = localEngineFor(s.statePath, io);
  for (const name of ['n1', 'n2']) await engine.networkCreate({ Name: name, Driver: 'overlay' });
  for (const name of ['s1', 's2']) await s.run(['secret', 'create', name, '-'], { stdin: 'x' });
  writeFileSync(join(s.dir, 'app.env'), 'FROM_FILE=1\n');
  return s;
}

/** create: the sample args, on top of a base (the same base without them is the reference). */
const CREATE_SAMPLES: Record<string, { args: string[]; base?: string[] }> = {
  mode: { args: ['--mode', 'global'] },
  name: { args: [] },
  workdir: { args: ['-w', '/w'] },
  user: { args: ['-u', 'nobody'] },
  'credential-spec': { args: ['--credential-spec', 'registry://spec'] },
  hostname: { args: ['--hostname', 'h'] },
  entrypoint: { args: ['--entrypoint', 'sh -c'] },
  'cap-add': { args: ['--cap-add', 'NET_ADMIN'] },
  'cap-drop': { args: ['--cap-drop', 'MKNOD'] },
  'limit-cpu': { args: ['--limit-cpu', '1'] },
  'limit-memory': { args: ['--limit-memory', '64M'] },
  'reserve-cpu': { args: ['--reserve-cpu', '0.1'] },
  'reserve-memory': { args: ['--reserve-memory', '8M'] },
  'limit-pids': { args: ['--limit-pids', '5'] },
  'stop-grace-period': { args: ['--stop-grace-period', '3s'] },
  replicas: { args: ['--replicas', '2'] },
  'max-concurrent': { base: ['--mode', 'replicated-job', '--replicas', '3'], args: ['--max-concurrent', '2'] },
  'replicas-max-per-node': { args: ['--replicas-max-per-node', '2'] },
  'restart-condition': { args: ['--restart-condition', 'none'] },
  'restart-delay': { args: ['--restart-delay', '1s'] },
  'restart-max-attempts': { args: ['--restart-max-attempts', '3'] },
  'restart-window': { args: ['--restart-window', '1m'] },
  'update-parallelism': { args: ['--update-parallelism', '2'] },
  'update-delay': { args: ['--update-delay', '1s'] },
  'update-monitor': { args: ['--update-monitor', '1s'] },
  'update-failure-action': { args: ['--update-failure-action', 'continue'] },
  'update-max-failure-ratio': { args: ['--update-max-failure-ratio', '0.5'] },
  'update-order': { args: ['--update-order', 'start-first'] },
  'rollback-parallelism': { args: ['--rollback-parallelism', '2'] },
  'rollback-delay': { args: ['--rollback-delay', '1s'] },
  'rollback-monitor': { args: ['--rollback-monitor', '1s'] },
  'rollback-failure-action': { args: ['--rollback-failure-action', 'continue'] },
  'rollback-max-failure-ratio': { args: ['--rollback-max-failure-ratio', '0.5'] },
  'rollback-order': { args: ['--rollback-order', 'start-first'] },
  'endpoint-mode': { args: ['--endpoint-mode', 'dnsrr'] },
  'log-driver': { args: ['--log-driver', 'syslog'] },
  'log-opt': { base: ['--log-driver', 'syslog'], args: ['--log-opt', 'tag=x'] },
  'health-cmd': { args: ['--health-cmd', 'true'] },
  'health-interval': { args: ['--health-interval', '1s'] },
  'health-timeout': { args: ['--health-timeout', '1s'] },
  'health-retries': { args: ['--health-retries', '2'] },
  'health-start-period': { args: ['--health-start-period', '1s'] },
  'no-healthcheck': { args: ['--no-healthcheck'] },
  tty: { args: ['--tty'] },
  'read-only': { args: ['--read-only'] },
  'stop-signal': { args: ['--stop-signal', 'SIGINT'] },
  isolation: { args: ['--isolation', 'process'] },
  label: { args: ['--label', 'a=1'] },
  'container-label': { args: ['--container-label', 'a=1'] },
  env: { args: ['--env', 'A=1'] },
  'env-file': { args: ['--env-file', 'app.env'] },
  mount: { args: ['--mount', 'type=tmpfs,target=/t'] },
  constraint: { args: ['--constraint', 'node.role==manager'] },
  'placement-pref': { args: ['--placement-pref', 'spread=node.labels.dc'] },
  network: { args: ['--network', 'n1'] },
  secret: { args: ['--secret', 's1'] },
  config: { args: ['--config', 'c1'] },
  publish: { args: ['--publish', '8080:80'] },
  group: { args: ['--group', '100'] },
  dns: { args: ['--dns', '1.1.1.1'] },
  'dns-option': { args: ['--dns-option', 'ndots:2'] },
  'dns-search': { args: ['--dns-search', 'example.com'] },
  host: { args: ['--host', 'h:10.0.0.1'] },
  sysctl: { args: ['--sysctl', 'net.core.somaxconn=1'] },
  ulimit: { args: ['--ulimit', 'nofile=1:2'] },
  'generic-resource': { args: ['--generic-resource', 'gpu=1'] },
  init: { args: ['--init'] },
};

/** What the update samples start from: something for each -rm flag to remove. */
const RICH = [
  ...[
    '--label',
    'a=1',
    '--container-label',
    'a=1',
    '--env',
    'A=1',
    '--mount',
    'type=tmpfs,target=/t',
    '--constraint',
    'node.role==manager',
  ],
  ...[
    '--placement-pref',
    'spread=node.labels.dc',
    '--network',
    'n1',
    '--secret',
    's1',
    '--publish',
    'published=8080,target=80,mode=host',
    '--group',
    '100',
  ],
  ...[
    '--dns',
    '1.1.1.1',
    '--dns-option',
    'ndots:2',
    '--dns-search',
    'example.com',
    '--host',
    'h:10.0.0.1',
    '--sysctl',
    'net.core.somaxconn=1',
  ],
  ...['--ulimit', 'nofile=1:2', '--generic-resource', 'gpu=1'],
];

/** update: the sample args; `before` runs first (an update --rollback can go back to). */
const UPDATE_SAMPLES: Record<string, { args: string[]; before?: string[] }> = {
  image: { args: ['--image', 'redis'] },
  args: { args: ['--args', 'a b'] },
  rollback: { before: ['--label-add', 'b=2'], args: ['--rollback'] },
  force: { args: ['--force'] },
  'label-add': { args: ['--label-add', 'b=2'] },
  'label-rm': { args: ['--label-rm', 'a'] },
  'container-label-add': { args: ['--container-label-add', 'b=2'] },
  'container-label-rm': { args: ['--container-label-rm', 'a'] },
  'env-add': { args: ['--env-add', 'B=2'] },
  'env-rm': { args: ['--env-rm', 'A'] },
  'mount-add': { args: ['--mount-add', 'type=tmpfs,target=/u'] },
  'mount-rm': { args: ['--mount-rm', '/t'] },
  'constraint-add': { args: ['--constraint-add', 'node.role!=worker'] },
  'constraint-rm': { args: ['--constraint-rm', 'node.role==manager'] },
  'placement-pref-add': { args: ['--placement-pref-add', 'spread=node.labels.rack'] },
  'placement-pref-rm': { args: ['--placement-pref-rm', 'spread=node.labels.dc'] },
  'network-add': { args: ['--network-add', 'n2'] },
  'network-rm': { args: ['--network-rm', 'n1'] },
  'secret-add': { args: ['--secret-add', 's2'] },
  'secret-rm': { args: ['--secret-rm', 's1'] },
  'config-add': { args: ['--config-add', 'c1'] },
  'config-rm': { args: ['--config-rm', 'c1'], before: ['--config-add', 'c1'] },
  'publish-add': { args: ['--publish-add', '9090:90'] },
  'publish-rm': { args: ['--publish-rm', 'published=8080,target=80,mode=host'] },
  'group-add': { args: ['--group-add', '200'] },
  'group-rm': { args: ['--group-rm', '100'] },
  'dns-add': { args: ['--dns-add', '8.8.8.8'] },
  'dns-rm': { args: ['--dns-rm', '1.1.1.1'] },
  'dns-option-add': { args: ['--dns-option-add', 'timeout:1'] },
  'dns-option-rm': { args: ['--dns-option-rm', 'ndots:2'] },
  'dns-search-add': { args: ['--dns-search-add', 'example.org'] },
  'dns-search-rm': { args: ['--dns-search-rm', 'example.com'] },
  'host-add': { args: ['--host-add', 'i:10.0.0.2'] },
  'host-rm': { args: ['--host-rm', 'h'] },
  'sysctl-add': { args: ['--sysctl-add', 'net.ipv4.ip_forward=1'] },
  'sysctl-rm': { args: ['--sysctl-rm', 'net.core.somaxconn'] },
  'ulimit-add': { args: ['--ulimit-add', 'nproc=5'] },
  'ulimit-rm': { args: ['--ulimit-rm', 'nofile'] },
  'generic-resource-add': { args: ['--generic-resource-add', 'fpga=1'] },
  'generic-resource-rm': { args: ['--generic-resource-rm', 'gpu'] },
  // the flags update shares with create take their create samples (other values than RICH's)
  ...Object.fromEntries(
    Object.entries(CREATE_SAMPLES)
      .filter(
        ([name]) =>
          !['mode', 'name', 'max-concurrent', 'log-opt', ...RICH.filter((a) => a.startsWith('--')).map((a) => a.slice(2))].includes(name),
      )
      .map(([name, sample]) => [name, { args: sample.args }]),
  ),
  'log-opt': { args: ['--log-driver', 'syslog', '--log-opt', 'tag=x'] },
};

/** A valid value for each flag the simulated API version refuses. */
const MIN_API_VALUES: Record<string, string> = { 'health-start-interval': '1s', 'oom-score-adj': '5' };

describe('every service create flag changes the stored spec, or is documented as not doing so', () => {
  const flags = helpFlags('create');
  let s: Session;
  beforeAll(async () => {
    s = await swarm();
    await s.run(['config', 'create', 'c1', '-'], { stdin: 'x' });
  });

  it('reads the flags from the recorded help', () => {
    expect(flags.length).toBeGreaterThan(70);
    expect(flags).toContain('publish');
  });

  let n = 0;
  for (const flag of [...helpFlags('create'), ...Object.keys(FLAG_MIN_API)]) {
    it(`--${flag}`, async () => {
      if (flag in CLIENT_SIDE_FLAGS) return;
      if (flag in FLAG_MIN_API) {
        const r = await s.run(['service', 'create', '-d', '--no-resolve-image', `--${flag}`, MIN_API_VALUES[flag], 'nginx']);
        expect(r.exit).toBe(1);
        expect(r.stderr).toMatch(/requires API version/);
        return;
      }
      const sample = CREATE_SAMPLES[flag];
      expect(sample, `no sample for --${flag}: add one to CREATE_SAMPLES`).toBeDefined();
      const base = sample.base ?? [];
      const ref = `ref${++n}`;
      const withFlag = `svc${n}`;
      const made = await s.run(['service', 'create', '-d', '--no-resolve-image', '--name', ref, ...base, 'nginx']);
      expect(made.stderr).toBe('');
      if (flag === 'name') {
        const named = await s.run(['service', 'create', '-d', '--no-resolve-image', '--name', 'given', 'nginx']);
        expect(named.exit).toBe(0);
        expect((await s.run(['service', 'inspect', '-f', '{{.Spec.Name}}', 'given'])).stdout).toBe('given\n');
        return;
      }
      const r = await s.run(['service', 'create', '-d', '--no-resolve-image', '--name', withFlag, ...base, ...sample.args, 'nginx'], {
        env: { A: undefined },
      });
      expect(r.stderr).toBe('');
      expect(await specOf(s, withFlag)).not.toBe(await specOf(s, ref));
    });
  }
});

describe('every service update flag changes the stored spec, or is documented as not doing so', () => {
  let s: Session;
  beforeAll(async () => {
    s = await swarm();
    await s.run(['config', 'create', 'c1', '-'], { stdin: 'x' });
  });

  let n = 0;
  for (const flag of [...helpFlags('update'), ...Object.keys(FLAG_MIN_API)]) {
    it(`--${flag}`, async () => {
      if (flag in CLIENT_SIDE_FLAGS) return;
      const name = `u${++n}`;
      const made = await s.run(['service', 'create', '-d', '--no-resolve-image', '--name', name, ...RICH, 'nginx']);
      expect(made.stderr).toBe('');
      if (flag in FLAG_MIN_API) {
        const r = await s.run(['service', 'update', '-d', `--${flag}`, MIN_API_VALUES[flag], name]);
        expect(r.exit).toBe(1);
        expect(r.stderr).toMatch(/requires API version/);
        return;
      }
      if (`update --${flag}` in DOCKER_IGNORED_FLAGS) {
        const before = await specOf(s, name);
        expect((await s.run(['service', 'update', '-d', `--${flag}`, '2', name])).exit).toBe(0);
        expect(await specOf(s, name)).toBe(before);
        return;
      }
      const sample = UPDATE_SAMPLES[flag];
      expect(sample, `no sample for --${flag}: add one to UPDATE_SAMPLES`).toBeDefined();
      if (sample.before) expect((await s.run(['service', 'update', '-d', ...sample.before, name])).stderr).toBe('');
      const before = await specOf(s, name);
      const r = await s.run(['service', 'update', '-d', ...(flag === 'image' ? ['--no-resolve-image'] : []), ...sample.args, name]);
      expect(r.stderr).toBe('');
      expect(await specOf(s, name)).not.toBe(before);
    });
  }
});

describe('--credential-spec config://NAME (docker/cli setConfigs, getUpdatedConfigs, updateCredSpecConfig)', () => {
  let s: Session;
  let id: string;
  beforeAll(async () => {
    s = await swarm();
    id = (await s.run(['config', 'create', 'spec', '-'], { stdin: '{}' })).stdout.trim();
  });
  const configsOf = async (name: string) =>
    (
      await s.run([
        'service',
        'inspect',
        '-f',
        '{{json .Spec.TaskTemplate.ContainerSpec.Configs}}|{{json .Spec.TaskTemplate.ContainerSpec.Privileges}}',
        name,
      ])
    ).stdout;

  it('create adds the config as a runtime reference and names it by ID in the credential spec', async () => {
    const r = await s.run([
      'service',
      'create',
      '-d',
      '--no-resolve-image',
      '--name',
      'win',
      '--credential-spec',
      'config://spec',
      'nginx',
    ]);
    expect(r.stderr).toBe('');
    expect(await configsOf('win')).toBe(
      `[{"Runtime":{},"ConfigID":"${id}","ConfigName":"spec"}]|{"CredentialSpec":{"Config":"${id}","File":"","Registry":""},"SELinuxContext":null,"NoNewPrivileges":false}\n`,
    );
  });

  it('update keeps the runtime reference while the credential spec names it, and drops it with another spec', async () => {
    expect((await s.run('service update -d --env-add A=1 win')).stderr).toBe('');
    expect(await configsOf('win')).toContain(`[{"Runtime":{},"ConfigID":"${id}","ConfigName":"spec"}]`);
    expect((await s.run('service update -d --credential-spec registry://r win')).stderr).toBe('');
    expect(await configsOf('win')).toBe(
      'null|{"CredentialSpec":{"Config":"","File":"","Registry":"r"},"SELinuxContext":null,"NoNewPrivileges":false}\n',
    );
  });

  it('a config that does not exist is the client\'s "config not found"', async () => {
    const r = await s.run(['service', 'create', '-d', '--no-resolve-image', '--credential-spec', 'config://nosuch', 'nginx']);
    expect(r).toEqual({ stdout: '', stderr: 'config not found: nosuch\n', exit: 1 });
  });
});
