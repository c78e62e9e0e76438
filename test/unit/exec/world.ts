/**
 * The container filesystem every oracle case runs in. The same tree is built as a SimFS for the
 * tests and materialised as a chroot (real files, modes, owners, mtimes, read-only bind mounts)
 * by record-oracle.ts, where the real GNU tools produce the expected output.
 */
import { type SimFile, SimFS } from '../../../src/engine/exec/filesystem.js';
import { type ProcessContext, runProcess } from '../../../src/engine/exec/process.js';

export const HOSTNAME = 'c0ffee123456';
/** Image build time: the base system's files. */
export const BASE_MS = Date.UTC(2026, 10, 20, 8, 15, 30, 250);
/** Task start: when the secrets were mounted. */
export const SECRETS_MS = Date.UTC(2026, 10, 28, 5, 57, 12, 345);
export const OLD_MS = Date.UTC(2025, 0, 2, 3, 4, 5, 500);
export const FUTURE_MS = Date.UTC(2027, 5, 1, 12, 0, 0, 0);

export const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
export const LINES15 = Array.from({ length: 15 }, (_, i) => `line ${i + 1}\n`).join('');
export const WORDS = 'alpha beta\tgamma\n\n  delta  epsilon\nzeta\x01eta \x80theta\r\niota\f kappa\vlambda\n';

/** Fields for sort -k/-t: blanks, case, duplicates, numbers and a `:`-separated column. */
export const TABLE = 'b 10 x:3\na 2 y:1\nc 1 z:2\na 10 y:10\nB 3 w:4\n  d 05 v:0\ne -1 u:-2\na 2 y:1\nA 2 Y:1\n\tf 7 t:7\n';
/** sort -n's corner cases: signs, fractions, leading zeros and blanks, text. */
export const NUMS = '10\n-1\n2.5\n-0\n0\nabc\n 3\n+4\n.5\n-.5\n1e3\n007\n2.50\n-\n\n';
/** Lines full of regex operators, for grep -F and escaping. */
export const REGEX_TEXT = 'a+b\na{1}\n*star\nx(y)\nfoo|bar\n[br]\nback\\slash\nquest?\ndot.end\n^caret$\n';

export const DOCKER_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOSTNAME,
  HOME: '/root',
};

/** Paths mounted read-only (each secret file is its own ro tmpfs mount in docker). */
export const READ_ONLY = [
  '/run/secrets/my_first_secured_secret',
  '/run/secrets/userpw',
  '/run/secrets/db_pw',
  '/run/secrets/all256',
  '/run/secrets/www',
  '/run/secrets/big',
  '/custom/path',
];

