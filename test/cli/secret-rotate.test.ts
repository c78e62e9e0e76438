// `tsecret secret rotate` (tsecret's own verb): a new secret from the data, swapped into every
// service that uses the old one with the same target, uid, gid and mode, then the old one removed;
// and --dry-run's docker commands, which replayed (here against tsecret behind a `docker` shim,
// in the conformance recording "secret-rotate" against the real engine) leave the same state.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextVersionName, secretAddValue, shellQuote } from '../../src/cli/secret/rotate.js';
import { builtCli, type Result, type Session, session, spawnCli, tempDir } from '../helpers/run.js';

async function swarm(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  return s;
}

/** One line per secret reference: its secret's name and the file it mounts. */
const refs = async (s: Session, service: string): Promise<string> =>
  (
    await s.run([
      'service',
      'inspect',
      '-f',
      '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{json .File}}{{println}}{{end}}',
      service,
    ])
  ).stdout.replace(/\n\n$/, '\n');

const cat = async (s: Session, service: string, path: string): Promise<Result> => {
  const id = (await s.run(['ps', '-q', '--filter', `name=${service}.1`])).stdout.trim();
  return s.run(['exec', id, 'cat', path]);
};

/** Two services that mount db_pw_v1: one at a custom target with owner and mode, one by its name. */
async function tutorial(): Promise<Session> {
  const s = await swarm();
  await s.run('secret create db_pw_v1 -', { stdin: 'old-password' });
  await s.run('secret create api_key -', { stdin: 'key' });
  await s.run([
    'service',
    'create',
    '-d',
    '--no-resolve-image',
    '--name',
    'app',
    '--secret',
    'api_key',
    '--secret',
    'source=db_pw_v1,target=db_password,uid=1000,gid=1001,mode=0400',
    'nginx:latest',
  ]);
  await s.run('service create -d --no-resolve-image --name worker --secret db_pw_v1 redis:latest');
  return s;
}

