// The data key at rest: the unlock key's parsing (swarmkit's), wrapping and unwrapping, the key
// file's format and migration, and what parallel processes do to an autolocked store.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalUnlockKey,
  InvalidKeyFileError,
  parseKeyFile,
  parseUnlockKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../../src/store/keys.js';
import { statePaths } from '../../../src/store/paths.js';
import { emptyState } from '../../../src/store/state.js';
import { StateStore, SwarmLockedError, type UnlockError } from '../../../src/store/state-store.js';
import { spawnCli, tempDir } from '../../helpers/run.js';

const KEY = Buffer.alloc(32, 0xab);
const HUMAN = canonicalUnlockKey(KEY);

function store(opts: { sessionDir?: string; unlockKey?: string } = {}): {
  store: StateStore;
  dir: string;
  runtime: string;
  with: (o: { unlockKey?: string }) => StateStore;
} {
  const dir = tempDir();
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  const paths = statePaths(join(dir, 'state', 'state.json'));
  const sessionDir = opts.sessionDir ?? join(runtime, 'tsecret');
  return {
    store: new StateStore(paths, { sessionDir, unlockKey: opts.unlockKey }),
    dir,
    runtime,
    with: (o) => new StateStore(paths, { sessionDir: join(dir, 'elsewhere'), ...o }),
  };
}

/** A swarm (metadata only) with one secret, made by the given store. */
function initWith(s: StateStore, unlockKey?: string): void {
  s.update((tx) => {
    tx.state = Object.assign(tx.state, emptyState());
    tx.state.secrets.push({ ID: 'a'.repeat(25), Version: { Index: 1 }, CreatedAt: '', UpdatedAt: '', Spec: { Name: 'a', Labels: {} } });
    tx.createKey(unlockKey);
    tx.putPayload('a'.repeat(25), Buffer.from('payload'));
  });
}

describe('unlock key parsing (swarmkit ParseHumanReadableKey)', () => {
  it('takes SWMKEY-1- and unpadded standard base64 of any length', () => {
    expect(parseUnlockKey(HUMAN)).toEqual(KEY);
    expect(parseUnlockKey('SWMKEY-1-')).toEqual(Buffer.alloc(0));
    expect(parseUnlockKey('SWMKEY-1-AAAA')).toEqual(Buffer.alloc(3));
    expect(parseUnlockKey('SWMKEY-1-AA')).toEqual(Buffer.alloc(1));
    // Go's decoder skips CR and LF
    expect(parseUnlockKey(`${HUMAN.slice(0, 20)}\r\n${HUMAN.slice(20)}`)).toEqual(KEY);
  });

  it('refuses what Go refuses', () => {
    for (const bad of [
      '',
      'SWMKEY-2-AAAA',
      'swmkey-1-AAAA',
      `${HUMAN}=`,
      'SWMKEY-1-A',
      'SWMKEY-1-AAAA-',
      'SWMKEY-1-AA AA',
      'SWMKEY-1-AA_A',
      ` ${HUMAN}`,
    ]) {
      expect([bad, parseUnlockKey(bad)]).toEqual([bad, undefined]);
    }
  });

  it('prints keys as swarm does: 43 base64 characters without padding', () => {
    expect(HUMAN).toMatch(/^SWMKEY-1-[A-Za-z0-9+/]{43}$/);
  });
});

