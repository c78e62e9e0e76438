// `volume create|ls|inspect|rm|prune` on the simulated engine: local named volumes, the local
// driver's refusals, volumes a task's mounts create, and API 1.42+ prune.
import { describe, expect, it } from 'vitest';
import type { Mount } from '../../src/api/services.js';
import { defaultTaskSpec, serviceSpec } from '../../src/cli/service/spec.js';
import { localEngineFor } from '../../src/engine/local/factory.js';
import { type Session, session } from '../helpers/run.js';

const failure = (stderr: string, exit = 1) => ({ stdout: '', stderr: `${stderr}\n`, exit });
const daemon = (msg: string) => failure(`Error response from daemon: ${msg}`);
const engineOf = (s: Session) => localEngineFor(s.statePath, { now: () => s.clock.now, env: {} });

/** A one-replica service whose task mounts these volumes (as `--mount type=volume,...` builds them). */
async function serviceWithMounts(s: Session, name: string, mounts: Mount[]): Promise<string> {
  const task = defaultTaskSpec('nginx:latest');
  task.ContainerSpec.Mounts = mounts;
  return (await engineOf(s).serviceCreate(serviceSpec(name, {}, task, { Replicated: { Replicas: 1 } }))).ID;
}

describe('volume create, ls and inspect', () => {
  it('creates a named volume (again without error), and an anonymous one with a random name', async () => {
    const s = session();
    expect(await s.run('volume create v1')).toEqual({ stdout: 'v1\n', stderr: '', exit: 0 });
    expect(await s.run('volume create v1')).toEqual({ stdout: 'v1\n', stderr: '', exit: 0 });
    expect(await s.run('volume create --name v2')).toEqual({ stdout: 'v2\n', stderr: '', exit: 0 });
    const anon = (await s.run('volume create')).stdout.trim();
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.run(['volume', 'inspect', '-f', '{{json .Labels}}', anon])).stdout).toBe('{"com.docker.volume.anonymous":""}\n');
    expect(await s.run('volume inspect v1')).toEqual({
      stdout: `[
    {
        "CreatedAt": "2026-11-28T10:00:00Z",
        "Driver": "local",
        "Labels": null,
        "Mountpoint": "/var/lib/docker/volumes/v1/_data",
        "Name": "v1",
        "Options": null,
        "Scope": "local"
    }
]
`,
      stderr: '',
      exit: 0,
    });
  });

  it('keeps labels and the local driver options', async () => {
    const s = session();
    await s.run('volume create --label a=b --label c -o type=tmpfs -o device=tmpfs -o o=size=1m tmpv');
    expect((await s.run(['volume', 'inspect', '-f', '{{json .Labels}} {{json .Options}} {{.Scope}}', 'tmpv'])).stdout).toBe(
      '{"a":"b","c":""} {"device":"tmpfs","o":"size=1m","type":"tmpfs"} local\n',
    );
  });

  it("refuses what the local driver refuses, in the volume store's words", async () => {
    const s = session();
    expect(await s.run('volume create -o foo=bar vol')).toEqual(daemon('create vol: invalid option: "foo"'));
    expect(await s.run('volume create -o o=size=1m vol')).toEqual(daemon('create vol: missing required option: "device"'));
    expect(await s.run('volume create -o type=tmpfs vol')).toEqual(daemon('create vol: missing required option: "device"'));
    expect(await s.run('volume create -o size=10m vol')).toEqual(daemon('create vol: quota size requested but no quota support'));
    expect(await s.run('volume create -d nosuchdriver vol')).toEqual(
      daemon('create vol: error looking up volume plugin nosuchdriver: plugin "nosuchdriver" not found'),
    );
    expect(await s.run('volume create x')).toEqual(
      daemon('create x: volume name is too short, names should be at least two alphanumeric characters'),
    );
    expect(await s.run(['volume', 'create', 'bad/name'])).toEqual(
      daemon(
        'create bad/name: "bad/name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path',
      ),
    );
  });

  it('refuses two names, and cluster volumes', async () => {
    const s = session();
    expect(await s.run('volume create a b')).toEqual(
      failure(
        "tsecret: 'tsecret volume create' requires at most 1 argument\n\nUsage:  tsecret volume create [OPTIONS] [VOLUME]\n\nSRun 'tsecret volume create --help' for more information",
      ),
    );
    expect(await s.run('volume create --name a b')).toEqual(
      failure('conflicting options: cannot specify a volume-name through both --name and as a positional arg'),
    );
    expect(await s.run('volume create --group g cv')).toEqual(
      failure('tsecret does not simulate cluster volumes (CSI plugins): --group cannot be used'),
    );
  });

  it('lists by name, with its filters and formats', async () => {
    const s = session();
    await s.run('volume create --label a=b v10');
    await s.run('volume create v2');
    expect((await s.run('volume ls')).stdout).toBe('DRIVER    VOLUME NAME\nlocal     v2\nlocal     v10\n');
    expect((await s.run('volume ls -q --filter label=a=b')).stdout).toBe('v10\n');
    expect((await s.run('volume ls --format json --filter name=v2')).stdout).toBe(
      '{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"","Links":"N/A","Mountpoint":"/var/lib/docker/volumes/v2/_data","Name":"v2","Scope":"local","Size":"N/A","Status":"N/A"}\n',
    );
    expect((await s.run('volume ls --cluster')).stdout).toBe('VOLUME NAME   GROUP     DRIVER    AVAILABILITY   STATUS\n');
    expect(await s.run('volume ls --filter bogus=1')).toEqual(daemon("invalid filter 'bogus'"));
    expect(await s.run('volume ls --filter dangling=maybe')).toEqual(daemon("invalid filter 'dangling=maybe'"));
    expect(await s.run('volume inspect nosuch_vol')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: get nosuch_vol: no such volume\n',
      exit: 1,
    });
  });
});