describe('secret rotate', () => {
  it('gives every service the new secret at the old path, removes the old one and prints the new name', async () => {
    const s = await tutorial();
    writeFileSync(join(s.dir, 'new_pw.txt'), 'new-password');
    s.clock.now += 60_000; // the new tasks are a minute younger, so service ps orders them first
    expect(await s.run('secret rotate db_pw_v1 new_pw.txt')).toEqual({ stdout: 'db_pw_v2\n', stderr: '', exit: 0 });
    // same target, uid, gid and mode; the other reference first, as docker's --secret-rm/--secret-add leave them
    expect(await refs(s, 'app')).toBe(
      'api_key {"Name":"api_key","UID":"0","GID":"0","Mode":292}\ndb_pw_v2 {"Name":"db_password","UID":"1000","GID":"1001","Mode":256}\n',
    );
    expect(await refs(s, 'worker')).toBe('db_pw_v2 {"Name":"db_pw_v1","UID":"0","GID":"0","Mode":292}\n');
    expect(await cat(s, 'app', '/run/secrets/db_password')).toEqual({ stdout: 'new-password', stderr: '', exit: 0 });
    expect(await cat(s, 'worker', '/run/secrets/db_pw_v1')).toEqual({ stdout: 'new-password', stderr: '', exit: 0 });
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('api_key\ndb_pw_v2\n');
    // the tasks were replaced as any update replaces them
    expect((await s.run(['service', 'ps', '--format', '{{.Name}} {{.DesiredState}}', 'app'])).stdout).toBe(
      'app.1 Running\napp.1 Shutdown\n',
    );
    expect((await s.run('secret verify db_pw_v2 new_pw.txt')).exit).toBe(0);
  });

  it('names the new version _v<N+1> (keeping the width), else _v2, or --name; --keep keeps the old one', async () => {
    const s = await swarm();
    for (const name of ['cert_v9', 'cert_v007', 'token']) await s.run(['secret', 'create', name, '-'], { stdin: 'x' });
    expect((await s.run('secret rotate cert_v9 -', { stdin: 'y' })).stdout).toBe('cert_v10\n');
    expect((await s.run('secret rotate cert_v007 -', { stdin: 'y' })).stdout).toBe('cert_v008\n');
    expect((await s.run('secret rotate --keep token -', { stdin: 'y' })).stdout).toBe('token_v2\n');
    expect((await s.run('secret rotate --name token_2027 token_v2 -', { stdin: 'z' })).stdout).toBe('token_2027\n');
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('cert_v008\ncert_v10\ntoken\ntoken_2027\n');
    expect([
      nextVersionName('a_v1'),
      nextVersionName('a_v99'),
      nextVersionName('a_v'),
      nextVersionName('v1'),
      nextVersionName('a_v1x'),
    ]).toEqual(['a_v2', 'a_v100', 'a_v_v2', 'v1_v2', 'a_v1x_v2']);
  });

  it("copies the old secret's labels and template driver", async () => {
    const s = await swarm();
    await s.run(['secret', 'create', '--label', 'env=prod', '--label', 'owner=db team', '--template-driver', 'golang', 'conf', '-'], {
      stdin: '{{ .Service.Name }}',
    });
    await s.run('secret rotate conf -', { stdin: 'v2 {{ .Service.Name }}' });
    expect((await s.run(['secret', 'inspect', '-f', '{{json .Spec}}', 'conf_v2'])).stdout).toBe(
      '{"Name":"conf_v2","Labels":{"env":"prod","owner":"db team"},"Templating":{"Name":"golang"}}\n',
    );
  });

  it('refuses a secret a stack created, saying to give it a new name: and redeploy', async () => {
    const s = await swarm();
    writeFileSync(join(s.dir, 'pw.txt'), 'pw');
    writeFileSync(
      join(s.dir, 'stack.yml'),
      'version: "3.8"\nservices:\n  db:\n    image: mysql:5.7\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n',
    );
    await s.run('stack deploy -d --resolve-image never -c stack.yml shop');
    expect(await s.run('secret rotate shop_pw -', { stdin: 'new' })).toEqual({
      stdout: '',
      stderr:
        'secret shop_pw belongs to stack shop (label com.docker.stack.namespace), whose next deploy would undo a rotation: give the secret a new name: in the compose file and run stack deploy again\n',
      exit: 1,
    });
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('shop_pw\n');
  });

  it("warns when a stack's service uses the secret, since its compose file still names the old one", async () => {
    const s = await swarm();
    await s.run('secret create ext_pw -', { stdin: 'pw' });
    writeFileSync(
      join(s.dir, 'stack.yml'),
      'version: "3.8"\nservices:\n  db:\n    image: mysql:5.7\n    secrets: [ext_pw]\nsecrets:\n  ext_pw:\n    external: true\n',
    );
    await s.run('stack deploy -d --resolve-image never -c stack.yml shop');
    expect(await s.run('secret rotate ext_pw -', { stdin: 'new' })).toEqual({
      stdout: 'ext_pw_v2\n',
      stderr:
        "warning: service shop_db belongs to stack shop: change ext_pw to ext_pw_v2 in its compose file before the stack's next deploy\n",
      exit: 0,
    });
  });

  it("answers docker's errors for a missing secret and a taken name, and secret create's for the data", async () => {
    const s = await tutorial();
    expect(await s.run('secret rotate No_Such -', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: secret No_Such not found\n',
      exit: 1,
    });
    expect(await s.run('secret rotate --name API_KEY db_pw_v1 -', { stdin: 'x' })).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: rpc error: code = AlreadyExists desc = secret API_KEY already exists\n',
      exit: 1,
    });
    expect(await s.run('secret rotate db_pw_v1 -', { stdin: '' })).toEqual({
      stdout: '',
      stderr: 'error reading from STDIN: data is empty\n',
      exit: 1,
    });
    expect(await s.run('secret rotate db_pw_v1')).toEqual({ stdout: '', stderr: 'secret file is required\n', exit: 1 });
    expect((await s.run('secret rotate --bogus db_pw_v1')).exit).toBe(125);
    // nothing changed
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('api_key\ndb_pw_v1\n');
  });
});

