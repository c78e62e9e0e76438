// Persistence for the simulated swarm: reads need no lock (the state file is only ever replaced whole);
// writes run read-modify-write under the inter-process lock (lock.ts) and commit the key, then
// payloads, then the state. The data key is kept by keys.ts (wrapped under the unlock key with
// autolock on) and an unlock is remembered by session.ts.
//
// What the store trusts and refuses is safe-fs.ts's model: a state directory only the user can
// write, nothing inside it followed, only bounded regular files read. A failed write removes what
// it wrote; a write that shrinks the state can always go through on a full disk, because a reserve
// file at least the state's size (state.json.reserve) is kept beside it and given up for it. A
// command that fails before it changes anything creates no directory.
import { closeSync, constants, openSync, readdirSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SeededEntropy } from '../determinism/entropy.js';
import { writeFileAtomic } from './atomic-file.js';
import { inWords, StoreFileError } from './file-errors.js';
import {
  canonicalUnlockKey,
  InvalidKeyFileError,
  KEY_FILE_VERSION,
  type KeyFile,
  type KeyFileV1,
  newKeyId,
  parseKeyFile,
  parseUnlockKey,
  serializeKeyFile,
  unwrapDataKey,
  wrapDataKey,
} from './keys.js';
import { acquireLock, type HeldLock } from './lock.js';
import type { StatePaths } from './paths.js';
import { newDataKey, openPayload, sealPayload } from './payload-cipher.js';
import { checkTrustedDir, lstatOrUndefined, makeDirs, readRegularFile, requireRegularOrAbsent } from './safe-fs.js';
import { readSession, removeSession, sessionPathFor, writeSession } from './session.js';
import { emptyState, type State } from './state.js';
import { readState, serializeState } from './state-layout.js';

/** Larger than any state the simulation can make (10,000 replicas of several services). */
const STATE_CAP = 256 << 20;
const KEY_CAP = 64 << 10;
/** A sealed payload: under 512000 bytes of secret, and a header. */
const PAYLOAD_CAP = 1 << 20;
/** The reserve holds the state's size and this much more (the lock record, a directory block). */
const RESERVE_SLACK = 8 << 10;
/** The reserve grows in steps of this many bytes, and a quarter of the state more. */
const RESERVE_STEP = 16 << 10;

const OPEN_APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0);

const noSpace = (err: unknown): boolean => ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException).code ?? '');

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

/** What one read-modify-write asked for, applied when it commits. */
interface Changes {
  puts: Map<string, Uint8Array>;
  drops: Set<string>;
  newKey?: { unlockKey?: string };
  rewrap?: { unlockKey?: string };
  dropAll: boolean;
}

const noChanges = (): Changes => ({ puts: new Map(), drops: new Set(), dropAll: false });

/** A transaction in progress (transaction()): the state every update and read sees until it commits. */
interface Pending {
  state: State;
  /** The state as read, serialized (serializeState): the commit writes only when it differs. */
  before: string;
  /** The size of the state file as read, to tell a growing write from a shrinking one. */
  bytes: number;
  changes: Changes;
}

export class StateStore {
  private lock: HeldLock | undefined;
  private memory: Memory | undefined;
  private pending: Pending | undefined;
  /** The state directory passed the trust check (once per process). */
  private dirTrusted = false;

  constructor(
    readonly paths: StatePaths,
    private readonly unlockSources: UnlockSources = {},
    /** A deterministic run's generator: each write continues it from the state's counter and stores where it stopped. */
    private readonly entropy?: SeededEntropy,
  ) {}

  /** The state; a member is decoded when first read, if the file's layout allows (state-layout.ts). */
  read(): State {
    if (this.pending) return structuredClone(this.pending.state);
    return this.readCommitted().state;
  }

  /**
   * Runs fn on the state and commits what it changed, under the lock. A change to a store whose
   * directory does not exist yet is first tried on an empty state, so a command that fails (or
   * changes nothing) creates no directory.
   */
  update<T>(fn: (tx: Transaction) => T): T {
    if (this.pending) return this.updatePending(fn);
    if (!this.stateDirReady()) {
      const changes = noChanges();
      const state = emptyState();
      const result = fn(this.transactionOn(state, changes));
      if (!hasChanges(changes) && JSON.stringify(state) === JSON.stringify(emptyState())) return result;
      this.makeStateDir();
    }
    return this.exclusive(() => {
      const { state, bytes } = this.readCommitted();
      this.resumeEntropy(state);
      const pending: Pending = { state, before: serializeState(state), bytes, changes: noChanges() };
      const result = fn(this.transactionOn(pending.state, pending.changes));
      this.commit(pending);
      return result;
    });
  }

