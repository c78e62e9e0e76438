// Services in the simulated swarm: tasks and containers converge at once, secrets mount at
// /run/secrets, a used secret cannot be removed, and an update replaces the task stop-first.
import { describe, expect, it } from 'vitest';
import { session } from '../helpers/run.js';

async function swarmWithSecret() {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  await s.run('secret create my_first_secured_secret -', { stdin: 'This is my first secured secret\n' });
  return s;
}

describe('services', () => {
  it('runs the seed walkthrough part 2', async () => {
    const s = await swarmWithSecret();
    const created = await s.run('service create -d --no-resolve-image --name nginx --secret my_first_secured_secret nginx:latest');
    expect(created).toMatchObject({ stderr: '', exit: 0 });
    expect(created.stdout).toMatch(/^[0-9a-z]{25}\n$/);
    const id = (await s.run('ps --filter name=nginx -q')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await s.run(['exec', id, 'cat', '/run/secrets/my_first_secured_secret'])).toEqual({
      stdout: 'This is my first secured secret\n',
      stderr: '',
      exit: 0,
    });
    expect(await s.run('secret rm my_first_secured_secret')).toEqual({
      stdout: '',
      stderr:
        "Error response from daemon: rpc error: code = InvalidArgument desc = secret 'my_first_secured_secret' is in use by the following service: nginx\n",
      exit: 1,
    });
    expect((await s.run('service update -d --secret-rm my_first_secured_secret nginx')).stdout).toBe('nginx\n');
    const newId = (await s.run('ps --filter name=nginx -q')).stdout.trim();
    expect(newId).not.toBe(id);
    const ls = await s.run(['exec', newId, 'ls', '/run/secrets']);
    expect(ls.exit).toBe(2);
    expect(ls.stderr).toBe("ls: cannot access '/run/secrets': No such file or directory\n");
    expect((await s.run(['stop', id])).stdout).toBe(`${id}\n`);
    expect((await s.run(['rm', id])).stdout).toBe(`${id}\n`);
    expect((await s.run('secret rm my_first_secured_secret')).stdout).toBe('my_first_secured_secret\n');
  });

  it('names every service that still uses a secret, sorted', async () => {
    const s = await swarmWithSecret();
    for (const name of ['b_svc', 'a_svc'])
      await s.run(`service create -d --no-resolve-image --name ${name} --secret my_first_secured_secret nginx`);
    expect((await s.run('secret rm my_first_secured_secret')).stderr).toBe(
      "Error response from daemon: rpc error: code = InvalidArgument desc = secret 'my_first_secured_secret' is in use by the following services: a_svc, b_svc\n",
    );
  });

  it('checks secret references on the client as docker does', async () => {
    const s = await swarmWithSecret();
    expect(await s.run('service create -d --no-resolve-image --secret nope nginx')).toEqual({
      stdout: '',
      stderr: 'secret not found: nope\n',
      exit: 1,
    });
    expect(
      await s.run(
        'service create -d --no-resolve-image --secret my_first_secured_secret --secret source=my_first_secured_secret,target=my_first_secured_secret nginx',
      ),
    ).toEqual({ stdout: '', stderr: 'duplicate secret target for my_first_secured_secret not allowed\n', exit: 1 });
    const bad = await s.run('service create --secret source=x,foo=bar nginx');
    expect(bad.exit).toBe(125);
    expect(bad.stderr).toMatch(/^invalid argument "source=x,foo=bar" for "--secret" flag: invalid field in secret request: foo\n/);
  });

  it('mounts with the given uid, gid and mode, reading mode as Go does (400 is decimal)', async () => {
    const s = await swarmWithSecret();
    await s.run('secret create other -', { stdin: 'This is my first secured secret\n' });
    await s.run(
      'service create -d --no-resolve-image --name web --secret source=my_first_secured_secret,target=a,uid=1000,gid=1000,mode=0400 --secret source=other,target=b,mode=400 nginx',
    );
    const id = (await s.run('ps -q')).stdout.trim();
    expect((await s.run(['exec', id, 'stat', '-c', '%a %u %g %s %n', '/run/secrets/a', '/run/secrets/b'])).stdout).toBe(
      '400 1000 1000 32 /run/secrets/a\n620 0 0 32 /run/secrets/b\n',
    );
    expect((await s.run(['service', 'inspect', '-f', '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}', 'web'])).stdout).toMatch(
      /"File":\{"Name":"a","UID":"1000","GID":"1000","Mode":256\}/,
    );
  });
});

describe('service inspect JSON', () => {
  it('is re-marshalled by the CLI (encoding/json escapes <, > and &); the template json function does not escape', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await s.run(['service', 'create', '-d', '--no-resolve-image', '--name', 'amp', 'nginx', 'sh', '-c', 'a && b > c']);
    const inspect = await s.run('service inspect amp');
    expect(inspect.stdout).toContain('"a \\u0026\\u0026 b \\u003e c"');
    expect((await s.run('service inspect --format json amp')).stdout).toContain('"a \\u0026\\u0026 b \\u003e c"');
    expect((await s.run(['service', 'inspect', '-f', '{{json .Spec.TaskTemplate.ContainerSpec.Args}}', 'amp'])).stdout).toBe(
      '["sh","-c","a && b > c"]\n',
    );
  });

  it("shows the allocator's write: a service with a virtual IP or a published port was updated after it was created", async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await s.run('service create -d --no-resolve-image --name plain nginx');
    await s.run('service create -d --no-resolve-image --name pub -p 8080:80 nginx');
    const times = async (name: string) =>
      (await s.run(['service', 'inspect', '-f', '{{.CreatedAt}}|{{.UpdatedAt}}', name])).stdout.trim().split('|');
    const [plainCreated, plainUpdated] = await times('plain');
    expect(plainUpdated).toBe(plainCreated);
    const [pubCreated, pubUpdated] = await times('pub');
    expect(pubUpdated).not.toBe(pubCreated);
  });
});
