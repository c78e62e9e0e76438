// `info`, `version` and the docker commands tsecret does not simulate.
import { describe, expect, it } from 'vitest';
import { session } from '../helpers/run.js';

describe('info', () => {
  it('shows the swarm as scripts probe it: inactive, active, locked', async () => {
    const s = session();
    const probe = [
      'info',
      '--format',
      '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Managers}} [{{.Swarm.NodeID}}]',
    ];
    expect(await s.run(probe)).toEqual({ stdout: 'inactive false 0 0 []\n', stderr: '', exit: 0 });
    expect((await s.run(['info', '--format', '{{json .Swarm}}'])).stdout).toBe(
      '{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}\n',
    );
    const init = await s.run('swarm init --advertise-addr 127.0.0.1 --autolock');
    const id = (await s.run('node ls -q')).stdout.trim();
    expect((await s.run(probe)).stdout).toBe(`active true 1 1 [${id}]\n`);
    expect(
      (await s.run(['info', '--format', '{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}} {{json .Swarm.RemoteManagers}}']))
        .stdout,
    ).toBe(`true [{"NodeID":"${id}","Addr":"127.0.0.1:2377"}]\n`);
    // a restarted autolocked manager: no unlock remembered, no key in the environment
    const locked = await s.run(probe, { env: { XDG_RUNTIME_DIR: `${s.dir}/fresh-runtime`, TSECRET_UNLOCK_KEY: undefined } });
    expect(locked.stdout).toBe('locked false 0 0 []\n');
    const lockedError = await s.run(['info', '--format', '{{.Swarm.NodeAddr}} {{.Swarm.Error}}'], {
      env: { XDG_RUNTIME_DIR: `${s.dir}/fresh-runtime`, TSECRET_UNLOCK_KEY: undefined },
    });
    expect(lockedError.stdout).toBe(
      '127.0.0.1 Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n',
    );
    expect(init.exit).toBe(0);
  });

  it('prints the Swarm section of the default text', async () => {
    const s = session();
    expect((await s.run('info')).stdout).toContain('\n Swarm: inactive\n Runtimes: io.containerd.runc.v2 runc\n');
    await s.run('swarm init --advertise-addr 127.0.0.1');
    const text = (await s.run('info')).stdout;
    expect(text).toMatch(
      /\n Swarm: active\n {2}NodeID: [0-9a-z]{25}\n {2}Is Manager: true\n {2}ClusterID: [0-9a-z]{25}\n {2}Managers: 1\n {2}Nodes: 1\n/,
    );
    expect(text).toContain(
      '\n  Dispatcher:\n   Heartbeat Period: 5 seconds\n  CA Configuration:\n   Expiry Duration: 3 months\n   Force Rotate: 0\n',
    );
    expect(text).toMatch(/^Client:\n Version: {4}28\.2\.2\n Context: {4}default\n Debug Mode: false\n\nServer:\n Containers: 0\n/);
    expect(text.endsWith(' Live Restore Enabled: false\n\n')).toBe(true);
  });

  it("shows the cluster settings swarm init and update were given, and allocates from the swarm's address pool", async () => {
    const s = session();
    await s.run(
      'swarm init --advertise-addr 127.0.0.1 --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 26 --cert-expiry 48h --dispatcher-heartbeat 10s --snapshot-interval 500 --max-snapshots 2 --external-ca protocol=cfssl,url=https://ca.example',
    );
    const text = (await s.run('info')).stdout;
    expect(text).toContain('\n  Default Address Pool: 10.20.0.0/16  \n  SubnetSize: 26\n  Data Path Port: 4789\n');
    expect(text).toContain('\n   Snapshot Interval: 500\n   Number of Old Snapshots to Retain: 2\n');
    expect(text).toContain(
      '\n   Heartbeat Period: 10 seconds\n  CA Configuration:\n   Expiry Duration: 2 days\n   Force Rotate: 0\n   External CAs:\n     cfssl: https://ca.example\n',
    );
    await s.run('network create -d overlay n1');
    expect((await s.run(['network', 'inspect', '-f', '{{json .IPAM.Config}}', 'ingress', 'n1'])).stdout).toBe(
      '[{"Subnet":"10.20.0.0/26","Gateway":"10.20.0.1"}]\n[{"Subnet":"10.20.0.64/26","Gateway":"10.20.0.65"}]\n',
    );
    await s.run('swarm update --cert-expiry 72h');
    expect((await s.run(['info', '--format', '{{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}'])).stdout).toBe('259200000000000\n');
  });

  it('counts the task containers', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    await s.run('service create -d --no-resolve-image --name web --replicas 2 nginx:latest');
    expect((await s.run(['info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}} {{.Images}}'])).stdout).toBe(
      '2 2 0 1\n',
    );
  });

  it('reports template errors as docker does: an empty line, then the error (exit 1), or 64 for a parse error', async () => {
    const s = session();
    expect(await s.run(['info', '--format', '{{.Nope}}'])).toEqual({
      stdout: '\n',
      stderr: 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type system.dockerInfo\n',
      exit: 1,
    });
    expect(await s.run(['info', '--format', '{{.Swarm.Nope}}'])).toEqual({
      stdout: '\n',
      stderr: 'template: :1:8: executing "" at <.Swarm.Nope>: can\'t evaluate field Nope in type swarm.Info\n',
      exit: 1,
    });
    expect(await s.run(['info', '--format', '{{'])).toMatchObject({ stdout: '', exit: 64 });
    expect((await s.run('info extra')).exit).toBe(1);
  });
});

