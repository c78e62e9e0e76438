// How the state file is laid out, so a command reads only the parts it needs: still one JSON
// document, with each top-level member on a line of its own,
//
//   {"version":3,
//   "swarm":{...},
//   "secrets":[...],
//   ...
//   "networks":[...]}
//
// JSON escapes every newline inside a string, so a line that starts with `"secrets":` can only be
// that member. `secret ls` then parses the version, swarm and secrets lines, never the services,
// tasks and containers, and checks what it parsed as the whole file would be checked. A file in
// any other form (an older tsecret, an edit by hand) is read whole, as before.
import { checkMembers, InvalidStateError, STATE_VERSION, type State } from './state.js';

/** The state as the file holds it: JSON.stringify's text, one top-level member per line. */
export function serializeState(state: State): string {
  const members = Object.entries(state).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return `{${members.join(',\n')}}\n`;
}

/**
 * The version and the named members of a state text, each checked as in the whole document
 * (InvalidStateError naming the field); undefined when the text is not laid out by
 * serializeState for this version, or a member's line cannot be read alone: read it whole then.
 */
export function parseStateMembers<K extends keyof State>(path: string, text: string, names: readonly K[]): Pick<State, K | 'version'> | undefined {
  const head = `{"version":${STATE_VERSION},\n`;
  if (!text.startsWith(head) || text.includes('\n"version":')) return undefined;
  const doc: Record<string, unknown> = { version: STATE_VERSION };
  for (const name of names) {
    // a key given twice: JSON.parse keeps the last, and so does this
    const at = text.lastIndexOf(`\n"${name}":`);
    if (at < 0) return undefined;
    const nl = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, nl < 0 ? text.length : nl);
    // a member line ends with the comma before the next, or, on the last line, with the document's brace
    const last = nl < 0 || nl === text.length - 1;
    if (!line.endsWith(last ? '}' : ',')) return undefined;
    let member: Record<string, unknown>;
    try {
      member = JSON.parse(`{${line.slice(0, -1)}}`);
    } catch {
      return undefined;
    }
    doc[name] = member[name];
  }
  const problem = checkMembers(doc, names);
  if (problem) throw new InvalidStateError(path, problem);
  return doc as Pick<State, K | 'version'>;
}
