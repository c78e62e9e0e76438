// Persistence for the simulated swarm: reads need no lock (the state file is only ever replaced whole);
// writes run read-modify-write under the inter-process lock and commit the key, then payloads, then
// the state. The data key is kept by keys.ts (wrapped under the unlock key with autolock on) and an
// unlock is remembered by session.ts.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { withLock } from './lock.js';
import { newDataKey, openPayload, sealPayload } from './payload-cipher.js';
import {
  canonicalUnlockKey,
  InvalidKeyFileError,
  KEY_FILE_VERSION,
  newKeyId,
  parseKeyFile,
  parseUnlockKey,
  serializeKeyFile,
  unwrapDataKey,
  wrapDataKey,
  type KeyFile,
  type KeyFileV1,
} from './keys.js';
import { readSession, removeSession, sessionPathFor, writeSession } from './session.js';
import { readState, serializeState } from './state-layout.js';
import { emptyState, type State } from './state.js';
import type { StatePaths } from './paths.js';

export interface Transaction {
  state: State;
  /** Stores a secret's bytes, sealed, when the transaction commits. */
  putPayload(secretId: string, data: Uint8Array): void;
  /** Deletes a secret's bytes once the state that no longer names it is committed. */
  dropPayload(secretId: string): void;
  /** Makes the swarm's data key (swarm init), wrapped under the autolock unlock key if one is given. */
  createKey(unlockKey?: string): void;
  /** Wraps the data key under a new unlock key, or (undefined: autolock off) stores it unwrapped. */
  setUnlockKey(unlockKey: string | undefined): void;
  /** Forgets the key, every payload and the remembered unlock (swarm leave). */
  dropAllSecrets(): void;
}

/** Where an invocation may find the means to open a locked swarm. */
export interface UnlockSources {
  /** The directory of remembered unlocks (session.ts); undefined: none are read or written. */
  sessionDir?: string;
  /** An unlock key for this invocation only (TSECRET_UNLOCK_KEY); never stored. */
  unlockKey?: string;
}

/** The data key is wrapped and nothing at hand unwraps it. */
export class SwarmLockedError extends Error {
  constructor() {
    super('the swarm is locked');
  }
}

/** Why `swarm unlock` failed: the swarm is not locked, the key is not SWMKEY-1-<base64>, or it is the wrong key. */
export class UnlockError extends Error {
  constructor(readonly reason: 'not locked' | 'invalid key string' | 'invalid key') {
    super(reason);
  }
}

export interface KeyStatus {
  /** The data key is stored wrapped under an unlock key. */
  autolock: boolean;
  /** ... and neither this process, a session nor TSECRET_UNLOCK_KEY can unwrap it. */
  locked: boolean;
}

/** The data key in hand, and the unlock key that opens it ('' with autolock off, undefined if unknown). */
interface Access {
  dataKey: Buffer;
  unlockKey: string | undefined;
}

/** What this process learnt by making or unwrapping the key: the manager's memory. */
interface Memory {
  keyId: string;
  wrapId: string;
  dataKey: Buffer;
  unlockKey: string;
}

export class StateStore {
  private inLock = false;
  private memory: Memory | undefined;

  constructor(
    readonly paths: StatePaths,
    private readonly unlockSources: UnlockSources = {},
  ) {}

