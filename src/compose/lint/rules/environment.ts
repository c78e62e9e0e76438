// Rules about how a service's `environment:` meets its secrets: a secret's path given where the
// value is expected, a `_FILE` variable naming a path nothing is mounted at, the naming
// convention of the image's family, and credentials written out in the file.
import { posix } from 'node:path';
import type { EnvEntry, ServiceModel } from '../model.js';
import { type Issue, isFileVariable, mountPath, prefixedPath, RUN_SECRETS, type Rule } from './rule.js';

/** The last word of a variable name (`DB_PASSWORD_FILE` → FILE). */
const lastWord = (key: string): string => key.split('_').filter(Boolean).pop()?.toUpperCase() ?? '';

/** Names whose value is a path by design: the program reads the path, not a secret. */
const PATH_WORDS = new Set(['PATH', 'PATHS', 'DIR', 'DIRECTORY', 'LOCATION', 'FILENAME', 'FILES']);

const mounted = (service: ServiceModel): Set<string> => new Set(service.secrets.map(mountPath));

export const envPathWithoutFile: Rule = {
  id: 'env-path-without-file',
  severity: 'warning',
  summary: 'a variable holds a secret file path, but its name has no _FILE',
  docs: 'https://github.com/docker-library/mysql/issues/558',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      const paths = mounted(service);
      for (const entry of service.environment) {
        const value = entry.value;
        if (value === null || isFileVariable(entry.key) || PATH_WORDS.has(lastWord(entry.key))) continue;
        if (!value.startsWith(RUN_SECRETS) && !paths.has(value)) continue;
        issues.push({
          at: entry.at,
          message: `${entry.key} is set to the path ${value}, so the program gets the path where it expects the value: if the image reads *_FILE variables, name it ${entry.key}_FILE`,
        });
      }
    }
    return issues;
  },
};

export const envFileNotMounted: Rule = {
  id: 'env-file-not-mounted',
  severity: 'error',
  summary: 'a _FILE variable names a /run/secrets path the service does not mount',
  docs: 'https://github.com/docker-library/mysql/issues/593',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      const paths = mounted(service);
      for (const entry of service.environment) {
        const value = entry.value;
        if (value === null || !isFileVariable(entry.key) || !value.startsWith(RUN_SECRETS) || paths.has(posix.normalize(value))) continue;
        // the stack-prefix rule explains /run/secrets/<stack>_<key>
        if (prefixedPath(entry, service)) continue;
        issues.push({ at: entry.at, message: notMountedMessage(entry, service) });
      }
    }
    return issues;
  },
};

function notMountedMessage(entry: EnvEntry, service: ServiceModel): string {
  const file = posix.basename(entry.value ?? '');
  const elsewhere = service.secrets.find((r) => r.source === file);
  if (elsewhere)
    return `${entry.key} names ${entry.value}, but service ${service.name} mounts secret ${file} at ${mountPath(elsewhere)}: point ${entry.key} there, or drop the secret's target:`;
  return `${entry.key} names ${entry.value}, which service ${service.name} does not mount: add ${file} to its secrets:, or fix the path`;
}

/** The image's repository without tag or digest, lower-cased. */
const repository = (image: string): string =>
  image
    .split('@')[0]
    .replace(/:[^/]*$/, '')
    .toLowerCase();

const isLinuxserver = (image: string): boolean => /^(?:(?:lscr\.io|ghcr\.io|docker\.io)\/)?linuxserver\//.test(repository(image));

/** A Docker Official Image (`mysql:8`, `library/postgres`, `docker.io/library/redis`). */
const isOfficial = (image: string): boolean => {
  const repo = repository(image);
  return !repo.includes('/') || /^(?:docker\.io\/)?library\/[^/]+$/.test(repo);
};

export const envFileConvention: Rule = {
  id: 'env-file-convention',
  severity: 'warning',
  summary: "a file variable in the other image family's form: linuxserver reads FILE__X, official images X_FILE",
  docs: 'https://github.com/linuxserver/docker-baseimage-alpine/pull/49',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      const image = service.image;
      if (!image) continue;
      for (const entry of service.environment) {
        if (entry.value === null || !entry.value.startsWith(RUN_SECRETS)) continue;
        if (isLinuxserver(image) && entry.key.endsWith('_FILE') && !entry.key.startsWith('FILE__')) {
          const name = entry.key.replace(/_+FILE$/, '');
          issues.push({ at: entry.at, message: `linuxserver images read FILE__${name}, not ${entry.key}: rename it FILE__${name}` });
        } else if (isOfficial(image) && entry.key.startsWith('FILE__')) {
          const name = entry.key.slice('FILE__'.length);
          issues.push({
            at: entry.at,
            message: `official images such as ${image} read ${name}_FILE (for the variables they document), not FILE__${name}: rename it ${name}_FILE`,
          });
        }
      }
    }
    return issues;
  },
};

/** Words that make a variable a credential… */
const CREDENTIAL = /(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY)(?:_|$)/i;
/** …unless its last word says the value is about the credential, not the credential. */
const NOT_THE_CREDENTIAL = new Set([
  ...PATH_WORDS,
  'FILE',
  'URL',
  'URI',
  'HOST',
  'PORT',
  'USER',
  'USERNAME',
  'NAME',
  'ID',
  'TYPE',
  'METHOD',
  'MODE',
  'ALGORITHM',
  'ALG',
  'HEADER',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRE',
  'EXPIRES',
  'EXPIRATION',
  'LIFETIME',
  'AGE',
  'INTERVAL',
  'LENGTH',
  'LEN',
  'SIZE',
  'MIN',
  'MAX',
  'COUNT',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'DISABLE',
  'REQUIRED',
  'POLICY',
  'PREFIX',
  'FORMAT',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
]);
/** Values that switch something on or off rather than prove an identity (MYSQL_RANDOM_ROOT_PASSWORD=yes). */
const SWITCH = /^(?:true|false|yes|no|on|off|y|n|0|1)$/i;

export const envLiteralCredential: Rule = {
  id: 'env-literal-credential',
  severity: 'warning',
  summary: 'a password, token or key written out in environment:',
  docs: 'https://github.com/moby/moby/issues/13490',
  targets: ['swarm', 'compose'],
  check(model) {
    const issues: Issue[] = [];
    for (const service of model.services) {
      for (const entry of service.environment) {
        const value = entry.value;
        if (!entry.literal || value === null || value === '' || SWITCH.test(value) || value.startsWith('/')) continue;
        if (isFileVariable(entry.key) || !CREDENTIAL.test(entry.key) || NOT_THE_CREDENTIAL.has(lastWord(entry.key))) continue;
        issues.push({
          at: entry.at,
          message: `${entry.key} is written out in the compose file, where whoever reads the file or docker inspect sees it: put it in a secret (and use ${entry.key}_FILE if the image reads it), or interpolate it from the environment`,
        });
      }
    }
    return issues;
  },
};

export const environmentRules: Rule[] = [envPathWithoutFile, envFileNotMounted, envFileConvention, envLiteralCredential];
