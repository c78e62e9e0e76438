// `network create|ls|inspect|rm|prune` on the simulated one-node manager: what docker 28 prints
// for swarm networks, its client-side IPAM checks, the daemon's refusals, and the prompts.
import { describe, expect, it } from 'vitest';
import { defaultTaskSpec, serviceSpec } from '../../src/cli/service/spec.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { type Session, session } from '../helpers/run.js';

async function manager(): Promise<Session> {
  const s = session();
  expect((await s.run('swarm init --advertise-addr 127.0.0.1')).exit).toBe(0);
  return s;
}

const engineOf = (s: Session) => localEngineFor(s.statePath, { now: () => s.clock.now, env: {} });

const failure = (stderr: string, exit = 1) => ({ stdout: '', stderr: `${stderr}\n`, exit });
const daemon = (msg: string) => failure(`Error response from daemon: ${msg}`);

describe('network create', () => {
  it('prints the new swarm network ID and allocates subnets and VXLAN IDs in creation order', async () => {
    const s = await manager();
    const created = await s.run('network create -d overlay net1');
    expect(created).toMatchObject({ stderr: '', exit: 0 });
    expect(created.stdout).toMatch(/^[0-9a-z]{25}\n$/);
    await s.run('network create -d overlay --subnet 10.10.0.0/24 --ip-range 10.10.0.0/25 --gateway 10.10.0.254 custom');
    const r = await s.run([
      'network',
      'inspect',
      '-f',
      '{{.Scope}} {{.Driver}} {{json .IPAM.Config}} {{index .Options "com.docker.network.driver.overlay.vxlanid_list"}}',
      'net1',
      'custom',
    ]);
    expect(r.stdout).toBe(
      'swarm overlay [{"Subnet":"10.0.1.0/24","Gateway":"10.0.1.1"}] 4097\n' +
        'swarm overlay [{"Subnet":"10.10.0.0/24","IPRange":"10.10.0.0/25","Gateway":"10.10.0.254"}] 4098\n',
    );
  });

  it('keeps options, labels and flags as docker stores them; a label-less network shows Labels null', async () => {
    const s = await manager();
    await s.run([
      'network',
      'create',
      '-d',
      'overlay',
      '--attachable',
      '--internal',
      '--ipv6',
      '--label',
      'a=b',
      '--label',
      'c',
      '-o',
      'encrypted',
      '-o',
      'b=1=2',
      'full',
    ]);
    await s.run('network create -d overlay bare');
    const r = await s.run([
      'network',
      'inspect',
      '-f',
      '{{.Internal}} {{.Attachable}} {{.EnableIPv6}} {{.EnableIPv4}} {{json .Labels}} {{json .Options}}',
      'full',
      'bare',
    ]);
    expect(r.stdout).toBe(
      'true true true false {"a":"b","c":""} {"b":"1=2","com.docker.network.driver.overlay.vxlanid_list":"4097","encrypted":""}\n' +
        'false false false false null {"com.docker.network.driver.overlay.vxlanid_list":"4098"}\n',
    );
  });

  it('refuses a bad IPAM configuration client-side, with no daemon prefix', async () => {
    const s = await manager();
    expect(await s.run('network create -d overlay --gateway 10.9.0.1 x')).toEqual(
      failure('every ip-range or gateway must have a corresponding subnet'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.0/16 --subnet 10.1.2.0/24 x')).toEqual(
      failure('multiple overlapping subnet configuration is not supported'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.0/24 --gateway 10.2.0.1 x')).toEqual(
      failure('no matching subnet for gateway 10.2.0.1'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.0/24 --ip-range 10.2.0.0/25 x')).toEqual(
      failure('no matching subnet for range 10.2.0.0/25'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.0/24 --aux-address a=10.2.0.5 x')).toEqual(
      failure('no matching subnet for aux-address 10.2.0.5'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.0/24,10.3.0.0/24 --ip-range bogus x')).toEqual(
      failure('invalid CIDR address: bogus'),
    );
  });

  it("reports the daemon's refusals in docker 28's words", async () => {
    const s = await manager();
    await s.run('network create -d overlay net1');
    expect(await s.run('network create -d overlay net1')).toEqual(daemon('network with name net1 already exists'));
    expect(await s.run('network create -d overlay NET1')).toEqual(
      daemon('rpc error: code = Unknown desc = name conflicts with an existing object'),
    );
    expect(await s.run('network create -d overlay --subnet foo bad')).toEqual(
      daemon('invalid network config:\ninvalid subnet foo: invalid CIDR block notation'),
    );
    expect(await s.run('network create -d overlay --subnet 10.1.0.1/24 bad')).toEqual(
      daemon('invalid network config:\ninvalid subnet 10.1.0.1/24: it should be 10.1.0.0/24'),
    );
    expect(await s.run('network create -d overlay --scope local bad')).toEqual(
      daemon('cannot downgrade network scope for overlay networks'),
    );
    expect(await s.run('network create -d nosuchdrv bad')).toEqual(daemon('plugin "nosuchdrv" not found'));
    expect(await s.run(['network', 'create', '-d', 'overlay', 'bad name'])).toEqual(
      daemon('rpc error: code = InvalidArgument desc = name must be valid as a DNS name component'),
    );
    expect(await s.run('network create -d overlay host')).toEqual(daemon('operation is not permitted on predefined host network'));
    expect(await s.run('network create -d overlay --ipv4=false bad')).toEqual(daemon('IPv4 cannot be disabled in a Swarm scoped network'));
    expect(await s.run('network create -d overlay --ipam-driver other bad')).toEqual(
      daemon('rpc error: code = InvalidArgument desc = error during lookup of plugin other'),
    );
    expect(await s.run('network create -d overlay --ingress --attachable bad')).toEqual(
      daemon('rpc error: code = InvalidArgument desc = ingress network cannot be attachable'),
    );
    const ingress = (await s.run('network inspect -f {{.ID}} ingress')).stdout.trim();
    expect(await s.run('network create -d overlay --ingress ing2')).toEqual(
      daemon(`rpc error: code = AlreadyExists desc = ingress network (${ingress}) is already present`),
    );
    expect(await s.run('network create -d overlay --config-from base bad')).toEqual(daemon('configuration network "base" does not exist'));
  });

  it('says plainly that local networks are not simulated, and needs a manager for overlay ones', async () => {
    const s = await manager();
    expect(await s.run('network create mybridge')).toEqual(
      failure('tsecret simulates swarm networks only: it does not create a local "bridge" network (use --driver overlay)'),
    );
    expect(await s.run('network create -d overlay --config-only cfg')).toEqual(
      failure('tsecret simulates swarm networks only: it does not create a local configuration-only network (use --driver overlay)'),
    );
    const outside = session();
    expect(await outside.run('network create -d overlay net1')).toEqual(
      daemon(
        'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      ),
    );
  });

  it('checks its arguments as docker does', async () => {
    const s = await manager();
    const usage = "\n\nUsage:  tsecret network create [OPTIONS] NETWORK\n\nRun 'tsecret network create --help' for more information";
    expect(await s.run('network create')).toEqual(failure(`tsecret: 'tsecret network create' requires 1 argument${usage}`));
    expect(await s.run('network create a b')).toEqual(failure(`tsecret: 'tsecret network create' requires 1 argument${usage}`));
  });
});

describe('network ls and inspect', () => {
  it('lists the swarm and local networks sorted by name, with their filters', async () => {
    const s = await manager();
    await s.run('network create -d overlay --label a=b rng');
    const all = await s.run(['network', 'ls', '--format', '{{.Name}} {{.Driver}} {{.Scope}} {{.IPv4}}']);
    expect(all.stdout).toBe(
      'docker_gwbridge bridge local true\nhost host local true\ningress overlay swarm false\nnone null local true\nrng overlay swarm false\n',
    );
    expect((await s.run('network ls --filter name=rn -q')).stdout).toBe('');
    expect((await s.run('network ls --filter name=rng --format {{.Name}}')).stdout).toBe('rng\n');
    expect((await s.run('network ls --filter type=builtin --format {{.Name}}')).stdout).toBe('host\nnone\n');
    expect((await s.run('network ls --filter label=a=b --format {{.Name}}')).stdout).toBe('rng\n');
    // the cluster's view of a swarm network has no endpoints, so the ingress network counts as dangling there
    expect((await s.run('network ls --filter dangling=true --filter scope=swarm --format {{.Name}}')).stdout).toBe('ingress\nrng\n');
    expect(await s.run('network ls --filter bogus=1')).toEqual(daemon("invalid filter 'bogus'"));
    expect(await s.run('network ls --filter type=odd')).toEqual(daemon("invalid filter: 'type'='odd'"));
    expect(await s.run('network ls --filter dangling=maybe')).toEqual(
      daemon('invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")'),
    );
  });

  it('prints [] and the miss for a missing network, and refuses the verbose view', async () => {
    const s = await manager();
    expect(await s.run('network inspect nosuch')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: network nosuch not found\n',
      exit: 1,
    });
    expect(await s.run('network inspect -v ingress')).toEqual(
      failure('tsecret does not simulate the verbose (diagnostic) view of networks: inspect without -v/--verbose'),
    );
  });

  it("shows the ingress sandbox and the node as the routing mesh's peer", async () => {
    const s = await manager();
    const r = await s.run([
      'network',
      'inspect',
      '-f',
      '{{.EnableIPv4}} {{json .Peers}} {{range $k, $v := .Containers}}{{$k}} {{$v.Name}} {{$v.IPv4Address}} {{$v.MacAddress}}{{end}}',
      'ingress',
    ]);
    expect(r.stdout).toMatch(
      /^true \[\{"Name":"[0-9a-f]{12}","IP":"127\.0\.0\.1"\}\] ingress-sbox ingress-endpoint 10\.0\.0\.2\/24 02:42:0a:00:00:02\n$/,
    );
  });
});

describe('network rm and prune', () => {
  it("refuses to remove a network a service uses, ending with docker 28's exit status line", async () => {
    const s = await manager();
    const netID = (await s.run('network create -d overlay back')).stdout.trim();
    const task = defaultTaskSpec('nginx:latest');
    task.Networks = [{ Target: 'back' }];
    const { ID } = await engineOf(s).serviceCreate(serviceSpec('web', {}, task, { Replicated: { Replicas: 1 } }));
    expect(await s.run('network rm back nosuch')).toEqual(
      failure(
        `Error response from daemon: rpc error: code = FailedPrecondition desc = network ${netID} is in use by service ${ID}\n` +
          'Error response from daemon: network nosuch not found\nexit status 1',
      ),
    );
    expect((await s.run('network rm -f nosuch')).exit).toBe(0);
    // the running task has the network instantiated on this node: its local view lists it by pattern
    expect((await s.run('network ls --filter name=bac --format {{.Name}}')).stdout).toBe('back\n');
  });

  it('asks before removing the routing mesh; no answer keeps it, yes removes it', async () => {
    const s = await manager();
    const warning =
      'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue? [y/N] ';
    expect(await s.run('network rm ingress')).toEqual({ stdout: warning, stderr: '', exit: 0 });
    expect(await s.run('network rm ingress', { stdin: 'n\n' })).toEqual({ stdout: warning, stderr: '', exit: 0 });
    expect(await s.run('network rm ingress', { stdin: 'y\n' })).toEqual({ stdout: `${warning}ingress\n`, stderr: '', exit: 0 });
    expect(await s.run('network inspect ingress')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: network ingress not found\n',
      exit: 1,
    });
  });

  it('does not remove the built-in networks', async () => {
    const s = await manager();
    expect(await s.run('network rm host')).toEqual(
      failure('Error response from daemon: host is a pre-defined network and cannot be removed\nexit status 1'),
    );
  });

  it('prunes unused networks after asking, never the ingress one', async () => {
    const s = await manager();
    await s.run('network create -d overlay --label keep=1 kept');
    await s.run('network create -d overlay gone');
    expect(await s.run('network prune')).toEqual({
      stdout:
        'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ',
      stderr: '',
      exit: 0,
    });
    expect(await s.run('network prune -f --filter label!=keep')).toEqual({
      stdout: 'Deleted Networks:\ngone\ndocker_gwbridge\n\n',
      stderr: '',
      exit: 0,
    });
    expect(await s.run('network prune -f --filter bogus=1')).toEqual(daemon("invalid filter 'bogus'"));
    expect(await s.run('network prune -f')).toEqual({ stdout: 'Deleted Networks:\nkept\n\n', stderr: '', exit: 0 });
    expect(await s.run('network prune -f')).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect((await s.run('network ls --filter scope=swarm --format {{.Name}}')).stdout).toBe('ingress\n');
  });
});