describe('data key wrapping', () => {
  it('only the same unlock key and key id unwrap the data key', () => {
    const dek = Buffer.alloc(32, 1);
    const w = wrapDataKey(dek, KEY, 'id1');
    expect(unwrapDataKey(w, KEY, 'id1')).toEqual(dek);
    expect(unwrapDataKey(w, Buffer.alloc(32, 0xac), 'id1')).toBeUndefined();
    expect(unwrapDataKey(w, KEY, 'id2')).toBeUndefined();
    expect(unwrapDataKey(w, Buffer.alloc(0), 'id1')).toBeUndefined();
    // a fresh salt and nonce each time
    const again = wrapDataKey(dek, KEY, 'id1');
    expect(again.sealed).not.toBe(w.sealed);
    expect(again.salt).not.toBe(w.salt);
    expect(again.id).not.toBe(w.id);
  });

  it('the key file holds either the data key or its wrapping, never the unlock key', () => {
    const s = store();
    initWith(s.store, HUMAN);
    const text = readFileSync(s.store.paths.key, 'utf8');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['keyId', 'version', 'wrapped']);
    expect(text).not.toContain(HUMAN.slice(9));
    expect(parseKeyFile('k', text)).toMatchObject({ version: 2, wrapped: { kdf: 'hkdf-sha256' } });
  });

  const damaged: [string, string, RegExp][] = [
    ['garbage', '\u00de\u00ad', /not valid JSON/],
    ['empty', '', /the file is empty/],
    ['an array', '[]', /not a JSON object/],
    ['from a newer tsecret', '{"version":3}', /version 3 is newer/],
    ['without a version', '{"dataKey":"x"}', /no version field/],
    ['version 1 without a data key', '{"version":1}', /no data key/],
    ['version 2 with both keys', `{"version":2,"keyId":"k","dataKey":"${KEY.toString('base64')}","wrapped":{}}`, /exactly one/],
    ['version 2 with a short key', '{"version":2,"keyId":"k","dataKey":"AAAA"}', /malformed data key/],
    ['version 2 with a bad wrapping', '{"version":2,"keyId":"k","wrapped":{"id":"x","kdf":"scrypt"}}', /malformed wrapped data key/],
  ];
  for (const [what, text, reason] of damaged) {
    it(`refuses a key file: ${what}`, () => {
      expect(() => parseKeyFile('/p/state.json.key', text)).toThrow(InvalidKeyFileError);
      expect(() => parseKeyFile('/p/state.json.key', text)).toThrow(reason);
    });
  }
});

describe('state store with autolock', () => {
  it('is locked without a session or key, and unlocked by either', () => {
    const s = store();
    initWith(s.store, HUMAN);
    expect(s.store.keyStatus()).toEqual({ autolock: true, locked: false });
    expect(s.store.readPayload('a'.repeat(25)).toString()).toBe('payload');
    const fresh = s.with({});
    expect(fresh.keyStatus()).toEqual({ autolock: true, locked: true });
    expect(() => fresh.readPayload('a'.repeat(25))).toThrow(SwarmLockedError);
    expect(() => fresh.unlockKey()).toThrow(SwarmLockedError);
    expect(() => fresh.update((tx) => tx.putPayload('b'.repeat(25), Buffer.from('x')))).toThrow(SwarmLockedError);
    expect(() => fresh.update((tx) => tx.setUnlockKey(undefined))).toThrow(SwarmLockedError);
    const viaEnv = s.with({ unlockKey: HUMAN });
    expect(viaEnv.keyStatus().locked).toBe(false);
    expect(viaEnv.unlockKey()).toBe(HUMAN);
    expect(viaEnv.readPayload('a'.repeat(25)).toString()).toBe('payload');
  });

  it('unlock: checks the key, then remembers the unlock in the session dir', () => {
    const s = store();
    initWith(s.store, HUMAN);
    const other = new StateStore(s.store.paths, { sessionDir: join(s.dir, 'other-login') });
    const reason = (key: string): string | undefined => {
      try {
        other.unlock(key);
        return undefined;
      } catch (err) {
        return (err as UnlockError).reason;
      }
    };
    expect(reason('nope')).toBe('invalid key string');
    expect(reason(canonicalUnlockKey(Buffer.alloc(32)))).toBe('invalid key');
    expect(readdirSync(s.dir)).not.toContain('other-login');
    expect(reason(HUMAN)).toBeUndefined();
    expect(readdirSync(join(s.dir, 'other-login'))).toHaveLength(1);
    expect(reason(HUMAN)).toBe('not locked');
    const later = new StateStore(s.store.paths, { sessionDir: join(s.dir, 'other-login') });
    expect(later.keyStatus().locked).toBe(false);
  });

  it('a session made for an earlier swarm at the same path does not open a new one', () => {
    const s = store();
    initWith(s.store, HUMAN);
    const session = readdirSync(join(s.runtime, 'tsecret'))[0];
    const stale = readFileSync(join(s.runtime, 'tsecret', session));
    s.store.update((tx) => tx.dropAllSecrets());
    initWith(s.store, canonicalUnlockKey(Buffer.alloc(32, 9)));
    writeFileSync(join(s.runtime, 'tsecret', session), stale, { mode: 0o600 });
    expect(new StateStore(s.store.paths, { sessionDir: join(s.runtime, 'tsecret') }).keyStatus().locked).toBe(true);
  });

  it('a session whose rotation was cut short keeps the swarm unlocked, but does not vouch for the key', () => {
    const s = store();
    initWith(s.store, HUMAN);
    const sessionDir = join(s.runtime, 'tsecret');
    const file = join(sessionDir, readdirSync(sessionDir)[0]);
    const session = JSON.parse(readFileSync(file, 'utf8')) as { wrapId: string; unlockKey: string };
    writeFileSync(file, JSON.stringify({ ...session, wrapId: 'elsewhere', unlockKey: 'SWMKEY-1-stale' }), { mode: 0o600 });
    const next = new StateStore(s.store.paths, { sessionDir });
    expect(next.keyStatus().locked).toBe(false);
    expect(() => next.unlockKey()).toThrow(/unlock-key --rotate/);
    next.update((tx) => tx.setUnlockKey(canonicalUnlockKey(Buffer.alloc(32, 5))));
    expect(new StateStore(s.store.paths, { sessionDir }).unlockKey()).toBe(canonicalUnlockKey(Buffer.alloc(32, 5)));
  });
});

