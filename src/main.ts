// Entry point of the built CLI: bin/tsecret.cjs loads this module's chunk (dist/tsecret.cjs) and
// calls main with the command tree's data and a way to load a module (see scripts/build.mjs).

import type { CommandSpec } from './cli/command.js';
import { type CommandData, commandData, lazyCommandTree, packCommandData, type SpecLocation } from './cli/registry.js';
import { rootCommand, runCli } from './cli/root.js';
import { type Determinism, determinismFrom } from './determinism/settings.js';
import { localEngineFor } from './engine/local/factory.js';
import { FdOutput, processIO } from './iostreams/iostreams.js';
import { resolveStatePath } from './store/paths.js';

/** What the loader hands main: the tree as the build serialized it, and the module loader. */
export interface Commands {
  tree: CommandData;
  load: (module: string) => Record<string, unknown>;
}

/** The tree a run walks: rebuilt from the build's data (registry.ts), else the whole tree. */
export const commandTree = (commands?: Commands): CommandSpec | undefined =>
  commands && lazyCommandTree(commands.tree, commands.load, rootCommand);

/** Runs the command line of this process. */
export function main(commands?: Commands): void {
  const io = processIO();
  let determinism: Determinism | undefined;
  try {
    determinism = determinismFrom(io.env);
  } catch (err) {
    io.stderr.write(`tsecret: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  // a deterministic run's clock stands still (SOURCE_DATE_EPOCH), for every command
  if (determinism) {
    const { epochMs } = determinism;
    io.now = () => epochMs;
  }
  runCli(process.argv.slice(2), io, (globals) => localEngineFor(resolveStatePath(globals.state, io.env, io.cwd), io), commandTree(commands))
    .then((code) => {
      // Go dies of SIGPIPE when the reader of stdout or stderr has gone; a shell sees 128+13
      const broken = [io.stdout, io.stderr].some((out) => out instanceof FdOutput && out.broken);
      process.exitCode = broken ? 141 : code;
    })
    .catch((err: unknown) => {
      // Last resort: one line, never a stack trace.
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}

/** Build step: the whole tree as data, for main (locate: where each spec is exported). */
export const commandTreeData = (locate: (spec: CommandSpec) => SpecLocation | undefined): CommandData =>
  packCommandData(commandData(rootCommand(), locate));
