// The compose loader end to end (parse, version, forbidden keys, interpolation, schema, transform,
// merge), with docker's messages. Expected texts were observed with docker CLI 28.2.2.
import { describe, expect, it } from 'vitest';
import { ComposeError, formatLogWarning, loadComposeFiles, loadComposefileArgs } from '../../../src/compose/load.js';
import { marshalConfig } from '../../../src/compose/marshal.js';

const load = (content: string, env: Record<string, string> = {}, opts = {}) =>
  loadComposeFiles({ workingDir: '/work', files: [{ filename: 'docker-compose.yml', content }], env }, opts);

function error(content: string, env: Record<string, string> = {}, opts = {}): string {
  try {
    load(content, env, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(ComposeError);
    return (err as Error).message;
  }
  throw new Error('loaded without error');
}

const svc = (body: string, version = '3.8') => `version: "${version}"\nservices:\n  web:\n    image: nginx\n${body}`;

describe('schema validation messages', () => {
  it.each([
    [svc('    imagee: x\n'), 'services.web Additional property imagee is not allowed'],
    [`${svc('')}secrets:\n  s:\n    environment: TOKEN\n`, 'secrets.s Additional property environment is not allowed'],
    [`${svc('', '3.0')}secrets:\n  s:\n    file: ./a\n`, '(root) Additional property secrets is not allowed'],
    [`${svc('', '3.4')}secrets:\n  s:\n    name: n\n`, 'secrets.s Additional property name is not allowed'],
    ['version: "3.8"\nservices: []\n', 'services must be a mapping'],
    ['version: "3.8"\nservices:\n  web: nginx\n', 'services.web must be a mapping'],
    ['version: "3.8"\nservices:\n  web:\n    image: 1\n', 'services.web.image must be a string'],
    [svc('    command: 1\n'), 'services.web.command must be a string'],
    [svc('    secrets: s\n'), 'services.web.secrets must be a list'],
    [svc('    secrets:\n      - source: 1\n'), 'services.web.secrets.0.source must be a string'],
    [svc('    secrets:\n      - source: s\n        mode: "0400"\n'), 'services.web.secrets.0.mode must be a number'],
    [svc('    environment:\n      A: true\n'), 'services.web.environment.A must be a string, number or null'],
    [svc('    environment: [A=1, A=1]\n'), 'services.web.environment array items[0,1] must be unique'],
    [svc('    deploy:\n      replicas: 1.5\n'), 'services.web.deploy.replicas must be a integer'],
    [svc('    ports: ["8080:http"]\n'), "services.web.ports.0 Does not match format 'ports'"],
    [svc('    stop_grace_period: 10 seconds\n'), "services.web.stop_grace_period Does not match format 'duration'"],
    ['version: "3.8"\nservice: {}\n', '(root) Additional property service is not allowed'],
    ['version: "3.8"\nservices:\n  "my web":\n    image: x\n', 'services Additional property my web is not allowed'],
  ])('%j', (content, want) => {
    expect(error(content)).toBe(want);
  });

  it('accepts what the schema of the version allows', () => {
    expect(load(`${svc('', '3.5')}secrets:\n  s:\n    name: n\n    file: ./a\n`).config.secrets.s).toEqual({
      name: 'n',
      file: '/work/a',
      external: { external: false },
    });
  });
});

describe('versions', () => {
  it.each([
    ['version: 3\nservices: {}\n', 'version must be a string'],
    ['version: "2"\nservices: {}\n', 'unsupported Compose file version: 2'],
    ['version: "3.14"\nservices: {}\n', 'unsupported Compose file version: 3.14'],
  ])('%j', (content, want) => expect(error(content)).toBe(want));

  it('reads a missing version, "" and "3" as 3.13', () => {
    expect(load('services: {}\n').config.version).toBe('3.13');
    expect(load('version: ""\nservices: {}\n').config.version).toBe('3.13');
    expect(load('version: "3"\nservices: {}\n').config.version).toBe('3.13');
  });

  it('refuses files of different versions', () => {
    expect(() =>
      loadComposeFiles({
        workingDir: '/w',
        env: {},
        files: [
          { filename: 'a.yml', content: 'version: "3.8"\nservices: {}\n' },
          { filename: 'b.yml', content: 'version: "3.9"\nservices: {}\n' },
        ],
      }),
    ).toThrow('version mismatched between two composefiles : 3.8 and 3.9');
  });
});

describe('forbidden, unsupported and deprecated keys', () => {
  const file = svc('    mem_limit: 1g\n    cpu_shares: 2\n');
  it('fails with the loader message for stack config and the listing for stack deploy', () => {
    expect(error(file)).toBe('Configuration contains forbidden properties');
    expect(error(file, {}, { deploy: true })).toBe(
      'Compose file contains unsupported options:\n\ncpu_shares: Set resource limits using deploy.resources\n\nmem_limit: Set resource limits using deploy.resources\n',
    );
  });

  it('lists ignored options for stack deploy, sorted, over every service', () => {
    const r = load(
      `version: "3.8"\nservices:\n  a:\n    image: x\n    restart: always\n    container_name: c\n  b:\n    image: y\n    build: .\n    expose: [80]\n    depends_on: [a]\n`,
    );
    expect(r.warnings).toBe(
      'Ignoring unsupported options: build, restart\n\n' +
        'Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n' +
        "expose: Exposing ports is unnecessary - services on the same network can access each other's containers on any port.\n\n",
    );
    expect(load(svc('    depends_on: [db]\n')).warnings).toBe('');
  });
});

describe('YAML errors', () => {
  it.each([
    ['version: "3.8"\nservices:\n  web:\n    image: nginx\n   ports: []\n', 'yaml: line 2: did not find expected key'],
    ['version: "3.8"\nservices:\n  web:\n    environment:\n      - A=1\n      B: 2\n', "yaml: line 4: did not find expected '-' indicator"],
    ['version: "3.8"\nservices:\n\tweb: {}\n', 'yaml: line 3: found character that cannot start any token'],
    ['a: b: c\n', 'yaml: mapping values are not allowed in this context'],
    ['version: "3.8"\nservices:\n  web:\n    image: "x\n', 'yaml: line 4: found unexpected end of stream'],
    ['version: "3.8"\nservices:\n  web:\n    ports: [1, 2\n', "yaml: line 3: did not find expected ',' or ']'"],
    ['version: "3.8"\nservices:\n  web:\n    image: *x\n', "yaml: unknown anchor 'x' referenced"],
    [
      'services:\n  web:\n    image: a\n    image: b\n    image: c\n',
      'yaml: unmarshal errors:\n  line 4: mapping key "image" already defined at line 3\n  line 5: mapping key "image" already defined at line 3\n  line 5: mapping key "image" already defined at line 4',
    ],
    ['- a\n', 'top-level object must be a mapping'],
    ['', 'top-level object must be a mapping'],
    ['1: a\n', 'top-level object must be a mapping'],
  ])('%j', (content, want) => expect(error(content)).toBe(want));

  it('decodes scalars as yaml.v3 does: 0400 is octal, yes stays a string, ~ is null', () => {
    const c = load(
      svc('    secrets:\n      - source: s\n        mode: 0400\n    labels:\n      a: yes\n    environment:\n      N: ~\n'),
    ).config;
    expect(c.services[0].secrets?.[0].mode).toBe(256);
    expect(c.services[0].labels).toEqual({ a: 'yes' });
    expect(c.services[0].environment).toEqual({ N: null });
  });
});

describe('loadComposefileArgs', () => {
  const host = (files: Record<string, string>, stdin = '') => ({
    cwd: '/w',
    env: { TAG: '1' },
    readFile: (p: string) => {
      if (!Object.hasOwn(files, p)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return Buffer.from(files[p]);
    },
    readStdin: async () => Buffer.from(stdin),
  });

  it('needs a file', async () => {
    await expect(loadComposefileArgs([], host({}))).rejects.toThrow('Specify a Compose file (with --compose-file)');
  });

  it('names a missing file as typed, after parsing the earlier ones', async () => {
    await expect(loadComposefileArgs(['a.yml', 'b.yml'], host({ '/w/a.yml': 'services: {}\n' }))).rejects.toThrow(
      'open b.yml: no such file or directory',
    );
    await expect(loadComposefileArgs(['a.yml', 'b.yml'], host({ '/w/a.yml': '- x\n' }))).rejects.toThrow(
      'top-level object must be a mapping',
    );
  });

  it('reads stdin for -, once, and resolves paths against the first file or the cwd', async () => {
    const r = await loadComposefileArgs(['-'], host({}, 'services:\n  web:\n    image: "nginx:${TAG}"\nsecrets:\n  s:\n    file: s.txt\n'));
    expect(r.config.services[0].image).toBe('nginx:1');
    expect(r.config.secrets.s.file).toBe('/w/s.txt');
    const sub = await loadComposefileArgs(['sub/a.yml'], host({ '/w/sub/a.yml': 'secrets:\n  s:\n    file: s.txt\n' }));
    expect(sub.config.secrets.s.file).toBe('/w/sub/s.txt');
    await expect(loadComposefileArgs(['-', '-'], host({}, 'services: {}\n'))).rejects.toThrow('top-level object must be a mapping');
  });
});

describe('env_file', () => {
  const files: Record<string, string> = { '/w/a.env': '# c\nA=file\nB=file\n  C\nD\n', '/w/bad.env': 'BAD KEY=1\n' };
  const read = (p: string) => {
    if (!Object.hasOwn(files, p)) throw Object.assign(new Error('x'), { code: 'ENOENT' });
    return Buffer.from(files[p]);
  };
  const compose = (envFile: string) => `services:\n  web:\n    image: x\n    env_file: ${envFile}\n    environment:\n      B: env\n`;

  it('merges env files under environment; bare keys take the client environment or are dropped', async () => {
    const host = { cwd: '/w', env: { C: 'client' }, readFile: read, readStdin: async () => new Uint8Array() };
    const r = await loadComposefileArgs(['-'], { ...host, readStdin: async () => Buffer.from(compose('a.env')) });
    expect(r.config.services[0].environment).toEqual({ A: 'file', B: 'env', C: 'client' });
    const sync = loadComposeFiles({
      workingDir: '/w',
      env: { C: 'client' },
      readFile: read,
      files: [{ filename: 'f', content: compose('a.env') }],
    });
    expect(sync.config.services[0].environment).toEqual({ A: 'file', B: 'env', C: 'client' });
  });

  it('reports a missing or malformed env file as docker does', async () => {
    const host = (c: string) => ({ cwd: '/w', env: {}, readFile: read, readStdin: async () => Buffer.from(c) });
    await expect(loadComposefileArgs(['-'], host(compose('missing.env')))).rejects.toThrow(
      'open /w/missing.env: no such file or directory',
    );
    await expect(loadComposefileArgs(['-'], host(compose('bad.env')))).rejects.toThrow(
      "invalid env file (/w/bad.env): variable 'BAD KEY' contains whitespaces",
    );
  });
});

describe('warnings docker logs', () => {
  it('deprecates external.name from 3.5 on, and formats the logrus line', () => {
    const r = load(`${svc('')}secrets:\n  s:\n    external:\n      name: real\n`);
    expect(r.logWarnings).toEqual(['secret s: secret.external.name is deprecated in favor of secret.name']);
    expect(r.config.secrets.s).toEqual({ name: 'real', external: { external: true } });
    expect(load(`${svc('', '3.4')}secrets:\n  s:\n    external:\n      name: real\n`).logWarnings).toEqual([]);
    const line = formatLogWarning(r.logWarnings[0], new Date(Date.UTC(2026, 10, 28, 12, 0, 0)), false);
    expect(line).toMatch(
      /^time="2026-11-2\dT\d\d:\d\d:00(Z|[+-]\d\d:\d\d)" level=warning msg="secret s: secret.external.name is deprecated in favor of secret.name"\n$/,
    );
  });

  it('warns about a host IP in a short port', () => {
    expect(load(svc('    ports: ["127.0.0.1:8080:80"]\n')).logWarnings).toEqual([
      "ignoring IP-address (127.0.0.1:8080:80/tcp) service will listen on '0.0.0.0'",
    ]);
  });
});

describe('stack config output', () => {
  it('prints the seed gitea file as docker does', () => {
    const gitea = `version: "3.3"
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
    expect(marshalConfig(load(gitea).config)).toBe(`version: "3.3"
services:
  app:
    environment:
      DB_PASSWD: /run/secrets/gitea_mysql_user_password
    image: local/busy:1
    secrets:
      - source: gitea_mysql_user_password
  db:
    image: local/busy:1
    secrets:
      - source: gitea_mysql_root_password
      - source: gitea_mysql_user_password
        target: userpw
        mode: 256
secrets:
  gitea_mysql_root_password:
    name: gitea_mysql_root_password
    external: true
  gitea_mysql_user_password:
    file: /work/user_pw.txt
`);
  });

  it('expands short ports and prints durations, sizes and float32 ratios as Go does', () => {
    const out = marshalConfig(
      load(
        svc(
          '    ports: ["8000-8001:80-81/udp", 9000]\n    stop_grace_period: 90s\n    deploy:\n      update_config: {max_failure_ratio: 0.3}\n      resources: {limits: {memory: 1g}}\n',
        ),
      ).config,
    );
    expect(out).toContain(
      'ports:\n      - mode: ingress\n        target: 80\n        published: 8000\n        protocol: udp\n      - mode: ingress\n        target: 81\n        published: 8001\n        protocol: udp\n      - mode: ingress\n        target: 9000\n        protocol: tcp\n',
    );
    expect(out).toContain('stop_grace_period: 1m30s\n');
    expect(out).toContain('max_failure_ratio: 0.3\n');
    expect(out).toContain('memory: "1073741824"\n');
  });
});
