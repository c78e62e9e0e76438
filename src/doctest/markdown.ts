// The shell sessions of a Markdown file, as `tsecret doctest` runs them: fenced blocks tagged
// `console`, `shell-session` or `sh-session` (CommonMark fences of ``` or ~~~, indented as in a
// list item or not), in which a line starting with `$ ` is a command (a trailing `\` continues it
// on the next line) and the lines up to the next command or the end of the block are what it
// printed. `<!-- doctest: skip … -->` on the last non-blank line before a block skips the block.
// tsecret's own (no upstream): the line numbers and ranges kept here are what `--update` rewrites.

/** Info-string words that mark a shell session (GitHub's and Pygments' names for it). */
export const SESSION_LANGUAGES = ['console', 'shell-session', 'sh-session'];

export interface SessionCommand {
  /** 1-based line of the `$ ` line in the file. */
  line: number;
  /** The command as the shell gets it: continuation lines joined with their newlines. */
  text: string;
  /** The printed lines as written in the file, the block's indentation removed (blank lines kept). */
  expected: string[];
  /** 0-based index of the file line where `expected` starts (the line after the command). */
  expectedStart: number;
  /** The indentation of the block's fence, put back in front of lines `--update` writes. */
  indent: string;
  skipped: boolean;
  /** Why (the directive's text after `skip`), for skipped commands. */
  skipReason?: string;
}

export interface SessionFile {
  /** The file split at its line ends (a final one gives a last empty element), for `--update`. */
  lines: string[];
  /** '\r\n' for a file written with CRLF line ends, else '\n'; `--update` keeps it. */
  eol: string;
  commands: SessionCommand[];
}

const FENCE_RE = /^( *)(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const SKIP_RE = /^<!--\s*doctest:\s*skip\b\s*(.*?)\s*-->$/;

/** Which engine a skip applies to: `<!-- doctest: skip engine=tsecret reason -->`; undefined: all. */
export interface SkipDirective {
  engine?: string;
  reason: string;
}

export function parseSkip(line: string): SkipDirective | undefined {
  const m = SKIP_RE.exec(line.trim());
  if (!m) return undefined;
  const engine = /^engine=([A-Za-z0-9_-]+)\s*/.exec(m[1]);
  return engine
    ? { engine: engine[1], reason: m[1].slice(engine[0].length).replace(/^[:\u2014-]\s*/, '') }
    : { reason: m[1].replace(/^[:\u2014-]\s*/, '') };
}

/** Parses a Markdown file's shell sessions. `engine` decides which engine-scoped skips apply. */
export function parseSessions(text: string, engine = 'tsecret'): SessionFile {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const commands: SessionCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE_RE.exec(lines[i]);
    if (!open) {
      i++;
      continue;
    }
    const [, indent, fence, language] = open;
    const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (SESSION_LANGUAGES.includes(language.toLowerCase())) {
      const skip = parseSkip(previousNonBlank(lines, i));
      const skipped = skip !== undefined && (skip.engine === undefined || skip.engine === engine);
      commands.push(...blockCommands(lines, i + 1, end, indent, skipped ? skip : undefined));
    }
    i = end + 1;
  }
  return { lines, eol, commands };
}

function previousNonBlank(lines: string[], at: number): string {
  for (let j = at - 1; j >= 0; j--) if (lines[j].trim() !== '') return lines[j];
  return '';
}

/** Removes up to the fence's indentation, as CommonMark does for the lines of a fenced block. */
function unindent(line: string, indent: string): string {
  let n = 0;
  while (n < indent.length && line[n] === ' ') n++;
  return line.slice(n);
}

function blockCommands(lines: string[], start: number, end: number, indent: string, skip: SkipDirective | undefined): SessionCommand[] {
  const out: SessionCommand[] = [];
  let current: SessionCommand | undefined;
  for (let j = start; j < end; j++) {
    const line = unindent(lines[j], indent);
    if (line.startsWith('$ ')) {
      let text = line.slice(2);
      const first = j;
      while (/(^|[^\\])(\\\\)*\\$/.test(text) && j + 1 < end) text += `\n${unindent(lines[++j], indent)}`;
      current = {
        line: first + 1,
        text,
        expected: [],
        expectedStart: j + 1,
        indent,
        skipped: skip !== undefined,
        skipReason: skip?.reason,
      };
      out.push(current);
    } else if (current) {
      current.expected.push(line);
    }
  }
  return out;
}

/** The index range [from, to) of a command's expected lines that hold text: blank lines around them are spacing. */
export function contentRange(expected: readonly string[]): [number, number] {
  let from = 0;
  let to = expected.length;
  while (from < to && expected[from].trim() === '') from++;
  while (to > from && expected[to - 1].trim() === '') to--;
  return [from, to];
}

/**
 * The file with each given command's printed lines replaced (`--update`): only the lines between
 * the blank lines around them change; a command that printed nothing before gets its lines right
 * after it. Everything else stays byte for byte.
 */
export function replaceOutputs(file: SessionFile, replacements: ReadonlyMap<SessionCommand, string[]>): string {
  const lines = [...file.lines];
  // from the bottom up, so earlier line numbers stay valid
  const ordered = [...replacements].sort(([a], [b]) => b.expectedStart - a.expectedStart);
  for (const [cmd, newLines] of ordered) {
    const [from, to] = contentRange(cmd.expected);
    const at = cmd.expectedStart + (from === to ? 0 : from);
    const count = to - from;
    lines.splice(at, count, ...newLines.map((l) => (l === '' ? '' : cmd.indent + l)));
  }
  return lines.join(file.eol);
}
