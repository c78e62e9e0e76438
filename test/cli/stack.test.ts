// stack ls / services / ps / rm against the simulated swarm: membership by the namespace label,
// docker's "nothing found" texts and exit codes, the removal order and its failure reporting.
import { describe, expect, it } from 'vitest';
import { validateStackName } from '../../src/cli/stack/common.js';
import { runStackRemove } from '../../src/cli/stack/rm.js';
import { DaemonError } from '../../src/engine/errors.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { testStreams } from '../../src/iostreams/test.js';
import { type Session, session } from '../helpers/run.js';

const NS = 'com.docker.stack.namespace';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

const engineOf = (s: Session) => localEngineFor(s.statePath, { now: () => s.clock.now, env: {} });

/** A stack as `stack deploy` leaves it, made through the plain commands and the engine. */
async function fakeStack(s: Session, ns: string, services: string[]): Promise<void> {
  const engine = engineOf(s);
  await engine.networkCreate({ Name: `${ns}_default`, Driver: 'overlay', Labels: { [NS]: ns } });
  await s.run(['secret', 'create', '-l', `${NS}=${ns}`, `${ns}_pw`, '-'], { stdin: 'pw' });
  for (const name of services) {
    const r = await s.run([
      'service',
      'create',
      '-d',
      '--no-resolve-image',
      '--name',
      `${ns}_${name}`,
      '-l',
      `${NS}=${ns}`,
      'nginx:latest',
    ]);
    expect(r.exit).toBe(0);
  }
}

describe('stack names', () => {
  it('refuses names of nothing but blanks and quotes, quoting them as Go does', () => {
    for (const bad of ['', ' ', '\t', '""', "' '", '\u00a0"']) expect(() => validateStackName(bad)).toThrow(/^invalid stack name: "/);
    expect(() => validateStackName(' ')).toThrow('invalid stack name: " "');
    expect(() => validateStackName('\t')).toThrow('invalid stack name: "\\t"');
    for (const ok of ['a', ' a ', 'Bad/Name', '"x"']) expect(() => validateStackName(ok)).not.toThrow();
  });

  it('checks every name before removing anything', async () => {
    const s = await swarm();
    await fakeStack(s, 'keep', ['web']);
    expect(await s.run(['stack', 'rm', 'keep', ' '])).toEqual({ stdout: '', stderr: 'invalid stack name: " "\n', exit: 1 });
    expect((await s.run('stack ls')).stdout).toBe('NAME      SERVICES\nkeep      1\n');
  });
});

describe('stack ls / services / ps', () => {
  it('lists stacks by their services, naturally sorted, ignoring services of no stack', async () => {
    const s = await swarm();
    await fakeStack(s, 's10', ['web', 'db']);
    await fakeStack(s, 's2', ['web']);
    await s.run('service create -d --no-resolve-image --name loner nginx');
    // a stack with only a network and a secret is not listed
    await engineOf(s).networkCreate({ Name: 'ghost_default', Driver: 'overlay', Labels: { [NS]: 'ghost' } });
    expect(await s.run('stack ls')).toEqual({ stdout: 'NAME      SERVICES\ns2        1\ns10       2\n', stderr: '', exit: 0 });
    expect((await s.run('stack list --format json')).stdout).toBe('{"Name":"s2","Services":"1"}\n{"Name":"s10","Services":"2"}\n');
    const bad = await s.run(['stack', 'ls', '--format', '{{.Orchestrator}}']);
    expect(bad.exit).toBe(1);
    expect(bad.stderr).toBe(
      'template parsing error: template: :1:2: executing "" at <.Orchestrator>: can\'t evaluate field Orchestrator in type *formatter.stackContext\n',
    );
  });

  it('says "Nothing found" on stderr with exit 0 for services, "nothing found" with exit 1 for ps', async () => {
    const s = await swarm();
    await fakeStack(s, 'app', ['web']);
    expect(await s.run('stack services nope')).toEqual({ stdout: '', stderr: 'Nothing found in stack: nope\n', exit: 0 });
    expect(await s.run('stack services -f name=zzz app')).toEqual({ stdout: '', stderr: 'Nothing found in stack: app\n', exit: 0 });
    expect(await s.run('stack ps nope')).toEqual({ stdout: '', stderr: 'nothing found in stack: nope\n', exit: 1 });
    expect(await s.run('stack ps -f desired-state=shutdown app')).toEqual({ stdout: '', stderr: 'nothing found in stack: app\n', exit: 1 });
    expect((await s.run('stack services -f bogus=1 app')).stderr).toBe("Error response from daemon: invalid filter 'bogus'\n");
  });

  it('shows the stack services as service ls does, and their tasks with 12-char IDs even with -q', async () => {
    const s = await swarm();
    await fakeStack(s, 'app', ['web', 'db']);
    const services = await s.run('stack services app');
    expect(services.stdout.split('\n')[0]).toBe('ID             NAME      MODE         REPLICAS   IMAGE          PORTS');
    expect(
      services.stdout
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(/ +/)[1]),
    ).toEqual(['app_db', 'app_web']);
    expect((await s.run('stack services -q app')).stdout).toMatch(/^[0-9a-z]{12}\n[0-9a-z]{12}\n$/);
    expect((await s.run('stack ps -q app')).stdout).toMatch(/^[0-9a-z]{12}\n[0-9a-z]{12}\n$/);
    expect((await s.run('stack ps -q --no-trunc app')).stdout).toMatch(/^[0-9a-z]{25}\n[0-9a-z]{25}\n$/);
    expect((await s.run(['stack', 'ps', '--format', '{{.Name}} {{.DesiredState}}', 'app'])).stdout).toBe(
      'app_db.1 Running\napp_web.1 Running\n',
    );
  });

  it('fails as docker does before swarm init', async () => {
    const s = session();
    const notManager =
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';
    for (const cmd of ['stack ls', 'stack ps x', 'stack services x', 'stack rm x y']) {
      expect(await s.run(cmd)).toEqual({ stdout: '', stderr: notManager, exit: 1 });
    }
  });
});

