// The typed flag binding (src/cli/command.ts): what a verb reads for each flag, given or not, the
// way pflag hands values to docker's Go code. The types are checked by tsc (npm test), the values here.
import { PassThrough } from 'node:stream';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineFlags, parseFlags } from '../../../src/cli/command.js';

const FLAGS = defineFlags([
  { name: 'detach', shorthand: 'd', varname: '', usage: '', kind: 'bool' },
  { name: 'wait', varname: '', usage: '', kind: 'bool', default: true },
  { name: 'name', varname: 'string', usage: '', kind: 'value' },
  { name: 'tail', varname: 'string', usage: '', kind: 'value', default: 'all' },
  { name: 'replicas', varname: 'uint', usage: '', kind: 'value', parse: (v) => Number(v) },
  { name: 'last', shorthand: 'n', varname: 'int', usage: '', kind: 'value', parse: (v) => Number(v), default: -1 },
  { name: 'label', varname: 'list', usage: '', kind: 'list' },
  { name: 'file', varname: 'strings', usage: '', kind: 'list', parse: (v) => v.split(',') },
]);

// parseFlags writes nothing but the deprecated -h notice, on stdout
const io = { stdout: new PassThrough() } as unknown as Parameters<typeof parseFlags>[2];

describe('flag values', () => {
  it('reads a flag not given as its default, else as Go`s zero value (undefined for a parsed value)', () => {
    const parsed = parseFlags(FLAGS, [], io);
    expect(parsed.flags).toEqual({ detach: false, wait: true, name: '', tail: 'all', replicas: undefined, last: -1, label: [], file: [] });
    expect([...parsed.changed]).toEqual([]);
  });

  it('reads a given flag as its parse gives it, every value of a list in order', () => {
    const argv = [
      '-d',
      '--wait=false',
      '--name',
      'web',
      '--tail=5',
      '--replicas',
      '3',
      '-n',
      '2',
      '--label',
      'a',
      '--label=b',
      '--file',
      'x,y',
      '--file=z',
    ];
    const parsed = parseFlags(FLAGS, argv, io);
    expect(parsed.flags).toEqual({
      detach: true,
      wait: false,
      name: 'web',
      tail: '5',
      replicas: 3,
      last: 2,
      label: ['a', 'b'],
      file: [['x', 'y'], ['z']],
    });
    expect([...parsed.changed].sort()).toEqual(['detach', 'file', 'label', 'last', 'name', 'replicas', 'tail', 'wait']);
  });

  it('types each value from its spec', () => {
    const { flags, changed } = parseFlags(FLAGS, [], io);
    expectTypeOf(flags).toEqualTypeOf<{
      detach: boolean;
      wait: boolean;
      name: string;
      tail: string;
      replicas: number | undefined;
      last: number;
      label: string[];
      file: string[][];
    }>();
    expectTypeOf(changed.has).parameter(0).toEqualTypeOf<'detach' | 'wait' | 'name' | 'tail' | 'replicas' | 'last' | 'label' | 'file'>();
  });
});
