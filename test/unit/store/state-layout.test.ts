// The state file's layout (src/store/state-layout.ts): one JSON document, a member per line, so
// `secret ls` and `secret inspect` read the swarm and the secrets alone. What they read is checked
// as the whole file would be; what they do not read may be damaged without failing them; a file in
// any other form is read whole.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStateMembers, serializeState } from '../../../src/store/state-layout.js';
import { parseState } from '../../../src/store/state.js';
import { session } from '../../helpers/run.js';

async function storeWithServices() {
  const s = session();
  await s.run('swarm init --advertise-addr 127.0.0.1');
  await s.run('secret create -l team=a one -', { stdin: 'v1' });
  await s.run('secret create two -', { stdin: 'v2' });
  await s.run('service create -d --no-resolve-image --name web --secret one nginx:latest');
  return s;
}

/** The outcome of a read, as a user would meet it: the value or the error's message. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
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
    expect(text.split('\n').map((l) => l.slice(0, 12))).toEqual(['{"version":3', '"swarm":{"ID', '"secrets":[{', '"services":[', '"tasks":[{"I', '"containers"', '"networks":[', '']);
    expect(text.replaceAll('\n', '')).toBe(JSON.stringify(state));
  });

  it('gives the members asked for, equal to the whole file read', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const whole = parseState(s.statePath, text);
    expect(parseStateMembers(s.statePath, text, ['swarm', 'secrets'])).toEqual({ version: 3, swarm: whole.swarm, secrets: whole.secrets });
    expect(parseStateMembers(s.statePath, text, ['networks'])).toEqual({ version: 3, networks: whole.networks });
    // not in the layout: read whole
    expect(parseStateMembers(s.statePath, JSON.stringify(whole), ['secrets'])).toBeUndefined();
    expect(parseStateMembers(s.statePath, JSON.stringify(whole, null, 2), ['secrets'])).toBeUndefined();
    expect(parseStateMembers(s.statePath, text.replace('{"version":3,', '{"version":2,'), ['secrets'])).toBeUndefined();
  });

  it('serves secret ls when only other members are damaged; other commands report the damage', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const ls = await s.run('secret ls --format {{.Name}}');
    writeFileSync(s.statePath, text.replace(/\n"tasks":.*\n/, '\n"tasks":[{"broken":\n'));
    expect(await s.run('secret ls --format {{.Name}}')).toEqual(ls);
    expect((await s.run('secret inspect -f {{.Spec.Name}} one')).stdout).toBe('one\n');
    expect(await s.run('service ls')).toEqual({ exit: 1, stdout: '', stderr: `invalid state file ${s.statePath}: not valid JSON (tsecret left it untouched; move it aside to start afresh)\n` });
  });

  it('reports damage in what it reads as reading the whole file does', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const doc = JSON.parse(text);
    const damages: Array<(d: any) => void> = [
      (d) => delete d.secrets[1].Spec.Name,
      (d) => (d.secrets[0].Spec.Labels.team = 5),
      (d) => (d.secrets = {}),
      (d) => (d.swarm = []),
      (d) => delete d.swarm,
      (d) => (d.secrets[0].ID = 'not-an-id'),
    ];
    for (const damage of damages) {
      const d = structuredClone(doc);
      damage(d);
      const damaged = serializeState(d);
      const whole = outcome(() => parseState(s.statePath, damaged));
      expect(whole).toHaveProperty('error');
      const alone = outcome(() => parseStateMembers(s.statePath, damaged, ['swarm', 'secrets']) ?? parseState(s.statePath, damaged));
      expect(alone).toEqual(whole);
    }
  });

  it('for any edit of the swarm and secrets lines: the whole file read, or the same members and errors', async () => {
    const s = await storeWithServices();
    const text = readFileSync(s.statePath, 'utf8');
    const [head, swarmLine, secretsLine, ...rest] = text.split('\n');
    const edit = (line: string) =>
      fc.tuple(fc.nat(line.length), fc.nat(6), fc.constantFrom('', '"', ',', '}', ']', '{', 'null', '1', '[]', '\\n', '"x"', ':')).map(([at, cut, put]) => line.slice(0, at) + put + line.slice(at + cut));
    fc.assert(
      fc.property(edit(swarmLine), edit(secretsLine), (sw, se) => {
        const damaged = [head, sw, se, ...rest].join('\n');
        const whole = outcome(() => parseState(s.statePath, damaged));
        const members = outcome(() => parseStateMembers(s.statePath, damaged, ['swarm', 'secrets']));
        if (members === undefined) return;
        if (whole && typeof whole === 'object' && 'error' in whole) expect(members).toEqual(whole);
        else expect(members).toEqual({ version: 3, swarm: (whole as any).swarm, secrets: (whole as any).secrets });
      }),
      { seed: 14, numRuns: 2000 },
    );
  });
});
