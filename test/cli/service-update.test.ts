// `service create --env-file`, `service update` flags and `service ps` filters in the simulated
// swarm, with docker's texts (conformance recording "service-update-flags").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

const env = async (s: Session, svc: string): Promise<string> =>
  (await s.run(['service', 'inspect', '-f', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', svc])).stdout;

describe('service create --env-file', () => {
  it('reads files as docker does and lets a later entry replace an earlier one', async () => {
    const s = await swarm();
    writeFileSync(
      join(s.dir, 'app.env'),
      '\ufeff# a comment\r\n\nA=from_file\n  LEAD=spaces\nBARE_UNSET\nFROM_CLIENT\nEMPTY=\nTRAIL=a b \nB=file_b\n',
    );
    writeFileSync(join(s.dir, 'more.env'), 'B=more_b\nC=more_c');
    const created = await s.run(
      'service create -d --no-resolve-image --name upd --env-file app.env --env A=from_flag --env BARE_FLAG nginx:latest',
      {
        env: { FROM_CLIENT: 'client_value', BARE_UNSET: undefined, BARE_FLAG: undefined },
      },
    );
    expect(created.exit).toBe(0);
    expect(await env(s, 'upd')).toBe(
      '["LEAD=spaces","FROM_CLIENT=client_value","EMPTY=","TRAIL=a b ","B=file_b","A=from_flag","BARE_FLAG"]\n',
    );
    await s.run('service create -d --no-resolve-image --name other --env-file app.env --env-file more.env redis', {
      env: { FROM_CLIENT: undefined, BARE_UNSET: undefined },
    });
    expect(await env(s, 'other')).toBe('["A=from_file","LEAD=spaces","EMPTY=","TRAIL=a b ","B=more_b","C=more_c"]\n');
    const id = (await s.run('ps -q --filter name=upd.1')).stdout.trim();
    expect((await s.run(['exec', id, 'sh', '-c', 'echo "[$A|$TRAIL|$BARE_FLAG|$BARE_UNSET]"'])).stdout).toBe('[from_flag|a b ||]\n');
  });

  it('refuses a missing file, a name with blanks and a line without a name', async () => {
    const s = await swarm();
    writeFileSync(join(s.dir, 'blank.env'), 'GOOD=1\nBAD NAME\n');
    writeFileSync(join(s.dir, 'noname.env'), '=value\n');
    const create = (file: string) => s.run(`service create -d --no-resolve-image --name bad --env-file ${file} nginx`);
    expect(await create('nosuch.env')).toEqual({ stdout: '', stderr: 'open nosuch.env: no such file or directory\n', exit: 1 });
    expect(await create('blank.env')).toEqual({
      stdout: '',
      stderr: "invalid env file (blank.env): variable 'BAD NAME' contains whitespaces\n",
      exit: 1,
    });
    expect(await create('noname.env')).toEqual({
      stdout: '',
      stderr: "invalid env file (noname.env): no variable name on line '=value'\n",
      exit: 1,
    });
    expect((await s.run('service ls -q')).stdout).toBe('');
    const ctr = await s.run('service create -d --no-resolve-image --name ok nginx');
    expect(ctr.exit).toBe(0);
    const id = (await s.run('ps -q')).stdout.trim();
    expect(await s.run(['exec', '--env-file', 'blank.env', id, 'true'])).toEqual({
      stdout: '',
      stderr: "invalid env file (blank.env): variable 'BAD NAME' contains whitespaces\n",
      exit: 1,
    });
  });
});

describe("--env-file lines of 64 KiB or more, as Go's bufio.Scanner refuses them (docker CLI 28)", () => {
  const line = (bytes: number, end = '\n') => `A=${'x'.repeat(bytes - 2)}${end}`;

  it('takes a line of 65535 bytes, with or without its line end', async () => {
    const s = await swarm();
    writeFileSync(join(s.dir, 'edge.env'), line(65535));
    writeFileSync(join(s.dir, 'edge-last.env'), line(65535, ''));
    expect((await s.run('service create -d --no-resolve-image --name edge --env-file edge.env nginx')).exit).toBe(0);
    expect((await s.run('service create -d --no-resolve-image --name last --env-file edge-last.env nginx')).exit).toBe(0);
    expect((await env(s, 'last')).length).toBe(65535 + 5); // ["A=x…x"] and a newline
  });

  it('refuses a longer one, and /dev/zero at once instead of reading forever', async () => {
    const s = await swarm();
    writeFileSync(join(s.dir, 'long.env'), line(65536));
    writeFileSync(join(s.dir, 'long-last.env'), `OK=1\n${line(65536, '')}`);
    const create = (file: string) => s.run(`service create -d --no-resolve-image --name bad --env-file ${file} nginx`);
    for (const file of ['long.env', 'long-last.env', '/dev/zero']) {
      expect(await create(file)).toEqual({ stdout: '', stderr: `invalid env file (${file}): bufio.Scanner: token too long\n`, exit: 1 });
    }
    const id = (await s.run('service create -d --no-resolve-image --name ok nginx'), (await s.run('ps -q')).stdout.trim());
    expect(await s.run(['exec', '--env-file', '/dev/zero', id, 'true'])).toEqual({
      stdout: '',
      stderr: 'invalid env file (/dev/zero): bufio.Scanner: token too long\n',
      exit: 1,
    });
  });

  it('reports a bad line read before the long one', async () => {
    const s = await swarm();
    writeFileSync(join(s.dir, 'bad-first.env'), `B C=1\n${'\0'.repeat(70000)}`);
    expect(await s.run('service create -d --no-resolve-image --env-file bad-first.env nginx')).toEqual({
      stdout: '',
      stderr: "invalid env file (bad-first.env): variable 'B C' contains whitespaces\n",
      exit: 1,
    });
  });
});

describe('service update', () => {
  it('removes by name keeping the order; with --env-add the list comes sorted by name', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name upd --env Z=1 --env A=1 --env M=1 nginx');
    await s.run('service update -d --env-rm A --env-rm NOSUCH upd');
    expect(await env(s, 'upd')).toBe('["Z=1","M=1"]\n');
    await s.run('service update -d --env-add A=again --env-rm M --env-add Z=2 upd');
    expect(await env(s, 'upd')).toBe('["A=again","Z=2"]\n');
  });

  it('tags a new image and warns that no registry gave its digest, unless --no-resolve-image', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name upd nginx');
    s.clock.now += 1000;
    expect(await s.run('service update -d --image redis upd')).toEqual({
      stdout: 'upd\n',
      stderr:
        'image redis:latest could not be accessed on a registry to record\nits digest. Each node will access redis:latest independently,\npossibly leading to different nodes running different\nversions of the image.\n\n',
      exit: 0,
    });
    s.clock.now += 1000;
    expect(await s.run('service update -d --no-resolve-image --image alpine upd')).toEqual({ stdout: 'upd\n', stderr: '', exit: 0 });
    expect((await s.run(['service', 'ps', 'upd', '--format', '{{.Image}} {{.DesiredState}}'])).stdout).toBe(
      'alpine:latest Running\nredis:latest Shutdown\nnginx:latest Shutdown\n',
    );
  });

  it('changes labels without replacing tasks, and resets the update status', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name upd --label keep=1 --label drop=x nginx');
    await s.run('service update -d --force upd');
    expect((await s.run(['service', 'inspect', '-f', '{{.UpdateStatus.State}}', 'upd'])).stdout).toBe('completed\n');
    const out = await s.run('service update --label-add new=2 --label-add keep=changed --label-rm drop --label-rm nosuch upd');
    expect(out.stdout).toBe(
      [
        'upd',
        'overall progress: 0 out of 1 tasks',
        '1/1:  ',
        'overall progress: 1 out of 1 tasks',
        ...[5, 4, 3, 2, 1].map((n) => `verify: Waiting ${n} seconds to verify that tasks are stable...`),
        'verify: Service upd converged',
        '',
      ].join('\n'),
    );
    expect((await s.run(['service', 'inspect', '-f', '{{json .Spec.Labels}} {{.UpdateStatus}}', 'upd'])).stdout).toBe(
      '{"keep":"changed","new":"2"} <nil>\n',
    );
    expect((await s.run('service ps -q upd')).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('refuses --replicas on a global service with the update command`s own text', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name gl --mode global alpine');
    expect(await s.run('service update -d --replicas 2 gl')).toEqual({
      stdout: '',
      stderr: 'replicas can only be used with replicated mode\n',
      exit: 1,
    });
    expect(await s.run('service update -d --env-add X=1 nosuch_svc')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: service nosuch_svc not found\n',
      exit: 1,
    });
  });
});

describe('service ps filters', () => {
  it('ORs -f service= with the services given, and refuses a missing one as the daemon does', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name upd nginx');
    await s.run('service create -d --no-resolve-image --name other redis');
    expect((await s.run(['service', 'ps', '-f', 'service=other', 'upd', '--format', '{{.Name}} {{.Image}}'])).stdout).toBe(
      'other.1 redis:latest\nupd.1 nginx:latest\n',
    );
    expect(await s.run('service ps -f service=nosuch_svc upd')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: service nosuch_svc not found\n',
      exit: 1,
    });
  });

  it('matches label= against the service`s labels as they were when each task was made', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name upd --label keep=1 nginx');
    await s.run('service update -d --label-add new=2 upd');
    s.clock.now += 1000;
    await s.run('service update -d --force upd');
    const ps = (f: string) => s.run(['service', 'ps', '-f', f, 'upd', '--format', '{{.Name}} {{.DesiredState}}']);
    expect((await ps('label=new=2')).stdout).toBe('upd.1 Running\n');
    expect((await ps('label=keep')).stdout).toBe('upd.1 Running\nupd.1 Shutdown\n');
    // the task inspect JSON does not show the store's copy of the labels
    const task = (await s.run('service ps -q upd')).stdout.split('\n')[0];
    expect((await s.run(['inspect', task])).stdout).not.toContain('ServiceAnnotations');
  });
});

describe('progress of scale', () => {
  it('counts the tasks that already ran in the second frame', async () => {
    const s = await swarm();
    await s.run('service create -d --no-resolve-image --name sc nginx');
    const wait = [5, 4, 3, 2, 1].map((n) => `verify: Waiting ${n} seconds to verify that tasks are stable...`);
    expect((await s.run('service scale sc=3')).stdout).toBe(
      [
        'sc scaled to 3',
        'overall progress: 0 out of 3 tasks',
        '1/3:  ',
        '2/3:  ',
        '3/3:  ',
        'overall progress: 1 out of 3 tasks',
        'overall progress: 3 out of 3 tasks',
        ...wait,
        'verify: Service sc converged',
        '',
      ].join('\n'),
    );
    expect((await s.run('service scale sc=1')).stdout).toBe(
      [
        'sc scaled to 1',
        'overall progress: 0 out of 1 tasks',
        '1/1:  ',
        'overall progress: 1 out of 1 tasks',
        ...wait,
        'verify: Service sc converged',
        '',
      ].join('\n'),
    );
  });
});