  /**
   * Runs the asynchronous steps of fn as one change (stack deploy): every update they make goes to
   * a state held in memory under the lock, and is committed once when fn ends, also when it throws
   * (the steps done before a failure stay done, as docker leaves them). Killed before the end, the
   * command leaves the state as it was.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.pending || this.lock || !this.stateDirReady()) return fn();
    this.preflight();
    const lock = this.takeLock();
    lock.keepRenewing();
    this.lock = lock;
    try {
      const { state, bytes } = this.readCommitted();
      this.resumeEntropy(state);
      this.pending = { state, before: serializeState(state), bytes, changes: noChanges() };
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        this.commit(this.pending);
        throw err;
      }
      this.commit(this.pending);
      return result;
    } finally {
      this.pending = undefined;
      this.lock = undefined;
      lock.release();
    }
  }

  /** A secret's bytes; SwarmLockedError when the data key cannot be had. */
  readPayload(secretId: string): Buffer {
    const put = this.pending?.changes.puts.get(secretId);
    if (put) return Buffer.from(put);
    this.stateDirReady();
    this.payloadDirReady();
    const sealed = readRegularFile(this.payloadPath(secretId), 'secret payload', PAYLOAD_CAP);
    if (!sealed) throw new Error(`secret payload for ${secretId} is missing`);
    return openPayload(this.dataKey(), secretId, sealed);
  }

  /** Whether the data key is wrapped, and whether it can be unwrapped here and now. */
  keyStatus(): KeyStatus {
    const { doc, access } = this.keyAccess();
    if (!doc?.wrapped) return { autolock: false, locked: false };
    return { autolock: true, locked: access === undefined };
  }

