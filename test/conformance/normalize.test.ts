// Unit tests of the conformance normalizer: it must hide exactly what is random, nothing more.
// The oracle check (two real recordings normalize identically) is `npm run record:conformance -- --check`.
import { describe, expect, it } from 'vitest';
import {
  canonicalRollbackProgress,
  collapseProgressRepeats,
  compareNormalized,
  dropOwnHelpBlocks,
  HOST,
  mapBinaryName,
  normalizeScenario,
  SPACE_RUN,
  sortMapOrderRuns,
} from '../../src/doctest/normalize.js';
import type { StepOutput } from './scenario.js';
import {
  expectedOutputs,
  listScenarioNames,
  loadRecording,
  loadScenario,
  parseScenario,
  recordingMismatch,
  rekeyOverride,
  setupDigest,
} from './scenario.js';

const out = (stdout: string, stderr = '', exit = 0): StepOutput => ({ stdout, stderr, exit });
const norm = (
  outputs: StepOutput[],
  runs: Array<string | { run: string; capture?: string; random?: boolean; coreutils?: boolean }>,
  binaryName = 'tsecret',
  hostname?: string,
) =>
  normalizeScenario(
    outputs,
    runs.map((r) => (typeof r === 'string' ? { run: r } : r)),
    { binaryName, hostname },
  );

describe('sortMapOrderRuns', () => {
  it('sorts each run of stack lines of one kind by name, and nothing else', () => {
    const deploy =
      'Creating network s_b\nCreating network s_a\nCreating secret s_z\nCreating secret s_y\nUpdating service s_db (id: ok74qdvjeq0z8afdows5r8j6q)\nCreating service s_app\n';
    expect(sortMapOrderRuns(deploy)).toBe(
      'Creating network s_a\nCreating network s_b\nCreating secret s_y\nCreating secret s_z\nCreating service s_app\nUpdating service s_db (id: ok74qdvjeq0z8afdows5r8j6q)\n',
    );
    const rm =
      'Removing service s_b\nRemoving service s_a\nRemoving secret s_2\nRemoving secret s_1\nRemoving network s_y\nRemoving network s_x\n';
    expect(sortMapOrderRuns(rm)).toBe(
      'Removing service s_b\nRemoving service s_a\nRemoving secret s_1\nRemoving secret s_2\nRemoving network s_x\nRemoving network s_y\n',
    );
    expect(sortMapOrderRuns('Creating network b\nx\nCreating network a\n')).toBe('Creating network b\nx\nCreating network a\n');
  });

  it('numbers IDs after sorting, so the same service keeps its placeholder', () => {
    const a = 'tho5qtib8xw0wc4sf93bo6nlz';
    const b = 'ok74qdvjeq0z8afdows5r8j6q';
    const r = norm([out(`Updating service s_b (id: ${b})\nUpdating service s_a (id: ${a})\n`)], ['docker stack deploy']);
    expect(r[0].stdout).toBe('Updating service s_a (id: <ID1>)\nUpdating service s_b (id: <ID2>)\n');
  });
});

