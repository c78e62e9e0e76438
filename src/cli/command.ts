// A small cobra/pflag-compatible command layer: pflag's flag parsing (spf13/pflag flag.go), docker's
// help layout (docker/cli cli/cobra.go) and its argument-count messages (cli/required.go), so the
// commands read exactly like docker's.

import type { Engine } from '../engine/client.js';
import { quoteGo } from '../go/strconv/quote.js';
import type { IOStreams } from '../iostreams/iostreams.js';
import { FlagError, StatusError } from './errors.js';

export type FlagKind = 'bool' | 'value' | 'list';

/**
 * One flag as pflag defines it. A verb declares its flags with defineCommand, which keeps each
 * flag's name, kind and parse as literal types, so `run` reads them already typed (FlagValues).
 */
export interface FlagSpec {
  name: string;
  shorthand?: string;
  /** pflag's type word shown in help ('string', 'list', 'filter', ...); '' for booleans. */
  varname: string;
  usage: string;
  /** bool: a switch; value: the last value given wins; list: every value, in order (pflag list/slice types). */
  kind: FlagKind;
  /** Default as pflag prints it in help; omitted when the default is the zero value. */
  defaultText?: string;
  /**
   * pflag's Value.Set: checks one value, throwing Error(cause), and gives what the verb reads (an
   * int, a duration, a file's contents). Without it the verb reads the string as given.
   */
  parse?: (value: string) => unknown;
  /**
   * What the verb reads when the flag is not given (pflag's default value). Without it, Go's zero
   * value: false, '' or [], and undefined for a parsed value (docker's optional *Opt types are nil).
   */
  default?: unknown;
  hidden?: boolean;
  /** pflag MarkDeprecated: using the flag prints `Flag --x has been deprecated, <this>` on stdout. */
  deprecated?: string;
  /** tsecret's own flag on a docker command: help lists it apart, under "tsecret's own options:". */
  own?: boolean;
}

// ---- the typed binding: what a verb reads for each flag it declares ----

type Parsed<F> = F extends { parse: (value: string) => infer T } ? T : string;
type Given<F> = F extends { kind: 'bool' } ? boolean : F extends { kind: 'list' } ? Parsed<F>[] : Parsed<F>;
type Absent<F> = F extends { default: infer D } ? D : F extends { kind: 'value'; parse: (value: string) => unknown } ? undefined : never;

/** A flag's value as the verb reads it: boolean, string, a list, or what its parse gives. */
export type FlagValue<F extends FlagSpec> = Given<F> | Absent<F>;

/** The values of a flag list, by flag name; flags declared without literal names read as unknown. */
export type FlagValues<Fs extends readonly FlagSpec[]> = string extends Fs[number]['name']
  ? Record<string, unknown>
  : { [F in Fs[number] as F['name']]: FlagValue<F> };

export type FlagName<Fs extends readonly FlagSpec[]> = Fs[number]['name'];

/** Keeps a shared flag's literal types (name, kind, parse), so verbs that use it read it typed. */
export const defineFlag = <const F extends FlagSpec>(flag: F): F => flag;

/** The same for a shared list of flags. */
export const defineFlags = <const Fs extends readonly FlagSpec[]>(flags: Fs): Fs => flags;

export interface RunContext<Fs extends readonly FlagSpec[] = readonly FlagSpec[]> {
  io: IOStreams;
  args: string[];
  flags: FlagValues<Fs>;
  /** Flags given on the command line (cobra's Flags().Changed). */
  changed: ReadonlySet<FlagName<Fs>>;
  commandPath: string;
  engine: () => Engine;
}

export type ArgsValidator = (cmd: ResolvedCommand, args: string[]) => string | undefined;

