// ps / container ls / container inspect / inspect against hand-built containers, compared with
// what the real docker CLI 28 printed (conformance recording "containers"; IDs and times ours).
import { describe, expect, it } from 'vitest';
import type { Secret } from '../../src/api/swarm.js';
import { docker, makeContainer, makeService, makeTask, type World } from '../helpers/service-fixtures.js';

const CID = '1c6fc81d2c8df751fda2a6b10f49f7c1cdc9a6c7d1244d85cdbf9e142c480b48';
const OLD = '9864b91906f6aaaabbbbccccddddeeeeffff00001111222233334444555566667';
const TASK_LABELS = {
  'com.docker.swarm.node.id': 'c7i3s36plf37bup6z1mu7be1f',
  'com.docker.swarm.service.id': '8rumvmeg4xsos72dc9dp2h096',
  'com.docker.swarm.service.name': 'box',
  'com.docker.swarm.task': '',
  'com.docker.swarm.task.id': 't7z7zmj7g0aixkic0aqnkpjen',
  'com.docker.swarm.task.name': 'box.1.t7z7zmj7g0aixkic0aqnkpjen',
  team: 'blue',
};
const running = makeContainer({
  id: CID,
  name: 'box.1.t7z7zmj7g0aixkic0aqnkpjen',
  cmd: ['/bin/sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
  created: 0,
  labels: TASK_LABELS,
  hostname: 'box-host',
  workdir: '/tmp',
});
const exited = makeContainer({ id: OLD, name: 'box.1.znfqeaswqm9136nc4k2umtii2', created: 65, running: false, finished: 5, exitCode: 0 });
const world: World = { containers: [running, exited] };

describe('ps / container ls', () => {
  it('prints the running containers in docker`s table', async () => {
    const expected = {
      stdout: [
        'CONTAINER ID   IMAGE          COMMAND                   CREATED                  STATUS                  PORTS     NAMES',
        '1c6fc81d2c8d   nginx:latest   "/bin/sh -c \'trap \\"e…"   Less than a second ago   Up Less than a second             box.1.t7z7zmj7g0aixkic0aqnkpjen',
        '',
      ].join('\n'),
      stderr: '',
      exit: 0,
    };
    expect(await docker(world, ['ps'])).toEqual(expected);
    expect(await docker(world, ['container', 'ls'])).toEqual(expected);
    expect(await docker(world, ['container', 'list'])).toEqual(expected);
    expect(await docker(world, ['container', 'ps'])).toEqual(expected);
  });

  it('shows stopped ones with -a, newest first, and the exit status', async () => {
    expect((await docker(world, ['ps', '-a', '--format', 'table {{.Names}}\t{{.Status}}'])).stdout).toBe(
      [
        'NAMES                             STATUS',
        'box.1.t7z7zmj7g0aixkic0aqnkpjen   Up Less than a second',
        'box.1.znfqeaswqm9136nc4k2umtii2   Exited (0) 5 seconds ago',
        '',
      ].join('\n'),
    );
    expect((await docker(world, ['ps', '-a', '--format', '{{.State}} {{.RunningFor}}'])).stdout).toBe(
      'running Less than a second ago\nexited About a minute ago\n',
    );
    expect((await docker(world, ['ps', '--filter', 'status=exited', '-q'])).stdout).toBe('9864b91906f6\n');
    expect((await docker(world, ['ps', '-n', '1', '-q'])).stdout).toBe('1c6fc81d2c8d\n');
    expect((await docker(world, ['ps', '-l', '--format', '{{.Names}}'])).stdout).toBe('box.1.t7z7zmj7g0aixkic0aqnkpjen\n');
    expect((await docker(world, ['ps', '-n', '5', '-q'])).stdout).toBe('1c6fc81d2c8d\n9864b91906f6\n');
    expect((await docker(world, ['ps', '-n', 'x'])).stderr).toBe(
      'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun \'docker ps --help\' for more information\n',
    );
  });

  it('prints full values with --no-trunc and only IDs with -q', async () => {
    expect((await docker(world, ['ps', '--no-trunc', '-q'])).stdout).toBe(`${CID}\n`);
    expect((await docker(world, ['ps', '--no-trunc', '--format', '{{.ID}} {{.Command}}'])).stdout).toBe(
      `${CID} "/bin/sh -c 'trap \\"exit 0\\" TERM; while true; do sleep 1; done'"\n`,
    );
    expect((await docker(world, ['container', 'ls', '-q'])).stdout).toBe('1c6fc81d2c8d\n');
  });

  it('filters by name and renders labels and custom tables', async () => {
    expect((await docker(world, ['ps', '--filter', 'name=box', '--format', '{{.Names}}'])).stdout).toBe(
      'box.1.t7z7zmj7g0aixkic0aqnkpjen\n',
    );
    expect(
      (await docker(world, ['ps', '--filter', 'name=ox.1', '--format', 'table {{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Status}}'])).stdout,
    ).toBe(
      'CONTAINER ID   IMAGE          NAMES                             STATUS\n1c6fc81d2c8d   nginx:latest   box.1.t7z7zmj7g0aixkic0aqnkpjen   Up Less than a second\n',
    );
    expect(
      (await docker(world, ['ps', '--format', '{{.Label "com.docker.swarm.task.name"}} {{.Label "team"}} [{{.Label "none"}}]'])).stdout,
    ).toBe('box.1.t7z7zmj7g0aixkic0aqnkpjen blue []\n');
    expect((await docker(world, ['ps', '--format', '{{.Labels}}'])).stdout).toBe(
      'com.docker.swarm.node.id=c7i3s36plf37bup6z1mu7be1f,com.docker.swarm.service.id=8rumvmeg4xsos72dc9dp2h096,com.docker.swarm.service.name=box,com.docker.swarm.task.id=t7z7zmj7g0aixkic0aqnkpjen,com.docker.swarm.task.name=box.1.t7z7zmj7g0aixkic0aqnkpjen,com.docker.swarm.task=,team=blue\n',
    );
  });

  it('renders json, raw and the SIZE column', async () => {
    const json = JSON.parse((await docker(world, ['ps', '--format', 'json'])).stdout);
    expect(Object.keys(json)).toEqual([
      'Command',
      'CreatedAt',
      'ID',
      'Image',
      'Labels',
      'LocalVolumes',
      'Mounts',
      'Names',
      'Networks',
      'Platform',
      'Ports',
      'RunningFor',
      'Size',
      'State',
      'Status',
    ]);
    expect(json).toMatchObject({
      CreatedAt: '2026-11-28 11:03:00 +0000 UTC',
      Platform: null,
      State: 'running',
      Size: '0B',
      LocalVolumes: '0',
    });
    expect((await docker({ containers: [exited] }, ['ps', '-a', '--format', 'raw'])).stdout).toBe(
      [
        'container_id: 9864b91906f6',
        'image: nginx:latest',
        'command: "nginx -g \'daemon of…"',
        'created_at: 2026-11-28 11:01:55 +0000 UTC',
        'state: exited',
        'status: Exited (0) 5 seconds ago',
        'names: box.1.znfqeaswqm9136nc4k2umtii2',
        'labels:',
        'ports:',
        '',
        '',
      ].join('\n'),
    );
    expect((await docker({ containers: [exited] }, ['ps', '-a', '-s'])).stdout.split('\n')[0]).toBe(
      'CONTAINER ID   IMAGE          COMMAND                  CREATED              STATUS                     PORTS     NAMES                             SIZE',
    );
  });

  it('warns when --format and -q meet, and checks the template before listing', async () => {
    expect(await docker(world, ['ps', '-q', '--format', '{{.Names}}'])).toEqual({
      stdout: '1c6fc81d2c8d\n',
      stderr: 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n',
      exit: 0,
    });
    expect(await docker(world, ['ps', '--format', '{{.Nope}}'])).toEqual({
      stdout: '',
      stderr:
        'failed to execute template: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
      exit: 1,
    });
    expect((await docker(world, ['ps', '--format', '{{.ID'])).stderr).toBe('failed to parse template: template: :1: unclosed action\n');
    expect((await docker(world, ['ps', 'extra'])).stderr).toContain("docker: 'docker ps' accepts no arguments");
  });
});

describe('inspect / container inspect', () => {
  it('runs templates on the container found by ID, name or ID prefix', async () => {
    expect((await docker(world, ['inspect', '-f', '{{.Name}} {{.Config.Image}} {{.State.Status}}', CID])).stdout).toBe(
      '/box.1.t7z7zmj7g0aixkic0aqnkpjen nginx:latest running\n',
    );
    expect(
      (
        await docker(world, [
          'container',
          'inspect',
          '-f',
          '{{.Name}} {{.Config.Hostname}} {{.Config.WorkingDir}} {{.State.Running}}',
          'box.1.t7z7zmj7g0aixkic0aqnkpjen',
        ])
      ).stdout,
    ).toBe('/box.1.t7z7zmj7g0aixkic0aqnkpjen box-host /tmp true\n');
    expect(
      (await docker(world, ['inspect', '-f', '{{.Id}} {{index .Config.Labels "com.docker.swarm.service.name"}}', CID.slice(0, 7)])).stdout,
    ).toBe(`${CID} box\n`);
    expect((await docker(world, ['inspect', '-f', '{{.Config.Cmd}} {{.Config.Entrypoint}} {{.Path}} {{json .Args}}', CID])).stdout).toBe(
      '[/bin/sh -c trap "exit 0" TERM; while true; do sleep 1; done] [] /bin/sh ["-c","trap \\"exit 0\\" TERM; while true; do sleep 1; done"]\n',
    );
  });

  it('says docker`s not-found texts, after []', async () => {
    expect(await docker(world, ['inspect', 'nosuch_ctr'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error: No such object: nosuch_ctr\n',
      exit: 1,
    });
    expect(await docker(world, ['container', 'inspect', 'nosuch_ctr'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: No such container: nosuch_ctr\n',
      exit: 1,
    });
    expect(await docker(world, ['inspect', '--type', 'container', 'nosuch_ctr'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: No such container: nosuch_ctr\n',
      exit: 1,
    });
    expect(await docker(world, ['inspect', '--type', 'bogus', 'x'])).toEqual({
      stdout: '',
      stderr: '"bogus" is not a valid value for --type\n',
      exit: 1,
    });
  });

  it('prints the JSON array, and exits 64 on a template that does not parse', async () => {
    const out = await docker(world, ['container', 'inspect', CID]);
    const parsed = JSON.parse(out.stdout);
    expect(parsed).toHaveLength(1);
    expect(Object.keys(parsed[0])).toEqual([
      'Id',
      'Created',
      'Path',
      'Args',
      'State',
      'Image',
      'Name',
      'RestartCount',
      'Driver',
      'Platform',
      'MountLabel',
      'ProcessLabel',
      'AppArmorProfile',
      'ExecIDs',
      'HostConfig',
      'Mounts',
      'Config',
    ]);
    expect(out.stdout).toContain('\n    {\n        "Id": "1c6fc81d');
    expect(await docker(world, ['container', 'inspect', '-f', '{{.Id', CID])).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exit: 64,
    });
  });

  it('finds services, tasks and secrets too, on a swarm manager', async () => {
    const svc = makeService({ id: 'vwh3qwsod8gf2f25gg264brpi', name: 'cache', image: 'redis:latest' });
    const task = makeTask({ id: 'i1n0w2ir4ooxpkejx9g51bilp', service: svc, slot: 1, created: 3 });
    const secret: Secret = {
      ID: 'nxagysn13e82dpv0kplbfbsoo',
      Version: { Index: 11 },
      CreatedAt: '2026-11-28T11:00:00Z',
      UpdatedAt: '2026-11-28T11:00:00Z',
      Spec: { Name: 'labeled', Labels: {} },
    };
    const swarm: World = { services: [svc], tasks: [task], secrets: [secret], containers: [running] };
    expect((await docker(swarm, ['inspect', '-f', '{{.Spec.Name}}', 'cache', 'labeled'])).stdout).toBe('cache\nlabeled\n');
    expect(
      (
        await docker(swarm, [
          'inspect',
          '--type',
          'task',
          '-f',
          '{{json .Spec.ContainerSpec.Image}} {{.Status.State}} {{.Slot}} {{.DesiredState}}',
          'i1n0w2ir4oox',
        ])
      ).stdout,
    ).toBe('"redis:latest" running 1 running\n');
    expect((await docker(swarm, ['inspect', '-f', '{{.ID}}', 'cache.1.i1n0w2ir4ooxpkejx9g51bilp'])).stdout).toBe(
      'i1n0w2ir4ooxpkejx9g51bilp\n',
    );
    expect(await docker(swarm, ['inspect', '-s', '-f', '{{.ID}}', 'cache'])).toEqual({
      stdout: 'vwh3qwsod8gf2f25gg264brpi\n',
      stderr: 'WARNING: --size ignored for service\n',
      exit: 0,
    });
    // outside a swarm the swarm kinds are not looked at
    expect(await docker({ ...swarm, noSwarm: true }, ['inspect', 'cache'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error: No such object: cache\n',
      exit: 1,
    });
  });
});
