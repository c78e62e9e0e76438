// What the simulated swarm does with what the service flags store: the scheduler leaves a task
// that does not fit Pending with its explanation, the executor rejects or fails a task it cannot
// create or start, the restart policy decides what follows, jobs run to completion, and the task
// container gets what the spec says.
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

const create = (s: Session, args: string | string[]) =>
  s.run(['service', 'create', '-d', '--no-resolve-image', ...(typeof args === 'string' ? args.split(' ') : args)]);
const ps = async (s: Session, svc: string) =>
  (await s.run(['service', 'ps', '--no-trunc', '--format', '{{.DesiredState}}|{{.CurrentState}}|{{.Error}}', svc])).stdout.replace(
    / (less than a|\d+) seconds? ago/g,
    '',
  );

describe('the scheduler', () => {
  it('leaves a task that does not fit Pending, with the reason, and places it once it fits', async () => {
    const s = await swarm();
    expect((await create(s, '--name big --reserve-memory 1000T nginx')).exit).toBe(0);
    expect(await ps(s, 'big')).toBe('Running|Pending|"no suitable node (insufficient resources on 1 node)"\n');
    expect((await s.run(['service', 'ls', '--format', '{{.Replicas}}'])).stdout).toBe('0/1\n');
    // the update replaces the pending task with one that fits
    expect((await s.run('service update -d --reserve-memory 0 big')).exit).toBe(0);
    expect((await ps(s, 'big')).split('\n').filter(Boolean).sort()).toEqual(['Running|Running|', 'Shutdown|Shutdown|']);
  });

  it('explains constraints, plugins and generic resources as swarmkit does', async () => {
    const s = await swarm();
    await create(s, '--name c --constraint node.role==worker nginx');
    await create(s, '--name l --log-driver bogus nginx');
    await create(s, '--name g --generic-resource gpu=1 nginx');
    expect(await ps(s, 'c')).toBe('Running|Pending|"no suitable node (scheduling constraints not satisfied on 1 node)"\n');
    expect(await ps(s, 'l')).toBe('Running|Pending|"no suitable node (missing plugin on 1 node)"\n');
    expect(await ps(s, 'g')).toBe('Running|Pending|"no suitable node (insufficient resources on 1 node)"\n');
  });

  it('matches node.labels constraints against the labels node update gives the node, and places the task once they match', async () => {
    const s = await swarm();
    const node = (await s.run('node ls -q')).stdout.trim();
    expect((await s.run(['node', 'update', '--label-add', 'zone=a', node])).exit).toBe(0);
    await create(s, '--name za --constraint node.labels.zone==a nginx');
    await create(s, '--name zb --constraint node.labels.zone==b nginx');
    expect(await ps(s, 'za')).toBe('Running|Running|\n');
    expect(await ps(s, 'zb')).toBe('Running|Pending|"no suitable node (scheduling constraints not satisfied on 1 node)"\n');
    expect((await s.run(['node', 'update', '--label-add', 'zone=b', node])).exit).toBe(0);
    expect(await ps(s, 'zb')).toBe('Running|Running|\n');
  });

  it('keeps one task per node with --replicas-max-per-node 1', async () => {
    const s = await swarm();
    await create(s, '--name m --replicas 2 --replicas-max-per-node 1 nginx');
    expect((await ps(s, 'm')).split('\n').filter(Boolean).sort()).toEqual([
      'Running|Pending|"no suitable node (max replicas per node limit exceed)"',
      'Running|Running|',
    ]);
    expect((await s.run(['service', 'ls', '--format', '{{.Replicas}}'])).stdout).toBe('1/2 (max 1 per node)\n');
  });
});

