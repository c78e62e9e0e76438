// `node ls|inspect|update|ps|rm|promote|demote` for the one node, and what its availability does
// to the tasks (drain stops them and leaves replacements Pending; active places them again).
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

const failure = (stderr: string, exit = 1) => ({ stdout: '', stderr: `${stderr}\n`, exit });
const daemon = (msg: string) => failure(`Error response from daemon: ${msg}`);

async function manager(): Promise<{ s: Session; id: string }> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return { s, id: (await s.run('node ls -q')).stdout.trim() };
}

describe('node ls and inspect', () => {
  it('lists the node as a ready leader, marked as the one answering', async () => {
    const { s, id } = await manager();
    expect(id).toMatch(/^[0-9a-z]{25}$/);
    const r = await s.run([
      'node',
      'ls',
      '--format',
      '{{.ID}} {{.Self}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.TLSStatus}} {{.EngineVersion}}',
    ]);
    expect(r.stdout).toBe(`${id} true Ready Active Leader Ready 28.2.2\n`);
    expect((await s.run('node ls --filter role=worker -q')).stdout).toBe('');
    expect(await s.run('node ls --filter role=boss')).toEqual(daemon("Invalid role filter: 'boss'"));
    expect(await s.run('node ls --filter bogus=1')).toEqual(daemon("invalid filter 'bogus'"));
  });

  it("inspects self, by hostname and by ID; a miss is the daemon's", async () => {
    const { s, id } = await manager();
    const f = ['-f', '{{.ID}} {{.Spec.Role}} {{.Status.State}} {{.ManagerStatus.Addr}} {{json .Spec}}'];
    const line = `${id} manager ready 127.0.0.1:2377 {"Labels":{},"Role":"manager","Availability":"active"}\n`;
    expect((await s.run(['node', 'inspect', ...f, 'self', id])).stdout).toBe(line + line);
    expect(await s.run('node inspect nosuch_node')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: node nosuch_node not found\n',
      exit: 1,
    });
    // --pretty wins over -f; a format that only starts with "pretty" is refused
    expect((await s.run('node inspect --pretty -f {{.ID}} self')).stdout).toMatch(/^ID:\t\t\t/);
    expect(await s.run('node inspect -f prettyx self')).toEqual(failure('cannot supply extra formatting options to the pretty template'));
    const pretty = (await s.run('node inspect --pretty self')).stdout;
    expect(pretty).toMatch(
      /^ID:\t\t\t[0-9a-z]{25}\nHostname: {14}\t.+\nJoined at: {13}\t2026-11-28 10:00:00(\.\d+)? \+0000 utc\nStatus:\n State:\t\t\tReady\n Availability: {9}\tActive\n/,
    );
    expect(pretty).toContain(' CPUs:\t\t\t2\n Memory:\t\t8GiB\n');
    expect(pretty).toMatch(/\n Issuer Subject:\tMBMxETAPBgNVBAMTCHN3YXJtLWNh\n Issuer Public Key:\t[A-Za-z0-9+/=]+\n$/);
  });

  it('needs a swarm', async () => {
    const s = session();
    const notManager =
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
    expect(await s.run('node ls')).toEqual(daemon(notManager));
    expect(await s.run('node inspect self')).toEqual({ stdout: '[]\n', stderr: `Error response from daemon: ${notManager}\n`, exit: 1 });
  });
});

describe('node inspect JSON', () => {
  it('is marshalled again by the CLI (encoding/json escapes <, > and &); the template json function does not escape', async () => {
    const { s, id } = await manager();
    await s.run(['node', 'update', '--label-add', 'q=a&b<c>', id]);
    expect((await s.run('node inspect self')).stdout).toContain('"q": "a\\u0026b\\u003cc\\u003e"');
    expect((await s.run('node inspect --format json self')).stdout).toContain('"q":"a\\u0026b\\u003cc\\u003e"');
    expect((await s.run(['node', 'inspect', '-f', '{{json .Spec.Labels}}', 'self'])).stdout).toBe('{"q":"a&b<c>"}\n');
  });
});

