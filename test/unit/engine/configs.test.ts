// The simulated manager's configs: kept with their data (base64 in the state file), swarmkit's rules
// shared with secrets, the daemon's checks of a service's config references, the files a task's
// container gets, and a task that cannot start because its config does not render.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigReference, ServiceSpec } from '../../../src/api/services.js';
import { defaultTaskSpec, serviceSpec } from '../../../src/cli/service/spec.js';
import { localEngineFor } from '../../../src/engine/local/factory.js';
import { parseState } from '../../../src/store/state.js';
import { session } from '../../helpers/run.js';

async function manager() {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return { s, engine: localEngineFor(s.statePath, { now: () => s.clock.now, env: {} }) };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const withConfigs = (name: string, configs: ConfigReference[], extra: (spec: ServiceSpec) => void = () => {}): ServiceSpec => {
  const task = defaultTaskSpec('nginx:latest');
  task.ContainerSpec.Configs = configs;
  const spec = serviceSpec(name, {}, task, { Replicated: { Replicas: 1 } });
  extra(spec);
  return spec;
};

const fileRef = (id: string, name: string, target: string, owner = { UID: '0', GID: '0' }): ConfigReference => ({
  File: { Name: target, ...owner, Mode: 0o444 },
  ConfigID: id,
  ConfigName: name,
});

describe('configs in the engine', () => {
  it('keeps the data, in base64 in the state file, and returns it in moby field order', async () => {
    const { s, engine } = await manager();
    const { ID } = await engine.configCreate({
      Name: 'app',
      Labels: { a: 'b' },
      Data: bytes('key=value\n'),
      Templating: { Name: 'golang' },
    });
    const config = await engine.configInspect('APP');
    expect(Object.keys(config.Spec)).toEqual(['Name', 'Labels', 'Data', 'Templating']);
    expect(Buffer.from(config.Spec.Data).toString()).toBe('key=value\n');
    const stored = JSON.parse(readFileSync(s.statePath, 'utf8')).configs;
    expect(stored).toEqual([
      expect.objectContaining({ ID, Spec: { Name: 'app', Labels: { a: 'b' }, Data: 'a2V5PXZhbHVlCg==', Templating: { Name: 'golang' } } }),
    ]);
  });

  it('lets an update change the labels only', async () => {
    const { engine } = await manager();
    await engine.configCreate({ Name: 'c', Labels: {}, Data: bytes('one') });
    const before = await engine.configInspect('c');
    await engine.configUpdate(before.ID, before.Version, { Name: 'c', Labels: { x: 'y' }, Data: bytes('one') });
    const after = await engine.configInspect('c');
    expect(after.Spec.Labels).toEqual({ x: 'y' });
    expect(after.Version.Index).toBeGreaterThan(before.Version.Index);
    await expect(engine.configUpdate(after.ID, after.Version, { Name: 'c', Labels: {}, Data: bytes('two') })).rejects.toThrow(
      'Error response from daemon: rpc error: code = InvalidArgument desc = only updates to Labels are allowed',
    );
    await expect(engine.configUpdate(after.ID, before.Version, { Name: 'c', Labels: {}, Data: bytes('one') })).rejects.toThrow(
      'rpc error: code = Unknown desc = update out of sequence',
    );
  });

  it('refuses the filter secrets alone take', async () => {
    const { engine } = await manager();
    await expect(engine.configList(new Map([['names', ['c']]]))).rejects.toThrow("Error response from daemon: invalid filter 'names'");
  });

  it("checks a service's config references as swarmkit does", async () => {
    const { engine } = await manager();
    const { ID: a } = await engine.configCreate({ Name: 'a', Labels: {}, Data: bytes('a') });
    const { ID: b } = await engine.configCreate({ Name: 'b', Labels: {}, Data: bytes('b') });
    await expect(engine.serviceCreate(withConfigs('s1', [fileRef(a, 'a', '/same'), fileRef(b, 'b', '/same')]))).rejects.toThrow(
      "rpc error: code = InvalidArgument desc = config references 'a' and 'b' have a conflicting target: '/same'",
    );
    await expect(engine.serviceCreate(withConfigs('s2', [{ ConfigID: a, ConfigName: 'a' }]))).rejects.toThrow(
      'desc = malformed config reference, no target provided',
    );
    await expect(engine.serviceCreate(withConfigs('s3', [fileRef('', 'a', '/x')]))).rejects.toThrow('desc = malformed config reference');
    await expect(engine.serviceCreate(withConfigs('s4', [fileRef(a, 'a', '')]))).rejects.toThrow(
      'desc = malformed file config reference, invalid target file name provided',
    );
    // the ID must exist and still carry the name given
    await expect(engine.serviceCreate(withConfigs('s5', [fileRef(a, 'b', '/x')]))).rejects.toThrow('desc = config not found: b');
    await expect(engine.serviceCreate(withConfigs('s6', [fileRef('nosuch', 'x', '/x'), fileRef('gone', 'y', '/y')]))).rejects.toThrow(
      'desc = configs not found: x, y',
    );
    // secrets are looked up before configs
    const missingSecret = (spec: ServiceSpec) => {
      spec.TaskTemplate.ContainerSpec.Secrets = [
        { File: { Name: 'x', UID: '0', GID: '0', Mode: 0o444 }, SecretID: 'nosuch', SecretName: 'sx' },
      ];
    };
    await expect(engine.serviceCreate(withConfigs('s7', [fileRef('gone', 'cx', '/x')], missingSecret))).rejects.toThrow(
      'desc = secret not found: sx',
    );
    // a runtime-only reference (a credential spec's config) needs no file target
    await engine.serviceCreate(withConfigs('ok', [fileRef(a, 'a', '/x'), { Runtime: {}, ConfigID: b, ConfigName: 'b' }]));
    await expect(engine.configRemove('b')).rejects.toThrow("desc = config 'b' is in use by the following service: ok");
    const [container] = await engine.containerList({ all: true, filters: new Map() });
    expect(container.ConfigMounts).toEqual([{ Target: '/x', ConfigID: a, ConfigName: 'a', UID: '0', GID: '0', Mode: 0o444 }]);
  });

  it('mounts a relative target under /, cleaned as filepath.Join does', async () => {
    const { engine } = await manager();
    const { ID } = await engine.configCreate({ Name: 'a', Labels: {}, Data: bytes('a') });
    await engine.serviceCreate(withConfigs('s', [fileRef(ID, 'a', 'etc/../app.conf')]));
    const [container] = await engine.containerList({ all: true, filters: new Map() });
    expect(container.ConfigMounts.map((m) => m.Target)).toEqual(['/app.conf']);
  });

  it('fails the task, not the service, when a config cannot be written: a template that does not render, an owner that is no number', async () => {
    const { engine } = await manager();
    const { ID: bad } = await engine.configCreate({ Name: 'bad', Labels: {}, Data: bytes('x'), Templating: { Name: 'bogus' } });
    const { ID: broken } = await engine.configCreate({
      Name: 'broken',
      Labels: {},
      Data: bytes('{{.Nope}}'),
      Templating: { Name: 'golang' },
    });
    const { ID: plain } = await engine.configCreate({ Name: 'plain', Labels: {}, Data: bytes('x') });
    const none = (spec: ServiceSpec) => (spec.TaskTemplate.RestartPolicy.Condition = 'none');
    await engine.serviceCreate(withConfigs('t1', [fileRef(bad, 'bad', '/t')], none));
    await engine.serviceCreate(withConfigs('t2', [fileRef(broken, 'broken', '/t')], none));
    await engine.serviceCreate(withConfigs('t3', [fileRef(plain, 'plain', '/t', { UID: 'x', GID: '0' })], none));
    const errors = async (service: string) =>
      (await engine.taskList(new Map([['service', [service]]]))).map((t) => [t.DesiredState, t.Status.State, t.Status.Err]);
    expect(await errors('t1')).toEqual([
      [
        'shutdown',
        'failed',
        `starting container failed: unable to get config from config store: failed to expand templated config ${bad}: unrecognized template type`,
      ],
    ]);
    expect((await errors('t2'))[0][2]).toMatch(
      new RegExp(
        `^starting container failed: unable to get config from config store: failed to expand templated config ${broken}: template: `,
      ),
    );
    expect(await errors('t3')).toEqual([['shutdown', 'failed', 'starting container failed: strconv.Atoi: parsing "x": invalid syntax']]);
    // the container was made, never ran; condition none: another write does not restart the slot
    await engine.configCreate({ Name: 'other', Labels: {}, Data: bytes('o') });
    expect(await errors('t1')).toHaveLength(1);
    const containers = await engine.containerList({ all: true, filters: new Map() });
    expect(containers.map((c) => [c.State.Status, c.State.ExitCode, c.State.StartedAt])).toEqual([
      ['created', 128, '0001-01-01T00:00:00Z'],
      ['created', 128, '0001-01-01T00:00:00Z'],
      ['created', 128, '0001-01-01T00:00:00Z'],
    ]);
  });

  it('gives a state of version 3 its configs, and its task containers their (no) config files', () => {
    const container = {
      Id: 'c',
      Name: '/web.1.t',
      Created: '2026-01-01T00:00:00Z',
      Image: 'nginx:latest',
      State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: '2026-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' },
      Config: { Hostname: 'c', User: '', Env: [], Cmd: null, Entrypoint: null, WorkingDir: '', Labels: {} },
      SecretMounts: [],
      TaskID: 't',
      ServiceID: 's',
    };
    const v3 = { version: 3, swarm: null, secrets: [], services: [], tasks: [], containers: [container], networks: [] };
    const migrated = parseState('x', JSON.stringify(v3));
    expect(migrated.version).toBe(4);
    expect(migrated.configs).toEqual([]);
    expect(migrated.containers[0].ConfigMounts).toEqual([]);
  });

  it('reports a config whose stored data is not base64 by its field', () => {
    const config = {
      ID: 'a'.repeat(25),
      Version: { Index: 1 },
      CreatedAt: 't',
      UpdatedAt: 't',
      Spec: { Name: 'c', Labels: {}, Data: 'not base64!' },
    };
    const doc = {
      version: 4,
      swarm: null,
      secrets: [],
      configs: [config],
      services: [],
      tasks: [],
      containers: [],
      networks: [],
      localNetworks: [],
      volumes: [],
    };
    expect(() => parseState('x', JSON.stringify(doc))).toThrow('invalid state file x: field "configs[0].Spec.Data" is not base64 data');
  });
});
