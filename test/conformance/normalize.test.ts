// Unit tests of the conformance normalizer: it must hide exactly what is random, nothing more.
// The oracle check (two real recordings normalize identically) is `npm run record:conformance -- --check`.
import { describe, expect, it } from 'vitest';
import { SPACE_RUN, compareNormalized, mapBinaryName, normalizeScenario } from './normalize.js';
import { expectedOutputs, listScenarioNames, loadRecording, loadScenario, recordingMismatch } from './scenario.js';
import type { StepOutput } from './scenario.js';

const out = (stdout: string, stderr = '', exit = 0): StepOutput => ({ stdout, stderr, exit });
const norm = (outputs: StepOutput[], runs: Array<string | { run: string; capture?: string }>, binaryName = 'tsecret') =>
  normalizeScenario(
    outputs,
    runs.map((r) => (typeof r === 'string' ? { run: r } : r)),
    { binaryName },
  );

describe('normalizeScenario', () => {
  it('numbers swarm IDs by first appearance across steps and keeps 12-char prefixes linked', () => {
    const a = 'nxagysn13e82dpv0kplbfbsoo';
    const b = 'd5oy6skl8ys5abjvcg75pl02m';
    const r = norm([out(`${b}\n`), out(`${a}\n`), out(`${a.slice(0, 12)}   ${b}\n`)], ['x', 'y', 'z']);
    expect(r.map((o) => o.stdout)).toEqual(['<ID1>\n', '<ID2>\n', '<ID2/12>   <ID1>\n']);
  });

  it('leaves names alone: no digit, wrong length, upper case, or part of a longer word', () => {
    const names = ['aaaaaaaaaaaaaaaaaaaaaaaaa', 'a'.repeat(64), 'nxagysn13e82dpv0kplbfbsooX', 'my_secret_1', 'NXAGYSN13E82DPV0KPLBFBSOO'];
    for (const n of names) expect(norm([out(`${n}\n`)], ['x'])[0].stdout).toBe(`${n}\n`);
  });

  it('replaces container IDs, join tokens and unlock keys', () => {
    const cid = 'acf5869ce3a6'.padEnd(64, '0123456789abcdef');
    const token = `SWMTKN-1-${'1'.repeat(50)}-${'0vx5tgk2cbpa3z5lsiv6a90pi'}`;
    const key = 'SWMKEY-1-uy1yfBS/cV7lwPkVFOasCsxa4YclTPhNTkR3XMro2L0';
    const r = norm([out(`${cid}\n${cid.slice(0, 12)}\n    docker swarm join --token ${token} 127.0.0.1:2377\n    ${key}\n`)], ['x']);
    expect(r[0].stdout).toBe('<CID1>\n<CID1/12>\n    docker swarm join --token <TOKEN> 127.0.0.1:2377\n    <UNLOCK_KEY>\n');
  });

  it('numbers timestamps by instant across formats and keeps the UTC/utc case visible', () => {
    const r = norm(
      [
        out('"CreatedAt": "2026-11-28T06:23:46.195659381Z",\n"UpdatedAt": "2026-11-28T06:23:46.195659381Z"\n'),
        out('2026-11-28 06:23:46.195659381 +0000 UTC\n'),
        out('Created at:        2026-11-28 06:23:46.195659381 +0000 utc\nCreated at:        2026-11-28 07:00:00 +0000 utc\n'),
      ],
      ['a', 'b', 'c'],
    );
    expect(r.map((o) => o.stdout)).toEqual([
      '"CreatedAt": "<TIME1>",\n"UpdatedAt": "<TIME1>"\n',
      '<TIME1> +0000 UTC\n',
      'Created at:        <TIME1> +0000 utc\nCreated at:        <TIME2> +0000 utc\n',
    ]);
  });

  it('does not hide fractions with trailing zeros (Go trims them)', () => {
    expect(norm([out('"2026-11-28T06:23:46.120Z"\n')], ['x'])[0].stdout).toBe('"2026-11-28T06:23:46.120Z"\n');
  });

  it('replaces humanized ages and then collapses column padding in that output only', () => {
    const table =
      'ID                          NAME      DRIVER    CREATED                  UPDATED\n' +
      'nxagysn13e82dpv0kplbfbsoo   labeled             Less than a second ago   About a minute ago\n';
    const r = norm([out(table), out('ID        NAME      DRIVER    CREATED   UPDATED\n')], ['a', 'b']);
    expect(r[0].stdout).toBe(
      `ID${SPACE_RUN}NAME${SPACE_RUN}DRIVER${SPACE_RUN}CREATED${SPACE_RUN}UPDATED\n<ID1>${SPACE_RUN}labeled${SPACE_RUN}<AGO>${SPACE_RUN}<AGO>\n`,
    );
    expect(r[1].stdout).toBe('ID        NAME      DRIVER    CREATED   UPDATED\n');
  });

  it('accepts every go-units form, lower-cased only after a task state', () => {
    const forms = ['Less than a second', '1 second', '59 seconds', 'About a minute', '2 minutes', 'About an hour', '3 hours', '4 days', '2 weeks', '5 months', '2 years'];
    for (const f of forms) expect(norm([out(`${f} ago\n`)], ['x'])[0].stdout).toBe('<AGO>\n');
    expect(norm([out('Running less than a second ago\n')], ['x'])[0].stdout).toBe('Running <AGO>\n');
    expect(norm([out('Shutdown 5 seconds ago\n')], ['x'])[0].stdout).toBe('Shutdown <AGO>\n');
    // wrong case for the context: left as is, so the diff shows it
    expect(norm([out('Running Less than a second ago\n')], ['x'])[0].stdout).toBe('Running Less than a second ago\n');
    expect(norm([out('less than a second ago\n')], ['x'])[0].stdout).toBe('less than a second ago\n');
    expect(norm([out('1 seconds ago\n')], ['x'])[0].stdout).toBe('1 seconds ago\n');
  });

  it('replaces raft indexes', () => {
    expect(norm([out('"Version": {\n    "Index": 11\n},{"Index":44}\n')], ['x'])[0].stdout).toBe('"Version": {\n    "Index": <N>\n},{"Index":<N>}\n');
  });

  it('replaces captured values in the capturing step and in steps that reference the variable', () => {
    const steps = [
      { run: 'echo "${ID:0:5}"', capture: 'P' },
      { run: 'docker secret rm "$P"' },
      { run: 'docker secret ls --format "{{.Name}}"' },
    ];
    const r = normalizeScenario([out('abc1d\n'), out('abc1d\n', 'secret abc1d\n'), out('abc1d\n')], steps, { binaryName: 'tsecret' });
    expect(r.map((o) => o.stdout)).toEqual(['<$P>\n', '<$P>\n', 'abc1d\n']);
    expect(r[1].stderr).toBe('secret <$P>\n');
  });

  it('maps the cobra-generated binary name, and only there', () => {
    const docker =
      "docker: 'docker secret rm' requires at least 1 argument\n\nUsage:  docker secret rm SECRET [SECRET...]\n\nSee 'docker secret rm --help' for more information\n" +
      "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n" +
      'Aliases:\n  docker secret ls, docker secret list\n\n' +
      "Run 'docker secret COMMAND --help' for more information on a command.\n" +
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n' +
      "    docker swarm join --token X 127.0.0.1:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n" +
      'To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n';
    expect(mapBinaryName(docker, 'docker')).toBe(
      "tsecret: 'tsecret secret rm' requires at least 1 argument\n\nUsage:  tsecret secret rm SECRET [SECRET...]\n\nSee 'tsecret secret rm --help' for more information\n" +
        "tsecret: unknown command: tsecret foo\n\nRun 'tsecret --help' for more information\n" +
        'Aliases:\n  tsecret secret ls, tsecret secret list\n\n' +
        "Run 'tsecret secret COMMAND --help' for more information on a command.\n" +
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n' +
        "    docker swarm join --token X 127.0.0.1:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n" +
        'To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n',
    );
    // tsecret's own output is never rewritten: printing `docker` there must show up as a diff
    expect(mapBinaryName('Usage:  docker secret ls [OPTIONS]\n', 'tsecret')).toBe('Usage:  docker secret ls [OPTIONS]\n');
  });

  it('reports differences field by field', () => {
    const d = compareNormalized([out('a\n'), out('', 'e\n', 1)], [out('a\n'), out('', 'f\n', 1)], [{ run: 'x' }, { run: 'y' }]);
    expect(d).toEqual([{ step: 2, run: 'y', field: 'stderr', a: 'e\n', b: 'f\n' }]);
  });
});

describe('recorded scenarios', () => {
  for (const name of listScenarioNames()) {
    it(`${name}: recording matches the scenario and normalizes without leftovers`, () => {
      const scenario = loadScenario(name);
      const recording = loadRecording(name);
      expect(recording, `no recording: npm run record:conformance -- ${name}`).toBeDefined();
      if (!recording) return;
      expect(recordingMismatch(scenario, recording)).toBeUndefined();
      const normalized = normalizeScenario(expectedOutputs(scenario, recording), scenario.steps, { binaryName: 'docker' });
      const text = normalized.map((o) => o.stdout + o.stderr).join('');
      // nothing random may survive normalization
      expect(text).not.toMatch(/SWMTKN-1-|SWMKEY-1-/);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/);
      expect(text).not.toMatch(/(?<![A-Za-z0-9_])(?=[a-z]*[0-9])[0-9a-z]{25}(?![A-Za-z0-9_])/);
      expect(text).not.toMatch(/(\d+ \w+|Less than a second|About an? \w+) ago/i);
      // and the docker name is gone from cobra texts
      expect(text).not.toMatch(/^(Usage: {2}docker|docker: )/m);
    });
  }
});