describe('normalizeScenario', () => {
  it('numbers swarm IDs by first appearance across steps and keeps 12-char prefixes linked', () => {
    const a = 'nxagysn13e82dpv0kplbfbsoo';
    const b = 'd5oy6skl8ys5abjvcg75pl02m';
    const r = norm([out(`${b}\n`), out(`${a}\n`), out(`${a.slice(0, 12)}   ${b}\n`)], ['x', 'y', 'z']);
    expect(r.map((o) => o.stdout)).toEqual(['<ID1>\n', '<ID2>\n', '<ID2/12>   <ID1>\n']);
  });

  it('leaves names alone: one the commands spell, wrong length, upper case, or part of a longer word', () => {
    const names = ['a'.repeat(64), 'nxagysn13e82dpv0kplbfbsooX', 'my_secret_1', 'NXAGYSN13E82DPV0KPLBFBSOO'];
    for (const n of names) expect(norm([out(`${n}\n`)], ['x'])[0].stdout).toBe(`${n}\n`);
    const typed = 'aaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(norm([out(`${typed}\n`)], [`docker secret create ${typed} f`])[0].stdout).toBe(`${typed}\n`);
  });

  it('replaces an ID without a digit (about 3 random IDs in 10,000) that the commands do not spell', () => {
    const digitless = 'qwhdkzpxmbnelcvjtyrsoagfu';
    const r = norm(
      [out(`${digitless}\n`), out(`${digitless.slice(0, 12)}   x\n`, `secret ${digitless} not found\n`)],
      ['docker secret create s f', 'docker secret ls'],
    );
    expect(r.map((o) => [o.stdout, o.stderr])).toEqual([
      ['<ID1>\n', ''],
      ['<ID1/12>   x\n', 'secret <ID1> not found\n'],
    ]);
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
      'Created at:        <TIME1> +0000 utc\nCreated at:        <TIME> +0000 utc\n',
    ]);
  });

  it("keeps no identity for times in whole seconds, whose equality is the machine's speed", () => {
    const r = norm([out('"CreatedAt": "2026-12-05T04:20:03Z"\n'), out('"CreatedAt": "2026-12-05T04:20:03Z"\n')], ['a', 'b']);
    const s = norm([out('"CreatedAt": "2026-12-05T04:20:03Z"\n'), out('"CreatedAt": "2026-12-05T04:20:04Z"\n')], ['a', 'b']);
    expect(r.map((o) => o.stdout)).toEqual(['"CreatedAt": "<TIME>"\n', '"CreatedAt": "<TIME>"\n']);
    expect(s.map((o) => o.stdout)).toEqual(r.map((o) => o.stdout));
  });

  it('does not hide fractions with trailing zeros (Go trims them)', () => {
    expect(norm([out('"2026-11-28T06:23:46.120Z"\n')], ['x'])[0].stdout).toBe('"2026-11-28T06:23:46.120Z"\n');
  });

  it('replaces humanized ages and collapses the padding right of them, and headers, in that output only', () => {
    const table =
      'ID                          NAME      DRIVER    CREATED                  UPDATED\n' +
      'nxagysn13e82dpv0kplbfbsoo   labeled             Less than a second ago   About a minute ago\n';
    const r = norm([out(table), out('ID        NAME      DRIVER    CREATED   UPDATED\n')], ['a', 'b']);
    expect(r[0].stdout).toBe(
      `ID${SPACE_RUN}NAME${SPACE_RUN}DRIVER${SPACE_RUN}CREATED${SPACE_RUN}UPDATED\n<ID1>   labeled             <AGO>${SPACE_RUN}<AGO>\n`,
    );
    expect(r[1].stdout).toBe('ID        NAME      DRIVER    CREATED   UPDATED\n');
    // padding left of the first age does not follow it, so a wrong one there still differs
    const narrow = table.replace('labeled             ', 'labeled            ');
    expect(norm([out(narrow)], ['a'])[0].stdout).not.toBe(r[0].stdout);
  });

  it('accepts every go-units form, lower-cased only after a task state', () => {
    const forms = [
      'Less than a second',
      '1 second',
      '59 seconds',
      'About a minute',
      '2 minutes',
      'About an hour',
      '3 hours',
      '4 days',
      '2 weeks',
      '5 months',
      '2 years',
    ];
    for (const f of forms) expect(norm([out(`${f} ago\n`)], ['x'])[0].stdout).toBe('<AGO>\n');
    expect(norm([out('Running less than a second ago\n')], ['x'])[0].stdout).toBe('Running <AGO>\n');
    expect(norm([out('Shutdown 5 seconds ago\n')], ['x'])[0].stdout).toBe('Shutdown <AGO>\n');
    // wrong case for the context: left as is, so the diff shows it
    expect(norm([out('Running Less than a second ago\n')], ['x'])[0].stdout).toBe('Running Less than a second ago\n');
    expect(norm([out('less than a second ago\n')], ['x'])[0].stdout).toBe('less than a second ago\n');
    expect(norm([out('1 seconds ago\n')], ['x'])[0].stdout).toBe('1 seconds ago\n');
  });

  it('numbers raft indexes by rank across the scenario', () => {
    const r = norm([out('"Version": {\n    "Index": 44\n},{"Index":11}\n'), out('{"Index":44} {"Index":12}\n')], ['x', 'y']);
    expect(r.map((o) => o.stdout)).toEqual(['"Version": {\n    "Index": <N3>\n},{"Index":<N1>}\n', '{"Index":<N3>} {"Index":<N2>}\n']);
    // an update that does not bump the version shows as the same rank
    const unbumped = norm([out('{"Index":11}\n'), out('{"Index":11}\n')], ['x', 'y']);
    expect(unbumped[1].stdout).toBe('{"Index":<N1>}\n');
  });

  it('replaces captured values in steps that reference the variable, and in a derived capturing step', () => {
    const steps = [
      { run: 'echo "${ID:0:5}"', capture: 'P', derived: true },
      { run: 'docker secret rm "$P"' },
      { run: 'docker secret ls --format "{{.Name}}"' },
    ];
    const r = normalizeScenario([out('abc1d\n'), out('abc1d\n', 'secret abc1d\n'), out('abc1d\n')], steps, { binaryName: 'tsecret' });
    expect(r.map((o) => o.stdout)).toEqual(['<$P>\n', '<$P>\n', 'abc1d\n']);
    expect(r[1].stderr).toBe('secret <$P>\n');
  });

  it('compares the output of a capturing step that is not derived', () => {
    const steps = [{ run: 'docker inspect -f "{{.Name}}" x', capture: 'N' }, { run: 'echo "$N"' }];
    const r = normalizeScenario([out('/web.1\n'), out('/web.1\n')], steps, { binaryName: 'tsecret' });
    expect(r.map((o) => o.stdout)).toEqual(['/web.1\n', '<$N>\n']);
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
    // docker's RequiresMaxArgs has a typo (`SRun`) that tsecret copies: its name is mapped too
    expect(
      mapBinaryName(
        "Usage:  docker volume create [OPTIONS] [VOLUME]\n\nSRun 'docker volume create --help' for more information\n",
        'docker',
      ),
    ).toBe("Usage:  tsecret volume create [OPTIONS] [VOLUME]\n\nSRun 'tsecret volume create --help' for more information\n");
    // tsecret's own output is never rewritten: printing `docker` there must show up as a diff
    expect(mapBinaryName('Usage:  docker secret ls [OPTIONS]\n', 'tsecret')).toBe('Usage:  docker secret ls [OPTIONS]\n');
  });

  it("drops tsecret's own help blocks with the blank line before them, and nothing else", () => {
    const docker =
      "Commands:\n  rm          Remove one or more secrets\n\nRun 'tsecret secret COMMAND --help' for more information on a command.\n";
    const tsecret =
      "Commands:\n  rm          Remove one or more secrets\n\ntsecret's own commands:\n  rotate      Rotate\n  verify      Verify\n\nRun 'tsecret secret COMMAND --help' for more information on a command.\n";
    expect(dropOwnHelpBlocks(tsecret)).toBe(docker);
    const rm = 'Aliases:\n  tsecret secret rm, tsecret secret remove\n';
    expect(dropOwnHelpBlocks(`${rm}\ntsecret's own options:\n      --ignore   Ignore missing secrets\n`)).toBe(rm);
    // a heading that is not at the start of a block after a blank line stays, and shows in a diff
    expect(dropOwnHelpBlocks("x\ntsecret's own commands:\n  a  b\n")).toBe("x\ntsecret's own commands:\n  a  b\n");
    expect(norm([out('', tsecret)], ['docker secret'])[0].stderr).toBe(docker);
  });

  it('collapses immediately repeated blocks of progress lines, and only those', () => {
    const create =
      'abc\noverall progress: 0 out of 1 tasks\n1/1:  \noverall progress: 0 out of 1 tasks\noverall progress: 0 out of 1 tasks\n' +
      'overall progress: 1 out of 1 tasks\n' +
      'verify: Waiting 5 seconds to verify that tasks are stable...\n'.repeat(6) +
      'verify: Waiting 4 seconds to verify that tasks are stable...\n'.repeat(5) +
      'verify: Service abc converged\n';
    expect(collapseProgressRepeats(create)).toBe(
      'abc\noverall progress: 0 out of 1 tasks\n1/1:  \noverall progress: 0 out of 1 tasks\noverall progress: 1 out of 1 tasks\n' +
        'verify: Waiting 5 seconds to verify that tasks are stable...\nverify: Waiting 4 seconds to verify that tasks are stable...\n' +
        'verify: Service abc converged\n',
    );
    // a two-line block (a slot error repeated with its overall line)
    const failing = 'overall progress: 0 out of 1 tasks\n1/1: No such image: x:1\n'.repeat(4);
    expect(collapseProgressRepeats(`id\n${failing}`)).toBe('id\noverall progress: 0 out of 1 tasks\n1/1: No such image: x:1\n');
    // other repeated lines stay, and so does everything in outputs without progress
    expect(collapseProgressRepeats('overall progress: 0 out of 1 tasks\nx\nx\n')).toBe('overall progress: 0 out of 1 tasks\nx\nx\n');
    // a job's progress (replicated-job, global-job) repeats on the same timer
    const job =
      'id\nactive tasks: 0 out of 1 tasks\n1/1:  \n' +
      'active tasks: 1 out of 1 tasks\n'.repeat(4) +
      'active tasks: 0 out of 0 tasks\njob complete\n';
    expect(collapseProgressRepeats(job)).toBe(
      'id\nactive tasks: 0 out of 1 tasks\n1/1:  \nactive tasks: 1 out of 1 tasks\nactive tasks: 0 out of 0 tasks\njob complete\n',
    );
    expect(collapseProgressRepeats('1/1: a\n1/1: a\n')).toBe('1/1: a\n1/1: a\n');
    // applied to stdout by normalizeScenario
    expect(norm([out(create)], ['x'])[0].stdout).toBe(collapseProgressRepeats(create));
  });

  it('replaces container ages `Up …` and collapses the padding of that output', () => {
    const r = norm([out('STATUS                  NAMES\nUp Less than a second   a\nUp 5 seconds   b\nUp About a minute   c\n')], ['x']);
    expect(r[0].stdout).toBe(`STATUS${SPACE_RUN}NAMES\nUp <AGE>${SPACE_RUN}a\nUp <AGE>${SPACE_RUN}b\nUp <AGE>${SPACE_RUN}c\n`);
    expect(norm([out('Up 1 seconds\n')], ['x'])[0].stdout).toBe('Up 1 seconds\n');
  });

  it('numbers 12-hex container IDs whose full form never appears, after the full ones', () => {
    const cid = 'acf5869ce3a6'.padEnd(64, '0123456789abcdef');
    const r = norm([out('e9402793241d\n'), out(`${cid}\n`), out('e9402793241d acf5869ce3a6 deadbeefcafe 123\n')], ['a', 'b', 'c']);
    expect(r.map((o) => o.stdout)).toEqual(['<CID2/12>\n', '<CID1>\n', '<CID2/12> <CID1/12> deadbeefcafe 123\n']);
  });

  it('replaces the node hostname as a word and collapses the padding of that output', () => {
    const table = 'ID   NODE      STATE\nabc  vm        Running\n';
    const r = norm([out(table), out('web.1.x@vm | hi\nvmx vm-2 a.vm vm.\n')], ['a', 'b'], 'tsecret', 'vm');
    expect(r[0].stdout).toBe(`ID${SPACE_RUN}NODE${SPACE_RUN}STATE\nabc  ${HOST}${SPACE_RUN}Running\n`);
    expect(r[1].stdout).toBe(`web.1.x@${HOST} | hi\nvmx vm-2 a.vm ${HOST}.\n`);
    // no hostname given: no rule
    expect(norm([out(table)], ['a'])[0].stdout).toBe(table);
  });

  it('replaces a random capture in every step, with padding collapsed where it was replaced', () => {
    const steps = [{ run: 'docker service ls' }, { run: 'docker service inspect -f x $RID', capture: 'RNAME', random: true }, { run: 'y' }];
    const r = norm([out('NAME           MODE\nsad_napier     replicated\n'), out('sad_napier\n'), out('sad_napier.1 nginx\n')], steps);
    expect(r.map((o) => o.stdout)).toEqual([`NAME${SPACE_RUN}MODE\n<$RNAME>${SPACE_RUN}replicated\n`, '<$RNAME>\n', '<$RNAME>.1 nginx\n']);
  });

  it('sorts the service list of the in-use error (it follows the random service IDs)', () => {
    const e = "desc = secret 'x' is in use by the following services: sec_short, sec_long, a\n";
    expect(norm([out('', e, 1)], ['x'])[0].stderr).toBe("desc = secret 'x' is in use by the following services: a, sec_long, sec_short\n");
  });

  it('compares only the exit code of coreutils steps', () => {
    const steps = [{ run: 'x', coreutils: true }, { run: 'y' }];
    expect(compareNormalized([out('a', 'b', 1), out('c')], [out('A', 'B', 1), out('c')], steps)).toEqual([]);
    expect(compareNormalized([out('a', 'b', 1), out('c')], [out('a', 'b', 2), out('C')], steps).map((d) => [d.step, d.field])).toEqual([
      [1, 'exit'],
      [2, 'stdout'],
    ]);
  });

  it('reports differences field by field', () => {
    const d = compareNormalized([out('a\n'), out('', 'e\n', 1)], [out('a\n'), out('', 'f\n', 1)], [{ run: 'x' }, { run: 'y' }]);
    expect(d).toEqual([{ step: 2, run: 'y', field: 'stderr', a: 'e\n', b: 'f\n' }]);
  });
});

