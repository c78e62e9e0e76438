// Merging several compose files as docker's loader does (mergo WithOverride + WithAppendSlice and
// docker's special cases). Expectations observed with docker CLI 28.2.2 (`stack config -c a -c b`).
import { describe, expect, it } from 'vitest';
import { loadComposeFiles } from '../../../src/compose/load.js';

const merged = (...contents: string[]) =>
  loadComposeFiles({ workingDir: '/w', env: {}, files: contents.map((content, i) => ({ filename: `f${i}.yml`, content })) }).config;

const web = (body: string) => `version: "3.8"\nservices:\n  web:\n${body}`;

describe('service merge', () => {
  const base = web(`    image: nginx:1
    command: [a, b]
    cap_add: [A]
    environment: {A: "1", B: "2", N: null}
    labels: [l1=a]
    ports: ["8080:80", "9090:90"]
    secrets: [s1, {source: s2, target: t2}]
    volumes: ["data:/data", "/x:/y"]
    deploy: {replicas: 3, placement: {constraints: [c1]}, update_config: {parallelism: 2, delay: 5s}}
    healthcheck: {test: [CMD, a], interval: 10s}
    logging: {driver: json-file, options: {a: "1"}}
    networks: {front: {aliases: [x]}, back: null}
    privileged: true
`);
  const over = web(`    image: nginx:2
    command: []
    cap_add: [A, B]
    environment: {B: "3", C: "4", N: n}
    labels: {l2: b}
    ports: ["8080:80", "7070:70"]
    secrets: [{source: s2, target: t2b}, s3]
    volumes: ["other:/data"]
    deploy: {replicas: 0, placement: {constraints: [c2]}, update_config: {delay: 10s}}
    healthcheck: {test: [CMD, b]}
    logging: {options: {b: "2"}}
    networks: {front: {aliases: ["y"]}, back: {aliases: [z]}}
    privileged: false
`);
  const s = merged(base, over).services[0];

  it('overrides scalars only with non-empty values', () => {
    expect(s.image).toBe('nginx:2');
    expect(s.privileged).toBe(true);
  });
  it('keeps command when the later one is empty; appends plain lists', () => {
    expect(s.command).toEqual(['a', 'b']);
    expect(s.capAdd).toEqual(['A', 'A', 'B']);
    expect(s.deploy?.placement?.constraints).toEqual(['c1', 'c2']);
    expect(s.healthCheck?.test).toEqual(['CMD', 'a', 'CMD', 'b']);
  });
  it('merges mappings by key', () => {
    expect(s.environment).toEqual({ A: '1', B: '3', C: '4', N: 'n' });
    expect(s.labels).toEqual({ l1: 'a', l2: 'b' });
    expect(s.logging).toEqual({ driver: 'json-file', options: { a: '1', b: '2' } });
    expect(s.networks).toEqual({ front: { aliases: ['y'] }, back: { aliases: ['z'] } });
  });
  it('merges ports, secrets and volumes by key, sorted', () => {
    expect(s.ports?.map((p) => p.published)).toEqual([7070, 8080, 9090]);
    expect(s.secrets).toEqual([{ source: 's1' }, { source: 's2', target: 't2b' }, { source: 's3' }]);
    expect(s.volumes?.map((v) => [v.target, v.source])).toEqual([
      ['/data', 'other'],
      ['/y', '/x'],
    ]);
  });
  it('overrides *uint64 replicas even with 0 and deep-merges update_config', () => {
    expect(s.deploy?.replicas).toBe(0);
    expect(s.deploy?.updateConfig).toEqual({ parallelism: 2, delay: 10e9 });
  });
  it('replaces the logging options when the driver changes', () => {
    const l = merged(
      web('    image: x\n    logging: {driver: a, options: {x: "1"}}\n'),
      web('    logging: {driver: b, options: {y: "2"}}\n'),
    ).services[0].logging;
    expect(l).toEqual({ driver: 'b', options: { y: '2' } });
  });
});

describe('top-level merge', () => {
  it('adds services (sorted by name), replaces top-level entries whole, keeps only the first file x- keys', () => {
    const c = merged(
      'version: "3.8"\nx-a: 1\nservices:\n  web: {image: a}\nsecrets:\n  s: {file: ./s, labels: {a: b}}\nnetworks:\n  n: {driver: overlay}\n',
      'version: "3.8"\nx-b: 2\nservices:\n  api: {image: b}\nsecrets:\n  s: {external: true}\nnetworks:\n  m: {}\n',
    );
    expect(c.services.map((s) => s.name)).toEqual(['api', 'web']);
    expect(c.secrets.s).toEqual({ name: 's', external: { external: true } });
    expect(Object.keys(c.networks)).toEqual(['n', 'm']);
    expect(c.extras).toEqual({ 'x-a': 1 });
  });
});
