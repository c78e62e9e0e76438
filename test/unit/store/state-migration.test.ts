// Version 3 state files (before configs, volumes and the engine's local networks) load as version 4.
import { describe, expect, it } from 'vitest';
import { parseState, STATE_VERSION } from '../../../src/store/state.js';

const swarm = {
  ID: 'x3ld5x6ehdbulkxwcg1w9l9v3',
  NodeID: 'c7i3s36plf37bup6z1mu7be1f',
  CreatedAt: '2026-11-28T09:00:00Z',
  UpdatedAt: '2026-11-28T09:00:00Z',
  RaftIndex: 12,
  JoinTokens: { Worker: 'w', Manager: 'm' },
  TaskHistoryRetentionLimit: 5,
  AutoLockManagers: false,
  AdvertiseAddr: '127.0.0.1:2377',
  ListenAddr: '0.0.0.0:2377',
  Availability: 'active',
};
const v3 = (withSwarm: boolean) =>
  JSON.stringify({ version: 3, swarm: withSwarm ? swarm : null, secrets: [], services: [], tasks: [], containers: [], networks: [] });

describe('state migration 3 → 4', () => {
  it('gives a swarm made before it the docker_gwbridge its init made, and no volumes', () => {
    const state = parseState('/s.json', v3(true));
    expect(state.version).toBe(STATE_VERSION);
    expect(state.volumes).toEqual([]);
    expect(state.localNetworks).toHaveLength(1);
    expect(state.localNetworks[0]).toMatchObject({
      Name: 'docker_gwbridge',
      Scope: 'local',
      Driver: 'bridge',
      Created: '2026-11-28T09:00:00Z',
    });
    expect(state.localNetworks[0].Id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives an engine outside a swarm no local network to add', () => {
    const state = parseState('/s.json', v3(false));
    expect(state.localNetworks).toEqual([]);
    expect(state.volumes).toEqual([]);
  });

  it('names a damaged volume field', () => {
    const doc = JSON.parse(v3(false));
    expect(() =>
      parseState('/s.json', JSON.stringify({ ...doc, version: 4, configs: [], localNetworks: [], volumes: [{ Name: 3 }] })),
    ).toThrow('invalid state file /s.json: field "volumes[0].CreatedAt" is missing');
  });
});
