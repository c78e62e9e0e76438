// Persistence for the simulated swarm: reads need no lock (the state file is only ever replaced whole);
// writes run read-modify-write under the inter-process lock and commit payloads before the state.
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { withLock } from './lock.js';
import { newDataKey, openPayload, sealPayload } from './payload-cipher.js';
import { emptyState, parseState, type State } from './state.js';
import type { StatePaths } from './paths.js';

export interface Transaction {
  state: State;
  /** Stores a secret's bytes, sealed, when the transaction commits. */
  putPayload(secretId: string, data: Uint8Array): void;
  /** Deletes a secret's bytes once the state that no longer names it is committed. */
  dropPayload(secretId: string): void;
  /** Makes the swarm's data key (swarm init), keeping the autolock unlock key beside it if given. */
  createKey(unlockKey?: string): void;
  /** Replaces the autolock unlock key kept beside the data key (undefined: autolock off). */
  setUnlockKey(unlockKey: string | undefined): void;
  /** Forgets the key and every payload (swarm leave). */
  dropAllSecrets(): void;
}

export class StateStore {
  constructor(readonly paths: StatePaths) {}

  read(): State {
    let text: string;
    try {
      text = readFileSync(this.paths.state, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw err;
    }
    return parseState(this.paths.state, text);
  }

  update<T>(fn: (tx: Transaction) => T): T {
    this.ensureDir(dirname(this.paths.state));
    return withLock(this.paths.lock, () => {
      const state = this.read();
      const before = JSON.stringify(state);
      const puts = new Map<string, Uint8Array>();
      const drops = new Set<string>();
      let newKey: Buffer | undefined;
      let unlockKey: string | undefined;
      let unlockKeyChanged = false;
      let dropAll = false;
      const result = fn({
        state,
        putPayload: (id, data) => puts.set(id, data),
        dropPayload: (id) => drops.add(id),
        createKey: (unlock) => {
          newKey = newDataKey();
          unlockKey = unlock;
        },
        setUnlockKey: (unlock) => {
          unlockKey = unlock;
          unlockKeyChanged = true;
        },
        dropAllSecrets: () => {
          dropAll = true;
        },
      });
      if (newKey) this.writeKeyFile({ dataKey: newKey.toString('base64'), unlockKey });
      else if (unlockKeyChanged) this.writeKeyFile({ ...this.readKeyFile(), unlockKey });
      if (puts.size) {
        const key = newKey ?? this.readKey();
        this.ensureDir(this.paths.payloads);
        for (const [id, data] of puts) writeFileAtomic(this.payloadPath(id), sealPayload(key, id, data));
      }
      const after = JSON.stringify(state);
      if (after !== before) writeFileAtomic(this.paths.state, `${after}\n`);
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
      return result;
    });
  }

  readPayload(secretId: string): Buffer {
    return openPayload(this.readKey(), secretId, readFileSync(this.payloadPath(secretId)));
  }

  private payloadPath(secretId: string): string {
    return join(this.paths.payloads, secretId);
  }

  /** The autolock unlock key, or "" when the swarm was not made with --autolock. */
  readUnlockKey(): string {
    return this.readKeyFile().unlockKey ?? '';
  }

  private readKey(): Buffer {
    return Buffer.from(this.readKeyFile().dataKey, 'base64');
  }

  private writeKeyFile(doc: { dataKey: string; unlockKey?: string }): void {
    writeFileAtomic(this.paths.key, JSON.stringify({ version: 1, ...doc }));
  }

  private readKeyFile(): { dataKey: string; unlockKey?: string } {
    return JSON.parse(readFileSync(this.paths.key, 'utf8')) as { dataKey: string; unlockKey?: string };
  }

  private ensureDir(dir: string): void {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}
