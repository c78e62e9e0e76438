// Records the doctest fixtures' outputs from the real engine: for each file, the engine's swarm is
// reset (as the conformance recorder does: services removed, swarm left, task containers gone),
// then `tsecret doctest --engine docker --update --strict FILE` writes what docker printed for
// every command into the file. It runs on a copy of the file's directory, so what the tutorial's
// commands write (keys, certificates) stays out of the fixtures; only the Markdown file comes back.
// The swarm is put back at the end, as others expect it.
// With --check first, the files are only checked against the engine (nothing is written).
// usage: npm run record:doctest -- [--check] test/doctest/fixtures/NAME.md…   (takes the oracle lock)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ensureSwarm, resetEngine } from '../conformance/engine.js';

const check = process.argv[2] === '--check';
const files = process.argv.slice(check ? 3 : 2);
if (files.length === 0) {
  console.error('usage: npm run record:doctest -- [--check] FILE.md...');
  process.exit(2);
}
const cli = resolve('bin/tsecret.cjs');
let failed = false;
try {
  for (const file of files) {
    resetEngine('docker');
    const work = mkdtempSync(join(tmpdir(), 'tsecret-doctest-record-'));
    try {
      cpSync(dirname(file), work, { recursive: true });
      const copy = join(work, basename(file));
      const mode = check ? [] : ['--update', '--strict'];
      const r = spawnSync(process.execPath, ['--', cli, 'doctest', '--engine', 'docker', ...mode, copy], { stdio: 'inherit' });
      if (r.status !== 0) failed = true;
      if (!check) copyFileSync(copy, file);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
} finally {
  resetEngine('docker');
  ensureSwarm('docker');
}
process.exit(failed ? 1 : 0);
