// TSECRET_DETERMINISTIC=1: the same script on a fresh state gives the same bytes on stdout, on
// stderr and in every file under the state directory, run after run; without it nothing repeats.

import { spawnSync } from 'node:child_process';
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey, SeededEntropy, systemEntropy, useEntropy } from '../../src/determinism/entropy.js';
import { NOT_PROTECTED_WARNING } from '../../src/determinism/settings.js';
import { builtCli, spawnCli, tempDir } from '../helpers/run.js';

/** Every kind of random value: IDs, tokens, CA, unlock key, data key and its wrapping, payloads, names. */
const SCRIPT = `
t() { node -- "$CLI" "$@"; }
t swarm init --advertise-addr 127.0.0.1 --autolock
printf 'first value' | t secret create first -
printf 'second value' | t secret create --label env=ci second -
t service create -d --name web --secret first --secret second nginx:latest
t service create -d -q nginx:latest
t service ls
t service ps web
t ps -a
t secret inspect first
t swarm ca
t swarm join-token worker
t swarm join-token --rotate manager
t swarm unlock-key --rotate
t service update -d --secret-rm second web
t exec "$(t ps -q --filter name=web)" cat /run/secrets/first; echo
t exec "$(t ps -q --filter name=web)" bash -c 'echo $RANDOM'
t secret ls
`;

function runScript(env: Record<string, string> = {}): { stdout: string; stderr: string; files: Map<string, Buffer>; dir: string } {
  const dir = tempDir('tsecret-det-');
  const r = spawnSync('bash', ['-c', SCRIPT], {
    env: {
      ...process.env,
      CLI: builtCli,
      TSECRET_STATE: join(dir, 'state', 'state.json'),
      XDG_RUNTIME_DIR: join(dir, 'run'),
      TSECRET_DETERMINISTIC: '1',
      TSECRET_SEED: '',
      SOURCE_DATE_EPOCH: '',
      ...env,
    },
    encoding: 'utf8',
  });
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  // the state directory; the remembered unlock lives outside it, named after the state's path
  walk(join(dir, 'state'));
  return { stdout: r.stdout, stderr: r.stderr, files, dir };
}

describe('deterministic runs', () => {
  let a: ReturnType<typeof runScript>;
  beforeAll(() => {
    a = runScript();
  });

  it('give identical stdout, stderr and state files, run after run', () => {
    const b = runScript();
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    expect([...b.files.keys()].sort()).toEqual([...a.files.keys()].sort());
    expect([...a.files.keys()].some((f) => f.includes('payloads'))).toBe(true);
    for (const [name, bytes] of a.files) expect(b.files.get(name)?.equals(bytes), name).toBe(true);
    // the run did what the script says (so identical output is not identical failure)
    expect(a.stdout).toContain('first value\n');
    expect(a.stdout).toMatch(/^ {4}SWMKEY-1-/m);
    expect(a.stdout).toMatch(/^\d+\n/m); // bash's $RANDOM in the container
    expect(a.stdout).toMatch(/^web\.1\.[0-9a-z]{25}|\bweb\.1 /m);
    expect(a.stderr.split('\n').filter((l) => l === NOT_PROTECTED_WARNING)).toHaveLength(1);
  });

  it('draw new values for each command instead of repeating the last', () => {
    const { stdout } = a;
    const ids = stdout.match(/\b(?=[a-z]*\d)[0-9a-z]{25}\b/g) ?? [];
    const [first, second] = stdout.split('\n').filter((l) => /^[0-9a-z]{25}$/.test(l));
    expect(first).not.toBe(second);
    expect(new Set(ids).size).toBeGreaterThan(5);
  });

  it('follow TSECRET_SEED and SOURCE_DATE_EPOCH', () => {
    const base = a;
    const seeded = runScript({ TSECRET_SEED: 'another seed' });
    expect(seeded.stdout).not.toBe(base.stdout);
    expect(base.stdout).toContain('"CreatedAt": "2025-01-01T00:00:00Z"');
    const epoch = runScript({ SOURCE_DATE_EPOCH: '1700000000' });
    expect(epoch.stdout).toContain('"CreatedAt": "2023-11-14T22:13:20Z"');
    const cert = new X509Certificate(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(epoch.stdout)![0]);
    expect(cert.validFrom).toBe('Nov 14 21:13:20 2023 GMT');
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('change nothing without the variable', () => {
    const a = runScript({ TSECRET_DETERMINISTIC: '' });
    const b = runScript({ TSECRET_DETERMINISTIC: '' });
    expect(a.stderr).not.toContain(NOT_PROTECTED_WARNING);
    expect(a.stdout).not.toBe(b.stdout);
    expect(a.files.get(join('state', 'state.json'))!.toString()).not.toContain('deterministicDraws');
  });

  it('refuse a value they cannot use, in one line', async () => {
    const state = join(tempDir(), 'state.json');
    expect(await spawnCli(['secret', 'ls'], { env: { TSECRET_STATE: state, TSECRET_DETERMINISTIC: 'yes' } })).toEqual({
      stdout: '',
      stderr: 'tsecret: TSECRET_DETERMINISTIC must be 1 (on) or 0 (off), not "yes"\n',
      exit: 1,
    });
    expect(
      await spawnCli(['secret', 'ls'], { env: { TSECRET_STATE: state, TSECRET_DETERMINISTIC: '1', SOURCE_DATE_EPOCH: '2024-01-01' } }),
    ).toEqual({
      stdout: '',
      stderr: 'tsecret: SOURCE_DATE_EPOCH must be a whole number of seconds, not "2024-01-01"\n',
      exit: 1,
    });
  });
});

describe('seeded signing key', () => {
  it('signs verifiably, and the same seed and position give the same key and signature', () => {
    try {
      const sign = () => {
        useEntropy(new SeededEntropy('s'));
        const key = newSigningKey();
        return { spki: key.spki, sig: key.sign(Buffer.from('data')) };
      };
      const a = sign();
      const b = sign();
      expect(b.spki.equals(a.spki)).toBe(true);
      expect(b.sig.equals(a.sig)).toBe(true);
      const pub = createPublicKey({ key: a.spki, format: 'der', type: 'spki' });
      expect(verify('sha256', Buffer.from('data'), pub, a.sig)).toBe(true);
      expect(verify('sha256', Buffer.from('other'), pub, a.sig)).toBe(false);
    } finally {
      useEntropy(systemEntropy);
    }
  });
});
