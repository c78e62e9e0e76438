// `config create|ls|inspect|rm` and configs on services, where the recordings (config-basic,
// config-service, config-stack) do not reach: each error path, as docker 28 prints it against the
// real engine (checked there), and what a task container reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

const usage = (cmd: string, use: string, see = 'Run') =>
  `\n\nUsage:  tsecret config ${use}\n\n${see} 'tsecret config ${cmd} --help' for more information\n`;

describe('config create', () => {
  it('takes exactly a name and a file', async () => {
    const s = await swarm();
    for (const args of [
      ['config', 'create', 'x'],
      ['config', 'create', 'a', 'b', 'c'],
    ]) {
      expect(await s.run(args)).toEqual({
        stdout: '',
        stderr: `tsecret: 'tsecret config create' requires 2 arguments${usage('create', 'create [OPTIONS] CONFIG file|-')}`,
        exit: 1,
      });
    }
  });

  it('wraps what the file or stdin could not give', async () => {
    const s = await swarm();
    mkdirSync(join(s.dir, 'd'));
    writeFileSync(join(s.dir, 'empty'), '');
    const failed = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exit: 1 });
    expect(await s.run('config create c d')).toEqual(
      failed('Error reading content from "d": error reading from d: read d: is a directory'),
    );
    expect(await s.run('config create c missing')).toEqual(
      failed('Error reading content from "missing": error reading from missing: open missing: no such file or directory'),
    );
    expect(await s.run('config create c empty')).toEqual(
      failed('Error reading content from "empty": error reading from empty: data is empty'),
    );
    expect(await s.run('config create c -', { stdin: '' })).toEqual(
      failed('Error reading content from "-": error reading from STDIN: data is empty'),
    );
    expect(await s.run(['config', 'create', 'c', ''])).toEqual(failed('Error reading content from "": config file is required'));
  });

  it('refuses a bad label as a flag error', async () => {
    const s = await swarm();
    expect(await s.run('config create --label =x c -', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr: `invalid argument "=x" for "-l, --label" flag: invalid label '=x': empty name${usage('create', 'create [OPTIONS] CONFIG file|-')}`,
      exit: 125,
    });
  });

  it("passes the daemon's refusals on: names, size, a name taken in any case, no swarm", async () => {
    const s = await swarm();
    const daemon = (desc: string) => ({ stdout: '', stderr: `Error response from daemon: rpc error: code = ${desc}\n`, exit: 1 });
    expect(await s.run(['config', 'create', '', '-'], { stdin: 'x' })).toEqual(daemon('InvalidArgument desc = name must be provided'));
    expect(await s.run(['config', 'create', 'x'.repeat(65), '-'], { stdin: 'x' })).toEqual(
      daemon(
        'InvalidArgument desc = invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]',
      ),
    );
    expect(await s.run('config create big -', { stdin: Buffer.alloc(1024000, 'a') })).toEqual(
      daemon('InvalidArgument desc = config data must be larger than 0 and less than 1024000 bytes'),
    );
    // a payload past twice the limit is cut where docker's reader stops, and still refused
    expect(await s.run('config create huge -', { stdin: Buffer.alloc(3 * 1024000, 'a') })).toEqual(
      daemon('InvalidArgument desc = config data must be larger than 0 and less than 1024000 bytes'),
    );
    expect((await s.run('config create ok -', { stdin: Buffer.alloc(1023999, 'a') })).exit).toBe(0);
    expect(await s.run('config create OK -', { stdin: 'x' })).toEqual(daemon('AlreadyExists desc = config OK already exists'));
    expect(await s.run('swarm leave --force')).toMatchObject({ exit: 0 });
    expect(await s.run('config create c -', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      exit: 1,
    });
  });
});

describe('config ls', () => {
  it('has no DRIVER column, and says so to a template that asks for one', async () => {
    const s = await swarm();
    const id = (await s.run('config create c -', { stdin: 'x' })).stdout.trim();
    expect((await s.run('config ls')).stdout).toBe(
      `ID                          NAME      CREATED                  UPDATED\n${id}   c         Less than a second ago   Less than a second ago\n`,
    );
    expect(await s.run(['config', 'ls', '--format', '{{.Driver}}'])).toEqual({
      stdout: '',
      stderr:
        'template parsing error: template: :1:2: executing "" at <.Driver>: can\'t evaluate field Driver in type *config.configContext\n',
      exit: 1,
    });
    expect((await s.run(['config', 'ls', '--format', '{{json .}}'])).stdout).toBe(
      `{"CreatedAt":"Less than a second ago","ID":"${id}","Labels":"","Name":"c","UpdatedAt":"Less than a second ago"}\n`,
    );
  });

  it('refuses the names filter secrets take, and a filter without =', async () => {
    const s = await swarm();
    expect(await s.run('config ls --filter names=c')).toEqual({
      stdout: '',
      stderr: "Error response from daemon: invalid filter 'names'\n",
      exit: 1,
    });
    expect(await s.run('config ls --filter c')).toMatchObject({
      stderr: expect.stringMatching(/^invalid argument "c" for "-f, --filter" flag: bad format of filter \(expected name=value\)\n/),
      exit: 125,
    });
  });
});