describe('scenario format', () => {
  it('accepts random only on capture steps and coreutils only on plain steps', () => {
    const ok = parseScenario(
      't',
      'description: d\nswarm: true\nsteps:\n  - run: a\n    capture: A\n    random: true\n  - run: b\n    coreutils: true\n',
    );
    expect(ok.steps).toEqual([
      { run: 'a', capture: 'A', random: true },
      { run: 'b', coreutils: true },
    ]);
    expect(() => parseScenario('t', 'description: d\nswarm: true\nsteps:\n  - run: a\n    random: true\n')).toThrow(/random needs capture/);
    expect(() => parseScenario('t', 'description: d\nswarm: true\nsteps:\n  - run: a\n    capture: A\n    coreutils: true\n')).toThrow(
      /capture step/,
    );
    expect(() =>
      parseScenario('t', 'description: d\nswarm: true\nsteps:\n  - run: a\n    coreutils: true\n    override: { stdout: x, reason: r }\n'),
    ).toThrow(/only the exit code/);
    expect(() => parseScenario('t', 'description: d\nswarm: true\nfiles:\n  x: { helper: nosuch.sh }\nsteps:\n  - run: a\n')).toThrow(
      /no helper/,
    );
    expect(() => parseScenario('t', 'description: d\nswarm: true\nsteps:\n  - run: a\n    derived: true\n')).toThrow(
      /derived needs capture/,
    );
  });

  it('reports a recording as stale when the steps, the files or the swarm flag changed', () => {
    const text = 'description: d\nswarm: true\nfiles:\n  a.txt: hi\nsteps:\n  - run: cat a.txt\n';
    const scenario = parseScenario('t', text);
    const recording = {
      scenario: 't',
      client: 'c',
      engine: 'e',
      recordedAt: 'r',
      setup: setupDigest(scenario),
      steps: [{ run: 'cat a.txt', ...out('hi') }],
    };
    expect(recordingMismatch(scenario, recording)).toBeUndefined();
    expect(recordingMismatch(parseScenario('t', text.replace('hi', 'ho')), recording)).toMatch(/files changed/);
    expect(recordingMismatch(parseScenario('t', text.replace('swarm: true', 'swarm: false')), recording)).toMatch(/swarm flag/);
    expect(recordingMismatch(parseScenario('t', text.replace('run: cat', 'run: head')), recording)).toMatch(/step 1 differs/);
    expect(recordingMismatch(scenario, { ...recording, setup: undefined })).toMatch(/changed since/);
  });
});

