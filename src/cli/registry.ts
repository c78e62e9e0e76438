// The command tree as data, for the built CLI's start-up: the build serializes every command's
// spec (names, aliases, help texts, flags) once, and a run rebuilds the tree from that data, with
// each function of a spec (its run, its argument check, a flag's parse) fetched from the command's
// own module only when something calls it. So dispatch, help and usage errors read data, and only
// the command that runs loads its module and what that module imports (see scripts/build.mjs and
// bin/tsecret.cjs). Not a docker concept: cobra builds its tree in Go, at no cost.
//
// A command is loaded alone when its spec is exported by its module (a named export, or an
// element of an exported array), as every verb file does with `export const xCommand =
// defineCommand(...)`. A spec made some other way is reached through its parent's, and at worst
// through the whole tree.
import type { CommandSpec, FlagSpec } from './command.js';

/** Where a spec is exported: a module (named by the loader) and the export (an array's element: [name, index]). */
export interface SpecLocation {
  module: string;
  path: [string] | [string, number];
}

/** A flag as data; `lazy` lists its fields that are functions (parse), read from the real flag. */
export interface FlagData {
  data: Record<string, unknown>;
  lazy?: string[];
}

/** A command as data. */
export interface CommandData {
  /** The spec's plain-data fields (use, short, aliases, swarm, ...). */
  data: Record<string, unknown>;
  /** Its fields that are not plain data (run, args, ...), read from the real spec on first use. */
  lazy?: string[];
  flags?: FlagData[];
  persistentFlags?: FlagData[];
  subcommands?: CommandData[];
  from?: SpecLocation;
  /**
   * flags, persistentFlags and subcommands as JSON text (packCommandData): parsed when first read,
   * so a run decodes only the groups it walks through.
   */
  packed?: string;
}

/** JSON that reads back as the same value: strings, finite numbers, booleans, null, and lists and plain objects of them. */
function isPlainData(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isPlainData);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isPlainData);
  return false;
}

function split(o: object): { data: Record<string, unknown>; lazy?: string[] } {
  const data: Record<string, unknown> = {};
  const lazy: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (isPlainData(v)) data[k] = v;
    else lazy.push(k);
  }
  return lazy.length ? { data, lazy } : { data };
}

const flagData = (flags: readonly FlagSpec[]): FlagData[] => flags.map(split);

/** The tree below spec as data; locate says where a spec is exported, if it is. */
export function commandData(spec: CommandSpec, locate: (spec: CommandSpec) => SpecLocation | undefined): CommandData {
  const { flags, persistentFlags, subcommands, ...rest } = spec;
  const node: CommandData = split(rest);
  if (flags) node.flags = flagData(flags);
  if (persistentFlags) node.persistentFlags = flagData(persistentFlags);
  if (subcommands) node.subcommands = subcommands.map((s) => commandData(s, locate));
  const from = locate(spec);
  if (from) node.from = from;
  return node;
}

/** The tree with each of the root's subcommands packed: `secret ls` decodes the secret group alone. */
export function packCommandData(root: CommandData): CommandData {
  return {
    ...root,
    subcommands: root.subcommands?.map(({ flags, persistentFlags, subcommands, ...rest }) => ({
      ...rest,
      packed: JSON.stringify({ flags, persistentFlags, subcommands }),
    })),
  };
}

/** Reads a field of the real object on each use; methods stay bound to it. */
function defineLazy(target: object, keys: string[] | undefined, real: () => Record<string, unknown>): void {
  for (const key of keys ?? []) {
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        const r = real();
        const v = r[key];
        return typeof v === 'function' ? v.bind(r) : v;
      },
    });
  }
}

function lazyFlags(flags: FlagData[], real: () => readonly FlagSpec[] | undefined): FlagSpec[] {
  return flags.map((f, i) => {
    const flag = { ...f.data } as unknown as FlagSpec;
    defineLazy(flag, f.lazy, () => (real() as unknown as Record<string, unknown>[])[i]);
    return flag;
  });
}

/**
 * The tree rebuilt from data: every field is there, and a function field loads the real spec
 * (load gives a module's exports; whole gives the full tree, the last resort).
 */
export function lazyCommandTree(
  root: CommandData,
  load: (module: string) => Record<string, unknown>,
  whole: () => CommandSpec,
): CommandSpec {
  return lazyCommand(root, load, whole);
}

function lazyCommand(node: CommandData, load: (module: string) => Record<string, unknown>, fromParent: () => CommandSpec): CommandSpec {
  let real: CommandSpec | undefined;
  const getReal = (): CommandSpec => {
    if (real) return real;
    if (node.from) {
      const [name, index] = node.from.path;
      const exported = load(node.from.module)[name];
      real = (index === undefined ? exported : (exported as CommandSpec[])[index]) as CommandSpec;
    } else {
      real = fromParent();
    }
    return real;
  };
  let unpacked: Pick<CommandData, 'flags' | 'persistentFlags' | 'subcommands'> | undefined = node.packed === undefined ? node : undefined;
  const more = () => (unpacked ??= JSON.parse(node.packed as string) as Pick<CommandData, 'flags' | 'persistentFlags' | 'subcommands'>);
  const spec = { ...node.data } as unknown as CommandSpec;
  defineLazy(spec, node.lazy, () => getReal() as unknown as Record<string, unknown>);
  // built on first read: a run builds the commands on its path, not the whole tree
  const built = <T>(key: string, build: (rest: ReturnType<typeof more>) => T | undefined) => {
    if (node.packed === undefined && node[key as keyof CommandData] === undefined) return;
    let value: T | undefined;
    let done = false;
    Object.defineProperty(spec, key, {
      enumerable: true,
      configurable: true,
      get() {
        if (!done) {
          value = build(more());
          done = true;
        }
        return value;
      },
    });
  };
  built('flags', (r) => r.flags && lazyFlags(r.flags, () => getReal().flags));
  built('persistentFlags', (r) => r.persistentFlags && lazyFlags(r.persistentFlags, () => getReal().persistentFlags));
  built('subcommands', (r) => r.subcommands?.map((s, i) => lazyCommand(s, load, () => (getReal().subcommands as CommandSpec[])[i])));
  return spec;
}