describe('config inspect', () => {
  it('fails every way secret inspect does, with exit 1', async () => {
    const s = await swarm();
    await s.run('config create c -', { stdin: 'hi\n' });
    expect(await s.run('config inspect --format prettyx c')).toEqual({
      stdout: '',
      stderr: 'cannot supply extra formatting options to the pretty template\n',
      exit: 1,
    });
    expect(await s.run(['config', 'inspect', '--format', 'table', 'c'])).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:16: executing "" at <.Name>: map has no entry for key "Name"\n',
      exit: 1,
    });
    expect(await s.run(['config', 'inspect', '--format', '{{.Nope}}', 'c'])).toEqual({
      stdout: '\n',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      exit: 1,
    });
    expect(await s.run(['config', 'inspect', '--format', '{{', 'c'])).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exit: 1,
    });
  });

  it('lets --pretty win over --format, and shows the data as text', async () => {
    const s = await swarm();
    const id = (await s.run('config create -l k=v c -', { stdin: 'hi\n' })).stdout.trim();
    const time = '2026-11-28 10:00:00\\.\\d+ \\+0000 utc';
    expect(await s.run('config inspect --pretty --format x c')).toEqual({
      stdout: expect.stringMatching(
        new RegExp(
          `^ID:\t\t\t${id}\nName:\t\t\tc\nLabels:\n - k=v\nCreated at:            \t${time}\nUpdated at:            \t${time}\nData:\nhi\n\n$`,
        ),
      ),
      stderr: '',
      exit: 0,
    });
  });

  it("trims references as the Go client does; an empty one is refused with the client's own typo", async () => {
    const s = await swarm();
    expect(await s.run(['config', 'inspect', ' nosuch_x '])).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: config nosuch_x not found\n',
      exit: 1,
    });
    expect(await s.run(['config', 'inspect', ''])).toEqual({
      stdout: '[]\n',
      stderr: 'invalid contig name or ID: value is empty\n',
      exit: 1,
    });
    expect(await s.run(['inspect', '--type', 'config', ''])).toEqual({
      stdout: '[]\n',
      stderr: 'invalid contig name or ID: value is empty\n',
      exit: 1,
    });
    expect(await s.run(['config', 'rm', ''])).toEqual({ stdout: '', stderr: 'invalid config name or ID: value is empty\n', exit: 1 });
    expect(await s.run(['secret', 'rm', ' nosuch_x'])).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: secret nosuch_x not found\n',
      exit: 1,
    });
  });

  it('is found by docker inspect, after containers, services, tasks and secrets', async () => {
    const s = await swarm();
    await s.run('config create shared -', { stdin: 'data' });
    expect((await s.run(['inspect', '-f', '{{printf "%s" .Spec.Data}}', 'shared'])).stdout).toBe('data\n');
    await s.run('secret create shared -', { stdin: 'secret' });
    expect((await s.run(['inspect', '-f', '{{.Spec.Name}} {{.Spec.Data}}', 'shared'])).stdout).toBe('shared []\n');
    expect((await s.run(['inspect', '--type', 'config', '-f', '{{json .Spec.Data}}', 'shared'])).stdout).toBe('"ZGF0YQ=="\n');
  });
});

describe('config rm', () => {
  it('removes by ID prefix, and reports each failure after the others are done', async () => {
    const s = await swarm();
    const id = (await s.run('config create a -', { stdin: 'x' })).stdout.trim();
    await s.run('config create b -', { stdin: 'y' });
    await s.run('service create -d --no-resolve-image --name web --config b nginx:latest');
    expect(await s.run(['config', 'rm', 'nosuch_x', 'b', id.slice(0, 5)])).toEqual({
      stdout: `${id.slice(0, 5)}\n`,
      stderr:
        "Error response from daemon: config nosuch_x not found\nError response from daemon: rpc error: code = InvalidArgument desc = config 'b' is in use by the following service: web\n",
      exit: 1,
    });
  });
});

