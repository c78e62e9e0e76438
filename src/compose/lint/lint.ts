// `tsecret stack lint`'s checks (tsecret's own; docker has no linter): the compose files are read
// as `stack deploy` reads them (docker's YAML, interpolation, merge) and, for the swarm target,
// validated by docker's own loader, whose refusal is reported in docker's words at the line it is
// about; then every rule of the target looks at the secrets and configs. Pure: files, the
// environment and the file system are injected (the CLI passes node:fs).
import { basename, isAbsolute, resolve } from 'node:path';
import { ComposeError } from '../errors.js';
import { interpolateConfig } from '../interpolate.js';
import { loadComposeFiles } from '../load.js';
import { FORBIDDEN_PROPERTIES } from '../types.js';
import { isYamlMap, parseComposeYAML, type YamlMap } from '../yaml.js';
import { buildModel, type ParsedCompose } from './model.js';
import { environmentRules } from './rules/environment.js';
import { fileRules } from './rules/files.js';
import { nameRules } from './rules/names.js';
import { referenceRules } from './rules/references.js';
import type { FileInfo, Rule, RuleContext } from './rules/rule.js';
import { targetRules } from './rules/target.js';
import { templateRules } from './rules/templates.js';
import { ComposeSource, type YamlPath } from './source.js';
import type { Finding, LintTarget, RuleInfo } from './types.js';

export type { FileInfo } from './rules/rule.js';

/** Every rule, in the order the catalogue lists them. */
export const RULES: readonly Rule[] = [
  ...referenceRules,
  ...targetRules,
  ...nameRules,
  ...fileRules,
  ...environmentRules,
  ...templateRules,
];

/** docker's own refusal of a file (its loader's error), and its warnings about secrets and configs. */
export const DOCKER_RULES: readonly RuleInfo[] = [
  {
    id: 'compose-invalid',
    severity: 'error',
    summary: "a file docker refuses to load (syntax, interpolation, schema), in docker's words",
    docs: 'https://docs.docker.com/compose/compose-file/compose-file-v3/',
    targets: ['swarm', 'compose'],
  },
  {
    id: 'compose-deprecated',
    severity: 'warning',
    summary: 'what docker warns about while loading secrets and configs (external: name:)',
    docs: 'https://docs.docker.com/compose/compose-file/compose-file-v3/',
    targets: ['swarm'],
  },
];

/** The catalogue: docker's two, then tsecret's rules. */
export const CATALOGUE: readonly RuleInfo[] = [
  ...DOCKER_RULES,
  ...RULES.map(({ id, severity, summary, docs, targets }) => ({ id, severity, summary, docs, targets })),
];

export interface LintInput {
  /** The -c files in order: their bytes, or the error reading them gave (in Go's words). */
  files: { filename: string; content?: Uint8Array; error?: string }[];
  /** The first file's folder (the cwd for `-`). */
  workingDir: string;
  env: Record<string, string | undefined>;
  target: LintTarget;
  /** Reads an env_file for docker's loader (sync; throws a Node fs error). */
  readFile(path: string): Uint8Array;
  fileInfo(path: string): FileInfo;
}

const dockerRule = (id: string): RuleInfo => DOCKER_RULES.find((r) => r.id === id) as RuleInfo;

function finding(rule: RuleInfo, source: { filename: string }, at: { line: number; column: number } | undefined, message: string): Finding {
  return {
    file: source.filename,
    line: at?.line ?? 1,
    column: at?.column ?? 1,
    severity: rule.severity,
    rule: rule.id,
    message,
    docs: rule.docs,
  };
}

/** A docker error on one line: its first line, then the rest joined with "; " (the list of forbidden keys). */
export function oneLine(message: string): string {
  const [first, ...rest] = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return rest.length ? `${first} ${rest.join('; ')}` : (first ?? '');
}

/** Where a loader error points: the YAML path docker names, when it names one. */
function dockerErrorPath(message: string, files: ParsedCompose[]): { path: YamlPath; which: 'key' | 'value' } | undefined {
  let m = /^(secret|config) (\S+): (\w+\.external\.name)?/.exec(message);
  if (m) return { path: m[3] ? [`${m[1]}s`, m[2], 'external', 'name'] : [`${m[1]}s`, m[2]], which: 'key' };
  m = /^(?:invalid interpolation format for|error while interpolating) ([^:\s]+):/.exec(message);
  if (m) return { path: dotted(m[1].split('.[]')[0]), which: 'value' };
  if (/^(?:unsupported Compose file version|version must be a string|version mismatched)/.test(message))
    return { path: ['version'], which: 'value' };
  m = /^conflicting parameters "external" and "driver" specified for volume "([^"]+)"/.exec(message);
  if (m) return { path: ['volumes', m[1]], which: 'key' };
  if (/^Compose file contains unsupported options:/.test(message)) {
    for (const { raw } of files) {
      for (const [name, svc] of Object.entries(isYamlMap(raw.services) ? raw.services : {})) {
        const key = Object.keys(isYamlMap(svc) ? svc : {}).find((k) => Object.hasOwn(FORBIDDEN_PROPERTIES, k));
        if (key) return { path: ['services', name, key], which: 'key' };
      }
    }
  }
  m = /^(\(root\)|[^\s]+) (Additional property (\S+) is not allowed|.+)$/.exec(message);
  if (m) {
    const base = m[1] === '(root)' ? [] : dotted(m[1]);
    return m[3] ? { path: [...base, m[3]], which: 'key' } : { path: base, which: 'value' };
  }
  return undefined;
}

