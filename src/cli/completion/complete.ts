// The hidden `__complete` command the completion scripts call (cobra's completions.go protocol,
// which docker 28's scripts speak too): `tsecret __complete WORD… CURRENT` prints one candidate
// per line (`value<TAB>description`; `__completeNoDesc` leaves the descriptions out), then
// `:<directive>`, a bit set telling the shell what to do besides (cobra's ShellCompDirective).
// Candidates: commands, subcommands and flags from the command tree, flag values with fixed
// choices, and the names of secrets, configs, services, stacks, networks, nodes and task containers read
// from the current state, at most one list call (one read of the state) per request.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { type CommandSpec, commandName, type FlagSpec, findSubcommand } from '../command.js';
import { LINT_TARGETS } from '../stack/lint.js';
import { LINT_FORMATS } from '../stack/lint-format.js';

/** cobra ShellCompDirective bits. */
export const DIRECTIVE = { error: 1, noSpace: 2, noFileComp: 4 } as const;
/** 0: the shell may also offer file names (cobra's ShellCompDirectiveDefault). */
const FILES = 0;

interface Candidate {
  value: string;
  description?: string;
}

interface Completion {
  candidates: Candidate[];
  directive: number;
}

/** Flags whose values are one of a fixed set (docker's own choices for them). */
const FLAG_CHOICES: Record<string, string[]> = {
  availability: ['active', 'pause', 'drain'],
  'endpoint-mode': ['vip', 'dnsrr'],
  engine: ['tsecret', 'docker'],
  isolation: ['default', 'process', 'hyperv'],
  mode: ['replicated', 'global', 'replicated-job', 'global-job'],
  'resolve-image': ['always', 'changed', 'never'],
  'restart-condition': ['none', 'on-failure', 'any'],
  'rollback-failure-action': ['pause', 'continue'],
  'rollback-order': ['start-first', 'stop-first'],
  'template-driver': ['golang'],
  'update-failure-action': ['pause', 'continue', 'rollback'],
  'update-order': ['start-first', 'stop-first'],
};

/** Flags whose fixed choices belong to one command (a `--format` elsewhere takes a template). */
const COMMAND_FLAG_CHOICES: Record<string, Record<string, readonly string[]>> = {
  'stack lint': { format: LINT_FORMATS, target: LINT_TARGETS },
};

/** Flags that name objects in the state. */
const FLAG_OBJECTS: Record<string, ObjectKind> = {
  secret: 'secrets',
  'secret-add': 'secrets',
  'secret-rm': 'secrets',
  config: 'configs',
  'config-add': 'configs',
  'config-rm': 'configs',
  network: 'networks',
  'network-add': 'networks',
  'network-rm': 'networks',
};

/** Flags that take a path: the shell offers file names. */
const FILE_FLAGS = new Set(['compose-file', 'env-file', 'label-file', 'state', 'pem-file', 'external-ca']);

type ObjectKind = 'secrets' | 'configs' | 'services' | 'stacks' | 'networks' | 'nodes' | 'containers' | 'running-containers';

interface ArgsCompletion {
  kind: ObjectKind;
  /** Only the first argument names one (the rest is a command line or a value). */
  firstOnly?: boolean;
  /** `service scale`: `NAME=` with no space after. */
  suffix?: string;
  /** `SECRET [file|-]`: the second argument is a file, and the shell offers file names. */
  thenFile?: true;
}

/** What the arguments of each command name, by command path below the root. */
const COMMAND_ARGS: Record<string, ArgsCompletion | 'files' | string[]> = {
  'secret inspect': { kind: 'secrets' },
  'secret rm': { kind: 'secrets' },
  'secret exists': { kind: 'secrets', firstOnly: true },
  'secret rotate': { kind: 'secrets', firstOnly: true, thenFile: true },
  'secret verify': { kind: 'secrets', firstOnly: true, thenFile: true },
  'config inspect': { kind: 'configs' },
  'config rm': { kind: 'configs' },
  'service inspect': { kind: 'services' },
  'service logs': { kind: 'services', firstOnly: true },
  'service ps': { kind: 'services' },
  'service rm': { kind: 'services' },
  'service rollback': { kind: 'services', firstOnly: true },
  'service update': { kind: 'services', firstOnly: true },
  'service scale': { kind: 'services', suffix: '=' },
  'stack deploy': { kind: 'stacks', firstOnly: true },
  'stack ps': { kind: 'stacks' },
  'stack rm': { kind: 'stacks' },
  'stack services': { kind: 'stacks', firstOnly: true },
  'network inspect': { kind: 'networks' },
  'network rm': { kind: 'networks' },
  'node inspect': { kind: 'nodes' },
  'node ps': { kind: 'nodes' },
  'container exec': { kind: 'running-containers', firstOnly: true },
  exec: { kind: 'running-containers', firstOnly: true },
  'container stop': { kind: 'running-containers' },
  stop: { kind: 'running-containers' },
  'container rm': { kind: 'containers' },
  rm: { kind: 'containers' },
  'container inspect': { kind: 'containers' },
  inspect: { kind: 'containers' },
  'swarm join-token': ['worker', 'manager'],
  doctest: 'files',
};

