// service ls / ps / inspect / logs against hand-built objects, compared with the layouts the real
// docker CLI 28 printed (reference transcript and conformance recordings; IDs and times are ours).
import { describe, expect, it } from 'vitest';
import { ellipsis, imageWithoutDigest } from '../../src/cli/formatter/displayutils.js';
import { GoFileMode } from '../../src/go/fs/filemode.js';
import { formatGoDuration } from '../../src/go/time/duration.js';
import { ago, docker, makeService, makeTask, NODE_ID, type World } from '../helpers/service-fixtures.js';

const web = makeService({
  id: 'fzc9nr3cewvcahzxrxke40e2s',
  name: 'web',
  image: 'nginx:latest',
  replicas: 2,
  labels: { tier: 'front', app: 'shop' },
});
const cache = makeService({ id: 'vwh3qwsod8gf2f25gg264brpi', name: 'cache', image: 'redis:latest', labels: { tier: 'back' } });
const agent = makeService({ id: 'd4ohljht10b407mmdordgkzm0', name: 'agent', image: 'alpine:latest', global: true });
const quiet = makeService({ id: 'iwfr4h87aab86g2nmfb4s4qa0', name: 'quiet_one', image: 'nginx:latest' });
const random = makeService({ id: 'qhce1o00k9qsx14w2etxb3x85', name: 'sad_napier', image: 'mysql:5.7' });
const services: World = { services: [web, cache, agent, quiet, random] };