describe('stack rm', () => {
  it('removes services by name, then secrets, then networks; says when a stack has nothing', async () => {
    const s = await swarm();
    await fakeStack(s, 'app', ['web', 'db']);
    await s.run('secret create keep_me -', { stdin: 'x' });
    expect(await s.run('stack rm nothing app other')).toEqual({
      stdout: 'Removing service app_db\nRemoving service app_web\nRemoving secret app_pw\nRemoving network app_default\n',
      stderr: 'Nothing found in stack: nothing\nNothing found in stack: other\n',
      exit: 0,
    });
    expect((await s.run('secret ls --format {{.Name}}')).stdout).toBe('keep_me\n');
    expect(await s.run('stack down app')).toEqual({ stdout: '', stderr: 'Nothing found in stack: app\n', exit: 0 });
  });

  it('reports each failure without a newline, goes on, and fails the stack at the end', async () => {
    const s = await swarm();
    await fakeStack(s, 'app', ['web']);
    const real = engineOf(s);
    const secretID = (await real.secretList(new Map([['name', ['app_pw']]])))[0].ID;
    const engine = Object.assign(Object.create(real) as typeof real, {
      secretRemove: async (id: string) => {
        throw new DaemonError(`secret ${id} is busy`, 500);
      },
    });
    const { io, stdout, stderr } = testStreams({ cwd: s.dir, now: () => s.clock.now });
    await expect(runStackRemove({ namespaces: ['app', 'none'], detach: true }, io, engine)).rejects.toThrow(
      'failed to remove some resources from stack: app',
    );
    expect(stdout.text()).toBe('Removing service app_web\nRemoving secret app_pw\nRemoving network app_default\n');
    expect(stderr.text()).toBe(
      `Failed to remove secret ${secretID}: Error response from daemon: secret ${secretID} is busyNothing found in stack: none\n`,
    );
  });

  it('removes a stack that has only configs, and reports a config another service still uses', async () => {
    const s = await swarm();
    const cfg = (name: string) => s.run(['config', 'create', '-l', `${NS}=app`, name, '-'], { stdin: 'x' });
    await cfg('app_a');
    await cfg('app_b');
    expect(await s.run('stack rm app')).toEqual({ stdout: 'Removing config app_a\nRemoving config app_b\n', stderr: '', exit: 0 });
    await cfg('app_c');
    await s.run('service create -d --no-resolve-image --name outsider --config app_c nginx:latest');
    const id = (await s.run('config inspect -f {{.ID}} app_c')).stdout.trim();
    expect(await s.run('stack rm app')).toEqual({
      stdout: 'Removing config app_c\n',
      stderr: `Failed to remove config ${id}: Error response from daemon: rpc error: code = InvalidArgument desc = config 'app_c' is in use by the following service: outsiderfailed to remove some resources from stack: app\n`,
      exit: 1,
    });
  });

  it('needs at least one name', async () => {
    const s = await swarm();
    expect(await s.run('stack rm')).toEqual({
      stdout: '',
      stderr:
        "tsecret: 'tsecret stack rm' requires at least 1 argument\n\nUsage:  tsecret stack rm [OPTIONS] STACK [STACK...]\n\nSee 'tsecret stack rm --help' for more information\n",
      exit: 1,
    });
  });
});