describe('volume inspect JSON', () => {
  it('is marshalled again by the CLI (encoding/json escapes <, > and &); the template json function does not escape', async () => {
    const s = session();
    await s.run(['volume', 'create', '--label', 'q=a&b<c>', 'esc']);
    expect((await s.run('volume inspect esc')).stdout).toContain('"q": "a\\u0026b\\u003cc\\u003e"');
    expect((await s.run('volume inspect --format json esc')).stdout).toContain('"q":"a\\u0026b\\u003cc\\u003e"');
    expect((await s.run(['volume', 'inspect', '-f', '{{json .Labels}}', 'esc'])).stdout).toBe('{"q":"a&b<c>"}\n');
  });
});

describe('volumes of tasks', () => {
  it("creates a task's named volume from its mount options, and an anonymous one for a mount without source", async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await s.run('volume create v1');
    await serviceWithMounts(s, 'vs', [
      {
        Type: 'volume',
        Source: 'data',
        Target: '/data',
        VolumeOptions: { Labels: { made: 'by-task' }, DriverConfig: { Options: { type: 'tmpfs', device: 'tmpfs' } } },
      },
      { Type: 'volume', Source: 'v1', Target: '/v1' },
      { Type: 'volume', Target: '/anon' },
    ]);
    expect((await s.run(['volume', 'inspect', '-f', '{{json .Labels}} {{json .Options}}', 'data'])).stdout).toBe(
      '{"made":"by-task"} {"device":"tmpfs","type":"tmpfs"}\n',
    );
    const used = (await s.run('volume ls -q --filter dangling=false')).stdout.trim().split('\n');
    expect(used).toHaveLength(3);
    expect(used).toEqual(expect.arrayContaining(['data', 'v1']));
    const container = (await s.run('ps -q --no-trunc')).stdout.trim();
    expect(await s.run('volume rm v1')).toEqual(daemon(`remove v1: volume is in use - [${container}]`));
    expect(await s.run('volume rm -f v1')).toEqual(daemon(`remove v1: volume is in use - [${container}]`));
    // a volume mount is a directory in the container
    expect(await s.run(['exec', container, 'sh', '-c', 'echo hi > /data/f; cat /data/f; ls -d /v1 /anon'])).toEqual({
      stdout: 'hi\n/anon\n/v1\n',
      stderr: '',
      exit: 0,
    });
    // removing the service removes its container and the anonymous volume; the named ones stay
    await s.run('service rm vs');
    expect((await s.run('volume ls -q')).stdout).toBe('data\nv1\n');
    expect(await s.run('volume rm data v1 nosuch_vol')).toEqual({
      stdout: 'data\nv1\n',
      stderr: 'Error response from daemon: get nosuch_vol: no such volume\n',
      exit: 1,
    });
    expect(await s.run('volume rm -f nosuch_vol')).toEqual({ stdout: 'nosuch_vol\n', stderr: '', exit: 0 });
  });

  it('outlive the swarm', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await serviceWithMounts(s, 'vs', [{ Type: 'volume', Source: 'kept', Target: '/k' }]);
    await s.run('swarm leave --force');
    expect((await s.run('volume ls -q')).stdout).toBe('kept\n');
  });
});

describe('volume prune', () => {
  it('asks, then removes unused anonymous volumes without options; --all takes the named ones too', async () => {
    const s = session();
    await s.run('volume create named');
    await s.run('volume create -o type=tmpfs -o device=tmpfs withopts');
    const anon = (await s.run('volume create')).stdout.trim();
    expect(await s.run('volume prune')).toEqual({
      stdout:
        'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ',
      stderr: '',
      exit: 0,
    });
    expect(await s.run('volume prune', { stdin: 'y\n' })).toEqual({
      stdout: `WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Volumes:\n${anon}\n\nTotal reclaimed space: 0B\n`,
      stderr: '',
      exit: 0,
    });
    expect(await s.run('volume prune -f')).toEqual({ stdout: 'Total reclaimed space: 0B\n', stderr: '', exit: 0 });
    expect(await s.run('volume prune -a -f --filter all=1')).toEqual(
      failure('conflicting options: cannot specify both --all and --filter all=1'),
    );
    expect(await s.run('volume prune -f --filter bogus=1')).toEqual(daemon("invalid filter 'bogus'"));
    expect(await s.run('volume prune -a -f')).toEqual({
      stdout: 'Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n',
      stderr: '',
      exit: 0,
    });
    expect((await s.run('volume ls -q')).stdout).toBe('withopts\n');
  });
});
