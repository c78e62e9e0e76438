// The simulated manager's networks: swarmkit's and moby's rules and texts, the address plan a
// one-node swarm shows, and services attached to networks (IDs, aliases, endpoints, ports).
import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../../src/api/services.js';
import { defaultTaskSpec, serviceSpec } from '../../../src/cli/service/spec.js';
import { localEngineFor } from '../../../src/engine/local/factory.js';
import { parseState } from '../../../src/store/state.js';
import { session } from '../../helpers/run.js';

async function manager() {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return localEngineFor(s.statePath, { now: () => s.clock.now, env: {} });
}

const spec = (name: string, extra: Partial<ServiceSpec> = {}, networks?: string[]): ServiceSpec => {
  const task = defaultTaskSpec('nginx:latest');
  if (networks) task.Networks = networks.map((n) => ({ Target: n }));
  return { ...serviceSpec(name, {}, task, { Replicated: { Replicas: 1 } }), ...extra };
};

describe('networks', () => {
  it('has the ingress network after swarm init, and numbers the subnets and VXLAN IDs of new ones', async () => {
    const engine = await manager();
    const [ingress] = await engine.networkList(new Map([['scope', ['swarm']]]));
    expect(ingress).toMatchObject({ Name: 'ingress', Scope: 'swarm', Driver: 'overlay', Ingress: true });
    expect(ingress.IPAM.Config).toEqual([{ Subnet: '10.0.0.0/24', Gateway: '10.0.0.1' }]);
    const { Id } = await engine.networkCreate({ Name: 'st_default', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'st' } });
    expect(Id).toMatch(/^[0-9a-z]{25}$/);
    const net = await engine.networkInspect('st_default');
    expect(net).toMatchObject({ Id, Scope: 'swarm', Attachable: false, Labels: { 'com.docker.stack.namespace': 'st' } });
    expect(net.IPAM.Config).toEqual([{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }]);
    expect(net.Options).toEqual({ 'com.docker.network.driver.overlay.vxlanid_list': '4097' });
    expect((await engine.networkInspect(Id.slice(0, 5))).Name).toBe('st_default');
    expect((await engine.networkList(new Map([['label', ['com.docker.stack.namespace=st']]]))).map((n) => n.Name)).toEqual(['st_default']);
    // swarmkit matches a swarm network's name whole; moby's own name filter (a pattern) runs after it
    expect((await engine.networkList(new Map([['name', ['default']]]))).map((n) => n.Name)).toEqual([]);
    expect((await engine.networkList(new Map([['name', ['st_default']]]))).map((n) => n.Name)).toEqual(['st_default']);
  });

  it('refuses names as moby and swarmkit do', async () => {
    const engine = await manager();
    await engine.networkCreate({ Name: 'net1', Driver: 'overlay' });
    await expect(engine.networkCreate({ Name: 'net1', Driver: 'overlay' })).rejects.toThrow(
      'Error response from daemon: network with name net1 already exists',
    );
    await expect(engine.networkCreate({ Name: 'NET1', Driver: 'overlay' })).rejects.toThrow(
      'Error response from daemon: rpc error: code = Unknown desc = name conflicts with an existing object',
    );
    for (const bad of ['Bad/Name_default', 'bad.name']) {
      await expect(engine.networkCreate({ Name: bad, Driver: 'overlay' })).rejects.toThrow(
        'Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component',
      );
    }
    await expect(engine.networkInspect('nope')).rejects.toThrow('Error response from daemon: network nope not found');
    await expect(engine.networkRemove('nope')).rejects.toThrow('Error response from daemon: network nope not found');
  });

  it('attaches services by network ID, refuses to remove a network in use, and allocates VIPs and ports', async () => {
    const engine = await manager();
    const { Id } = await engine.networkCreate({ Name: 'back', Driver: 'overlay' });
    const ports = [
      { Protocol: 'tcp' as const, TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' as const },
      { Protocol: 'tcp' as const, TargetPort: 81, PublishedPort: 0, PublishMode: 'ingress' as const },
    ];
    const { ID } = await engine.serviceCreate(spec('web', { EndpointSpec: { Mode: '', Ports: ports } }, ['back']));
    const web = await engine.serviceInspect(ID);
    expect(web.Spec.TaskTemplate.Networks).toEqual([{ Target: Id }]);
    expect(web.Spec.EndpointSpec).toEqual({
      Mode: 'vip',
      Ports: [
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 81, PublishMode: 'ingress' },
      ],
    });
    expect(web.Endpoint.Ports?.map((p) => p.PublishedPort)).toEqual([8080, 30000]);
    expect(web.Endpoint.VirtualIPs?.map((v) => v.Addr)).toEqual(['10.0.0.3/24', '10.0.1.2/24']);
    await expect(engine.networkRemove('back')).rejects.toThrow(
      `Error response from daemon: rpc error: code = FailedPrecondition desc = network ${Id} is in use by service ${ID}`,
    );
    await expect(engine.serviceCreate(spec('other', { EndpointSpec: { Mode: 'vip', Ports: [ports[0]] } }))).rejects.toThrow(
      `Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'web' (${ID}) as an ingress port`,
    );
    await expect(engine.serviceCreate(spec('lost', {}, ['nowhere']))).rejects.toThrow(
      'Error response from daemon: network nowhere not found',
    );
    // a plain service without networks or ports keeps an empty endpoint
    const plain = await engine.serviceInspect((await engine.serviceCreate(spec('plain'))).ID);
    expect(plain.Endpoint).toEqual({ Spec: {} });
    await engine.serviceRemove(ID);
    await engine.networkRemove(Id);
    expect((await engine.networkList(new Map([['scope', ['swarm']]]))).map((n) => n.Name)).toEqual(['ingress']);
  });

  it('refuses an unknown restart condition as moby does', async () => {
    const engine = await manager();
    const s = spec('web');
    s.TaskTemplate.RestartPolicy = { Condition: 'sometimes', Delay: 5e9, MaxAttempts: 0 };
    await expect(engine.serviceCreate(s)).rejects.toThrow('Error response from daemon: invalid RestartCondition: "sometimes"');
  });

  it('lets a secret update resend the same data, but not changed data', async () => {
    const engine = await manager();
    const data = new TextEncoder().encode('same');
    await engine.secretCreate({ Name: 's', Labels: {}, Data: data });
    const before = await engine.secretInspect('s');
    await engine.secretUpdate(before.ID, before.Version, { Name: 's', Labels: { a: 'b' }, Data: data });
    const after = await engine.secretInspect('s');
    expect(after.Spec.Labels).toEqual({ a: 'b' });
    expect(after.Version.Index).toBeGreaterThan(before.Version.Index);
    await expect(
      engine.secretUpdate(after.ID, after.Version, { Name: 's', Labels: {}, Data: new TextEncoder().encode('other') }),
    ).rejects.toThrow('Error response from daemon: rpc error: code = InvalidArgument desc = only updates to Labels are allowed');
  });

  it('gives a state of version 2 its networks when migrating', () => {
    const v2 = { version: 2, swarm: null, secrets: [], services: [], tasks: [], containers: [] };
    expect(parseState('x', JSON.stringify(v2)).networks).toEqual([]);
    // a swarm record as version 2 wrote it (no TrustRoot yet)
    const swarm = {
      ID: 'a',
      NodeID: 'b',
      CreatedAt: '2026-01-01T00:00:00Z',
      UpdatedAt: '2026-01-01T00:00:00Z',
      RaftIndex: 10,
      JoinTokens: { Worker: 'w', Manager: 'm' },
      TaskHistoryRetentionLimit: 5,
      AutoLockManagers: false,
      AdvertiseAddr: '127.0.0.1:2377',
      ListenAddr: '0.0.0.0:2377',
      Availability: 'active',
    };
    const migrated = parseState('x', JSON.stringify({ ...v2, swarm }));
    expect(migrated.networks.map((n) => [n.Name, n.Created])).toEqual([['ingress', '2026-01-01T00:00:00Z']]);
  });
});