  /** The state; a member is decoded when first read, if the file's layout allows (state-layout.ts). */
  read(): State {
    let text: string;
    try {
      text = readFileSync(this.paths.state, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw err;
    }
    return readState(this.paths.state, text);
  }

  update<T>(fn: (tx: Transaction) => T): T {
    this.ensureDir(dirname(this.paths.state));
    return this.exclusive(() => {
      const state = this.read();
      const before = serializeState(state);
      const puts = new Map<string, Uint8Array>();
      const drops = new Set<string>();
      let newKey: { unlockKey?: string } | undefined;
      let rewrap: { unlockKey?: string } | undefined;
      let dropAll = false;
      const result = fn({
        state,
        putPayload: (id, data) => puts.set(id, data),
        dropPayload: (id) => drops.add(id),
        createKey: (unlockKey) => {
          newKey = { unlockKey };
        },
        setUnlockKey: (unlockKey) => {
          rewrap = { unlockKey };
        },
        dropAllSecrets: () => {
          dropAll = true;
        },
      });
      let dataKey: Buffer | undefined;
      let forget = false;
      if (newKey) {
        dataKey = newDataKey();
        this.commitKey(newKeyId(), dataKey, newKey.unlockKey);
        forget = !newKey.unlockKey;
      } else if (rewrap) {
        const doc = this.keyFile();
        const access = doc && this.access(doc);
        if (!doc || !access) throw new SwarmLockedError();
        this.commitKey(doc.keyId, access.dataKey, rewrap.unlockKey);
        dataKey = access.dataKey;
        forget = !rewrap.unlockKey;
      }
      if (puts.size) {
        const key = dataKey ?? this.dataKey();
        this.ensureDir(this.paths.payloads);
        for (const [id, data] of puts) writeFileAtomic(this.payloadPath(id), sealPayload(key, id, data));
      }
      const after = serializeState(state);
      if (after !== before) writeFileAtomic(this.paths.state, after);
      if (forget || dropAll) this.forgetUnlock();
      if (dropAll) {
        rmSync(this.paths.payloads, { recursive: true, force: true });
        rmSync(this.paths.key, { force: true });
      }
      for (const id of drops) {
        try {
          unlinkSync(this.payloadPath(id));
        } catch {
          /* never written or already gone */
        }
      }
      if (puts.size || drops.size) {
        try {
          this.sweep(state);
        } catch {
          /* best effort: the change is committed, the leftovers wait for the next sweep */
        }
      }
      return result;
    });
  }

  /** A secret's bytes; SwarmLockedError when the data key cannot be had. */
  readPayload(secretId: string): Buffer {
    let sealed: Buffer;
    try {
      sealed = readFileSync(this.payloadPath(secretId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`secret payload for ${secretId} is missing`);
      throw err;
    }
    return openPayload(this.dataKey(), secretId, sealed);
  }

  /** Whether the data key is wrapped, and whether it can be unwrapped here and now. */
  keyStatus(): KeyStatus {
    const doc = this.keyFile();
    if (!doc?.wrapped) return { autolock: false, locked: false };
    return { autolock: true, locked: this.access(doc) === undefined };
  }

  /** The autolock unlock key, or "" with autolock off; SwarmLockedError when locked. */
  unlockKey(): string {
    const doc = this.keyFile();
    if (!doc?.wrapped) return '';
    const access = this.access(doc);
    if (!access) throw new SwarmLockedError();
    if (access.unlockKey === undefined) {
      // only after a rotation killed between its two writes: the data key is known, its new unlock key is not
      throw new Error('the current unlock key is not known to this session; make a new one with `tsecret swarm unlock-key --rotate`');
    }
    return access.unlockKey;
  }

  /** `swarm unlock`: checks the key against the wrapped data key and remembers the unlock. */
  unlock(humanKey: string): void {
    this.exclusive(() => {
      const doc = this.keyFile();
      if (!doc?.wrapped || this.access(doc)) throw new UnlockError('not locked');
      const bytes = parseUnlockKey(humanKey);
      if (!bytes) throw new UnlockError('invalid key string');
      const dataKey = unwrapDataKey(doc.wrapped, bytes, doc.keyId);
      if (!dataKey) throw new UnlockError('invalid key');
      const memory = { keyId: doc.keyId, wrapId: doc.wrapped.id, dataKey, unlockKey: canonicalUnlockKey(bytes) };
      this.memory = memory;
      const sessionPath = this.sessionPath();
      if (!sessionPath) return;
      try {
        this.remember(sessionPath, memory);
      } catch (err) {
        throw new Error(`the key is right, but tsecret cannot remember the unlock: ${(err as Error).message}; set TSECRET_UNLOCK_KEY instead`);
      }
    });
  }

  /**
   * Under the lock no other writer is mid-write, so what a killed one left is garbage: its temp
   * files beside the state, and payloads (whole or temp) no committed secret names. Run by the
   * writes that touch payloads, so each crash's leftovers go at the next secret create or rm.
   */
  private sweep(state: State): void {
    // writeFileAtomic's temp names for the state and key files (not another state's in this directory)
    const base = basename(this.paths.state).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ours = new RegExp(`^\\.${base}(?:\\.key)?\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
    for (const name of readdirSync(dirname(this.paths.state))) {
      if (ours.test(name)) rmSync(join(dirname(this.paths.state), name), { force: true });
    }
    let names: string[];
    try {
      names = readdirSync(this.paths.payloads);
    } catch {
      return;
    }
    const live = new Set(state.secrets.map((s) => s.ID));
    for (const name of names) if (!live.has(name)) rmSync(this.payloadPath(name), { force: true });
  }

  private payloadPath(secretId: string): string {
    return join(this.paths.payloads, secretId);
  }

  private dataKey(): Buffer {
    const doc = this.keyFile();
    if (!doc) throw new InvalidKeyFileError(this.paths.key, 'the file is missing');
    const access = this.access(doc);
    if (!access) throw new SwarmLockedError();
    return access.dataKey;
  }

  /**
   * The data key and unlock key, from (in this order) the key file itself (autolock off), this
   * process's memory, a session made for this key, or TSECRET_UNLOCK_KEY; undefined: locked.
   */
  private access(doc: KeyFile): Access | undefined {
    if (doc.dataKey) return { dataKey: Buffer.from(doc.dataKey, 'base64'), unlockKey: '' };
    const wrapped = doc.wrapped as NonNullable<KeyFile['wrapped']>;
    const known = [this.memory, this.readSession()].filter((m): m is Memory => m?.keyId === doc.keyId);
    const current = known.find((m) => m.wrapId === wrapped.id);
    if (current) return { dataKey: current.dataKey, unlockKey: current.unlockKey };
    const fromEnv = this.unlockSources.unlockKey ? parseUnlockKey(this.unlockSources.unlockKey) : undefined;
    const dataKey = fromEnv && unwrapDataKey(wrapped, fromEnv, doc.keyId);
    if (fromEnv && dataKey) return { dataKey, unlockKey: canonicalUnlockKey(fromEnv) };
    // a session of this key whose unlock key an interrupted rotation replaced: still unlocked
    if (known.length) return { dataKey: known[0].dataKey, unlockKey: undefined };
    return undefined;
  }

  /**
   * Writes the key file for dataKey, wrapped if an unlock key is given. The unlock is remembered
   * first: killed in between, a rotation leaves the old wrapping (which the old key still opens)
   * and a session that still holds the data key, never a wrapping under a key nobody has seen.
   */
  private commitKey(keyId: string, dataKey: Buffer, unlockKey: string | undefined): void {
    if (!unlockKey) {
      this.writeKeyFile({ version: KEY_FILE_VERSION, keyId, dataKey: dataKey.toString('base64') });
      this.memory = undefined;
      return;
    }
    const bytes = parseUnlockKey(unlockKey);
    if (!bytes) throw new Error('malformed unlock key');
    const wrapped = wrapDataKey(dataKey, bytes, keyId);
    // A manager stays unlocked after init, update --autolock and rotation; without a session this
    // process still knows the key, and TSECRET_UNLOCK_KEY or `swarm unlock` can open it later.
    this.memory = { keyId, wrapId: wrapped.id, dataKey, unlockKey };
    const sessionPath = this.sessionPath();
    if (sessionPath) {
      try {
        this.remember(sessionPath, this.memory);
      } catch {
        /* best effort: the unlock key was made and is printed */
      }
    }
    this.writeKeyFile({ version: KEY_FILE_VERSION, keyId, wrapped });
  }

  private remember(sessionPath: string, m: Memory): void {
    writeSession(sessionPath, {
      version: 1,
      state: this.paths.state,
      keyId: m.keyId,
      wrapId: m.wrapId,
      dataKey: m.dataKey.toString('base64'),
      unlockKey: m.unlockKey,
    });
  }

  private forgetUnlock(): void {
    this.memory = undefined;
    const sessionPath = this.sessionPath();
    if (sessionPath) removeSession(sessionPath);
  }

  private sessionPath(): string | undefined {
    return this.unlockSources.sessionDir ? sessionPathFor(this.unlockSources.sessionDir, this.paths.state) : undefined;
  }

  private readSession(): Memory | undefined {
    const path = this.sessionPath();
    const s = path ? readSession(path) : undefined;
    return s && { keyId: s.keyId, wrapId: s.wrapId, dataKey: Buffer.from(s.dataKey, 'base64'), unlockKey: s.unlockKey };
  }

  /** The key file, migrated to the current format first if need be; undefined when there is none. */
  private keyFile(): KeyFile | undefined {
    const doc = this.readKeyFile();
    if (!doc || doc.version === KEY_FILE_VERSION) return doc;
    return this.exclusive(() => {
      // another process may have migrated it while this one waited for the lock
      const again = this.readKeyFile();
      return !again || again.version === KEY_FILE_VERSION ? again : this.migrate(again);
    });
  }

  private readKeyFile(): KeyFile | KeyFileV1 | undefined {
    let text: string;
    try {
      text = readFileSync(this.paths.key, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return parseKeyFile(this.paths.key, text);
  }

  /**
   * Version 1 kept the unlock key in plaintext beside the data key. It becomes a wrapped data key,
   * and since the plaintext unlock key is known this once, the swarm is left unlocked (remembered),
   * as a manager is after an upgrade that did not restart it.
   */
  private migrate(old: KeyFileV1): KeyFile {
    const keyId = newKeyId();
    const dataKey = Buffer.from(old.dataKey, 'base64');
    if (old.unlockKey && !parseUnlockKey(old.unlockKey)) throw new InvalidKeyFileError(this.paths.key, 'malformed unlock key');
    this.commitKey(keyId, dataKey, old.unlockKey);
    return this.readKeyFile() as KeyFile;
  }

  private writeKeyFile(doc: KeyFile): void {
    writeFileAtomic(this.paths.key, serializeKeyFile(doc));
  }

  /** Runs fn under the inter-process lock, or at once when this store already holds it. */
  private exclusive<T>(fn: () => T): T {
    if (this.inLock) return fn();
    return withLock(this.paths.lock, () => {
      this.inLock = true;
      try {
        return fn();
      } finally {
        this.inLock = false;
      }
    });
  }

  private ensureDir(dir: string): void {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}
