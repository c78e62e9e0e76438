// A rich valid store to damage and to run commands against: secrets (one templated), services with
// short and long --secret forms, an update with history and a previous spec, a stopped task
// container, a stack with its network, file secret and published port. Built once in-process,
// then copied into a fresh directory for every case.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/root.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { testStreams } from '../../src/iostreams/test.js';
import { resolveStatePath } from '../../src/store/paths.js';
import { type Result, type Session, session, tempDir } from '../helpers/run.js';
import { loadState } from './invariants.js';

export const FIXTURE_VALUES: Record<string, string> = {
  s1: 'fixture-value-one-3f9a',
  s2: 'fixture-value-two-77c1',
  s3: 'fixture-value-three-{{ .Service.Name }}',
  st_key: 'fixture-stack-file-secret-90de',
};

export interface Fixture {
  /** The session the fixture was made in; its directory is the template copied for each case. */
  template: Session;
  /** A running container of `web`, which mounts s1 at /run/secrets/s1 and /etc/one. */
  webContainer: string;
  stateText: string;
}

let built: Promise<Fixture> | undefined;

export function fixture(): Promise<Fixture> {
  built ??= build();
  return built;
}

async function build(): Promise<Fixture> {
  const s = session();
  const env = { XDG_RUNTIME_DIR: s.dir };
  const ok = async (args: string[], stdin?: string): Promise<Result> => {
    const r = await s.run(args, { stdin, env });
    expect(r, args.join(' ')).toMatchObject({ exit: 0 });
    return r;
  };
  await ok(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
  await ok(['secret', 'create', '-l', 'team=a', 's1', '-'], FIXTURE_VALUES.s1);
  await ok(['secret', 'create', 's2', '-'], FIXTURE_VALUES.s2);
  await ok(['secret', 'create', '--template-driver', 'golang', 's3', '-'], FIXTURE_VALUES.s3);
  await ok([
    'service',
    'create',
    '-d',
    '--no-resolve-image',
    '--name',
    'web',
    '--secret',
    's1',
    '--secret',
    'source=s1,target=/etc/one,mode=0400',
    '-e',
    'A=1',
    '-l',
    'tier=front',
    'nginx:alpine',
  ]);
  await ok([
    'service',
    'create',
    '-d',
    '--no-resolve-image',
    '--name',
    'db',
    '--replicas',
    '2',
    '--secret',
    's2',
    '--secret',
    's3',
    '-p',
    '8080:80',
    'busybox',
    'top',
  ]);
  await ok(['service', 'update', '-d', '--env-add', 'B=2', '--secret-add', 'source=s2,target=two', 'web']);
  writeFileSync(join(s.dir, 'key.pem'), FIXTURE_VALUES.st_key);
  writeFileSync(
    join(s.dir, 'stack.yml'),
    'version: "3.8"\nservices:\n  app:\n    image: busybox\n    ports: ["9000:90"]\n    secrets: [key]\n    networks: [back]\nnetworks:\n  back: {}\nsecrets:\n  key:\n    file: ./key.pem\n',
  );
  await ok(['stack', 'deploy', '-c', 'stack.yml', 'st']);
  const state = loadState(s.statePath);
  const dbTask = state.containers.find((c) => c.Name.startsWith('/db.2.'));
  await ok(['stop', dbTask?.Id ?? 'db']);
  const web = loadState(s.statePath).containers.find((c) => c.State.Running && c.Name.startsWith('/web.1.'));
  return { template: s, webContainer: web?.Id.slice(0, 12) ?? 'web', stateText: readFileSync(s.statePath, 'utf8') };
}

const copies: string[] = [];

/** A fresh copy of the fixture's directory, with a runner bound to it; removed by removeCopies(). */
export async function fixtureCopy(): Promise<Session> {
  const f = await fixture();
  const dir = tempDir('tsecret-case-');
  copies.push(dir);
  cpSync(f.template.dir, dir, { recursive: true });
  return sessionIn(dir);
}

/** Removes the copies made so far (property runs make hundreds). */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** session() of test/helpers/run.ts on a given directory: state at dir/state/state.json, cwd dir. */
export function sessionIn(dir: string): Session {
  const statePath = join(dir, 'state', 'state.json');
  const clock = { now: Date.parse('2026-11-28T12:00:00Z') };
  return {
    dir,
    statePath,
    clock,
    async run(args, opts = {}) {
      const env = { ...process.env, TSECRET_STATE: statePath, XDG_RUNTIME_DIR: dir, NO_COLOR: undefined, ...opts.env };
      const { io, stdout, stderr } = testStreams({ stdin: opts.stdin, env, cwd: dir, now: () => clock.now });
      const argv = typeof args === 'string' ? args.split(' ').filter(Boolean) : args;
      const exit = await runCli(argv, io, (g) => localEngineFor(resolveStatePath(g.state, env, dir), io));
      return { stdout: stdout.text(), stderr: stderr.text(), exit };
    },
  };
}

/** Every file under dir with its bytes, to show nothing was written. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}