export interface CommandSpec<Fs extends readonly FlagSpec[] = readonly FlagSpec[]> {
  /** cobra's Use: the name, then the argument synopsis ("create [OPTIONS] SECRET [file|-]"). */
  use: string;
  short: string;
  /** cobra's Long: the description its own help shows instead of `short`. */
  long?: string;
  /** cobra's Hidden: runs, but is not listed in its parent's help. */
  hidden?: boolean;
  aliases?: string[];
  args?: ArgsValidator;
  flags?: Fs;
  /** cobra's PersistentFlags: accepted by this command and every command below it, before or after the subcommand word. */
  persistentFlags?: readonly FlagSpec[];
  subcommands?: CommandSpec[];
  /** docker's "swarm" annotation: listed under "Swarm Commands" in the root help. */
  swarm?: boolean;
  /** false: flags stop at the first argument, the rest is passed on as is (pflag SetInterspersed). */
  interspersed?: boolean;
  /** Show the help instead of running when no flag is given (a PreRunE returning pflag.ErrHelp). */
  helpWhenNoFlags?: boolean;
  /** tsecret's own command (docker has no such verb): its group's help lists it apart. */
  own?: boolean;
  /** docker's subcommands of this command that tsecret does not simulate: they say so, instead of "unknown command". */
  notSimulated?: readonly string[];
  // a method, not a function property: its parameter is then checked bivariantly, so a command
  // with typed flags still fits where any command goes (subcommands, ResolvedCommand)
  run?(ctx: RunContext<Fs>): Promise<void>;
}

/** Declares a command: its flags' literal types give `run` its typed flags and `changed`. */
export const defineCommand = <const Fs extends readonly FlagSpec[]>(spec: CommandSpec<Fs>): CommandSpec<Fs> => spec;

/** A command placed in the tree: knows its parents, as cobra's CommandPath/UseLine need. */
export interface ResolvedCommand {
  spec: CommandSpec;
  path: string[];
}

export const commandName = (spec: CommandSpec): string => spec.use.split(' ')[0];
export const commandPath = (cmd: ResolvedCommand): string => cmd.path.join(' ');
const rootName = (cmd: ResolvedCommand): string => cmd.path[0];

export function useLine(cmd: ResolvedCommand): string {
  const parent = cmd.path.slice(0, -1).join(' ');
  return parent ? `${parent} ${cmd.spec.use}` : cmd.spec.use;
}

const plural = (word: string, n: number): string => (n === 1 ? word : `${word}s`);

// ---- argument validators (docker/cli cli/required.go, wording of v28) ----

export const noArgs: ArgsValidator = (cmd, args) => {
  if (args.length === 0) return undefined;
  const path = commandPath(cmd);
  if (cmd.spec.subcommands?.length) {
    return `${rootName(cmd)}: unknown command: ${path} ${args[0]}\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information`;
  }
  return `${rootName(cmd)}: '${path}' accepts no arguments\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information`;
};

export const requiresMinArgs =
  (min: number): ArgsValidator =>
  (cmd, args) =>
    args.length >= min
      ? undefined
      : `${rootName(cmd)}: '${commandPath(cmd)}' requires at least ${min} ${plural('argument', min)}\n\nUsage:  ${useLine(cmd)}\n\nSee '${commandPath(cmd)} --help' for more information`;

export const requiresMaxArgs =
  (max: number): ArgsValidator =>
  (cmd, args) =>
    // "SRun" is docker's own typo in RequiresMaxArgs; kept so output matches byte for byte.
    args.length <= max
      ? undefined
      : `${rootName(cmd)}: '${commandPath(cmd)}' requires at most ${max} ${plural('argument', max)}\n\nUsage:  ${useLine(cmd)}\n\nSRun '${commandPath(cmd)} --help' for more information`;

export const requiresRangeArgs =
  (min: number, max: number): ArgsValidator =>
  (cmd, args) =>
    args.length >= min && args.length <= max
      ? undefined
      : `${rootName(cmd)}: '${commandPath(cmd)}' requires at least ${min} and at most ${max} ${plural('argument', max)}\n\nUsage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information`;

export const exactArgs =
  (n: number): ArgsValidator =>
  (cmd, args) =>
    args.length === n
      ? undefined
      : `${rootName(cmd)}: '${commandPath(cmd)}' requires ${n} ${plural('argument', n)}\n\nUsage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information`;

