// service create/update refusals, each with docker's text and exit code: pflag's (125, with the
// usage), the client's checks after parsing (1), and the daemon's (1, "Error response from
// daemon: "), in-process (the conformance scenarios service-create-*-errors hold the same texts
// against the recorded engine).
import { beforeAll, describe, expect, it } from 'vitest';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { testStreams } from '../../src/iostreams/test.js';
import { type Session, session } from '../helpers/run.js';

const DAEMON = 'Error response from daemon: ';
const RPC = (code: string, desc: string) => `${DAEMON}rpc error: code = ${code} desc = ${desc}`;

let s: Session;
beforeAll(async () => {
  s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  const { io } = testStreams({ cwd: s.dir, env: {}, now: () => s.clock.now });
  await localEngineFor(s.statePath, io).networkCreate({ Name: 'net_b', Driver: 'overlay' });
  await s.run('service create -d --no-resolve-image --name holder -p 8080:80 --network net_b nginx');
  await s.run([
    'service',
    'create',
    '-d',
    '--no-resolve-image',
    '--name',
    'job',
    '--mode',
    'replicated-job',
    'busybox',
    'sh',
    '-c',
    'exit 0',
  ]);
  await s.run('service create -d --no-resolve-image --name glob --mode global nginx');
});

describe('service create', () => {
  it("a bad flag value: pflag's error and the usage, exit 125", async () => {
    const r = await s.run('service create -d --no-resolve-image -p notaport nginx');
    expect(r).toEqual({
      stdout: '',
      stderr:
        'invalid argument "notaport" for "-p, --publish" flag: invalid containerPort: notaport\n\nUsage:  tsecret service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'tsecret service create --help\' for more information\n',
      exit: 125,
    });
  });

  it.each([
    ['--mode bogus', 'Unknown mode: bogus, only replicated and global supported'],
    ['--mode global --replicas 2', 'replicas can only be used with replicated or replicated-job mode'],
    ['--mode global --replicas-max-per-node 2', 'replicas-max-per-node can only be used with replicated or replicated-job mode'],
    ['--max-concurrent 2', 'max-concurrent can only be used with replicated-job mode'],
    ['--mode replicated-job --update-parallelism 2', 'update and rollback configuration is not supported for jobs'],
    ['--health-cmd true --no-healthcheck', '--no-healthcheck conflicts with --health-* options'],
    [
      '--generic-resource gpu=x',
      'invalid generic-resource request `gpu=x`, Named Generic Resources is not supported for service create or update',
    ],
    ['--network nosuch_net', `${DAEMON}network nosuch_net not found`],
    ['--mount type=bogus,target=/x', `${DAEMON}invalid MountType: "bogus"`],
    ['--mount type=bind,source=/tmp,target=/x,bind-propagation=sideways', `${DAEMON}invalid MountPropagation: "sideways"`],
    ['--restart-condition bogus', `${DAEMON}invalid RestartCondition: "bogus"`],
    ['--update-order bogus', `${DAEMON}unrecognized update order bogus`],
    ['--rollback-failure-action bogus', `${DAEMON}unrecognized update failure action bogus`],
    ['--endpoint-mode bogus', `${DAEMON}invalid resolution mode: "bogus"`],
    ['--update-max-failure-ratio 2', RPC('InvalidArgument', 'TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1')],
    ['--update-delay=-1s', RPC('InvalidArgument', 'TaskSpec: update-delay cannot be negative')],
    ['--update-monitor=-1s', RPC('InvalidArgument', 'TaskSpec: update-monitor cannot be negative')],
    ['--restart-delay=-1s', RPC('InvalidArgument', 'TaskSpec: restart-delay cannot be negative')],
    ['--limit-cpu 0.0001', RPC('InvalidArgument', 'invalid cpu value 0.0001: Must be at least 0.001')],
    ['--reserve-memory 1k', RPC('InvalidArgument', 'invalid memory value 1024: Must be at least 4MiB')],
    ['--health-interval 1us', RPC('InvalidArgument', 'ContainerSpec: Interval in HealthConfig cannot be less than 1ms')],
    ['--constraint x', RPC('Unknown', 'constraint expected one operator from ==, !=')],
    ['--constraint node.role==manager==x', RPC('Unknown', "value 'manager==x' is invalid")],
    ['--mount type=tmpfs,target=/x --mount type=volume,target=/x', RPC('InvalidArgument', 'ContainerSpec: duplicate mount point: /x')],
    [
      '--endpoint-mode dnsrr -p 8090:80',
      RPC('InvalidArgument', "EndpointSpec: port published with ingress mode can't be used with dnsrr mode"),
    ],
    ['-p 8091:80 -p 8091:81', RPC('InvalidArgument', 'EndpointSpec: duplicate published ports provided')],
    ['-p 8080:81', RPC('InvalidArgument', "port '8080' is already in use by service 'holder' (ID) as an ingress port")],
    [
      '-p mode=host,published=8080,target=81',
      RPC('InvalidArgument', "port '8080' is already in use by service 'holder' (ID) as an ingress port"),
    ],
    ['--network ingress', RPC('InvalidArgument', 'Service cannot be explicitly attached to the ingress network "ingress"')],
    ['--secret nosuch_secret', 'secret not found: nosuch_secret'],
  ])('%s', async (flags, stderr) => {
    const r = await s.run(`service create -d --no-resolve-image ${flags} nginx`);
    expect({ ...r, stderr: r.stderr.replace(/\([0-9a-z]{25}\)/, '(ID)') }).toEqual({ stdout: '', stderr: `${stderr}\n`, exit: 1 });
  });
});

describe('service update', () => {
  it.each([
    ['--replicas 2 glob', 'replicas can only be used with replicated mode'],
    ['--replicas 2 job', 'replicas can only be used with replicated mode'],
    ['--update-parallelism 2 job', RPC('InvalidArgument', 'Jobs may not have an update config')],
    ['--network-add net_b holder', 'service is already attached to network net_b'],
    ['--network-rm nosuch_net holder', `${DAEMON}network nosuch_net not found`],
    ['--generic-resource-rm gpu holder', 'could not find generic-resource `gpu` to remove it'],
    ['--mount-add type=tmpfs,target=/x --mount-add type=tmpfs,target=/x holder', 'duplicate mount target'],
    ['--rollback --image redis holder', 'other flags may not be combined with --rollback'],
    ['--restart-condition bogus holder', `${DAEMON}invalid RestartCondition: "bogus"`],
    ['--credential-spec config://c holder', 'config not found: c'],
  ])('%s', async (args, stderr) => {
    expect(await s.run(`service update -d ${args}`)).toEqual({ stdout: '', stderr: `${stderr}\n`, exit: 1 });
  });

  it('a bad flag value of an -rm flag is refused by its parser too', async () => {
    const r = await s.run('service update -d --publish-rm notaport holder');
    expect(r.exit).toBe(125);
    expect(r.stderr.split('\n')[0]).toBe('invalid argument "notaport" for "--publish-rm" flag: invalid containerPort: notaport');
  });
});
