// The root command: docker's global-flag handling (flags only before the first command word,
// cli/cobra.go HandleGlobalFlags) around the command tree.

import type { Engine } from '../engine/client.js';
import type { IOStreams } from '../iostreams/iostreams.js';
import {
  type CommandSpec,
  commandName,
  defineFlags,
  execute,
  findSubcommand,
  helpText,
  notSimulated,
  parseFlags,
  type ResolvedCommand,
} from './command.js';
import { completionCommand } from './completion/completion.js';
import { configCommand } from './config/config.js';
import { containerCommand, containerShortcuts } from './container/container.js';
import { demoCommand } from './demo.js';
import { doctestCommand } from './doctest/doctest.js';
import { FlagError } from './errors.js';
import { networkCommand } from './network/network.js';
import { nodeCommand } from './node/node.js';
import { secretCommand } from './secret/secret.js';
import { serviceCommand } from './service/service.js';
import { stackCommand } from './stack/stack.js';
import { swarmCommand } from './swarm/swarm.js';
import { infoCommand } from './system/info.js';
import { systemCommand } from './system/system.js';
import { versionCommand } from './system/version.js';
import { volumeCommand } from './volume/volume.js';

declare const TSECRET_VERSION: string;
export const VERSION = typeof TSECRET_VERSION === 'string' ? TSECRET_VERSION : '0.0.0-dev';

const globalFlags = defineFlags([
  {
    name: 'state',
    varname: 'string',
    usage: 'Location of the state file (default: $TSECRET_STATE, else $XDG_STATE_HOME/tsecret/state.json)',
    kind: 'value',
  },
  { name: 'debug', shorthand: 'D', varname: '', usage: 'Enable debug mode', kind: 'bool' },
  { name: 'version', shorthand: 'v', varname: '', usage: 'Print version information and quit', kind: 'bool' },
]);

let wholeTree: CommandSpec | undefined;

/**
 * The whole command tree. Built on first use, not when this module loads: the built CLI starts
 * from the tree's data instead (registry.ts), and loads only the command that runs.
 */
export function rootCommand(): CommandSpec {
  wholeTree ??= {
    use: 'tsecret [OPTIONS] COMMAND [ARG...]',
    short: "Docker swarm's secret workflow without a Docker engine",
    flags: globalFlags,
    subcommands: [
      configCommand,
      containerCommand,
      networkCommand,
      nodeCommand,
      secretCommand,
      serviceCommand,
      stackCommand,
      swarmCommand,
      systemCommand,
      volumeCommand,
      demoCommand(runCli),
      doctestCommand,
      completionCommand,
      infoCommand,
      versionCommand,
      ...containerShortcuts,
    ],
    // docker 28's top-level commands and management groups that need images, a registry, standalone
    // containers or plugins, none of which a simulated swarm manager has
    notSimulated: [
      'attach',
      'build',
      'builder',
      'buildx',
      'checkpoint',
      'commit',
      'compose',
      'context',
      'cp',
      'create',
      'diff',
      'events',
      'export',
      'history',
      'image',
      'images',
      'import',
      'init',
      'kill',
      'load',
      'login',
      'logout',
      'logs',
      'manifest',
      'pause',
      'plugin',
      'port',
      'pull',
      'push',
      'rename',
      'restart',
      'rmi',
      'run',
      'save',
      'search',
      'start',
      'stats',
      'tag',
      'top',
      'trust',
      'unpause',
      'update',
      'wait',
    ],
  };
  return wholeTree;
}

export interface GlobalOptions {
  /** --state; '' when not given. */
  state: string;
  debug: boolean;
}

/**
 * Runs a whole command line; returns the exit code. Never throws for user errors. `tree` is the
 * command tree (the built CLI passes one rebuilt from data), else the whole tree.
 */
export async function runCli(
  argv: string[],
  io: IOStreams,
  makeEngine: (globals: GlobalOptions) => Engine,
  tree?: CommandSpec,
): Promise<number> {
  // the completion scripts' request (cobra's hidden __complete): the words typed so far, flags and all
  if (argv[0] === '__complete' || argv[0] === '__completeNoDesc') {
    const { runComplete } = await import('./completion/complete.js');
    return runComplete(tree ?? rootCommand(), globalFlags, argv.slice(1), argv[0] === '__complete', io, (state) =>
      makeEngine({ state, debug: false }),
    );
  }
  // Global flags stop at the first word that is not a flag (pflag SetInterspersed(false)).
  let split = 0;
  while (split < argv.length && argv[split].startsWith('-') && argv[split] !== '-' && argv[split] !== '--') {
    const tok = argv[split];
    split += tok === '--state' ? 2 : 1;
  }
  if (argv[split] === '--') split++;
  const rootSpec = tree ?? rootCommand();
  const root = { spec: rootSpec, path: ['tsecret'] };
  let parsed: ReturnType<typeof parseFlags<typeof globalFlags>>;
  try {
    parsed = parseFlags(globalFlags, argv.slice(0, Math.min(split, argv.length)), io);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    io.stderr.write(`${err.message}\n\nUsage:  ${rootSpec.use}\n\nRun 'tsecret --help' for more information\n`);
    return 125;
  }
  if (parsed.flags.version) {
    io.stdout.write(`tsecret version ${VERSION}\n`);
    return 0;
  }
  const rest = argv.slice(split);
  if (parsed.help) {
    io.stdout.write(helpText(root, io, await boldFor(io.stdoutIsTTY, io.env)));
    return 0;
  }
  if (rest.length === 0) {
    io.stderr.write(helpText(root, io, await boldFor(io.stderrIsTTY, io.env)));
    return 0;
  }
  if (rest[0] === 'help') return runHelpTopic(rootSpec, rest.slice(1), io);
  if (rootSpec.notSimulated?.includes(rest[0])) return notSimulated(['tsecret', rest[0]], io);
  if (!rootSpec.subcommands?.some((s) => s.use.split(' ')[0] === rest[0] || s.aliases?.includes(rest[0]))) {
    io.stderr.write(`tsecret: unknown command: tsecret ${rest[0]}\n\nRun 'tsecret --help' for more information\n`);
    return 1;
  }
  const globals: GlobalOptions = { state: parsed.flags.state, debug: parsed.flags.debug };
  let engine: Engine | undefined;
  return execute(rootSpec, rest, io, () => (engine ??= makeEngine(globals)));
}

/**
 * Bold on a terminal, as docker's additionalHelp; plain when NO_COLOR is set (any value, per
 * no-color.org), which chalk alone would not honour.
 */
async function boldFor(isTTY: boolean, env: NodeJS.ProcessEnv): Promise<(s: string) => string> {
  if (!isTTY || env.NO_COLOR) return (s) => s;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 }).bold;
}

/** cobra's `help [command]`: the named command's help on stdout. */
function runHelpTopic(rootSpec: CommandSpec, words: string[], io: IOStreams): number {
  let cmd: ResolvedCommand = { spec: rootSpec, path: ['tsecret'] };
  for (const [i, word] of words.entries()) {
    const sub = findSubcommand(cmd.spec, word);
    if (!sub) {
      io.stderr.write(`unknown help topic: ${words.slice(i).join(' ')}\n`);
      return 1;
    }
    cmd = { spec: sub, path: [...cmd.path, commandName(sub)] };
  }
  io.stdout.write(helpText(cmd, io));
  return 0;
}
