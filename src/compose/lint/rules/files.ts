// Rules about the files `file:` secrets and configs are read from: missing, empty, too large for
// the swarm, and the trailing newline `echo` leaves in a one-line password file.
import { type Issue, objectsOf, type Rule, under } from './rule.js';

/** swarmkit MaxSecretSize: 500 KiB, and a payload of exactly that size is refused. */
const MAX_SECRET_SIZE = 500 * 1024;

/** The `file:` objects: neither external nor from a driver nor from the environment. */
function fileObjects(model: Parameters<Rule['check']>[0]) {
  return (['secret', 'config'] as const).flatMap((kind) =>
    [...objectsOf(model, kind).values()].filter((o) => !o.external && !o.driver && !o.environmentSource),
  );
}

export const fileMissing: Rule = {
  id: 'file-missing',
  severity: 'error',
  summary: 'the file of a secret or config does not exist (or is not a file)',
  docs: 'https://github.com/docker/compose/issues/6919',
  targets: ['swarm', 'compose'],
  check(model, ctx) {
    const issues: Issue[] = [];
    for (const object of fileObjects(model)) {
      if (object.file === undefined) {
        // docker then reads the working dir itself: "read <dir>: is a directory"
        issues.push({
          at: object.at,
          which: 'key',
          message: `${object.kind} ${object.key} has no file:, external: or driver:, so docker reads the compose file's folder and fails: add file: ./${object.key}.txt or external: true`,
        });
        continue;
      }
      const info = ctx.fileInfo(ctx.resolvePath(object.file));
      const problem =
        info.kind === 'missing'
          ? 'does not exist'
          : info.kind === 'directory'
            ? 'is a directory'
            : info.kind === 'unreadable'
              ? `cannot be read (${info.reason})`
              : undefined;
      if (problem)
        issues.push({
          at: under(object.at, 'file'),
          message: `${object.kind} ${object.key}'s file ${object.file} ${problem}: create it, or fix the path (relative paths start at the first compose file's folder)`,
        });
    }
    return issues;
  },
};

export const fileEmpty: Rule = {
  id: 'file-empty',
  severity: 'error',
  summary: 'the file of a secret or config is empty',
  docs: 'https://github.com/docker-archive/toolbox/issues/804',
  targets: ['swarm', 'compose'],
  check(model, ctx) {
    const issues: Issue[] = [];
    for (const object of fileObjects(model)) {
      if (object.file === undefined) continue;
      const info = ctx.fileInfo(ctx.resolvePath(object.file));
      if (info.kind === 'file' && info.size === 0) {
        issues.push({
          at: under(object.at, 'file'),
          message: `${object.kind} ${object.key}'s file ${object.file} is empty, which the swarm refuses (data must be larger than 0 bytes): put the value in it`,
        });
      }
    }
    return issues;
  },
};

export const fileTooLarge: Rule = {
  id: 'file-too-large',
  severity: 'error',
  summary: 'a secret file of 500 KB or more, which the swarm refuses',
  docs: 'https://github.com/docker-archive/toolbox/issues/804',
  targets: ['swarm'],
  check(model, ctx) {
    const issues: Issue[] = [];
    for (const object of fileObjects(model)) {
      if (object.kind !== 'secret' || object.file === undefined) continue;
      const info = ctx.fileInfo(ctx.resolvePath(object.file));
      if (info.kind === 'file' && info.size >= MAX_SECRET_SIZE) {
        issues.push({
          at: under(object.at, 'file'),
          message: `secret ${object.key}'s file ${object.file} has ${info.size} bytes; the swarm takes less than ${MAX_SECRET_SIZE} (500 KiB): split it, compress it, or mount it from a volume`,
        });
      }
    }
    return issues;
  },
};

export const fileTrailingNewline: Rule = {
  id: 'file-trailing-newline',
  severity: 'warning',
  summary: 'a one-line secret file ending with a newline, which becomes part of the secret',
  docs: 'https://github.com/docker/docs/issues/6294',
  targets: ['swarm', 'compose'],
  check(model, ctx) {
    const issues: Issue[] = [];
    for (const object of fileObjects(model)) {
      // a template is a file like any config file: its last newline is its own
      if (object.kind !== 'secret' || object.file === undefined || object.templateDriver !== undefined) continue;
      const info = ctx.fileInfo(ctx.resolvePath(object.file));
      // only a one-line value (a password, a token): a certificate or a config file ends in a newline by nature
      if (info.kind !== 'file' || info.size === 0 || info.size > info.head.length) continue;
      const text = Buffer.from(info.head).toString('latin1');
      const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : undefined;
      if (body === undefined || body === '' || /[\r\n]/.test(body)) continue;
      issues.push({
        at: under(object.at, 'file'),
        message: `secret ${object.key}'s file ${object.file} is one line ending with a newline, which the secret keeps (echo adds it): write the file with printf '%s', or strip the newline`,
      });
    }
    return issues;
  },
};

export const fileRules: Rule[] = [fileMissing, fileEmpty, fileTooLarge, fileTrailingNewline];
