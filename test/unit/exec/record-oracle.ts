/**
 * Records oracle-cases.generated.ts from the real tools of this Debian 12 machine. Needs root
 * (chroot, bind mounts, unshare -u). Each case runs in a fresh chroot built from world.ts:
 *
 *   npx esbuild test/unit/exec/record-oracle.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/record-oracle.mjs && node /tmp/record-oracle.mjs
 *
 * The real binaries and their libraries are hard-linked into the chroot in place of the
 * simulation's placeholder executables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as nodefs from 'node:fs';
import * as path from 'node:path';
import { EXECUTABLES, type SimDir, type SimNode } from '../../../src/engine/exec/filesystem.js';
import { RLIM_INFINITY } from '../../../src/engine/exec/rlimits.js';
import { type CaseSpec, caseId, envFor, rlimitsFor, SPECS } from './oracle-spec.js';
import { buildWorld, HOSTNAME, READ_ONLY } from './world.js';

const WORK = nodefs.mkdtempSync('/tmp/tsecret-exec-oracle-');
const ROOT = `${WORK}/root`;
/** Run from the project root. */
const OUT_FILE = process.env.ORACLE_OUT ?? 'test/unit/exec/oracle-cases.generated.ts';

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

/** Every shared library the real programs need, found with ldd. */
function libraries(bins: string[]): string[] {
  const libs = new Set<string>();
  for (const b of bins) {
    for (const m of sh('ldd', [b]).matchAll(/(\/\S+)/g)) libs.add(m[1]);
  }
  return [...libs];
}

const REAL: Record<string, string> = {};
// the simulator's executables, each resolved on this machine; sh is dash there too
for (const name of EXECUTABLES) if (name !== 'sh') REAL[name] = nodefs.realpathSync(`/usr/bin/${name}`);
REAL.sh = REAL.dash;
const LIBS = libraries([...new Set(Object.values(REAL))]);

function materialize(): void {
  const world = buildWorld();
  const dirs: [string, SimDir][] = [];
  const walk = (p: string, node: SimNode) => {
    const real = ROOT + p;
    if (node.kind === 'dir') {
      nodefs.mkdirSync(real, { recursive: true });
      for (const [name, child] of node.entries) walk(p === '/' ? `/${name}` : `${p}/${name}`, child);
      dirs.push([real, node]);
    } else {
      const text = node.data.toString('latin1');
      if (p === '/dev/null') execFileSync('mknod', ['-m', '666', real, 'c', '1', '3']);
      else if (text.startsWith('#!simulated ')) nodefs.linkSync(REAL[text.slice(12).trim()], real);
      else {
        nodefs.writeFileSync(real, node.data);
        nodefs.lchownSync(real, node.uid, node.gid);
        nodefs.chmodSync(real, node.mode);
      }
      if (p !== '/dev/null' && !text.startsWith('#!simulated ')) nodefs.utimesSync(real, node.mtimeMs / 1000, node.mtimeMs / 1000);
    }
  };
  walk('/', world.root);
  for (const lib of LIBS) {
    const dest = ROOT + lib;
    nodefs.mkdirSync(path.dirname(dest), { recursive: true });
    if (!nodefs.existsSync(dest)) nodefs.linkSync(nodefs.realpathSync(lib), dest);
  }
  for (const [real, node] of dirs) {
    nodefs.lchownSync(real, node.uid, node.gid);
    nodefs.chmodSync(real, node.mode);
    nodefs.utimesSync(real, node.mtimeMs / 1000, node.mtimeMs / 1000);
  }
  for (const p of READ_ONLY) {
    execFileSync('mount', ['--bind', ROOT + p, ROOT + p]);
    execFileSync('mount', ['-o', 'remount,bind,ro', ROOT + p]);
  }
}

function teardown(): void {
  for (const p of [...READ_ONLY].reverse()) spawnSync('umount', [ROOT + p]);
  nodefs.rmSync(ROOT, { recursive: true, force: true });
}

interface Recorded {
  id: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  b64?: true;
}

function run(c: CaseSpec): Recorded {
  materialize();
  try {
    const [uid, gid, groups] = c.user ?? [0, 0, [0]];
    const env = envFor(c);
    const inner = [
      '--userspec',
      `${uid}:${gid}`,
      `--groups=${groups.join(',')}`,
      ROOT,
      '/usr/bin/env',
      '-i',
      '-C',
      c.cwd ?? '/',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ...c.argv,
    ];
    // a case's resource limits, all of them, set by prlimit before the chroot
    const limits = rlimitsFor(c);
    const prlimit = limits
      ? [
          'prlimit',
          ...Object.entries(limits).map(([name, l]) => {
            const v = (x: bigint) => (x === RLIM_INFINITY ? 'unlimited' : String(x));
            return `--${name}=${v(l.soft)}:${v(l.hard)}`;
          }),
        ]
      : [];
    const r = spawnSync('unshare', ['-u', ...prlimit, '/bin/sh', '-c', `hostname ${HOSTNAME} && exec chroot "$@"`, 'sh', ...inner], {
      input: c.stdin ?? '',
      env: {},
      stdio: [c.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out = r.stdout as Buffer;
    const err = r.stderr as Buffer;
    const text = (b: Buffer) => b.toString('latin1');
    const binary = ![...out, ...err].every((x) => (x >= 32 && x < 127) || x === 10 || x === 9);
    return {
      id: caseId(c),
      stdout: binary ? out.toString('base64') : text(out),
      stderr: binary ? err.toString('base64') : text(err),
      exitCode: r.status ?? 128 + 9,
      ...(binary ? { b64: true as const } : {}),
    };
  } finally {
    teardown();
  }
}

const nowMs = Date.now();
const results = SPECS.map((c) => run(c));
const versions = ['ls', 'bash', 'grep', 'cmp'].map((b) => sh(`/usr/bin/${b}`, ['--version']).split('\n')[0]).join('; ');
nodefs.writeFileSync(
  OUT_FILE,
  `// Generated by record-oracle.ts on ${new Date(nowMs).toISOString()} — do not edit.
// Source of truth: the real programs of Debian ${nodefs.readFileSync('/etc/debian_version', 'utf8').trim()} (${versions}; dash 0.5.12; hostname 3.23).
export const RECORDED_NOW_MS = ${nowMs};
export interface Recorded { id: string; stdout: string; stderr: string; exitCode: number; b64?: true }
export const RECORDED: Recorded[] = ${JSON.stringify(results, null, 1)};
`,
);
nodefs.rmdirSync(WORK);
console.log(`recorded ${results.length} cases into ${OUT_FILE}`);