// ---- help (docker/cli cli/cobra.go usageTemplate, pflag FlagUsagesWrapped) ----

/** pflag lists flags sorted by name; tsecret's own flags are listed apart. */
const visibleFlags = (spec: CommandSpec, own = false): FlagSpec[] =>
  (spec.flags ?? []).filter((f) => !f.hidden && Boolean(f.own) === own).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/**
 * The heading of the blocks that list what tsecret adds to a docker command's help. They come
 * after docker's own blocks, so the rest of the help stays docker's text byte for byte.
 */
export const OWN_COMMANDS_HEADING = "tsecret's own commands:";
export const OWN_OPTIONS_HEADING = "tsecret's own options:";

/** pflag's FlagUsagesWrapped(cols): aligned flag column, usage wrapped to the terminal width. */
export function flagUsagesWrapped(flags: readonly FlagSpec[], cols: number): string {
  const lines: string[] = [];
  let maxlen = 0;
  for (const flag of flags) {
    let line = flag.shorthand ? `  -${flag.shorthand}, --${flag.name}` : `      --${flag.name}`;
    if (flag.varname) line += ` ${flag.varname}`;
    line += '\x00';
    if (line.length > maxlen) maxlen = line.length;
    line += flag.usage;
    if (flag.defaultText !== undefined) line += ` (default ${flag.defaultText})`;
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\x00');
    const spacing = ' '.repeat(maxlen - sidx);
    // Go's Fprintln puts a space between operands: that is where the extra two columns come from
    out += `${line.slice(0, sidx)} ${spacing} ${wrap(maxlen + 2, cols, line.slice(sidx + 1))}\n`;
  }
  return out;
}

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

