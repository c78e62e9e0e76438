// Parallel invocations of the built CLI, as scripts and CI run them: 41 processes at once mixing
// secret create/rm, service create and service update --secret-add/--secret-rm, with races built
// in (the same name created twice, a secret removed while a service takes it, two updates of one
// service). Afterwards: every command that exited 0 is reflected in the state, every refusal is
// docker's, and the store's invariants hold.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Result, session, spawnCli } from '../helpers/run.js';
import { invariantProblems, leftovers, loadState } from './invariants.js';

const value = (name: string): Buffer => Buffer.from(`value of ${name} ${'x'.repeat(name.length * 7)}`);
const SVC = ['service', 'create', '-d', '--no-resolve-image'];
/** Missed by the client's lookup, or by the daemon when it went between the lookup and the write. */
const secretMissing = (name: string) =>
  new RegExp(`^(Error response from daemon: rpc error: code = InvalidArgument desc = )?secret not found: ${name}\n$`);

interface Op {
  what: string;
  args: string[];
  stdin?: Buffer;
  /** What a refusal may say (exit 1); none: it must succeed. */
  mayFail?: RegExp;
}

describe('concurrency', () => {
  it('41 parallel writers: acknowledged changes are all there and the invariants hold', async () => {
    const s = session();
    const env = { TSECRET_STATE: s.statePath, XDG_RUNTIME_DIR: s.dir };
    const setup = async (args: string[], stdin?: Buffer) => {
      const r = await s.run(args, { stdin });
      expect(r, args.join(' ')).toMatchObject({ exit: 0, stderr: '' });
    };
    await setup(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    const base = Array.from({ length: 6 }, (_, i) => `base${i}`);
    const old = Array.from({ length: 6 }, (_, i) => `old${i}`);
    const contested = Array.from({ length: 3 }, (_, i) => `contested${i}`);
    for (const name of [...base, ...old, ...contested, 'keep0']) await setup(['secret', 'create', name, '-'], value(name));
    for (let k = 0; k < 4; k++) await setup([...SVC, '--name', `svcA${k}`, '--secret', 'base0', 'busybox', 'top']);
    for (let k = 0; k < 2; k++)
      await setup([...SVC, '--name', `svcR${k}`, '--secret', 'base1', '--secret', 'source=base2,target=/etc/b2', 'busybox']);
    await setup([...SVC, '--name', 'svcKeep', '--secret', 'keep0', 'busybox']);

    const outOfSequence = /^Error response from daemon: rpc error: code = Unknown desc = update out of sequence\n$/;
    const ops: Op[] = [
      ...Array.from(
        { length: 8 },
        (_, i): Op => ({ what: `new${i}`, args: ['secret', 'create', `new${i}`, '-'], stdin: value(`new${i}`) }),
      ),
      ...Array.from(
        { length: 3 },
        (): Op => ({ what: 'dup', args: ['secret', 'create', 'dup', '-'], stdin: value('dup'), mayFail: /secret dup already exists\n$/ }),
      ),
      ...old.map((name): Op => ({ what: `rm ${name}`, args: ['secret', 'rm', name] })),
      { what: 'rm keep0', args: ['secret', 'rm', 'keep0'], mayFail: /secret 'keep0' is in use by the following service: svcKeep\n$/ },
      ...contested.flatMap((name, j): Op[] => [
        {
          what: `rm ${name}`,
          args: ['secret', 'rm', name],
          mayFail: new RegExp(`secret '${name}' is in use by the following service: svcC${j}\n$`),
        },
        { what: `svcC${j}`, args: [...SVC, '--name', `svcC${j}`, '--secret', name, 'busybox'], mayFail: secretMissing(name) },
      ]),
      ...Array.from(
        { length: 6 },
        (_, i): Op => ({ what: `svcN${i}`, args: [...SVC, '--name', `svcN${i}`, '--secret', `base${i}`, 'busybox'] }),
      ),
      ...Array.from(
        { length: 2 },
        (): Op => ({ what: 'svcDup', args: [...SVC, '--name', 'svcDup', 'busybox'], mayFail: /service svcDup already exists\n$/ }),
      ),
      ...[0, 1].flatMap((k): Op[] => [
        { what: `svcA${k} +base3`, args: ['service', 'update', '-d', '--secret-add', 'base3', `svcA${k}`], mayFail: outOfSequence },
        {
          what: `svcA${k} +base4`,
          args: ['service', 'update', '-d', '--secret-add', 'source=base4,target=b4', `svcA${k}`],
          mayFail: outOfSequence,
        },
        { what: `svcR${k} -base1`, args: ['service', 'update', '-d', '--secret-rm', 'base1', `svcR${k}`], mayFail: outOfSequence },
        { what: `svcR${k} +base5`, args: ['service', 'update', '-d', '--secret-add', 'base5', `svcR${k}`], mayFail: outOfSequence },
      ]),
      // new0 is being created at the same moment: either it is found or docker's client-side miss
      { what: 'svcA2 +new0', args: ['service', 'update', '-d', '--secret-add', 'new0', 'svcA2'], mayFail: secretMissing('new0') },
    ];
    expect(ops.length).toBeGreaterThanOrEqual(32);

    const results = await Promise.all(ops.map((op) => spawnCli(op.args, { env, stdin: op.stdin })));
    const ok = new Map<string, boolean>();
    const byWhat = new Map<string, Result[]>();
    for (const [i, op] of ops.entries()) {
      const r = results[i];
      const label = `${op.args.join(' ')} → ${r.exit} ${r.stderr}`;
      if (r.exit === 0) {
        expect(r.stderr, label).toBe('');
      } else {
        expect(r.exit, label).toBe(1);
        expect(op.mayFail, label).toBeDefined();
        expect(r.stderr, label).toMatch(op.mayFail as RegExp);
      }
      ok.set(op.what, ok.get(op.what) === true || r.exit === 0);
      byWhat.set(op.what, [...(byWhat.get(op.what) ?? []), r]);
    }
    const wins = (what: string) => (byWhat.get(what) ?? []).filter((r) => r.exit === 0).length;
    // exactly one of each same-name race wins, and a contested secret is either removed or in use
    expect(wins('dup')).toBe(1);
    expect(wins('svcDup')).toBe(1);
    for (const [j, name] of contested.entries()) expect(wins(`rm ${name}`) + wins(`svcC${j}`), name).toBe(1);
    // of two updates of one service, the first to commit always succeeds
    for (const k of [0, 1]) {
      expect(wins(`svcA${k} +base3`) + wins(`svcA${k} +base4`)).toBeGreaterThanOrEqual(1);
      expect(wins(`svcR${k} -base1`) + wins(`svcR${k} +base5`)).toBeGreaterThanOrEqual(1);
    }

    const state = loadState(s.statePath);
    const secretNames = state.secrets.map((x) => x.Spec.Name).sort();
    const expectedSecrets = [
      ...base,
      'keep0',
      'dup',
      ...Array.from({ length: 8 }, (_, i) => `new${i}`),
      ...contested.filter((name) => !ok.get(`rm ${name}`)),
    ].sort();
    expect(secretNames).toEqual(expectedSecrets);
    const expectedServices = [
      ...[0, 1, 2, 3].map((k) => `svcA${k}`),
      ...[0, 1].map((k) => `svcR${k}`),
      'svcKeep',
      'svcDup',
      ...Array.from({ length: 6 }, (_, i) => `svcN${i}`),
      ...contested.map((_, j) => `svcC${j}`).filter((n) => ok.get(n)),
    ].sort();
    expect(state.services.map((x) => x.Spec.Name).sort()).toEqual(expectedServices);
    // no acknowledged secret reference was lost, and none appeared unasked
    const refs = (svc: string) =>
      (state.services.find((x) => x.Spec.Name === svc)?.Spec.TaskTemplate.ContainerSpec.Secrets ?? []).map((r) => r.SecretName).sort();
    for (const k of [0, 1]) {
      expect(refs(`svcA${k}`), `svcA${k}`).toEqual(
        ['base0', ...(ok.get(`svcA${k} +base3`) ? ['base3'] : []), ...(ok.get(`svcA${k} +base4`) ? ['base4'] : [])].sort(),
      );
      expect(refs(`svcR${k}`), `svcR${k}`).toEqual(
        [...(ok.get(`svcR${k} -base1`) ? [] : ['base1']), 'base2', ...(ok.get(`svcR${k} +base5`) ? ['base5'] : [])].sort(),
      );
    }
    expect(refs('svcA2')).toEqual(ok.get('svcA2 +new0') ? ['base0', 'new0'] : ['base0']);
    for (let i = 0; i < 6; i++) expect(refs(`svcN${i}`)).toEqual([`base${i}`]);

    expect(invariantProblems(s.statePath, { expectedPayload: value })).toEqual([]);
    expect(leftovers(s.statePath)).toEqual([]);
    // and the stored values reach the containers whole
    const svcN3 = state.containers.find((c) => c.Name.startsWith('/svcN3.1.'));
    expect(svcN3).toBeDefined();
    const cat = await s.run(['exec', svcN3?.Id.slice(0, 12) ?? '', 'cat', '/run/secrets/base3']);
    expect(cat).toMatchObject({ exit: 0, stdout: value('base3').toString(), stderr: '' });
    for (const args of [['secret', 'ls'], ['service', 'ls'], ['ps']]) expect((await s.run(args)).exit).toBe(0);
    rmSync(s.dir, { recursive: true, force: true });
  });
});