describe('the executor and the restart policy', () => {
  it('fails a task whose user does not exist; with --restart-condition none it stays failed', async () => {
    const s = await swarm();
    await create(s, '--name u --restart-condition none --user nosuchuser nginx');
    expect(await ps(s, 'u')).toBe(
      'Shutdown|Failed|"starting container failed: unable to find user nosuchuser: no matching entries in passwd file"\n',
    );
  });

  it('restarts a failing task (restart any) until the slot holds its history, the last restart waiting', async () => {
    const s = await swarm();
    await create(s, '--name r --stop-signal BOGUS nginx');
    const rows = (await ps(s, 'r')).split('\n').filter(Boolean);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r === 'Shutdown|Rejected|"Invalid signal: BOGUS"')).toHaveLength(4);
    expect(rows.filter((r) => r.startsWith('Ready|Ready'))).toHaveLength(1);
    // another write to the swarm does not restart it again
    await create(s, '--name other nginx');
    expect((await ps(s, 'r')).split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('counts --restart-max-attempts', async () => {
    const s = await swarm();
    await create(s, '--name a --restart-max-attempts 2 --cap-add BOGUS nginx');
    expect(await ps(s, 'a')).toBe('Shutdown|Rejected|"invalid CapAdd: unknown capability: "CAP_BOGUS""\n'.repeat(3));
  });
});

describe('jobs', () => {
  it('run their command to completion, MaxConcurrent at a time', async () => {
    const s = await swarm();
    expect(
      (
        await create(s, [
          '--name',
          'j',
          '--mode',
          'replicated-job',
          '--replicas',
          '3',
          '--max-concurrent',
          '2',
          'busybox',
          'sh',
          '-c',
          'exit 0',
        ])
      ).exit,
    ).toBe(0);
    expect(await ps(s, 'j')).toBe('Complete|Complete|\n'.repeat(3));
    expect((await s.run(['service', 'ls', '--format', '{{.Mode}} {{.Replicas}}'])).stdout).toBe('replicated job 0/2 (3/3 completed)\n');
    expect((await s.run(['service', 'inspect', '-f', '{{json .Spec.Mode}} {{json .Spec.UpdateConfig}}', 'j'])).stdout).toBe(
      '{"ReplicatedJob":{"MaxConcurrent":2,"TotalCompletions":3}} {"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}\n',
    );
  });

  it('a failing command fails the task, restarted per its policy', async () => {
    const s = await swarm();
    await create(s, [
      '--name',
      'f',
      '--mode',
      'replicated-job',
      '--restart-condition',
      'on-failure',
      '--restart-max-attempts',
      '1',
      'busybox',
      'sh',
      '-c',
      'exit 3',
    ]);
    expect(await ps(s, 'f')).toBe('Shutdown|Failed|"task: non-zero exit (3)"\n'.repeat(2));
    expect((await s.run('service update -d --update-parallelism 2 f')).stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = Jobs may not have an update config\n',
    );
  });

  it('prints the job progress when not detached', async () => {
    const s = await swarm();
    const r = await s.run([
      'service',
      'create',
      '--no-resolve-image',
      '--name',
      'p',
      '--mode',
      'replicated-job',
      'busybox',
      'sh',
      '-c',
      'exit 0',
    ]);
    expect(r.stdout.split('\n').slice(1).join('\n')).toBe(
      'active tasks: 0 out of 1 tasks\n1/1:  \nactive tasks: 1 out of 1 tasks\nactive tasks: 0 out of 0 tasks\njob complete\n',
    );
  });
});

describe('refusals', () => {
  it('flags the simulated API version does not have', async () => {
    const s = await swarm();
    expect(await create(s, '--oom-score-adj 5 --health-start-interval 1s nginx')).toEqual({
      stdout: '',
      stderr:
        '"--health-start-interval" requires API version 1.44, but the Docker daemon API version is 1.41\n"--oom-score-adj" requires API version 1.46, but the Docker daemon API version is 1.41\n',
      exit: 1,
    });
  });

  it('a mount target given twice to --mount-add', async () => {
    const s = await swarm();
    await create(s, '--name d nginx');
    expect((await s.run('service update -d --mount-add type=tmpfs,target=/x --mount-add type=volume,target=/x d')).stderr).toBe(
      'duplicate mount target\n',
    );
  });

  it('a hostname template that cannot expand', async () => {
    const s = await swarm();
    expect((await s.run(['service', 'create', '-d', '--no-resolve-image', '--hostname', '{{.Nope}}', 'nginx'])).stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = expanding hostname failed: template: expansion:1:2: executing "expansion" at <.Nope>: can\'t evaluate field Nope in type *template.Context\n',
    );
  });
});
