// What every `stack` subcommand shares (docker/cli cli/command/stack/common.go, compose/convert):
// the stack-name check and the namespace label that marks a stack's services, networks and secrets.
import type { Filters } from '../../api/filters.js';
import { quoteGo } from '../../go/strconv/quote.js';

/** convert.LabelNamespace: set on every object a stack creates. */
export const LABEL_NAMESPACE = 'com.docker.stack.namespace';
/** convert.LabelImage: the image as the compose file wrote it (`--resolve-image changed` compares it). */
export const LABEL_IMAGE = 'com.docker.stack.image';

/** quotesOrWhitespace at either end: Go's unicode.IsSpace, or a quote. */
const QUOTES_OR_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"']+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"']+$/g;

/** validateStackName: nothing but blanks and quotes is refused; everything else reaches the daemon. */
export function validateStackName(namespace: string): void {
  const trimmed = namespace.replace(QUOTES_OR_SPACE, '');
  if (trimmed === '') throw new Error(`invalid stack name: ${quoteGo(namespace)}`);
}

export function validateStackNames(namespaces: string[]): void {
  for (const ns of namespaces) validateStackName(ns);
}

/** getStackFilter: the stack's own objects. */
export const stackFilter = (namespace: string): Filters => new Map([['label', [`${LABEL_NAMESPACE}=${namespace}`]]]);

/** getStackFilterFromOpt: the user's filters, and the stack's label added to theirs. */
export function stackFilterWith(namespace: string, filters: Filters): Filters {
  const labels = filters.get('label') ?? [];
  const own = `${LABEL_NAMESPACE}=${namespace}`;
  if (!labels.includes(own)) labels.push(own);
  filters.set('label', labels);
  return filters;
}