describe('service ls', () => {
  it('prints the table sorted by name, IDs cut to 12', async () => {
    expect(await docker(services, ['service', 'ls'])).toEqual({
      stdout: [
        'ID             NAME         MODE         REPLICAS   IMAGE           PORTS',
        'd4ohljht10b4   agent        global       1/1        alpine:latest   ',
        'vwh3qwsod8gf   cache        replicated   1/1        redis:latest    ',
        'iwfr4h87aab8   quiet_one    replicated   1/1        nginx:latest    ',
        'qhce1o00k9qs   sad_napier   replicated   1/1        mysql:5.7       ',
        'fzc9nr3cewvc   web          replicated   2/2        nginx:latest    ',
        '',
      ].join('\n'),
      stderr: '',
      exit: 0,
    });
  });

  it('prints only the header when there is nothing, and 12-char IDs with -q', async () => {
    expect((await docker({}, ['service', 'ls'])).stdout).toBe('ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n');
    expect((await docker(services, ['service', 'list', '-q'])).stdout).toBe(
      'd4ohljht10b4\nvwh3qwsod8gf\niwfr4h87aab8\nqhce1o00k9qs\nfzc9nr3cewvc\n',
    );
  });

  it('passes the filters to the daemon and reports its errors', async () => {
    expect((await docker(services, ['service', 'ls', '--filter', 'name=cac'])).stdout).toBe(
      'ID             NAME      MODE         REPLICAS   IMAGE          PORTS\nvwh3qwsod8gf   cache     replicated   1/1        redis:latest   \n',
    );
    expect((await docker(services, ['service', 'ls', '-f', 'mode=global', '-q'])).stdout).toBe('d4ohljht10b4\n');
    expect(await docker(services, ['service', 'ls', '--filter', 'foo=bar'])).toEqual({
      stdout: '',
      stderr: "Error response from daemon: invalid filter 'foo'\n",
      exit: 1,
    });
    expect((await docker(services, ['service', 'ls', '--filter', 'name'])).exit).toBe(125);
  });

  it('renders custom, json and raw formats', async () => {
    expect((await docker(services, ['service', 'ls', '--format', 'table {{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}'])).stdout).toBe(
      [
        'NAME         MODE         REPLICAS   IMAGE',
        'agent        global       1/1        alpine:latest',
        'cache        replicated   1/1        redis:latest',
        'quiet_one    replicated   1/1        nginx:latest',
        'sad_napier   replicated   1/1        mysql:5.7',
        'web          replicated   2/2        nginx:latest',
        '',
      ].join('\n'),
    );
    expect(
      (await docker(services, ['service', 'ls', '--format', '{{.ID}} {{.Name}} {{.Mode}} {{.Replicas}}', '-f', 'name=web'])).stdout,
    ).toBe('fzc9nr3cewvc web replicated 2/2\n');
    expect((await docker(services, ['service', 'ls', '--format', 'json', '-f', 'name=web'])).stdout).toBe(
      '{"ID":"fzc9nr3cewvc","Image":"nginx:latest","Mode":"replicated","Name":"web","Ports":"","Replicas":"2/2"}\n',
    );
    expect((await docker(services, ['service', 'ls', '--format', 'raw', '-f', 'name=web'])).stdout).toBe(
      'id: fzc9nr3cewvc\nname: web\nmode: replicated\nreplicas: 2/2\nimage: nginx:latest\nports: \n\n',
    );
    expect((await docker(services, ['service', 'ls', '--format', 'raw', '-q', '-f', 'name=web'])).stdout).toBe('id: fzc9nr3cewvc\n');
    // an explicit template wins over -q
    expect((await docker(services, ['service', 'ls', '--format', '{{.Name}}', '-q', '-f', 'name=web'])).stdout).toBe('web\n');
  });

  it('shows 0/1 for a service whose task does not run, and strips image digests', async () => {
    const broken = makeService({ id: '08ao31wpz19w0egov7uho3949', name: 'broken', image: 'nosuchimage:1', running: 0 });
    const pinned = makeService({
      id: '17cghvze7z0czx9mqxyjsxfnz',
      name: 'nginx',
      image: 'nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    });
    expect((await docker({ services: [broken, pinned] }, ['service', 'ls'])).stdout).toBe(
      [
        'ID             NAME      MODE         REPLICAS   IMAGE           PORTS',
        '08ao31wpz19w   broken    replicated   0/1        nosuchimage:1   ',
        '17cghvze7z0c   nginx     replicated   1/1        nginx:latest    ',
        '',
      ].join('\n'),
    );
  });

  it('says what a non-manager says', async () => {
    expect((await docker({ noSwarm: true }, ['service', 'ls'])).stderr).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
    );
  });
});

// service-ps-scale: web with one history task per slot after `service update --force`.
const webTasks = [
  makeTask({ id: 'z02xbixpjrplpn5h25uz8hmc6', service: web, slot: 1, state: 'shutdown', desired: 'shutdown', created: 30, status: 0.5 }),
  makeTask({ id: 'rlrozmqz8ixa81685p0a2x3jv', service: web, slot: 1, created: 0.6, status: 0.4 }),
  makeTask({ id: 'e8ki8emsd1dwl2oi1u8ojlyju', service: web, slot: 2, state: 'shutdown', desired: 'shutdown', created: 31, status: 1.2 }),
  makeTask({ id: '05bg1j36s0t9gbmf7pm5wfno7', service: web, slot: 2, created: 1.5, status: 1.1 }),
];
const cacheTask = makeTask({ id: 'i1n0w2ir4ooxpkejx9g51bilp', service: cache, slot: 1, created: 3.2 });
const agentTask = makeTask({ id: 'q3yfrf7b88olv9gj5ttm2x5bp', service: agent, created: 0.3 });
const tasks: World = { services: [web, cache, agent], tasks: [...webTasks, cacheTask, agentTask] };

describe('service ps', () => {
  it('lists the running task above its history, indented in the table', async () => {
    expect(await docker(tasks, ['service', 'ps', 'web'])).toEqual({
      stdout: [
        'ID             NAME        IMAGE          NODE      DESIRED STATE   CURRENT STATE                     ERROR     PORTS',
        'rlrozmqz8ixa   web.1       nginx:latest   vm        Running         Running less than a second ago              ',
        'z02xbixpjrpl    \\_ web.1   nginx:latest   vm        Shutdown        Shutdown less than a second ago             ',
        '05bg1j36s0t9   web.2       nginx:latest   vm        Running         Running 1 second ago                        ',
        'e8ki8emsd1dw    \\_ web.2   nginx:latest   vm        Shutdown        Shutdown 1 second ago                       ',
        '',
      ].join('\n'),
      stderr: '',
      exit: 0,
    });
  });

  it('names a global task after its node, and several services sort together', async () => {
    expect((await docker(tasks, ['service', 'ps', 'agent'])).stdout).toBe(
      [
        'ID             NAME                              IMAGE           NODE      DESIRED STATE   CURRENT STATE                    ERROR     PORTS',
        `q3yfrf7b88ol   agent.${NODE_ID}   alpine:latest   vm        Running         Running less than a second ago             `,
        '',
      ].join('\n'),
    );
    expect((await docker(tasks, ['service', 'ps', '-q', 'web', 'cache', 'agent'])).stdout).toBe(
      [
        'q3yfrf7b88olv9gj5ttm2x5bp',
        'i1n0w2ir4ooxpkejx9g51bilp',
        'rlrozmqz8ixa81685p0a2x3jv',
        'z02xbixpjrplpn5h25uz8hmc6',
        '05bg1j36s0t9gbmf7pm5wfno7',
        'e8ki8emsd1dwl2oi1u8ojlyju',
        '',
      ].join('\n'),
    );
  });

  it('prints full IDs with --no-trunc and plain names in custom formats', async () => {
    expect((await docker(tasks, ['service', 'ps', '--no-trunc', 'cache'])).stdout).toBe(
      [
        'ID                          NAME      IMAGE          NODE      DESIRED STATE   CURRENT STATE           ERROR     PORTS',
        'i1n0w2ir4ooxpkejx9g51bilp   cache.1   redis:latest   vm        Running         Running 3 seconds ago             ',
        '',
      ].join('\n'),
    );
    expect(
      (await docker(tasks, ['service', 'ps', 'web', '--format', '{{.Name}}|{{.Image}}|{{.Node}}|{{.DesiredState}}|{{.Error}}|{{.Ports}}']))
        .stdout,
    ).toBe(
      'web.1|nginx:latest|vm|Running||\nweb.1|nginx:latest|vm|Shutdown||\nweb.2|nginx:latest|vm|Running||\nweb.2|nginx:latest|vm|Shutdown||\n',
    );
    expect(
      (
        await docker(tasks, [
          'service',
          'ps',
          'web',
          '-f',
          'desired-state=shutdown',
          '--format',
          '{{.Name}} {{.DesiredState}} {{.CurrentState}}',
        ])
      ).stdout,
    ).toBe('web.1 Shutdown Shutdown less than a second ago\nweb.2 Shutdown Shutdown 1 second ago\n');
    expect((await docker(tasks, ['service', 'ps', 'web', '--format', 'table {{.ID}}\t{{.Name}}'])).stdout).toBe(
      'ID             NAME\nrlrozmqz8ixa   web.1\nz02xbixpjrpl    \\_ web.1\n05bg1j36s0t9   web.2\ne8ki8emsd1dw    \\_ web.2\n',
    );
  });

  it('maps nothing with --no-resolve', async () => {
    expect((await docker(tasks, ['service', 'ps', '--no-resolve', '--format', '{{.Name}} {{.Node}}', 'cache'])).stdout).toBe(
      `vwh3qwsod8gf2f25gg264brpi.1 ${NODE_ID}\n`,
    );
  });

  it('matches services by full ID, name and ID prefix, and reports misses after the table', async () => {
    expect((await docker(tasks, ['service', 'ps', '-q', 'vwh3'])).stdout).toBe('i1n0w2ir4ooxpkejx9g51bilp\n');
    expect(await docker(tasks, ['service', 'ps', 'nosuch_svc'])).toEqual({ stdout: '', stderr: 'no such service: nosuch_svc\n', exit: 1 });
    expect(await docker(tasks, ['service', 'ps', 'nosuch_a', 'nosuch_b'])).toEqual({
      stdout: '',
      stderr: 'no such service: nosuch_a\nno such service: nosuch_b\n',
      exit: 1,
    });
    const mixed = await docker(tasks, ['service', 'ps', 'cache', 'nosuch_svc']);
    expect(mixed.stdout).toContain('cache.1');
    expect(mixed).toMatchObject({ stderr: 'no such service: nosuch_svc\n', exit: 1 });
    const twins: World = {
      services: [
        makeService({ id: 'abc000000000000000000000a', name: 'a', image: 'x' }),
        makeService({ id: 'abc000000000000000000000b', name: 'b', image: 'x' }),
      ],
    };
    expect((await docker(twins, ['service', 'ps', 'abc'])).stderr).toBe('multiple services found with provided prefix: abc\n');
  });

  it('shows a task error quoted and cut to 30 columns unless --no-trunc', async () => {
    const broken = makeService({ id: '08ao31wpz19w0egov7uho3949', name: 'broken', image: 'nosuchimage:1', running: 0 });
    const world: World = {
      services: [broken],
      tasks: [
        makeTask({
          id: '3suxmlx22khiaaaaaaaaaaaaa',
          service: broken,
          slot: 1,
          state: 'rejected',
          desired: 'ready',
          created: 2,
          err: 'No such image: nosuchimage:1',
        }),
        makeTask({
          id: 'byib3wpunnf8aaaaaaaaaaaaa',
          service: broken,
          slot: 1,
          state: 'rejected',
          desired: 'shutdown',
          created: 7,
          err: 'No such image: nosuchimage:1',
        }),
        makeTask({
          id: 'zzz3wpunnf8aaaaaaaaaaaaaa',
          service: broken,
          slot: 2,
          state: 'failed',
          desired: 'shutdown',
          created: 8,
          err: 'task: non-zero exit (1): a long message',
        }),
      ],
    };
    expect((await docker(world, ['service', 'ps', 'broken'])).stdout).toBe(
      [
        'ID             NAME           IMAGE           NODE      DESIRED STATE   CURRENT STATE            ERROR                              PORTS',
        '3suxmlx22khi   broken.1       nosuchimage:1   vm        Ready           Rejected 2 seconds ago   "No such image: nosuchimage:1"     ',
        'byib3wpunnf8    \\_ broken.1   nosuchimage:1   vm        Shutdown        Rejected 7 seconds ago   "No such image: nosuchimage:1"     ',
        'zzz3wpunnf8a   broken.2       nosuchimage:1   vm        Shutdown        Failed 8 seconds ago     "task: non-zero exit (1): a lo…"   ',
        '',
      ].join('\n'),
    );
    expect(
      (await docker(world, ['service', 'ps', '--no-trunc', '--format', '{{.Name}}|{{.CurrentState}}|{{.Error}}', 'broken'])).stdout,
    ).toBe(
      'broken.1|Rejected 2 seconds ago|"No such image: nosuchimage:1"\nbroken.1|Rejected 7 seconds ago|"No such image: nosuchimage:1"\nbroken.2|Failed 8 seconds ago|"task: non-zero exit (1): a long message"\n',
    );
  });

  it('passes daemon filter errors through', async () => {
    expect(await docker(tasks, ['service', 'ps', 'web', '--filter', 'desired-state=bogus'])).toEqual({
      stdout: '',
      stderr: "Error response from daemon: Invalid desired-state filter: 'bogus'\n",
      exit: 1,
    });
  });

  it('turns --filter node=self into the node ID', async () => {
    expect((await docker(tasks, ['service', 'ps', '-q', '-f', 'node=self', 'cache'])).stdout).toBe('i1n0w2ir4ooxpkejx9g51bilp\n');
  });
});

const secretService = makeService({
  id: 'o02nru9u5bpvdbn5ulckxxykn',
  name: 'nginx',
  image: 'nginx:latest',
  secrets: [{ target: 'my_first_secured_secret', id: '0r5dq7ykxfi4n1glahbw5ocif', name: 'my_first_secured_secret' }],
});

const PRETTY_TAIL = [
  'Placement:',
  'UpdateConfig:',
  ' Parallelism:\t1',
  ' On failure:\tpause',
  ' Monitoring Period: 5s',
  ' Max failure ratio: 0',
  ' Update order:      stop-first',
  'RollbackConfig:',
  ' Parallelism:\t1',
  ' On failure:\tpause',
  ' Monitoring Period: 5s',
  ' Max failure ratio: 0',
  ' Rollback order:    stop-first',
  'ContainerSpec:',
];

describe('service inspect', () => {
  it('--pretty prints docker`s layout, labels sorted, secrets listed', async () => {
    expect(await docker({ services: [web, secretService] }, ['service', 'inspect', '--pretty', 'web', 'nginx'])).toEqual({
      stdout: [
        '',
        'ID:\t\tfzc9nr3cewvcahzxrxke40e2s',
        'Name:\t\tweb',
        'Labels:',
        ' app=shop',
        ' tier=front',
        'Service Mode:\tReplicated',
        ' Replicas:\t2',
        ...PRETTY_TAIL,
        ' Image:\t\tnginx:latest',
        ' Init:\t\tfalse',
        'Resources:',
        'Endpoint Mode:\tvip',
        '',
        '',
        'ID:\t\to02nru9u5bpvdbn5ulckxxykn',
        'Name:\t\tnginx',
        'Service Mode:\tReplicated',
        ' Replicas:\t1',
        ...PRETTY_TAIL,
        ' Image:\t\tnginx:latest',
        ' Init:\t\tfalse',
        'Secrets:',
        ' Target:\tmy_first_secured_secret',
        '  Source:\tmy_first_secured_secret',
        'Resources:',
        'Endpoint Mode:\tvip',
        '',
        '',
      ].join('\n'),
      stderr: '',
      exit: 0,
    });
  });

  it('--pretty shows the update status, args, env and a global mode', async () => {
    const updated = makeService({
      id: 'o02nru9u5bpvdbn5ulckxxykn',
      name: 'nginx',
      image: 'nginx:latest',
      args: ['sleep', '10'],
      env: ['A=1', 'B=2'],
      updateStatus: { State: 'completed', StartedAt: ago(16), CompletedAt: ago(0.2), Message: 'update completed' },
    });
    const out = (await docker({ services: [updated, agent] }, ['service', 'inspect', '--pretty', 'nginx', 'agent'])).stdout;
    expect(out).toContain(
      'Service Mode:\tReplicated\n Replicas:\t1\nUpdateStatus:\n State:\t\tcompleted\n Started:\t16 seconds ago\n Completed:\tLess than a second ago\n Message:\tupdate completed\nPlacement:\n',
    );
    expect(out).toContain('ContainerSpec:\n Image:\t\tnginx:latest\n Args:\t\tsleep 10 \n Env:\t\tA=1 B=2 \n Init:\t\tfalse\nResources:\n');
    expect(out).toContain('Name:\t\tagent\nService Mode:\tGlobal\nPlacement:\n');
  });

  it('--pretty shows resources as docker does (CPUs as a float, memory in binary units)', async () => {
    const limited = makeService({ id: 'o02nru9u5bpvdbn5ulckxxykn', name: 'limited', image: 'nginx:latest' });
    Object.assign(limited.Spec.TaskTemplate, {
      Resources: { Limits: { NanoCPUs: 500000000, MemoryBytes: 268435456, Pids: 100 }, Reservations: { MemoryBytes: 134217728 } },
    });
    expect((await docker({ services: [limited] }, ['service', 'inspect', '--pretty', 'limited'])).stdout).toContain(
      '\nResources:\n Reservations:\n  Memory:\t128MiB\n Limits:\n  CPU:\t\t0.5\n  Memory:\t256MiB\n  PIDs:\t\t100\nEndpoint Mode:\tvip\n\n',
    );
  });

  it('prints the JSON array by default, [] and docker`s v28 error for a missing one', async () => {
    const out = await docker({ services: [cache] }, ['service', 'inspect', 'cache']);
    expect(out.exit).toBe(0);
    expect(out.stdout).toBe(
      `${JSON.stringify(
        [
          {
            ID: 'vwh3qwsod8gf2f25gg264brpi',
            Version: { Index: 14 },
            CreatedAt: '2026-11-28T11:02:47.564015938Z',
            UpdatedAt: '2026-11-28T11:02:47.564015938Z',
            Spec: {
              Name: 'cache',
              Labels: { tier: 'back' },
              TaskTemplate: {
                ContainerSpec: { Image: 'redis:latest', Init: false, StopGracePeriod: 10000000000, DNSConfig: {}, Isolation: 'default' },
                Resources: { Limits: {}, Reservations: {} },
                RestartPolicy: { Condition: 'any', Delay: 5000000000, MaxAttempts: 0 },
                Placement: {},
                ForceUpdate: 0,
                Runtime: 'container',
              },
              Mode: { Replicated: { Replicas: 1 } },
              UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5000000000, MaxFailureRatio: 0, Order: 'stop-first' },
              RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5000000000, MaxFailureRatio: 0, Order: 'stop-first' },
              EndpointSpec: { Mode: 'vip' },
            },
            Endpoint: { Spec: {} },
          },
        ],
        null,
        4,
      )}\n`,
    );
    expect(await docker({ services: [cache] }, ['service', 'inspect', 'nosuch_svc'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error: no such service: nosuch_svc\n',
      exit: 1,
    });
    expect(await docker({ services: [cache] }, ['service', 'inspect', '--pretty', 'nosuch_svc'])).toEqual({
      stdout: '',
      stderr: 'Error: no such service: nosuch_svc\n',
      exit: 1,
    });
    expect(await docker({ services: [web] }, ['service', 'inspect', '-f', '{{.Spec.Name}}', 'web', 'nosuch_svc'])).toEqual({
      stdout: 'web\n',
      stderr: 'Error: no such service: nosuch_svc\n',
      exit: 1,
    });
    expect(await docker({ noSwarm: true }, ['service', 'inspect', 'x'])).toEqual({
      stdout: '[]\n',
      stderr:
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      exit: 1,
    });
  });

  it('runs -f templates on the typed service', async () => {
    const world: World = { services: [web, agent, secretService] };
    const f = async (tmpl: string, ref: string) => (await docker(world, ['service', 'inspect', '-f', tmpl, ref])).stdout;
    expect(
      await f(
        '{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{index .Spec.Labels "tier"}} {{.Spec.TaskTemplate.ContainerSpec.Image}}',
        'web',
      ),
    ).toBe('web 2 front nginx:latest\n');
    expect(await f('{{json .Spec.Mode}}', 'agent')).toBe('{"Global":{}}\n');
    expect(await f('{{json .Spec.TaskTemplate.ContainerSpec}}', 'nginx')).toBe(
      '{"Image":"nginx:latest","Init":false,"StopGracePeriod":10000000000,"DNSConfig":{},"Secrets":[{"File":{"Name":"my_first_secured_secret","UID":"0","GID":"0","Mode":292},"SecretID":"0r5dq7ykxfi4n1glahbw5ocif","SecretName":"my_first_secured_secret"}],"Isolation":"default"}\n',
    );
    expect(await f('{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.File.Mode}} {{json .}}{{end}}', 'nginx')).toBe(
      '-r--r--r-- {"File":{"Name":"my_first_secured_secret","UID":"0","GID":"0","Mode":292},"SecretID":"0r5dq7ykxfi4n1glahbw5ocif","SecretName":"my_first_secured_secret"}\n',
    );
    // Go's zero values for fields the JSON leaves out; durations print as Go does
    expect(
      await f(
        '[{{.Spec.TaskTemplate.ContainerSpec.User}}] {{.Spec.UpdateConfig.Monitor}} {{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}} {{.Version}} {{.ID}}',
        'web',
      ),
    ).toBe('[] 5s 10s {14} fzc9nr3cewvcahzxrxke40e2s\n');
    expect(await f('{{.CreatedAt}}', 'web')).toBe('2026-11-28 11:02:47.564015938 +0000 UTC\n');
  });

  it('refuses --pretty with --format, and extra options after "pretty"', async () => {
    expect(await docker({ services: [web] }, ['service', 'inspect', '--pretty', '-f', '{{.ID}}', 'web'])).toEqual({
      stdout: '',
      stderr: '--format is incompatible with human friendly format\n',
      exit: 1,
    });
    expect((await docker({ services: [web] }, ['service', 'inspect', '-f', 'pretty {{.ID}}', 'web'])).stderr).toBe(
      'Cannot supply extra formatting options to the pretty template\n',
    );
    expect((await docker({ services: [web] }, ['service', 'inspect', '-f', 'pretty', 'web'])).stdout).toContain(
      'Service Mode:\tReplicated\n',
    );
    expect(await docker({ services: [web] }, ['service', 'inspect', '-f', '{{.ID', 'web'])).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exit: 1,
    });
  });
});

