// stack deploy end to end in-process: docker's order of checks and side effects, its stdout lines
// (networks, secrets, services by name), the redeploy rules for secrets and services, and the
// error paths, each with docker's text and exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, session } from '../helpers/run.js';

const NOTICE =
  'Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n';

const GITEA = `version: "3.3"
services:
  app:
    image: local/busy:1
    environment:
      - DB_PASSWD=/run/secrets/gitea_mysql_user_password
    secrets:
      - gitea_mysql_user_password
  db:
    image: local/busy:1
    secrets:
      - gitea_mysql_root_password
      - source: gitea_mysql_user_password
        target: userpw
        mode: 0400
secrets:
  gitea_mysql_root_password:
    external: true
  gitea_mysql_user_password:
    file: ./user_pw.txt
`;

async function gitea(): Promise<Session> {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  writeFileSync(join(s.dir, 'docker-compose.yml'), GITEA);
  writeFileSync(join(s.dir, 'user_pw.txt'), 'userpass123\n');
  return s;
}

const deploy = (s: Session, extra = '', file = 'docker-compose.yml', stack = 'gitea') =>
  s.run(`stack deploy --resolve-image never ${extra} -c ${file} ${stack}`.replace(/ +/g, ' '));

describe('stack deploy', () => {
  it('fails without the external secret after making the network and the file secret', async () => {
    const s = await gitea();
    expect(await deploy(s)).toEqual({
      stdout: 'Creating network gitea_default\nCreating secret gitea_gitea_mysql_user_password\n',
      stderr: `${NOTICE}service db: secret not found: gitea_mysql_root_password\n`,
      exit: 1,
    });
    expect((await s.run('stack ls')).stdout).toBe('NAME      SERVICES\n');
    expect((await s.run('secret ls --format {{.Name}}')).stdout).toBe('gitea_gitea_mysql_user_password\n');
    // once the secret exists, the services are made (in name order) and the rest is left as is
    await s.run('secret create gitea_mysql_root_password -', { stdin: 'rootpass\n' });
    expect(await deploy(s)).toEqual({ stdout: 'Creating service gitea_app\nCreating service gitea_db\n', stderr: NOTICE, exit: 0 });
    const refs = await s.run([
      'service',
      'inspect',
      'gitea_db',
      '--format',
      '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.File.Name}} {{.File.Mode}} {{.SecretName}};{{end}}',
    ]);
    expect(refs.stdout).toBe(
      'userpw -r-------- gitea_gitea_mysql_user_password;gitea_mysql_root_password -r--r--r-- gitea_mysql_root_password;\n',
    );
    const id = (await s.run('ps --filter name=gitea_app -q')).stdout.trim();
    expect((await s.run(['exec', id, 'sh', '-c', 'echo $DB_PASSWD; cat $DB_PASSWD'])).stdout).toBe(
      '/run/secrets/gitea_mysql_user_password\nuserpass123\n',
    );
  });

  it('updates on redeploy, relabels unchanged secrets silently, and refuses changed data', async () => {
    const s = await gitea();
    await s.run('secret create gitea_mysql_root_password -', { stdin: 'rootpass\n' });
    await deploy(s, '-d');
    const ids = (await s.run(['service', 'inspect', '-f', '{{.ID}}', 'gitea_app', 'gitea_db'])).stdout.trim().split('\n');
    const tasks = (await s.run('stack ps -q --no-trunc gitea')).stdout;
    expect(await deploy(s, '-d')).toEqual({
      stdout: `Updating service gitea_app (id: ${ids[0]})\nUpdating service gitea_db (id: ${ids[1]})\n`,
      stderr: '',
      exit: 0,
    });
    expect((await s.run('stack ps -q --no-trunc gitea')).stdout).toBe(tasks);
    writeFileSync(join(s.dir, 'user_pw.txt'), 'changedpass\n');
    expect(await deploy(s, '-d')).toEqual({
      stdout: '',
      stderr:
        'failed to update secret gitea_gitea_mysql_user_password: Error response from daemon: rpc error: code = InvalidArgument desc = only updates to Labels are allowed\n',
      exit: 1,
    });
  });

  it('checks its arguments, flags and the swarm in docker order', async () => {
    const s = session();
    writeFileSync(join(s.dir, 'docker-compose.yml'), GITEA);
    writeFileSync(join(s.dir, 'user_pw.txt'), 'x\n');
    expect(await s.run('stack deploy --resolve-image never x')).toEqual({
      stdout: '',
      stderr: 'Specify a Compose file (with --compose-file)\n',
      exit: 1,
    });
    expect(await s.run(['stack', 'deploy', '-c', '', 'x'])).toEqual({
      stdout: '',
      stderr: 'Specify a Compose file (with --compose-file)\n',
      exit: 1,
    });
    expect(await deploy(s, '', 'missing.yml')).toEqual({ stdout: '', stderr: 'open missing.yml: no such file or directory\n', exit: 1 });
    expect(await s.run('stack deploy --resolve-image bogus -c docker-compose.yml x')).toEqual({
      stdout: '',
      stderr: 'Invalid option bogus for flag --resolve-image\n',
      exit: 1,
    });
    expect(await s.run(['stack', 'deploy', '-c', 'docker-compose.yml', ' '])).toEqual({
      stdout: '',
      stderr: 'invalid stack name: " "\n',
      exit: 1,
    });
    const notManager =
      'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again\n';
    expect(await deploy(s)).toEqual({ stdout: '', stderr: NOTICE + notManager, exit: 1 });
    expect(await deploy(s, '-d')).toEqual({ stdout: '', stderr: notManager, exit: 1 });
    expect((await s.run('stack deploy -c docker-compose.yml')).stderr).toBe(
      "tsecret: 'tsecret stack deploy' requires 1 argument\n\nUsage:  tsecret stack deploy [OPTIONS] STACK\n\nRun 'tsecret stack deploy --help' for more information\n",
    );
  });

  it('reads -c - from stdin, splits -c values at commas and merges later files over earlier ones', async () => {
    const s = await gitea();
    writeFileSync(join(s.dir, 'base.yml'), 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    environment:\n      LEVEL: base\n');
    writeFileSync(join(s.dir, 'over.yml'), 'version: "3.8"\nservices:\n  web:\n    environment:\n      LEVEL: over\n');
    expect((await s.run('stack up -d --resolve-image never -c base.yml,over.yml st')).stdout).toBe(
      'Creating network st_default\nCreating service st_web\n',
    );
    expect(
      (
        await s.run([
          'service',
          'inspect',
          '-f',
          '{{json .Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.TaskTemplate.ContainerSpec.Image}}',
          'st_web',
        ])
      ).stdout,
    ).toBe('["LEVEL=over"] nginx:latest\n');
    const piped = await s.run('stack deploy -d --resolve-image never -c - other', {
      stdin: 'version: "3.8"\nservices:\n  one:\n    image: redis\n',
    });
    expect(piped).toEqual({ stdout: 'Creating network other_default\nCreating service other_one\n', stderr: '', exit: 0 });
  });

  it('reads a secret file relative to the first compose file, and stdin files relative to the current folder', async () => {
    const s = await gitea();
    mkdirSync(join(s.dir, 'sub'));
    writeFileSync(join(s.dir, 'sub', 'pw.txt'), 'in-sub\n');
    writeFileSync(join(s.dir, 'pw.txt'), 'in-cwd\n');
    const file = 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n';
    writeFileSync(join(s.dir, 'sub', 'stack.yml'), file);
    expect((await s.run('stack deploy -d --resolve-image never -c sub/stack.yml a')).exit).toBe(0);
    expect((await s.run('stack deploy -d --resolve-image never -c - b', { stdin: file })).exit).toBe(0);
    for (const [stack, want] of [
      ['a', 'in-sub\n'],
      ['b', 'in-cwd\n'],
    ]) {
      const id = (await s.run(`ps -q --filter name=${stack}_app`)).stdout.trim();
      expect((await s.run(['exec', id, 'cat', '/run/secrets/pw'])).stdout).toBe(want);
    }
  });

  it('prunes services the files no longer have, and warns only on an update it cannot resolve', async () => {
    const s = await gitea();
    writeFileSync(join(s.dir, 'two.yml'), 'version: "3.8"\nservices:\n  a:\n    image: nginx\n  b:\n    image: nginx\n');
    writeFileSync(join(s.dir, 'one.yml'), 'version: "3.8"\nservices:\n  a:\n    image: nginx\n');
    expect((await s.run('stack deploy -d -c two.yml p')).stderr).toBe('');
    const a = (await s.run('service inspect -f {{.ID}} p_a')).stdout.trim();
    expect(await s.run('stack deploy -d --prune -c one.yml p')).toEqual({
      stdout: `Removing service p_b\nUpdating service p_a (id: ${a})\n`,
      stderr:
        'image nginx:latest could not be accessed on a registry to record\nits digest. Each node will access nginx:latest independently,\npossibly leading to different nodes running different\nversions of the image.\n\n',
      exit: 0,
    });
    expect((await s.run('stack deploy -d --resolve-image changed -c one.yml p')).stderr).toBe('');
  });

  it('reports conversion errors with the service key after the networks and secrets exist', async () => {
    const s = await gitea();
    writeFileSync(join(s.dir, 'bad.yml'), 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    secrets: [ghost]\n');
    expect(await deploy(s, '', 'bad.yml', 'b')).toEqual({
      stdout: 'Creating network b_default\n',
      stderr: `${NOTICE}service web: undefined secret "ghost"\n`,
      exit: 1,
    });
    writeFileSync(join(s.dir, 'noimg.yml'), 'version: "3.8"\nservices:\n  web:\n    command: ["x"]\n');
    expect(await deploy(s, '', 'noimg.yml', 'b')).toEqual({
      stdout: '',
      stderr: 'invalid image reference for service web: no image specified\n',
      exit: 1,
    });
    expect(await deploy(s, '', 'docker-compose.yml', 'Bad/Name')).toEqual({
      stdout: 'Creating network Bad/Name_default\n',
      stderr: `${NOTICE}failed to create network Bad/Name_default: Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n`,
      exit: 1,
    });
    expect(await s.run('stack rm b')).toEqual({ stdout: 'Removing network b_default\n', stderr: '', exit: 0 });
  });
});
