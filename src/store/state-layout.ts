// How the state file is laid out, so a command decodes only the parts it touches: still one JSON
// document, with each top-level member on a line of its own,
//
//   {"version":4,
//   "swarm":{...},
//   "secrets":[...],
//   ...
//   "networks":[...]}
//
// JSON escapes every newline inside a string, so a line that starts with `"secrets":` can only be
// that member. A state read from such a file decodes and checks a member when it is first read
// (`secret ls` never decodes the services, tasks and containers), and writing it back copies the
// members nobody read as they were. A member is checked as the whole file would be (the same
// words, naming the field); a file in any other form (an older tsecret's, an edit by hand, a
// pretty-printed one) is decoded and checked whole, as before.
import { checkMembers, InvalidStateError, KNOWN_MEMBERS, parseState, REQUIRED_MEMBERS, STATE_VERSION, type State } from './state.js';

/** A state read from the layout: each member's text, and which members were decoded. */
interface Layout {
  raw: Map<string, string>;
  decoded: Set<string>;
}
const layoutOf = new WeakMap<object, Layout>();

/** Member texts already checked in this process, by member: a command reads the state once per request it makes. */
const checked = new Map<string, Set<string>>();

/** The state as the file holds it: JSON.stringify's text, one top-level member per line. */
export function serializeState(state: State): string {
  const layout = layoutOf.get(state);
  const members = Object.keys(state).map((key) => {
    const raw = key === 'version' || layout?.decoded.has(key) ? undefined : layout?.raw.get(key);
    return `${JSON.stringify(key)}:${raw ?? JSON.stringify(state[key as keyof State])}`;
  });
  return `{${members.join(',\n')}}\n`;
}

/** Each member's text, when text is laid out by serializeState for this version; else undefined. */
function members(text: string): Map<string, string> | undefined {
  const head = `{"version":${STATE_VERSION},\n`;
  if (!text.startsWith(head) || !text.endsWith('}\n')) return undefined;
  const raw = new Map<string, string>();
  const lines = text.slice(head.length, -2).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf('":');
    const last = i === lines.length - 1;
    if (line[0] !== '"' || colon < 0 || (!last && !line.endsWith(','))) return undefined;
    const name = line.slice(1, colon);
    // an odd key (escapes, a repeat, the version again), or a line that starts inside a member
    // (a newline between its keys is still JSON): leave it to JSON.parse
    if (!KNOWN_MEMBERS.has(name) || name === 'version' || raw.has(name)) return undefined;
    raw.set(name, line.slice(colon + 2, last ? undefined : -1));
  }
  return raw;
}

/**
 * The state in a file's text: decoded member by member on first read when the text has this
 * layout, else parsed and checked whole (parseState, which also migrates older versions).
 */
export function readState(path: string, text: string): State {
  const raw = members(text);
  // a member the file lacks is reported as the whole-file check reports it
  if (!raw || REQUIRED_MEMBERS.some((name) => !raw.has(name))) return parseState(path, text);
  const state = { version: STATE_VERSION } as State;
  const layout: Layout = { raw, decoded: new Set() };
  for (const [name, memberText] of raw) {
    let value: unknown;
    Object.defineProperty(state, name, {
      enumerable: true,
      configurable: true,
      get() {
        if (!layout.decoded.has(name)) {
          value = decodeMember(path, name, memberText);
          layout.decoded.add(name);
        }
        return value;
      },
      set(v: unknown) {
        value = v;
        layout.decoded.add(name);
      },
    });
  }
  layoutOf.set(state, layout);
  return state;
}

function decodeMember(path: string, name: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidStateError(path, 'not valid JSON');
  }
  let seen = checked.get(name);
  if (!seen?.has(text)) {
    const problem = checkMembers({ [name]: value }, [name]);
    if (problem) throw new InvalidStateError(path, problem);
    if (!seen) checked.set(name, (seen = new Set()));
    seen.add(text);
  }
  return value;
}