export function buildWorld(): SimFS {
  // The oracle runs in a chroot on an ordinary filesystem, not on overlayfs: real link counts.
  const fs = SimFS.debianBase({ hostname: HOSTNAME, nowMs: BASE_MS, imageLayer: false });
  const root = (mode: number, mtimeMs = SECRETS_MS) => ({ mode, uid: 0, gid: 0, mtimeMs });
  fs.writeFile('/etc/debian_version', '12.11\n', root(0o644, OLD_MS));
  const append = (path: string, text: string) => {
    const f = fs.lookup(path, '/') as SimFile;
    f.data = Buffer.concat([f.data, Buffer.from(text)]);
  };
  append('/etc/passwd', 'mysql:x:999:999::/home/mysql:/bin/sh\n');
  append('/etc/group', 'mysql:x:999:\nsecrets:x:2000:www-data,mysql\n');

  // /run/secrets as swarm mounts it for a task.
  fs.mkdirp('/run/secrets', 0o755, 0, 0, SECRETS_MS);
  fs.writeFile('/run/secrets/my_first_secured_secret', 'This is my first secured secret\n', root(0o444));
  fs.writeFile('/run/secrets/userpw', 'userpass123\n', root(0o400));
  fs.writeFile('/run/secrets/db_pw', 's3cr3t', { mode: 0o440, uid: 999, gid: 999, mtimeMs: SECRETS_MS });
  fs.writeFile('/run/secrets/all256', ALL_BYTES, root(0o444));
  fs.writeFile('/run/secrets/www', 'www only\n', { mode: 0o400, uid: 33, gid: 33, mtimeMs: SECRETS_MS });
  fs.writeFile('/run/secrets/big', 'x'.repeat(4999) + '\n', root(0o444));
  fs.writeFile('/custom/path', 'x\n', { mode: 0o400, uid: 1000, gid: 1000, mtimeMs: SECRETS_MS });

  // Ordinary files to exercise the tools.
  fs.mkdirp('/lib64', 0o755, 0, 0, BASE_MS); // the oracle's chroot needs it for the dynamic loader
  fs.mkdirp('/data', 0o755, 0, 0, BASE_MS);
  fs.writeFile('/data/lines.txt', LINES15, root(0o644, BASE_MS));
  fs.writeFile('/data/words.txt', WORDS, root(0o644, BASE_MS));
  fs.writeFile('/data/noeol.txt', 'first\nsecond\nno newline at end', root(0o644, BASE_MS));
  fs.writeFile('/data/empty', '', root(0o644, BASE_MS));
  fs.writeFile('/data/.hidden', 'hidden\n', root(0o600, BASE_MS));
  fs.writeFile('/data/old.txt', 'old\n', root(0o644, OLD_MS));
  fs.writeFile('/data/future.txt', 'future\n', root(0o644, FUTURE_MS));
  fs.writeFile('/data/locked', 'nobody may read\n', root(0o000, BASE_MS));
  fs.writeFile('/data/run.sh', 'echo "script $0 got $# args: $*"\ncat /run/secrets/userpw\n', root(0o755, BASE_MS));
  fs.writeFile('/data/A-upper', 'A\n', root(0o644, BASE_MS));
  // for grep, sort and cmp
  fs.writeFile('/data/table.txt', TABLE, root(0o644, BASE_MS));
  fs.writeFile('/data/nums.txt', NUMS, root(0o644, BASE_MS));
  fs.writeFile('/data/regex.txt', REGEX_TEXT, root(0o644, BASE_MS));
  fs.writeFile('/data/patterns', 'line 1$\n^line 7\n', root(0o644, BASE_MS));
  fs.writeFile('/data/_under', '_\n', root(0o644, BASE_MS));
  fs.writeFile('/data/sticky-setuid', '', root(0o4755, BASE_MS));
  fs.mkdirp('/data/sub', 0o750, 33, 33, BASE_MS);
  fs.writeFile('/data/sub/inner.txt', 'inner\n', { mode: 0o640, uid: 33, gid: 33, mtimeMs: BASE_MS });
  fs.mkdirp('/data/private', 0o700, 1000, 1000, BASE_MS);
  fs.writeFile('/data/private/mine', 'mine\n', { mode: 0o600, uid: 1000, gid: 1000, mtimeMs: BASE_MS });
  fs.mkdirp('/var/www/html', 0o755, 33, 33, BASE_MS);
  fs.writeFile('/var/www/html/index.html', '<h1>hello</h1>\n', { mode: 0o644, uid: 33, gid: 33, mtimeMs: BASE_MS });

  // Directory mtimes last: creating entries above touched their parents.
  for (const d of ['/run', '/custom', '/data', '/var/www', '/etc', '/var']) {
    const n = fs.lookup(d, '/');
    if (n) n.mtimeMs = d === '/run' || d === '/custom' ? SECRETS_MS : BASE_MS;
  }
  fs.lookup('/', '/')!.mtimeMs = SECRETS_MS;
  for (const p of READ_ONLY) fs.markReadOnly(p);
  return fs;
}

/** Runs argv as root in a fresh world, at a fixed instant. */
export function runProcessInWorld(argv: string[], over: Partial<ProcessContext> = {}) {
  return runProcess(argv, {
    fs: buildWorld(),
    env: { ...DOCKER_ENV },
    cwd: '/',
    uid: 0,
    gid: 0,
    user: 'root',
    hostname: HOSTNAME,
    stdin: Buffer.alloc(0),
    nowMs: Date.UTC(2026, 10, 28, 12),
    ...over,
  });
}

/** The same, with what it printed as text. */
export function runInWorld(argv: string[], over: Partial<ProcessContext> = {}) {
  const r = runProcessInWorld(argv, over);
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), exitCode: r.exitCode };
}
