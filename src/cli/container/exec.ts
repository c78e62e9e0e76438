// `exec` / `container exec` (docker/cli cli/command/container/exec.go): runs a command in a task
// container's simulated process environment; the exit status is the command's.

import type { Engine } from '../../engine/client.js';
import { type IOStreams, readInput } from '../../iostreams/iostreams.js';
import { defineCommand, requiresMinArgs } from '../command.js';
import { StatusError } from '../errors.js';
import { readEnv } from '../service/spec.js';

export interface ExecOptions {
  container: string;
  command: string[];
  env: string[];
  envFiles: string[];
  user: string;
  workdir: string;
  interactive: boolean;
  tty: boolean;
  detach: boolean;
}

export async function runExec(opts: ExecOptions, io: IOStreams, engine: Engine): Promise<void> {
  const env = readEnv(opts.envFiles, opts.env, io.cwd, io.env);
  // RunExec looks the container up first, so "No such container" wins over the TTY check
  await engine.containerInspect(opts.container);
  if (!opts.detach && opts.interactive && opts.tty && !io.stdinIsTTY) throw new Error('the input device is not a TTY');
  // Without -i the process gets no stdin, as docker attaches none.
  const stdin = opts.interactive ? await readInput(io) : Buffer.alloc(0);
  const result = await engine.containerExec(opts.container, {
    Cmd: opts.command,
    Tty: opts.tty,
    Env: env,
    User: opts.user,
    WorkingDir: opts.workdir,
    Stdin: stdin,
  });
  if (opts.detach) return;
  io.stdout.write(result.stdout);
  io.stderr.write(result.stderr);
  if (result.exitCode !== 0) throw new StatusError('', result.exitCode);
}

export const execCommand = defineCommand({
  use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  args: requiresMinArgs(2),
  interspersed: false,
  flags: [
    { name: 'detach', shorthand: 'd', varname: '', usage: 'Detached mode: run command in the background', kind: 'bool' },
    { name: 'detach-keys', varname: 'string', usage: 'Override the key sequence for detaching a container', kind: 'value' },
    { name: 'env', shorthand: 'e', varname: 'list', usage: 'Set environment variables', kind: 'list' },
    { name: 'env-file', varname: 'list', usage: 'Read in a file of environment variables', kind: 'list' },
    { name: 'interactive', shorthand: 'i', varname: '', usage: 'Keep STDIN open even if not attached', kind: 'bool' },
    { name: 'privileged', varname: '', usage: 'Give extended privileges to the command', kind: 'bool' },
    { name: 'tty', shorthand: 't', varname: '', usage: 'Allocate a pseudo-TTY', kind: 'bool' },
    { name: 'user', shorthand: 'u', varname: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")', kind: 'value' },
    { name: 'workdir', shorthand: 'w', varname: 'string', usage: 'Working directory inside the container', kind: 'value' },
  ],
  run: ({ args, flags, io, engine }) =>
    runExec(
      {
        container: args[0],
        command: args.slice(1),
        env: flags.env,
        envFiles: flags['env-file'],
        user: flags.user,
        workdir: flags.workdir,
        interactive: flags.interactive,
        tty: flags.tty,
        detach: flags.detach,
      },
      io,
      engine(),
    ),
});