describe('service logs', () => {
  it('prints nothing for containers that wrote nothing; a miss names both kinds', async () => {
    expect(await docker(tasks, ['service', 'logs', 'cache'])).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect(await docker(tasks, ['service', 'logs', '--raw', '-f', '-t', '--tail', '5', '--since', '42m', 'web'])).toEqual({
      stdout: '',
      stderr: '',
      exit: 0,
    });
    expect(await docker(tasks, ['service', 'logs', 'i1n0w2ir4oox'])).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect(await docker(tasks, ['service', 'logs', 'cache.1.i1n0w2ir4ooxpkejx9g51bilp'])).toEqual({ stdout: '', stderr: '', exit: 0 });
    expect(await docker(tasks, ['service', 'logs', 'nosuch_svc'])).toEqual({
      stdout: '',
      stderr: 'no such task or service: nosuch_svc\n',
      exit: 1,
    });
    expect((await docker(tasks, ['service', 'logs', '--since', 'yesterday', 'web'])).stderr).toBe(
      'invalid value for "since": failed to parse value as time or duration: "yesterday"\n',
    );
    expect((await docker(tasks, ['service', 'logs'])).stderr).toContain("docker: 'docker service logs' requires 1 argument");
  });
});

describe('display helpers', () => {
  it('formats durations and file modes as Go does', () => {
    expect([0, 1, 1500, 1_000_000, 5e9, 90e9, 3600e9, 1.5e9].map((n) => formatGoDuration(n))).toEqual([
      '0s',
      '1ns',
      '1.5µs',
      '1ms',
      '5s',
      '1m30s',
      '1h0m0s',
      '1.5s',
    ]);
    expect(String(new GoFileMode(0o400).String())).toBe('-r--------');
    expect(new GoFileMode(0o755).String()).toBe('-rwxr-xr-x');
  });

  it('cuts with an ellipsis by display width and strips digests of tagged images only', () => {
    expect(ellipsis('No such image: nosuchimage:1', 30)).toBe('No such image: nosuchimage:1');
    expect(ellipsis('0123456789012345678901234567890', 30)).toBe('01234567890123456789012345678…');
    expect(ellipsis('日本語の文字列です', 6)).toBe('日本…');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(imageWithoutDigest(`nginx:latest@${digest}`)).toBe('nginx:latest');
    expect(imageWithoutDigest(`docker.io/library/nginx:1.25@${digest}`)).toBe('nginx:1.25');
    expect(imageWithoutDigest(`nginx@${digest}`)).toBe(`nginx@${digest}`);
    expect(imageWithoutDigest('localhost:5000/app:2')).toBe('localhost:5000/app:2');
    expect(imageWithoutDigest('Bad:1')).toBe('Bad:1');
  });
});