describe('secret rotate --dry-run', () => {
  it('changes nothing and prints the docker commands, shell-quoted, with a placeholder for stdin', async () => {
    const s = await tutorial();
    const r = await s.run('secret rotate --dry-run db_pw_v1 -', { stdin: 'never-shown' });
    expect(r).toEqual({
      stdout:
        'printf %s "$SECRET_VALUE" | docker secret create db_pw_v2 -\n' +
        'docker service update --quiet --secret-rm db_pw_v1 --secret-add source=db_pw_v2,target=db_password,uid=1000,gid=1001,mode=0400 app\n' +
        'docker service update --quiet --secret-rm db_pw_v1 --secret-add source=db_pw_v2,target=db_pw_v1,uid=0,gid=0,mode=0444 worker\n' +
        'docker secret rm db_pw_v1\n',
      stderr: '',
      exit: 0,
    });
    expect((await s.run(['secret', 'ls', '--format', '{{.Name}}'])).stdout).toBe('api_key\ndb_pw_v1\n');
    expect(await refs(s, 'worker')).toBe('db_pw_v1 {"Name":"db_pw_v1","UID":"0","GID":"0","Mode":292}\n');
  });

  it('names a data file as given, checks it as secret create would, and leaves out rm with --keep', async () => {
    const s = await tutorial();
    writeFileSync(join(s.dir, "my pw's.txt"), 'new');
    expect((await s.run(['secret', 'rotate', '--dry-run', '--keep', '--name', 'db_pw_2027', 'db_pw_v1', "my pw's.txt"])).stdout).toBe(
      "docker secret create db_pw_2027 'my pw'\\''s.txt'\n" +
        'docker service update --quiet --secret-rm db_pw_v1 --secret-add source=db_pw_2027,target=db_password,uid=1000,gid=1001,mode=0400 app\n' +
        'docker service update --quiet --secret-rm db_pw_v1 --secret-add source=db_pw_2027,target=db_pw_v1,uid=0,gid=0,mode=0444 worker\n',
    );
    expect(await s.run('secret rotate --dry-run db_pw_v1 nosuch.txt')).toEqual({
      stdout: '',
      stderr: 'error reading from nosuch.txt: open nosuch.txt: no such file or directory\n',
      exit: 1,
    });
  });

  it('quotes what docker would split: a target with a comma is a quoted CSV field', () => {
    expect(secretAddValue('s_v2', { Name: 'a,b "c"', UID: '0', GID: '0', Mode: 0o440 })).toBe(
      'source=s_v2,"target=a,b ""c""",uid=0,gid=0,mode=0440',
    );
    expect(shellQuote('source=s_v2,target=x,mode=0440')).toBe('source=s_v2,target=x,mode=0440');
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
    expect(shellQuote('')).toBe("''");
  });

  it('prints commands that, replayed by a shell, leave the state rotate itself leaves', async () => {
    // the same setup twice: one rotated by `secret rotate`, one by the dry run's commands
    const setup = [
      ['secret', 'create', '--label', "note=it's mine", '--template-driver', 'golang', 'tpl', '-'],
      [
        'service',
        'create',
        '-d',
        '--no-resolve-image',
        '--name',
        'web',
        '--secret',
        'source=tpl,"target=/etc/a,b.conf",uid=7,mode=0440',
        '--secret',
        'src=tpl,target=t2',
        'nginx:latest',
      ],
      ['service', 'create', '-d', '--no-resolve-image', '--name', 'other', 'redis:latest'],
    ];
    const state = async (dir: string): Promise<Result[]> => {
      const run = (args: string[], stdin?: string) => spawnCli(args, { env: { TSECRET_STATE: join(dir, 'state.json') }, stdin, cwd: dir });
      const out: Result[] = [];
      for (const svc of ['web', 'other'])
        out.push(
          await run([
            'service',
            'inspect',
            '-f',
            '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{json .File}};{{end}} {{len .PreviousSpec.TaskTemplate.ContainerSpec.Secrets}}',
            svc,
          ]),
        );
      out.push(await run(['secret', 'ls', '--format', '{{.Name}} {{.Labels}}']));
      out.push(await run(['secret', 'inspect', '-f', '{{json .Spec}}', 'tpl_v2']));
      const id = (await run(['ps', '-q', '--filter', 'name=web.1'])).stdout.trim();
      out.push(await run(['exec', id, 'cat', '/etc/a,b.conf', '/run/secrets/t2']));
      return out;
    };
    const prepare = async (): Promise<string> => {
      const dir = tempDir('tsecret-rotate-');
      const run = (args: string[], stdin?: string) => spawnCli(args, { env: { TSECRET_STATE: join(dir, 'state.json') }, stdin, cwd: dir });
      await run(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
      for (const args of setup) expect((await run(args, '{{ .Service.Name }} old')).exit).toBe(0);
      return dir;
    };
    const direct = await prepare();
    expect(
      (
        await spawnCli(['secret', 'rotate', 'tpl', '-'], {
          env: { TSECRET_STATE: join(direct, 'state.json') },
          stdin: '{{ .Service.Name }} new',
          cwd: direct,
        })
      ).stdout,
    ).toBe('tpl_v2\n');
    const replayed = await prepare();
    const plan = await spawnCli(['secret', 'rotate', '--dry-run', 'tpl', '-'], {
      env: { TSECRET_STATE: join(replayed, 'state.json') },
      cwd: replayed,
    });
    expect(plan.exit).toBe(0);
    const bin = join(replayed, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nexec ${shellQuote(process.execPath)} -- ${shellQuote(builtCli)} "$@"\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    const shell = await new Promise<number | null>((done) => {
      const child = spawn('bash', ['-e', '-c', plan.stdout], {
        cwd: replayed,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          TSECRET_STATE: join(replayed, 'state.json'),
          SECRET_VALUE: '{{ .Service.Name }} new',
        },
        stdio: 'ignore',
      });
      child.on('close', done);
    });
    expect(shell).toBe(0);
    const [a, b] = [await state(direct), await state(replayed)];
    expect(b).toEqual(a);
    expect(a[0].stdout).toBe(
      'tpl_v2 {"Name":"/etc/a,b.conf","UID":"7","GID":"0","Mode":288};tpl_v2 {"Name":"t2","UID":"0","GID":"0","Mode":292}; 2\n',
    );
    expect(a[4].stdout).toBe('web newweb new');
  });
});
