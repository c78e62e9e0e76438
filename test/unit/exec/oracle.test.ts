/**
 * Byte-exact comparison of the simulation with the real GNU coreutils 9.1 / bash 5.2.15 /
 * dash 0.5.12 / hostname 3.23 output recorded on Debian 12 (see record-oracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src/engine/exec/process.js';
import { RECORDED, RECORDED_NOW_MS } from './oracle-cases.generated.js';
import { type CaseSpec, caseId, envFor, SPECS } from './oracle-spec.js';
import { buildWorld, HOSTNAME } from './world.js';

const recorded = new Map(RECORDED.map((r) => [r.id, r]));

/** stat's Device, Inode, Change and Birth values cannot be reproduced in a chroot: mask them. */
function maskStat(s: string): string {
  return s
    .replace(/Device: \S+\tInode: \d+ +Links/g, 'Device: D\tInode: I Links')
    .replace(/^Change: .*$/gm, 'Change: C')
    .replace(/^ Birth: .*$/gm, ' Birth: B');
}

export function simulate(c: CaseSpec) {
  const [uid, gid, groups] = c.user ?? [0, 0, [0]];
  return runProcess(c.argv, {
    fs: buildWorld(),
    env: envFor(c),
    cwd: c.cwd ?? '/',
    uid,
    gid,
    groups,
    user: String(uid),
    hostname: HOSTNAME,
    stdin: Buffer.from(c.stdin ?? '', 'latin1'),
    nowMs: RECORDED_NOW_MS,
  });
}

const groups = [...new Set(SPECS.map((s) => s.group))];
for (const g of groups) {
  describe(`oracle: ${g}`, () => {
    for (const c of SPECS.filter((s) => s.group === g)) {
      const label = [
        c.user ? `[uid ${c.user[0]}]` : '',
        c.cwd ? `[cwd ${c.cwd}]` : '',
        c.stdin !== undefined ? '[stdin]' : '',
        c.env ? '[env]' : '',
        JSON.stringify(c.argv),
      ]
        .filter(Boolean)
        .join(' ');
      it(label, () => {
        const want = recorded.get(caseId(c));
        expect(want, 'case not recorded: run record-oracle.ts').toBeDefined();
        const r = simulate(c);
        const dec = (s: string) => (want!.b64 ? Buffer.from(s, 'base64') : Buffer.from(s, 'latin1')).toString('latin1');
        const norm = c.norm === 'stat' ? maskStat : (s: string) => s;
        expect({ stdout: norm(r.stdout.toString('latin1')), stderr: r.stderr.toString('latin1'), exitCode: r.exitCode }).toEqual({
          stdout: norm(dec(want!.stdout)),
          stderr: dec(want!.stderr),
          exitCode: want!.exitCode,
        });
      });
    }
  });
}