/** The stack a service belongs to (docker's stack label). */
const STACK_LABEL = 'com.docker.stack.namespace';

async function objectNames(kind: ObjectKind, engine: Engine): Promise<string[]> {
  switch (kind) {
    case 'secrets':
      return (await engine.secretList(new Map())).map((s) => s.Spec.Name);
    case 'configs':
      return (await engine.configList(new Map())).map((c) => c.Spec.Name);
    case 'services':
      return (await engine.serviceList(new Map())).map((s) => s.Spec.Name);
    case 'stacks':
      return [
        ...new Set((await engine.serviceList(new Map())).map((s) => s.Spec.Labels?.[STACK_LABEL]).filter((n): n is string => Boolean(n))),
      ];
    case 'networks':
      // the swarm's networks a service can join: not ingress, nor the engine's local ones
      return (await engine.networkList(new Map())).filter((n) => n.Scope === 'swarm' && !n.Ingress).map((n) => n.Name);
    case 'nodes':
      return (await engine.nodeList()).map((n) => n.Description.Hostname);
    case 'containers':
    case 'running-containers': {
      const list = await engine.containerList({ all: kind === 'containers', filters: new Map() });
      return list.map((c) => c.Name.replace(/^\//, ''));
    }
  }
}

const sortedUnique = (names: string[]): string[] => [...new Set(names)].sort();

/** Flags a command takes, the hidden ones and --help left out. */
const visible = (flags: readonly FlagSpec[]): FlagSpec[] => flags.filter((f) => !f.hidden);

function flagCandidates(flags: readonly FlagSpec[], current: string): Candidate[] {
  const out: Candidate[] = [];
  for (const f of visible(flags)) {
    const long = `--${f.name}`;
    if (long.startsWith(current)) out.push({ value: long, description: f.usage });
    // cobra offers the shorthand too once the word is just `-`
    if (f.shorthand && current === '-') out.push({ value: `-${f.shorthand}`, description: f.usage });
  }
  return out.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Whether the flag spelled `word` (`--name`, `-n`, `-dn`) needs the next word as its value. */
function takesNextWord(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  if (word.includes('=')) return undefined;
  const flag = word.startsWith('--')
    ? flags.find((f) => f.name === word.slice(2))
    : flags.find((f) => f.shorthand === word[word.length - 1]);
  return flag && flag.kind !== 'bool' ? flag : undefined;
}

async function flagValues(flag: FlagSpec, command: string, prefix: string, current: string, engine: () => Engine): Promise<Completion> {
  if (FILE_FLAGS.has(flag.name)) return { candidates: [], directive: FILES };
  const choices = COMMAND_FLAG_CHOICES[command]?.[flag.name] ?? FLAG_CHOICES[flag.name];
  const kind = FLAG_OBJECTS[flag.name];
  const values = choices ?? (kind ? await namesOrNothing(kind, engine) : undefined);
  if (!values) return { candidates: [], directive: FILES };
  return { candidates: values.filter((v) => v.startsWith(current)).map((v) => ({ value: prefix + v })), directive: DIRECTIVE.noFileComp };
}

/** Names from the state; none when there is no swarm, it is locked, or the state cannot be read. */
async function namesOrNothing(kind: ObjectKind, engine: () => Engine): Promise<string[]> {
  try {
    return sortedUnique(await objectNames(kind, engine()));
  } catch {
    return [];
  }
}

/** The completions for `words` (the command line after the program name; the last is the word being completed). */
export async function completeWords(
  root: CommandSpec,
  rootFlags: readonly FlagSpec[],
  words: readonly string[],
  engine: () => Engine,
): Promise<Completion> {
  const current = words.length ? words[words.length - 1] : '';
  const before = words.slice(0, -1);
  let cmd = root;
  let path: string[] = [];
  let flags: FlagSpec[] = [...rootFlags];
  let inherited: FlagSpec[] = [];
  const args: string[] = [];
  let pendingFlag: FlagSpec | undefined;
  let flagsEnded = false;
  for (const word of before) {
    if (pendingFlag) {
      pendingFlag = undefined;
      continue;
    }
    // flags end at `--`, and at the first argument of a command that passes the rest on (exec)
    const isFlag = !flagsEnded && word.startsWith('-') && word.length > 1 && !(cmd.interspersed === false && args.length > 0);
    if (isFlag) {
      if (word === '--') flagsEnded = true;
      else pendingFlag = takesNextWord(flags, word);
      continue;
    }
    const sub = args.length === 0 ? findSubcommand(cmd, word) : undefined;
    if (sub) {
      cmd = sub;
      path = [...path, commandName(sub)];
      inherited = [...inherited, ...(sub.persistentFlags ?? [])];
      flags = [...(sub.flags ?? []), ...inherited];
      continue;
    }
    args.push(word);
  }
  const command = path.join(' ');
  if (pendingFlag) return flagValues(pendingFlag, command, '', current, engine);
  const withValue = /^(--[^=]+)=(.*)$/s.exec(current);
  if (withValue) {
    const flag = flags.find((f) => `--${f.name}` === withValue[1]);
    return flag && flag.kind !== 'bool'
      ? flagValues(flag, command, `${withValue[1]}=`, withValue[2], engine)
      : { candidates: [], directive: DIRECTIVE.noFileComp };
  }
  if (current.startsWith('-')) return { candidates: flagCandidates(flags, current), directive: DIRECTIVE.noFileComp };
  if (cmd.subcommands?.length && args.length === 0) {
    const subs = cmd.subcommands.filter((s) => !s.hidden && commandName(s).startsWith(current));
    return { candidates: subs.map((s) => ({ value: commandName(s), description: s.short })), directive: DIRECTIVE.noFileComp };
  }
  const spec = COMMAND_ARGS[command];
  if (spec === 'files') return { candidates: [], directive: FILES };
  if (Array.isArray(spec)) {
    return {
      candidates: args.length ? [] : spec.filter((v) => v.startsWith(current)).map((value) => ({ value })),
      directive: DIRECTIVE.noFileComp,
    };
  }
  if (!spec) {
    // `secret create NAME file|-`: the file; other arguments are new names, images, commands
    if (command === 'secret create' && args.length === 1) return { candidates: [], directive: FILES };
    return { candidates: [], directive: DIRECTIVE.noFileComp };
  }
  if (spec.thenFile && args.length === 1) return { candidates: [], directive: FILES };
  if (spec.firstOnly && args.length > 0) return { candidates: [], directive: DIRECTIVE.noFileComp };
  const names = (await namesOrNothing(spec.kind, engine)).filter((n) => !args.includes(n) || spec.firstOnly);
  const suffix = spec.suffix ?? '';
  return {
    candidates: names.filter((n) => n.startsWith(current)).map((n) => ({ value: n + suffix })),
    directive: DIRECTIVE.noFileComp | (suffix ? DIRECTIVE.noSpace : 0),
  };
}

/** Runs `__complete` / `__completeNoDesc`: prints the candidates and the directive; exit 0. */
export async function runComplete(
  root: CommandSpec,
  rootFlags: readonly FlagSpec[],
  words: string[],
  descriptions: boolean,
  io: IOStreams,
  /** The engine on the state file a `--state` names ('' when none is given). */
  engineFor: (state: string) => Engine,
): Promise<number> {
  // the global flags the user typed pick the state the names come from ('' when none, as --state reads)
  let state = '';
  for (let i = 0; i < words.length - 1 && words[i].startsWith('-'); i++) {
    if (words[i] === '--state' && i + 1 < words.length - 1) state = words[++i];
    else if (words[i].startsWith('--state=')) state = words[i].slice('--state='.length);
  }
  let engine: Engine | undefined;
  const { candidates, directive } = await completeWords(root, rootFlags, words.length ? words : [''], () => (engine ??= engineFor(state)));
  let out = '';
  for (const c of candidates) {
    // a description is one line; cobra cuts it at the first newline
    const description = descriptions && c.description ? `\t${c.description.split('\n')[0]}` : '';
    out += `${c.value}${description}\n`;
  }
  io.stdout.write(`${out}:${directive}\n`);
  return 0;
}