describe('parallel processes on an autolocked swarm', () => {
  it('lose no update while the unlock key rotates under them', async () => {
    const dir = tempDir();
    const runtime = join(dir, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const env = { TSECRET_STATE: join(dir, 'state', 'state.json'), XDG_RUNTIME_DIR: runtime };
    expect((await spawnCli(['swarm', 'init', '--advertise-addr', '127.0.0.1', '--autolock'], { env })).exit).toBe(0);
    const jobs = [
      ...Array.from({ length: 24 }, (_, i) => spawnCli(['secret', 'create', `s${i}`, '-'], { env, stdin: `value ${i}` })),
      ...Array.from({ length: 4 }, () => spawnCli(['swarm', 'unlock-key', '-q', '--rotate'], { env })),
    ];
    const results = await Promise.all(jobs);
    for (const r of results) expect(r).toMatchObject({ exit: 0, stderr: '' });
    const ls = await spawnCli(['secret', 'ls', '--format', '{{.Name}}'], { env });
    expect(ls.stdout.split('\n').filter(Boolean).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `s${i}`).sort());
    // the key the last rotation left is the one that opens the restarted manager
    const key = (await spawnCli(['swarm', 'unlock-key', '-q'], { env })).stdout.trim();
    const restarted = { ...env, XDG_RUNTIME_DIR: join(dir, 'after-reboot') };
    mkdirSync(restarted.XDG_RUNTIME_DIR, { mode: 0o700 });
    expect(await spawnCli(['secret', 'ls', '-q'], { env: restarted })).toMatchObject({ exit: 1 });
    expect(await spawnCli(['swarm', 'unlock'], { env: restarted, stdin: `${key}\n` })).toMatchObject({ exit: 0, stderr: '' });
    const store = new StateStore(statePaths(env.TSECRET_STATE), { sessionDir: join(restarted.XDG_RUNTIME_DIR, 'tsecret') });
    const state = store.read();
    for (const secret of state.secrets) expect(store.readPayload(secret.ID).toString()).toBe(`value ${secret.Spec.Name.slice(1)}`);
  });
});