function wrap(indent: number, width: number, s: string): string {
  let i = indent;
  let r = '';
  if (width === 0) return s.replaceAll('\n', `\n${' '.repeat(i)}`);
  let room = width - i;
  if (room < 24) {
    i = 16;
    room = width - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (room < 24) return s.replaceAll('\n', r);
  const slop = 5;
  room -= slop;
  let rest = s;
  let line: string;
  [line, rest] = wrapN(room, slop, rest);
  r += line.replaceAll('\n', `\n${' '.repeat(i)}`);
  while (rest !== '') {
    [line, rest] = wrapN(room, slop, rest);
    r += `\n${' '.repeat(i)}${line.replaceAll('\n', `\n${' '.repeat(i)}`)}`;
  }
  return r;
}

const rpad = (s: string, n: number): string => s.padEnd(n);

/** The root's closing line; docker makes it bold on a terminal. */
export const ADDITIONAL_HELP = 'For more help on how to use Docker secrets, head to https://docs.docker.com/engine/swarm/secrets/';

export function helpText(cmd: ResolvedCommand, io: IOStreams, emphasis: (s: string) => string = (s) => s): string {
  const { spec } = cmd;
  const isRoot = cmd.path.length === 1;
  // cobra lists subcommands sorted by name
  const subs = (spec.subcommands ?? []).filter((s) => !s.hidden).sort((a, b) => (commandName(a) < commandName(b) ? -1 : 1));
  const flags = visibleFlags(spec);
  let out = 'Usage:';
  out += subs.length ? `  ${commandPath(cmd)}${isRoot && flags.length ? ' [OPTIONS]' : ''} COMMAND` : `  ${useLine(cmd)}`;
  out += `\n\n${(spec.long ?? spec.short).trim()}`;
  if (spec.aliases?.length) {
    const parent = cmd.path.slice(0, -1).join(' ');
    out += `\n\nAliases:\n  ${[commandPath(cmd), ...spec.aliases.map((a) => `${parent} ${a}`)].join(', ')}`;
  }
  const cols = (io.terminalColumns ?? 80) - 1;
  if (!isRoot && flags.length) out += `\n\nOptions:\n${flagUsagesWrapped(flags, cols).trimEnd()}`;
  const ownFlags = visibleFlags(spec, true);
  if (ownFlags.length) out += `\n\n${OWN_OPTIONS_HEADING}\n${flagUsagesWrapped(ownFlags, cols).trimEnd()}`;
  const dockers = subs.filter((s) => !s.own);
  const management = dockers.filter((s) => s.subcommands?.length && !s.swarm);
  const swarmGroups = dockers.filter((s) => s.subcommands?.length && s.swarm);
  const operations = dockers.filter((s) => !s.subcommands?.length);
  const padding = Math.max(11, ...dockers.map((s) => commandName(s).length));
  const groups: [string, CommandSpec[]][] = [
    ['Management Commands', management],
    ['Swarm Commands', swarmGroups],
  ];
  for (const [title, list] of groups) {
    if (!list.length) continue;
    out += `\n\n${title}:`;
    for (const s of list) out += `\n  ${rpad(`${commandName(s)} `, padding + 1)}${s.short}`;
  }
  if (operations.length) {
    out += '\n\nCommands:';
    for (const s of operations) out += `\n  ${rpad(commandName(s), padding)} ${s.short}`;
  }
  const own = subs.filter((s) => s.own);
  if (own.length) {
    const ownPadding = Math.max(11, ...own.map((s) => commandName(s).length));
    out += `\n\n${OWN_COMMANDS_HEADING}`;
    for (const s of own) out += `\n  ${rpad(commandName(s), ownPadding)} ${s.short}`;
  }
  if (isRoot && flags.length) out += `\n\nGlobal Options:\n${flagUsagesWrapped(flags, cols).trimEnd()}`;
  if (subs.length) out += `\n\nRun '${commandPath(cmd)} COMMAND --help' for more information on a command.`;
  if (isRoot) out += `\n\n${emphasis(ADDITIONAL_HELP)}`;
  return `${out}\n`;
}

// ---- parsing ----

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

const HELP_FLAG: FlagSpec = { name: 'help', shorthand: 'h', varname: '', usage: 'Print usage', kind: 'bool', hidden: true };

export interface ParsedCommandLine<Fs extends readonly FlagSpec[] = readonly FlagSpec[]> {
  args: string[];
  flags: FlagValues<Fs>;
  changed: Set<FlagName<Fs>>;
  help: boolean;
}

/**
 * Parses one command's flags as pflag's FlagSet.Parse does (spf13/pflag flag.go parseArgs,
 * parseLongArg, parseSingleShortArg and FlagSet.Set), in its words: flags and their values left to
 * right, the first error ends the parse (as FlagError). Not interspersed: the first argument ends
 * the flags.
 */
export function parseFlags<const Fs extends readonly FlagSpec[]>(
  specFlags: Fs,
  argv: string[],
  io: IOStreams,
  interspersed = true,
): ParsedCommandLine<Fs> {
  const byName = new Map<string, FlagSpec>();
  const byShorthand = new Map<string, FlagSpec>();
  // cobra's help flag, unless the command has its own -h
  for (const flag of [HELP_FLAG, ...specFlags]) {
    byName.set(flag.name, flag);
    if (flag.shorthand) byShorthand.set(flag.shorthand, flag);
  }
  const values = new Map<string, unknown>();
  const changed = new Set<string>();
  const args: string[] = [];

  /** FlagSet.Set: the value checked and stored, or pflag's "invalid argument" error. */
  const set = (flag: FlagSpec, value: string): void => {
    let parsed: unknown = value;
    if (flag.kind === 'bool') {
      if (TRUE_WORDS.has(value)) parsed = true;
      else if (FALSE_WORDS.has(value)) parsed = false;
      else
        throw new FlagError(
          `invalid argument ${quoteGo(value)} for "${flagTitle(flag)}" flag: strconv.ParseBool: parsing ${quoteGo(value)}: invalid syntax`,
        );
    } else if (flag.parse) {
      try {
        parsed = flag.parse(value);
      } catch (err) {
        throw new FlagError(`invalid argument ${quoteGo(value)} for "${flagTitle(flag)}" flag: ${(err as Error).message}`);
      }
    }
    // appended in place: copying the list per value made n flags cost n² (90,000 -l took a minute)
    if (flag.kind === 'list') {
      const list = values.get(flag.name) as unknown[] | undefined;
      if (list) list.push(parsed);
      else values.set(flag.name, [parsed]);
    } else values.set(flag.name, parsed);
    changed.add(flag.name);
  };

  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s.length < 2 || s[0] !== '-') {
      if (!interspersed) {
        args.push(...argv.slice(i));
        break;
      }
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        // "--" ends the flags
        args.push(...argv.slice(i + 1));
        break;
      }
      const body = s.slice(2);
      if (body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const flag = byName.get(name);
      if (!flag) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(flag, body.slice(eq + 1));
      else if (flag.kind === 'bool') set(flag, 'true');
      else if (i + 1 < argv.length) set(flag, argv[++i]);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    // a run of shorthands (-qa), each a bool, or the last taking a value (-fvalue, -f=value, -f value)
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands[0];
      const flag = byShorthand.get(c);
      if (!flag) throw new FlagError(`unknown shorthand flag: ${quoteGoRune(c)} in -${shorthands}`);
      let rest = shorthands.slice(1);
      let value: string;
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        rest = '';
      } else if (flag.kind === 'bool') {
        value = 'true';
      } else if (shorthands.length > 1) {
        value = rest;
        rest = '';
      } else if (i + 1 < argv.length) {
        value = argv[++i];
      } else {
        throw new FlagError(`flag needs an argument: ${quoteGoRune(c)} in -${shorthands}`);
      }
      // cobra marks -h deprecated (pflag prints the notice on the command's output)
      if (flag === HELP_FLAG) io.stdout.write('Flag shorthand -h has been deprecated, use --help\n');
      set(flag, value);
      shorthands = rest;
    }
  }

  const flags: Record<string, unknown> = {};
  for (const flag of specFlags) flags[flag.name] = values.has(flag.name) ? values.get(flag.name) : absentValue(flag);
  // the one place the values meet their declared types: each was built above from its own spec
  return { args, flags: flags as FlagValues<Fs>, changed: changed as Set<FlagName<Fs>>, help: values.get(HELP_FLAG.name) === true };
}