describe('node update, promote, demote, rm', () => {
  it('adds and removes labels, printing the argument as given', async () => {
    const { s, id } = await manager();
    const host = (await s.run('node inspect -f {{.Description.Hostname}} self')).stdout.trim();
    expect(await s.run(['node', 'update', '--label-add', 'a=b', '--label-add', 'c', host])).toEqual({
      stdout: `${host}\n`,
      stderr: '',
      exit: 0,
    });
    expect((await s.run('node ls --filter node.label=c -q')).stdout).toBe(`${id}\n`);
    expect(await s.run(`node update --label-rm a ${id}`)).toEqual({ stdout: `${id}\n`, stderr: '', exit: 0 });
    expect(await s.run(`node update --label-rm nosuch ${id}`)).toEqual(failure("key nosuch doesn't exist in node's labels"));
    expect((await s.run(['node', 'inspect', '-f', '{{json .Spec.Labels}}', 'self'])).stdout).toBe('{"c":""}\n');
  });

  it('refuses bad values and changes the last manager cannot take', async () => {
    const { s, id } = await manager();
    const lastManager = 'rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm';
    expect(await s.run(`node update --availability bogus ${id}`)).toEqual(daemon('invalid Availability: "bogus"'));
    expect(await s.run(`node update --role bogus ${id}`)).toEqual(daemon('invalid Role: "bogus"'));
    expect(await s.run(`node update --role worker ${id}`)).toEqual(daemon(lastManager));
    expect(await s.run(`node demote ${id}`)).toEqual(daemon(lastManager));
    expect(await s.run(`node promote ${id}`)).toEqual({ stdout: `Node ${id} is already a manager.\n`, stderr: '', exit: 0 });
    const member = `rpc error: code = FailedPrecondition desc = node ${id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`;
    expect(await s.run(`node rm -f ${id}`)).toEqual(daemon(member));
    // `self` is resolved by inspect and ps only
    for (const verb of ['update --label-add a=b', 'promote', 'demote', 'rm'])
      expect(await s.run(`node ${verb} self`)).toEqual(daemon('node self not found'));
  });
});

describe('node availability', () => {
  it('drain shuts the tasks down and leaves replicated slots Pending; active places them again', async () => {
    const { s, id } = await manager();
    await s.run('service create -d --no-resolve-image --name web --replicas 2 nginx:latest');
    await s.run('service create -d --no-resolve-image --name gl --mode global alpine:latest');
    expect(await s.run(`node update --availability drain ${id}`)).toEqual({ stdout: `${id}\n`, stderr: '', exit: 0 });
    expect((await s.run(['service', 'ls', '--format', '{{.Name}} {{.Replicas}}'])).stdout).toBe('gl 0/0\nweb 0/2\n');
    const rows = (
      await s.run(['service', 'ps', '--no-trunc', '--format', '{{.Name}}|{{.DesiredState}}|{{.CurrentState}}|{{.Node}}|{{.Error}}', 'web'])
    ).stdout;
    expect(
      rows
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/ (less than a second|\d+ \w+) ago/, ''))
        .sort(),
    ).toEqual([
      'web.1|Running|Pending||"no suitable node (1 node not available for new tasks)"',
      `web.1|Shutdown|Shutdown|${(await s.run('node inspect -f {{.Description.Hostname}} self')).stdout.trim()}|`,
      'web.2|Running|Pending||"no suitable node (1 node not available for new tasks)"',
      `web.2|Shutdown|Shutdown|${(await s.run('node inspect -f {{.Description.Hostname}} self')).stdout.trim()}|`,
    ]);
    expect((await s.run(['service', 'ps', '--format', '{{.DesiredState}}', 'gl'])).stdout).toBe('Shutdown\n');
    expect((await s.run(['node', 'ps', '--filter', 'desired-state=running', '-q'])).stdout).toBe('');
    const pending = (await s.run(['service', 'ps', '-q', '--filter', 'desired-state=running', 'web'])).stdout;
    await s.run(`node update --availability active ${id}`);
    expect((await s.run(['service', 'ls', '--format', '{{.Name}} {{.Replicas}}'])).stdout).toBe('gl 1/1\nweb 2/2\n');
    // the same pending tasks now run
    expect((await s.run(['service', 'ps', '-q', '--filter', 'desired-state=running', 'web'])).stdout).toBe(pending);
    expect(
      (await s.run(['node', 'ps', '--filter', 'desired-state=running', '--format', '{{.Name}}'])).stdout.split('\n').filter(Boolean).sort(),
    ).toEqual([`gl.${id}`, 'web.1', 'web.2']);
  });

  it('pause keeps running tasks but places no new one', async () => {
    const { s, id } = await manager();
    await s.run('service create -d --no-resolve-image --name web nginx:latest');
    await s.run(`node update --availability pause ${id}`);
    await s.run('service scale -d web=2');
    expect(
      (await s.run(['service', 'ps', '--format', '{{.Name}} {{.CurrentState}}', 'web'])).stdout.replace(
        / (less than a second|\d+ \w+) ago/g,
        '',
      ),
    ).toBe('web.1 Running\nweb.2 Pending\n');
  });
});

describe('node ps', () => {
  it('lists the tasks of this node by default, and reports a missing node after the others', async () => {
    const { s } = await manager();
    await s.run('service create -d --no-resolve-image --name web nginx:latest');
    expect((await s.run(['node', 'ps', '--format', '{{.Name}} {{.DesiredState}}'])).stdout).toBe('web.1 Running\n');
    const r = await s.run(['node', 'ps', '--format', '{{.Name}}', 'self', 'nosuch_node']);
    expect(r).toEqual({ stdout: 'web.1\n', stderr: 'Error response from daemon: node nosuch_node not found\n', exit: 1 });
    expect(await s.run('node ps nosuch_node')).toEqual(daemon('node nosuch_node not found'));
  });
});