  /** The autolock unlock key, or "" with autolock off; SwarmLockedError when locked. */
  unlockKey(): string {
    const { doc, access } = this.keyAccess();
    if (!doc?.wrapped) return '';
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
      const { doc, access } = this.keyAccess();
      if (!doc?.wrapped || access) throw new UnlockError('not locked');
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
        throw new Error(
          `the key is right, but tsecret cannot remember the unlock: ${(err as Error).message}; set TSECRET_UNLOCK_KEY instead`,
        );
      }
    });
  }

  // ---- reading ----

  /** The committed state and the size of its file; an empty state when there is none yet. */
  private readCommitted(): { state: State; bytes: number } {
    if (!this.stateDirReady()) return { state: emptyState(), bytes: 0 };
    const bytes = readRegularFile(this.paths.state, 'state file', STATE_CAP);
    if (!bytes) return { state: emptyState(), bytes: 0 };
    let text: string;
    try {
      text = bytes.toString('utf8');
    } catch {
      // more than V8's longest string
      throw new StoreFileError(`state file ${this.paths.state} is too large to read`);
    }
    return { state: readState(this.paths.state, text), bytes: bytes.length };
  }

  /** Whether the state directory exists; refuses one that others could change (safe-fs.ts). */
  private stateDirReady(): boolean {
    if (this.dirTrusted) return true;
    this.dirTrusted = checkTrustedDir(dirname(this.paths.state), 'state directory', true);
    return this.dirTrusted;
  }

  /** Whether the payload directory exists; it must be a real directory of the user's, never a link. */
  private payloadDirReady(): boolean {
    return checkTrustedDir(this.paths.payloads, 'payload directory', false);
  }

  private makeStateDir(): void {
    const dir = dirname(this.paths.state);
    makeDirs(dir, 0o700);
    this.dirTrusted = checkTrustedDir(dir, 'state directory', true);
  }

  /** The files a write replaces must be regular files (or absent); checked before the lock is taken. */
  private preflight(): void {
    requireRegularOrAbsent(this.paths.state, 'state file');
    requireRegularOrAbsent(this.paths.key, 'key file');
    this.payloadDirReady();
  }

  // ---- writing ----

  private transactionOn(state: State, changes: Changes): Transaction {
    return {
      state,
      putPayload: (id, data) => {
        changes.drops.delete(id);
        changes.puts.set(id, data);
      },
      dropPayload: (id) => {
        changes.puts.delete(id);
        changes.drops.add(id);
      },
      createKey: (unlockKey) => {
        changes.newKey = { unlockKey };
      },
      setUnlockKey: (unlockKey) => {
        changes.rewrap = { unlockKey };
      },
      dropAllSecrets: () => {
        changes.dropAll = true;
      },
    };
  }

  /** An update inside transaction(): applied to a copy, which replaces the pending state only if fn succeeds. */
  private updatePending<T>(fn: (tx: Transaction) => T): T {
    const pending = this.pending as Pending;
    const draft = structuredClone(pending.state);
    const changes = noChanges();
    const result = fn(this.transactionOn(draft, changes));
    if (changes.newKey || changes.rewrap || changes.dropAll) throw new Error('a key change cannot be part of a transaction');
    pending.state = draft;
    for (const [id, data] of changes.puts) pending.changes.puts.set(id, data);
    for (const id of changes.drops) {
      // a payload put earlier in the same transaction was never written
      if (!pending.changes.puts.delete(id)) pending.changes.drops.add(id);
    }
    return result;
  }

  /**
   * Writes what a read-modify-write changed: the key, then the payloads, then the state, each
   * atomically, the lock checked just before the state is committed. A failure before the state is
   * committed removes the payloads written for it.
   */
  private commit(pending: Pending): void {
    const lock = this.lock as HeldLock;
    const { changes } = pending;
    let dataKey: Buffer | undefined;
    let forget = false;
    if (changes.newKey) {
      dataKey = newDataKey();
      this.commitKey(newKeyId(), dataKey, changes.newKey.unlockKey);
      forget = !changes.newKey.unlockKey;
    } else if (changes.rewrap) {
      const { doc, access } = this.keyAccess();
      if (!doc || !access) throw new SwarmLockedError();
      this.commitKey(doc.keyId, access.dataKey, changes.rewrap.unlockKey);
      dataKey = access.dataKey;
      forget = !changes.rewrap.unlockKey;
    }
    const written: string[] = [];
    try {
      if (changes.puts.size) {
        const key = dataKey ?? this.dataKey();
        if (!this.payloadDirReady()) makeDirs(this.paths.payloads, 0o700);
        for (const [id, data] of changes.puts) {
          writeFileAtomic(this.payloadPath(id), sealPayload(key, id, data));
          written.push(this.payloadPath(id));
        }
      }
      // after the key and the payloads, which draw from it too
      this.recordEntropy(pending.state);
      // members nobody read are copied as they were (state-layout.ts)
      const after = serializeState(pending.state);
      if (after !== pending.before) this.writeState(after, pending.bytes, lock);
    } catch (err) {
      for (const path of written) unlinkQuietly(path);
      throw err;
    }
    if (forget || changes.dropAll) this.forgetUnlock();
    if (changes.dropAll) {
      this.removePayloadDir();
      unlinkQuietly(this.paths.key);
    }
    for (const id of changes.drops) unlinkQuietly(this.payloadPath(id));
    if (changes.puts.size || changes.drops.size) {
      try {
        this.sweep(pending.state);
      } catch {
        /* best effort: the change is committed, the leftovers wait for the next sweep */
      }
    }
  }

  /** A deterministic run's generator continues from where the committed state's draws stopped. */
  private resumeEntropy(state: State): void {
    if (this.entropy) this.entropy.position = state.deterministicDraws ?? 0;
  }

  /** ... and the state stores where they stop now. */
  private recordEntropy(state: State): void {
    if (this.entropy && this.entropy.position !== (state.deterministicDraws ?? 0)) state.deterministicDraws = this.entropy.position;
  }

  /**
   * Commits the state. A state that grows needs room in the reserve first (the write fails while
   * the disk cannot give it); one that does not grow may use the reserve's room when the disk is
   * full, and the reserve is made up again afterwards from what the write freed.
   */
  private writeState(text: string, oldBytes: number, lock: HeldLock): void {
    const bytes = Buffer.byteLength(text);
    if (bytes > oldBytes) this.keepReserve(bytes, true);
    const write = () => writeFileAtomic(this.paths.state, text, { beforeCommit: () => lock.assertHeld() });
    try {
      write();
    } catch (err) {
      if (!noSpace(err) || !this.dropReserve()) throw err;
      write();
    }
    try {
      this.keepReserve(bytes, false);
    } catch {
      /* best effort: the next write tries again */
    }
  }

  /** Grows the reserve to hold a state of `bytes`; must: fail (in the state's name) when the disk cannot. */
  private keepReserve(bytes: number, must: boolean): void {
    const path = this.paths.reserve;
    const st = lstatOrUndefined(path);
    if (st && !st.isFile()) {
      if (must) requireRegularOrAbsent(path, 'reserve file');
      return;
    }
    let size = st?.size ?? 0;
    if (size >= bytes + RESERVE_SLACK) return;
    const target = Math.ceil((bytes * 1.25 + RESERVE_SLACK) / RESERVE_STEP) * RESERVE_STEP;
    let fd: number;
    try {
      fd = openSync(path, OPEN_APPEND, 0o600);
    } catch (err) {
      if (must) throw inWords(err, path, 'open');
      return;
    }
    try {
      const zeros = Buffer.alloc(RESERVE_STEP);
      while (size < target) size += writeSync(fd, zeros, 0, Math.min(zeros.length, target - size));
    } catch (err) {
      if (must) throw inWords(err, noSpace(err) ? this.paths.state : path, 'write');
    } finally {
      closeSync(fd);
    }
  }

  /** Gives the reserve's room to a write; false when there was none. */
  private dropReserve(): boolean {
    try {
      unlinkSync(this.paths.reserve);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Under the lock no other writer is mid-write, so what a killed one left is garbage: its temp
   * files beside the state, and payloads (whole or temp) no committed secret names. Run by the
   * writes that touch payloads, so each crash's leftovers go at the next secret create or rm.
   * Only names are removed, never followed (unlink removes a link, not what it points to).
   */
  private sweep(state: State): void {
    // writeFileAtomic's temp names for the state and key files (not another state's in this directory)
    const base = basename(this.paths.state).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ours = new RegExp(`^\\.${base}(?:\\.key)?\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
    for (const name of readdirSync(dirname(this.paths.state))) {
      if (ours.test(name)) unlinkQuietly(join(dirname(this.paths.state), name));
    }
    if (!this.payloadDirReady()) return;
    const live = new Set(state.secrets.map((s) => s.ID));
    for (const name of readdirSync(this.paths.payloads)) if (!live.has(name)) unlinkQuietly(this.payloadPath(name));
  }

  /** swarm leave: every payload file, then the directory (a directory checked not to be a link). */
  private removePayloadDir(): void {
    if (!this.payloadDirReady()) return;
    for (const name of readdirSync(this.paths.payloads)) unlinkQuietly(this.payloadPath(name));
    try {
      rmdirSync(this.paths.payloads);
    } catch {
      /* something tsecret did not put there is left alone */
    }
  }

  private payloadPath(secretId: string): string {
    return join(this.paths.payloads, secretId);
  }

  // ---- the data key ----

  private dataKey(): Buffer {
    const { doc, access } = this.keyAccess();
    if (!doc) throw new InvalidKeyFileError(this.paths.key, 'the file is missing');
    if (!access) throw new SwarmLockedError();
    return access.dataKey;
  }

  /**
   * The key file and what opens it. A writer turning autolock off stores the key unwrapped and
   * then removes the session; a reader that read the wrapped key before and looked for the session
   * after would take the swarm for locked. So "locked" stands only when the key file did not change
   * while the means to open it were looked up.
   */
  private keyAccess(): { doc: KeyFile | undefined; access: Access | undefined } {
    let doc = this.keyFile();
    for (let attempt = 0; ; attempt++) {
      const access = doc && this.access(doc);
      if (!doc || access || attempt === 5) return { doc, access };
      const again = this.keyFile();
      if (JSON.stringify(again) === JSON.stringify(doc)) return { doc, access };
      doc = again;
    }
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
   * When the unlock cannot be remembered, nothing is written: a manager made or rotated with
   * autolock stays unlocked in docker, and would be locked here from the next command on.
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
    const memory = { keyId, wrapId: wrapped.id, dataKey, unlockKey };
    const sessionPath = this.sessionPath();
    if (sessionPath) {
      try {
        this.remember(sessionPath, memory);
      } catch (err) {
        throw new StoreFileError(
          `cannot remember the unlock, so the swarm would stay locked: ${(err as Error).message}; nothing was changed`,
        );
      }
    }
    this.memory = memory;
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
    if (!this.stateDirReady()) return undefined;
    const bytes = readRegularFile(this.paths.key, 'key file', KEY_CAP);
    return bytes && parseKeyFile(this.paths.key, bytes.toString('utf8'));
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
    const lock = this.lock;
    writeFileAtomic(this.paths.key, serializeKeyFile(doc), { beforeCommit: lock && (() => lock.assertHeld()) });
  }

  // ---- the lock ----

  /** Runs fn under the inter-process lock, or at once when this store already holds it. */
  private exclusive<T>(fn: () => T): T {
    if (this.lock) return fn();
    this.preflight();
    const lock = this.takeLock();
    this.lock = lock;
    try {
      return fn();
    } finally {
      this.lock = undefined;
      lock.release();
    }
  }

  /** The lock; on a full disk its record may take the reserve's room (a removal must get through). */
  private takeLock(): HeldLock {
    return acquireLock(this.paths.lock, { onNoSpace: () => this.dropReserve() });
  }
}

const hasChanges = (c: Changes): boolean =>
  c.puts.size > 0 || c.drops.size > 0 || c.dropAll || c.newKey !== undefined || c.rewrap !== undefined;

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* never written, already gone, or not a file */
  }
}