/** Go's %q of a byte, as pflag quotes a shorthand in its errors. */
const quoteGoRune = (c: string): string => (c === "'" ? "'\\''" : c === '"' ? `'"'` : `'${quoteGo(c).slice(1, -1)}'`);

/** What a flag not given reads as: its default, else Go's zero value (see FlagSpec.default). */
function absentValue(flag: FlagSpec): unknown {
  if (flag.default !== undefined) return flag.default;
  if (flag.kind === 'bool') return false;
  if (flag.kind === 'list') return [];
  // `in`, not a read: a tree built from data (registry.ts) loads a flag's parse on first read
  return 'parse' in flag ? undefined : '';
}

export const flagTitle = (flag: FlagSpec): string => (flag.shorthand ? `-${flag.shorthand}, --${flag.name}` : `--${flag.name}`);

// ---- dispatch ----

export function findSubcommand(spec: CommandSpec, name: string): CommandSpec | undefined {
  return spec.subcommands?.find((s) => commandName(s) === name || s.aliases?.includes(name));
}

/** Runs argv against the tree below `root`; returns the exit code. */
export async function execute(root: CommandSpec, argv: string[], io: IOStreams, engine: () => Engine): Promise<number> {
  let cmd: ResolvedCommand = { spec: root, path: [commandName(root)] };
  let rest = argv;
  let inherited: readonly FlagSpec[] = [...(root.persistentFlags ?? [])];
  const persistentTokens: string[] = [];
  // Walk down while the next word names a subcommand; flags of groups are not interspersed, except
  // persistent ones, which cobra skips to find the subcommand (stripFlags).
  while (rest.length && cmd.spec.subcommands?.length) {
    const skip = persistentFlagTokens(inherited, rest);
    const sub = findSubcommand(cmd.spec, rest[skip] ?? '');
    if (!sub && cmd.spec.notSimulated?.includes(rest[skip] ?? '')) return notSimulated([...cmd.path, rest[skip]], io);
    if (!sub) break;
    persistentTokens.push(...rest.slice(0, skip));
    cmd = { spec: sub, path: [...cmd.path, commandName(sub)] };
    rest = rest.slice(skip + 1);
    inherited = [...inherited, ...(sub.persistentFlags ?? [])];
  }
  return runResolved(cmd, [...persistentTokens, ...rest], io, engine, inherited);
}