describe('configs on services', () => {
  it('refuses a bad --config value as a flag error, and names the flag given', async () => {
    const s = await swarm();
    const flagError = (value: string, flag: string, cause: string, cmd = 'create') => ({
      stdout: '',
      stderr: `invalid argument "${value}" for "--${flag}" flag: ${cause}\n\nUsage:  tsecret service ${cmd} [OPTIONS] ${cmd === 'create' ? 'IMAGE [COMMAND] [ARG...]' : 'SERVICE'}\n\nRun 'tsecret service ${cmd} --help' for more information\n`,
      exit: 125,
    });
    expect(await s.run(['service', 'create', '--config', 'src=a,bogus=1', 'nginx'])).toEqual(
      flagError('src=a,bogus=1', 'config', 'invalid field in config request: bogus'),
    );
    expect(await s.run(['service', 'create', '--config', 'target=/x', 'nginx'])).toEqual(
      flagError('target=/x', 'config', 'source is required'),
    );
    expect(await s.run(['service', 'create', '--config', 'source=a,mode=0x1ffffffff', 'nginx'])).toEqual(
      flagError(
        'source=a,mode=0x1ffffffff',
        'config',
        'invalid mode specified: strconv.ParseUint: parsing "0x1ffffffff": value out of range',
      ),
    );
    expect(await s.run(['service', 'create', '--config', 'a,b', 'nginx'])).toEqual(
      flagError('a,b', 'config', "invalid field 'a' must be a key=value pair"),
    );
    expect(await s.run(['service', 'update', '--config-add', 'x=1', 'web'])).toEqual(
      flagError('x=1', 'config-add', 'invalid field in config request: x', 'update'),
    );
  });

  it("resolves names exactly (the daemon's filter is a prefix), before the service is sent", async () => {
    const s = await swarm();
    await s.run('config create app_long -', { stdin: 'x' });
    expect(await s.run('service create -d --no-resolve-image --name web --config app nginx:latest')).toEqual({
      stdout: '',
      stderr: 'config not found: app\n',
      exit: 1,
    });
    expect((await s.run('service ls -q')).stdout).toBe('');
    await s.run('service create -d --no-resolve-image --name web nginx:latest');
    expect(await s.run('service update -d --config-add source=app_long,target=/a --config-add source=app_long,target=/a web')).toEqual({
      stdout: '',
      stderr: 'duplicate config target for app_long not allowed\n',
      exit: 1,
    });
    // a target the service already has is the daemon's to refuse
    await s.run('service update -d --config-add source=app_long,target=/a web');
    expect(await s.run('service update -d --config-add source=app_long,target=/a web')).toEqual({
      stdout: '',
      stderr:
        "Error response from daemon: rpc error: code = InvalidArgument desc = config references 'app_long' and 'app_long' have a conflicting target: '/a'\n",
      exit: 1,
    });
  });

  it('gives the task container the files, templates rendered for the task', async () => {
    const s = await swarm();
    await s.run('config create plain -', { stdin: 'plain\n' });
    await s.run(['config', 'create', '--template-driver', 'golang', 'tpl', '-'], {
      stdin: '{{.Service.Name}}.{{.Task.Slot}} {{env "APP"}} {{config "/etc/plain"}}{{secret "pw"}}\n',
    });
    await s.run('secret create pw -', { stdin: 'hunter2' });
    await s.run(
      'service create -d --no-resolve-image --name web -e APP=shop --secret pw --config source=plain,target=/etc/plain,mode=0400,uid=33 --config source=tpl,target=t.out nginx:latest',
    );
    const id = (await s.run('ps -q')).stdout.trim();
    expect(await s.run(['exec', id, 'cat', '/etc/plain', '/t.out'])).toEqual({
      stdout: 'plain\nweb.1 shop plain\nhunter2\n',
      stderr: '',
      exit: 0,
    });
    expect((await s.run(['exec', id, 'stat', '-c', '%a %u %g %n', '/etc/plain', '/t.out'])).stdout).toBe(
      '400 33 0 /etc/plain\n444 0 0 /t.out\n',
    );
    expect(await s.run(['exec', id, 'sh', '-c', 'echo x > /etc/plain'])).toEqual({
      stdout: '',
      stderr: 'sh: 1: cannot create /etc/plain: Read-only file system\n',
      exit: 2,
    });
    // --config-rm by source name; an unknown name is ignored
    await s.run('service update -d --config-rm plain --config-rm nosuch_x web');
    expect(
      (await s.run(['service', 'inspect', '-f', '{{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{.ConfigName}} {{end}}', 'web']))
        .stdout,
    ).toBe('tpl \n');
  });
});