describe('version', () => {
  it("prints the client's and the simulated engine's versions", async () => {
    const s = session();
    const text = (await s.run('version')).stdout;
    expect(text).toContain('Client:\n Version:           28.2.2\n API version:       1.50\n');
    expect(text).toContain('\nServer:\n Engine:\n  Version:          28.2.2\n  API version:      1.50 (minimum version 1.24)\n');
    expect(text).toContain('\n  Built:            Fri May 30 12:07:26 2025\n');
    expect((await s.run(['version', '--format', '{{.Server.Version}} {{.Client.APIVersion}}'])).stdout).toBe('28.2.2 1.50\n');
    expect((await s.run(['version', '--format', 'json'])).stdout).toMatch(
      /^\{"Client":\{"Version":"28\.2\.2","ApiVersion":"1\.50",.*"Server":\{"Platform":\{"Name":""\},"Components":\[\{"Name":"Engine"/,
    );
  });

  it('names its template "version" in errors', async () => {
    const s = session();
    expect(await s.run(['version', '--format', '{{.Nope}}'])).toEqual({
      stdout: '\n',
      stderr: 'template: version:1:2: executing "version" at <.Nope>: can\'t evaluate field Nope in type system.versionInfo\n',
      exit: 1,
    });
    expect(await s.run('version extra')).toEqual({
      stdout: '',
      stderr:
        "tsecret: 'tsecret version' accepts no arguments\n\nUsage:  tsecret version [OPTIONS]\n\nRun 'tsecret version --help' for more information\n",
      exit: 1,
    });
  });
});

describe('docker commands tsecret does not simulate', () => {
  it('answer one line and exit 1, top level and in groups', async () => {
    const s = session();
    const line = (cmd: string) => ({
      stdout: '',
      stderr: `tsecret: 'docker ${cmd}' is not simulated: tsecret answers docker's swarm, service, secret and related commands only (see 'tsecret --help')\n`,
      exit: 1,
    });
    for (const cmd of ['run', 'build', 'commit', 'images', 'pull', 'login', 'compose']) expect(await s.run(`${cmd} x`)).toEqual(line(cmd));
    expect(await s.run('container run nginx')).toEqual(line('container run'));
    expect(await s.run('network connect n c')).toEqual(line('network connect'));
    expect(await s.run('system df')).toEqual(line('system df'));
    expect(await s.run('volume update v')).toEqual(line('volume update'));
    // an unknown word is still docker's unknown command
    expect((await s.run('nope')).stderr).toBe("tsecret: unknown command: tsecret nope\n\nRun 'tsecret --help' for more information\n");
    // `system info` is `info`
    expect((await s.run(['system', 'info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout).toBe('inactive\n');
  });
});