const dotted = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** The finding for docker's refusal, at the node it names in the first file that has it. */
function dockerFinding(rule: RuleInfo, message: string, files: ParsedCompose[], fallback: ComposeSource): Finding {
  const where = dockerErrorPath(message, files);
  if (where) {
    const holder = files.find((f) => f.source.has(where.path)) ?? files.find((f) => f.source.locate(where.path, where.which));
    if (holder) return finding(rule, holder.source, holder.source.locate(where.path, where.which), oneLine(message));
  }
  return finding(rule, fallback, undefined, oneLine(message));
}

/** Runs the lint; findings in file order, then by line and column. */
export function lintCompose(input: LintInput): Finding[] {
  const invalid = dockerRule('compose-invalid');
  const parsed: ParsedCompose[] = [];
  for (const file of input.files) {
    // as docker, the first file that cannot be read or parsed ends the loading
    if (file.error !== undefined || file.content === undefined) return [finding(invalid, file, undefined, file.error ?? 'cannot be read')];
    const text = Buffer.from(file.content).toString('utf8');
    const source = new ComposeSource(file.filename, text);
    let raw: YamlMap;
    try {
      raw = parseComposeYAML(text);
    } catch (err) {
      if (!(err instanceof ComposeError)) throw err;
      const line = /\bline (\d+):/.exec(err.message);
      return [finding(invalid, file, line ? { line: Number(line[1]), column: 1 } : undefined, oneLine(err.message))];
    }
    parsed.push({ source, raw, interpolated: raw });
  }
  for (const file of parsed) {
    try {
      file.interpolated = interpolateConfig(file.raw, (key) => (Object.hasOwn(input.env, key) ? input.env[key] : undefined)) as YamlMap;
    } catch (err) {
      if (!(err instanceof ComposeError)) throw err;
      return [dockerFinding(invalid, err.message, [file], file.source)];
    }
  }
  const findings: Finding[] = [];
  const model = buildModel(parsed, input.workingDir);
  const ctx: RuleContext = {
    target: input.target,
    resolvePath: (file) => {
      const home = input.env.HOME;
      const expanded = file.startsWith('~') && home !== undefined ? file.replace('~', home) : file;
      return isAbsolute(expanded) ? expanded : resolve(input.workingDir, expanded);
    },
    fileInfo: input.fileInfo,
    folderName: basename(input.workingDir),
  };
  for (const rule of RULES) {
    if (!rule.targets.includes(input.target)) continue;
    for (const issue of rule.check(model, ctx)) {
      findings.push(finding(rule, issue.at.source, issue.at.source.locate(issue.at.path, issue.which), issue.message));
    }
  }
  if (input.target === 'swarm') findings.push(...dockerValidation(input, parsed, findings));
  const order = new Map(input.files.map((f, i) => [f.filename, i]));
  return findings.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
  );
}

/** docker's loader over the files, as stack deploy runs it: its refusal and its warnings. */
function dockerValidation(input: LintInput, parsed: ParsedCompose[], ruleFindings: Finding[]): Finding[] {
  const out: Finding[] = [];
  let warnings: string[] = [];
  try {
    const result = loadComposeFiles(
      {
        workingDir: input.workingDir,
        files: input.files.map((f) => ({ filename: f.filename, content: f.content ?? '' })),
        env: input.env,
        readFile: input.readFile,
      },
      { deploy: true },
    );
    warnings = result.logWarnings;
  } catch (err) {
    if (!(err instanceof ComposeError)) throw err;
    warnings = err.logWarnings ?? [];
    const refusal = dockerFinding(dockerRule('compose-invalid'), err.message, parsed, parsed[0].source);
    // a rule that already reports this node as an error says it with what to do
    const covered = ruleFindings.some(
      (f) => f.severity === 'error' && f.file === refusal.file && f.line === refusal.line && f.column === refusal.column,
    );
    if (!covered) out.push(refusal);
  }
  for (const warning of warnings) {
    if (!/^(secret|config) /.test(warning)) continue;
    out.push(dockerFinding(dockerRule('compose-deprecated'), warning, parsed, parsed[0].source));
  }
  return out;
}
