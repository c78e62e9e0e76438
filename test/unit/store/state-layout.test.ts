// The state file's layout (src/store/state-layout.ts): one JSON document, a member per line, so a
// command decodes only the members it reads: `secret ls` the swarm and the secrets. What it reads
// is checked as the whole file would be; what it does not read may be damaged without failing it,
// and a write copies it as it was; a file in any other form is read whole.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseState, type State } from '../../../src/store/state.js';
import { readState, serializeState } from '../../../src/store/state-layout.js';
import { session } from '../../helpers/run.js';

async function storeWithServices() {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  await s.run('secret create -l team=a one -', { stdin: 'v1' });
  await s.run('secret create two -', { stdin: 'v2' });
  await s.run('service create -d --no-resolve-image --name web --secret one nginx:latest');
  return s;
}

/** What reading these members gives, as a user would meet it: the values or the error's message. */
function outcome(read: () => Partial<State>, names: (keyof State)[]): unknown {
  try {
    const state = read();
    return Object.fromEntries(names.map((n) => [n, state[n]]));
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('the state layout', () => {
  it('is JSON.stringify of the state with each top-level member on its own line', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const state = parseState(s.statePath, text);
    expect(text).toBe(serializeState(state));
    expect(text.split('\n').map((l) => l.slice(0, 12))).toEqual([
      '{"version":4',
      '"swarm":{"ID',
      '"secrets":[{',
      '"configs":[]',
      '"services":[',
      '"tasks":[{"I',
      '"containers"',
      '"networks":[',
      '"localNetwor',
      '"volumes":[]',
      '',
    ]);
    expect(text.replaceAll('\n', '')).toBe(JSON.stringify(state));
    // read in parts and written back untouched: the same text
    expect(serializeState(readState(s.statePath, text))).toBe(text);
  });

  it('reads each member as the whole file read gives it; other forms are read whole', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const whole = parseState(s.statePath, text);
    const lazy = readState(s.statePath, text);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(whole);
    for (const other of [
      JSON.stringify(whole),
      JSON.stringify(whole, null, 2),
      text.replace('{"version":4,', '{"version":3,'),
      text.replace('\n"networks":', '\n"secrets":'),
    ]) {
      expect(outcome(() => readState(s.statePath, other), ['secrets'])).toEqual(outcome(() => parseState(s.statePath, other), ['secrets']));
    }
  });

  it('serves secret ls when only other members are damaged; a write keeps them as they were', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const ls = await s.run('secret ls --format {{.Name}}');
    const damaged = text.replace(/\n"tasks":.*\n/, '\n"tasks":[{"broken":1}],\n');
    writeFileSync(s.statePath, damaged);
    expect(await s.run('secret ls --format {{.Name}}')).toEqual(ls);
    expect((await s.run('secret inspect -f {{.Spec.Name}} one')).stdout).toBe('one\n');
    expect(await s.run('secret create three -', { stdin: 'v3' })).toMatchObject({ exit: 0, stderr: '' });
    const after = readFileSync(s.statePath, 'utf8');
    expect(after.split('\n')[5]).toBe('"tasks":[{"broken":1}],');
    expect(JSON.parse(after).secrets.map((x: { Spec: { Name: string } }) => x.Spec.Name)).toEqual(['one', 'two', 'three']);
    expect(await s.run('service ls')).toEqual({
      exit: 1,
      stdout: '',
      stderr: `invalid state file ${s.statePath}: field "tasks[0].ID" is missing (tsecret left it untouched; move it aside to start afresh)\n`,
    });
  });

  it('reports damage in what it reads as reading the whole file does', async () => {
    const s = await storeWithServices();
    const doc = JSON.parse(readFileSync(s.statePath, 'utf8'));
    const damages: Array<(d: any) => void> = [
      (d) => delete d.secrets[1].Spec.Name,
      (d) => (d.secrets[0].Spec.Labels.team = 5),
      (d) => (d.secrets = {}),
      (d) => (d.swarm = []),
      (d) => (d.swarm.RaftIndex = 'x'),
      (d) => (d.secrets[0].ID = 'not-an-id'),
    ];
    for (const damage of damages) {
      const d = structuredClone(doc);
      damage(d);
      const damaged = serializeState(d);
      const whole = outcome(() => parseState(s.statePath, damaged), ['swarm', 'secrets']);
      expect(whole).toHaveProperty('error');
      expect(outcome(() => readState(s.statePath, damaged), ['swarm', 'secrets'])).toEqual(whole);
    }
  });

  it("keeps a deterministic run's counter on a line of its own, checked as the whole file checks it", async () => {
    const s = session();
    const env = { TSECRET_DETERMINISTIC: '1' };
    await s.run('swarm init --advertise-addr 127.0.0.1', { env });
    await s.run('secret create one -', { stdin: 'v1', env });
    const text = readFileSync(s.statePath, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('"deterministicDraws":'));
    expect(line).toMatch(/^"deterministicDraws":\d+\}$/);
    expect(outcome(() => readState(s.statePath, text), ['deterministicDraws'])).toEqual(
      outcome(() => parseState(s.statePath, text), ['deterministicDraws']),
    );
    for (const bad of ['-1', '"x"', '1.5', 'null']) {
      const damaged = text.replace(/"deterministicDraws":\d+/, `"deterministicDraws":${bad}`);
      const whole = outcome(() => parseState(s.statePath, damaged), ['deterministicDraws']);
      expect(whole).toHaveProperty('error');
      expect(outcome(() => readState(s.statePath, damaged), ['deterministicDraws'])).toEqual(whole);
      // secret ls never reads it
      expect(outcome(() => readState(s.statePath, damaged), ['secrets'])).not.toHaveProperty('error');
    }
  });

  it('reads whole a file whose member has a newline between its keys (still JSON, no longer the layout)', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    for (const edited of [
      text.replace(',"RaftIndex":', ',\n"RaftIndex":'),
      text.replace('","Spec":{"Name":"two"', '",\n"Spec":{"Name":"two"'),
    ]) {
      expect(edited).not.toBe(text);
      const names: (keyof State)[] = ['swarm', 'secrets'];
      expect(outcome(() => readState(s.statePath, edited), names)).toEqual(outcome(() => parseState(s.statePath, text), names));
    }
  });

  it('for any edit of the swarm or the secrets line: what the whole file read gives, value or error', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const lines = text.split('\n');
    const edit = (line: string) =>
      fc
        .tuple(fc.nat(line.length), fc.nat(6), fc.constantFrom('', '"', ',', '}', ']', '{', 'null', '1', '[]', '\\n', '"x"', ':', '\n'))
        .map(([at, cut, put]) => line.slice(0, at) + put + line.slice(at + cut));
    const names: (keyof State)[] = ['swarm', 'secrets'];
    let served = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2).chain((i) => edit(lines[i]).map((line) => [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n'))),
        (damaged) => {
          const whole = outcome(() => parseState(s.statePath, damaged), names);
          expect(outcome(() => readState(s.statePath, damaged), names)).toEqual(whole);
          if (!(whole as object as { error?: string }).error) served++;
        },
      ),
      { seed: 14, numRuns: 1500 },
    );
    expect(served).toBeGreaterThan(100);
  });
});
