// A secret's value never reaches stdout or stderr, and its bytes come back exactly as stored.
import { describe, expect, it } from 'vitest';
import { statePaths } from '../../src/store/paths.js';
import { StateStore } from '../../src/store/state-store.js';
import { session } from '../helpers/run.js';

describe('secrecy', () => {
  it('no command prints the value', async () => {
    const s = session();
    const value = 'hunter2-0f9c8e7d-TOP';
    const outputs: string[] = [];
    const run = async (args: string | string[], stdin?: string) => {
      const r = await s.run(args, { stdin });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    await run('swarm init --advertise-addr 127.0.0.1');
    const id = (await run('secret create pw -', value)).stdout.trim();
    await run('secret create PW -', value); // refused: name taken
    await run('secret ls');
    await run('secret ls --format json');
    await run(['secret', 'ls', '--format', '{{json .}}']);
    await run(['secret', 'inspect', 'pw']);
    await run(['secret', 'inspect', '--format', 'json', 'pw']);
    await run(['secret', 'inspect', '--format', '{{json .}} {{.Spec.Data}} {{json .Spec}}', id]);
    await run(['secret', 'inspect', '--pretty', 'pw']);
    await run(['secret', 'create', 'big', '-'], value.repeat(30_000)); // refused: too large
    await run('secret rm pw');
    expect(outputs.join('\n')).not.toContain(value);
    expect(outputs.join('\n')).not.toContain(Buffer.from(value).toString('base64'));
  });

  it('stores every byte value exactly', async () => {
    const s = session();
    await s.run('swarm init --advertise-addr 127.0.0.1');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const id = (await s.run('secret create all_bytes -', { stdin: bytes })).stdout.trim();
    expect(new StateStore(statePaths(s.statePath)).readPayload(id)).toEqual(bytes);
  });
});