/** How many leading tokens are persistent flags (with their values). */
function persistentFlagTokens(flags: readonly FlagSpec[], argv: string[]): number {
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-' && argv[i] !== '--') {
    const tok = argv[i];
    const long = tok.startsWith('--');
    const name = long ? tok.slice(2).split('=')[0] : tok.slice(1, 2);
    const flag = flags.find((f) => (long ? f.name === name : f.shorthand === name));
    if (!flag) break;
    i += flag.kind !== 'bool' && !tok.includes('=') && (long || tok.length === 2) ? 2 : 1;
  }
  return Math.min(i, argv.length);
}

async function runResolved(
  cmd: ResolvedCommand,
  argv: string[],
  io: IOStreams,
  engine: () => Engine,
  inherited: readonly FlagSpec[] = [],
): Promise<number> {
  let parsed: ParsedCommandLine;
  const flagSpecs = [...(cmd.spec.flags ?? []), ...inherited.filter((f) => !cmd.spec.flags?.some((g) => g.name === f.name))];
  try {
    parsed = parseFlags(flagSpecs, argv, io, cmd.spec.interspersed ?? true);
    for (const flag of flagSpecs) {
      if (flag.deprecated !== undefined && parsed.changed.has(flag.name))
        io.stdout.write(`Flag --${flag.name} has been deprecated, ${flag.deprecated}\n`);
    }
  } catch (err) {
    if (err instanceof FlagError) {
      io.stderr.write(`${err.message}\n\nUsage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information\n`);
      return 125;
    }
    throw err;
  }
  if (parsed.help) {
    io.stdout.write(helpText(cmd, io));
    return 0;
  }
  const argError = cmd.spec.args?.(cmd, parsed.args);
  if (argError) {
    io.stderr.write(`${argError}\n`);
    return 1;
  }
  if (cmd.spec.helpWhenNoFlags && parsed.changed.size === 0) {
    io.stdout.write(helpText(cmd, io));
    return 0;
  }
  if (!cmd.spec.run) {
    // A group called alone prints its help on stderr and succeeds, as docker's ShowHelp does.
    io.stderr.write(helpText(cmd, io));
    return 0;
  }
  try {
    await cmd.spec.run({ io, args: parsed.args, flags: parsed.flags, changed: parsed.changed, commandPath: commandPath(cmd), engine });
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/**
 * A docker command tsecret does not simulate (`run`, `build`, `container logs`, ...): one line and
 * exit 1, where docker would act and an unknown command would mislead.
 */
export function notSimulated(path: string[], io: IOStreams): number {
  io.stderr.write(
    `${path[0]}: 'docker ${path.slice(1).join(' ')}' is not simulated: tsecret answers docker's swarm, service, secret and related commands only (see '${path[0]} --help')\n`,
  );
  return 1;
}

/**
 * Prints an error the way docker's main does: its message and a newline on stderr, nothing for an
 * empty message. Unexpected failures get the same single line, never a stack trace.
 */
export function reportError(err: unknown, io: IOStreams): number {
  const message = err instanceof Error ? err.message : String(err);
  if (message) io.stderr.write(`${message}\n`);
  return err instanceof StatusError ? err.exitCode : 1;
}
