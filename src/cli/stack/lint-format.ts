// The output formats of `tsecret stack lint`: text for people, JSON for scripts, SARIF 2.1.0 for
// code scanning, and GitHub Actions workflow commands (annotations on the pull request's lines).
import type { Finding, RuleInfo } from '../../compose/lint/types.js';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `FILE:LINE:COL  severity  message  rule` per finding, then a summary line. */
export function formatText(findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.rule}`);
  lines.push(
    findings.length
      ? `${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')})`
      : 'no problems',
  );
  return `${lines.join('\n')}\n`;
}

export function formatJSON(findings: Finding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}

/** A file name as a SARIF artifact URI: forward slashes, percent-encoded where URIs need it. */
const artifactUri = (file: string): string => encodeURI(file.replaceAll('\\', '/'));

/** SARIF 2.1.0: one run, the whole catalogue as the tool's rules, one result per finding. */
export function formatSARIF(findings: Finding[], catalogue: readonly RuleInfo[], version: string): string {
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tsecret stack lint',
            version,
            informationUri: 'https://github.com/docker/cli/issues/1706',
            rules: catalogue.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              helpUri: r.docs,
              defaultConfiguration: { level: r.severity },
              properties: { targets: r.targets },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: f.severity,
          message: { text: f.message },
          locations: [
            { physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: f.line, startColumn: f.column } } },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** GitHub's escaping of a workflow command's data, and (more) of its properties. */
const escapeData = (s: string): string => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string): string => escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** `::error file=F,line=L,col=C,title=RULE::message`, one per finding. */
export function formatGitHub(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `::${f.severity} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(f.rule)}::${escapeData(`${f.message} (${f.docs})`)}\n`,
    )
    .join('');
}