describe('canonicalRollbackProgress', () => {
  const body =
    'overall progress: rolling back update: 0 out of 1 tasks\n1/1:  \noverall progress: rolling back update: 1 out of 1 tasks\nverify: Service rb converged\n';
  it('writes a rollback seen finished (completed last) as one seen starting (requested first)', () => {
    const seenLate = `rb\n${body}rollback: rollback completed\n`;
    const seenEarly = `rb\nrollback: manually requested rollback\n${body}`;
    expect(canonicalRollbackProgress(seenLate)).toBe(seenEarly);
    expect(canonicalRollbackProgress(seenEarly)).toBe(seenEarly);
  });
  it('leaves anything else alone: no status line at all, both lines, no rollback', () => {
    for (const text of [
      `rb\n${body}`,
      `rb\nrollback: manually requested rollback\n${body}rollback: rollback completed\n`,
      'overall progress: 1 out of 1 tasks\nrollback: rollback completed\n',
    ]) {
      expect(canonicalRollbackProgress(text)).toBe(text);
    }
  });
});

describe('overrides across re-recordings', () => {
  it("take this recording's IDs where they name an older recording's, kind by kind and in order", () => {
    const oldCid = `2e45fe9b3e0d${'f'.repeat(52)}`;
    const newCid = `6646dea126e7${'0'.repeat(52)}`;
    const recorded = `You cannot remove a running container ${newCid}. Stop the container before attempting removal or force remove\n`;
    const override = `Error response from daemon: cannot remove container "${oldCid}": container is running\n`;
    expect(rekeyOverride(override, recorded, recorded)).toBe(
      `Error response from daemon: cannot remove container "${newCid}": container is running\n`,
    );
    const ps = 'abcdef012345   nginx:latest   "/docker-entrypoint.…"   box.1.l6qy4djx7wlwnzpfmkd7j80ov\n';
    const psNow = '0123456789ab   nginx:latest   "sh -c trap"   box.1.zzqy4djx7wlwnzpfmkd7j80oa\n';
    expect(rekeyOverride(ps, psNow, psNow)).toBe(
      '0123456789ab   nginx:latest   "/docker-entrypoint.…"   box.1.zzqy4djx7wlwnzpfmkd7j80oa\n',
    );
    // `${NAME}` is what this recording captured as NAME
    const scenario = parseScenario(
      't',
      'description: d\nswarm: true\nsteps:\n  - run: docker ps -q\n    capture: C\n  - run: docker rm $C\n    override:\n      stderr: "cannot remove container \\"${C}\\": container is running\\n"\n      reason: r\n',
    );
    const recording = {
      scenario: 't',
      client: '28',
      engine: '20.10',
      recordedAt: '',
      steps: [
        { run: 'docker ps -q', stdout: 'a1b2c3d4e5f6\n', stderr: '', exit: 0 },
        { run: 'docker rm $C', stdout: '', stderr: 'You cannot remove a running container a1b2c3d4e5f6…\n', exit: 1 },
      ],
    };
    expect(expectedOutputs(scenario, recording)[1].stderr).toBe('cannot remove container "a1b2c3d4e5f6": container is running\n');
    // an ID the recording holds anywhere stays, and names are never IDs of another recording
    expect(rekeyOverride(`x ${newCid} aaaaaaaaaaaaaaaaaaaaaaaaa\n`, 'y\n', `${newCid} aaaaaaaaaaaaaaaaaaaaaaaaa`)).toBe(
      `x ${newCid} aaaaaaaaaaaaaaaaaaaaaaaaa\n`,
    );
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
      const normalized = normalizeScenario(expectedOutputs(scenario, recording), scenario.steps, {
        binaryName: 'docker',
        hostname: recording.hostname,
      });
      const text = normalized.map((o) => o.stdout + o.stderr).join('');
      // an override is raw text with the IDs of the recording it was written against: as
      // expected, every ID in it is one of this recording's (expectedOutputs puts this
      // recording's IDs in place of older ones)
      const raw = recording.steps.map((st) => st.stdout + st.stderr).join('');
      const expected = expectedOutputs(scenario, recording);
      scenario.steps.forEach((step, i) => {
        if (!step.override) return;
        for (const id of `${expected[i].stdout}${expected[i].stderr}`.match(
          /(?<![0-9a-z])(?:[0-9a-f]{64}|(?=[a-z]*[0-9])[0-9a-z]{25})(?![0-9a-z])/g,
        ) ?? []) {
          expect(raw, `override of "${step.run}" names ${id}, which the recording does not contain and has nothing in its place`).toContain(
            id,
          );
        }
      });
      expect(text).not.toMatch(/(?<![A-Za-z0-9_])(?=[a-f]*[0-9])[0-9a-f]{64}(?![A-Za-z0-9_])/);
      if (recording.hostname) {
        const h = recording.hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(text).not.toMatch(new RegExp(`(?<![A-Za-z0-9_.-])${h}(?![A-Za-z0-9_-])`));
      }
      // nothing random may survive normalization
      expect(text).not.toMatch(/SWMTKN-1-|SWMKEY-1-/);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/);
      expect(text).not.toMatch(/(?<![A-Za-z0-9_])(?=[a-z]*[0-9])[0-9a-z]{25}(?![A-Za-z0-9_])/);
      expect(text).not.toMatch(/(\d+ \w+|Less than a second|About an? \w+) ago/i);
      expect(text).not.toMatch(/\bUp (\d+ \w+|Less than a second|About an? \w+)/);
      // and the docker name is gone from cobra texts
      expect(text).not.toMatch(/^(Usage: {2}docker|docker: )/m);
    });
  }
});
