// The README's console sessions run as shown and print what they show (tsecret doctest, --strict:
// every command's output is in the README); secret rotate's example, made against the services of
// a recording, is skipped (rotate.test.ts checks it).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from '../helpers/run.js';

describe('README', () => {
  it('passes tsecret doctest --strict', async () => {
    const r = await spawnCli(['doctest', '--strict', join(repoRoot, 'README.md')]);
    expect(r).toEqual({ stdout: '7 commands, 5 passed, 0 failed, 2 skipped\n', stderr: '', exit: 0 });
  });
});
