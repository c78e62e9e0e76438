// Runs one Markdown file's commands in order in one shell session, as a reader would type them:
// variables and `cd` carry over from one command to the next, and the session starts in the
// file's directory. Each command's stdout and stderr go to one file, interleaved as a terminal
// shows them, and its stdin is empty. `docker` and `tsecret` are bound to tsecret on a throwaway
// state made for the file (deterministic: TSECRET_DETERMINISTIC=1), or, for `--engine docker`,
// both to the real docker on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { NOT_PROTECTED_WARNING } from '../determinism/settings.js';

export type EngineKind = 'tsecret' | 'docker';

export interface SessionOptions {
  engine: EngineKind;
  /** The tsecret entry point the shims run (bin/tsecret.cjs). */
  cli: string;
  /** The node that runs it. */
  node: string;
  /** The environment the session starts from (the user's). */
  env: NodeJS.ProcessEnv;
  /** The whole file's time limit, in ms. */
  timeoutMs: number;
}

export interface CommandRun {
  /** Stdout and stderr together, as a terminal shows them. */
  output: string;
  /** undefined: the command never finished (the session ended or ran out of time before it). */
  exit?: number;
}

const shQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** The first executable called `name` on PATH. */
export function whichOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Runs `commands` in one session in `cwd`; returns one result per command, in order. */
export function runSession(commands: readonly string[], cwd: string, opts: SessionOptions): CommandRun[] {
  const work = mkdtempSync(join(tmpdir(), 'tsecret-doctest-'));
  try {
    const bin = join(work, 'bin');
    mkdirSync(bin);
    const env: NodeJS.ProcessEnv = { ...opts.env };
    if (opts.engine === 'tsecret') {
      const shim = `#!/bin/sh\nexec ${shQuote(opts.node)} -- ${shQuote(opts.cli)} "$@"\n`;
      for (const name of ['docker', 'tsecret']) writeFileSync(join(bin, name), shim, { mode: 0o755 });
      Object.assign(env, {
        TSECRET_STATE: join(work, 'state', 'state.json'),
        TSECRET_DETERMINISTIC: '1',
        // remembered unlocks of this throwaway state stay beside it
        XDG_RUNTIME_DIR: join(work, 'run'),
      });
      delete env.TSECRET_UNLOCK_KEY;
    } else {
      const docker = whichOnPath('docker', env.PATH);
      if (!docker) throw new Error('--engine docker: no docker on PATH');
      writeFileSync(join(bin, 'tsecret'), `#!/bin/sh\nexec ${shQuote(docker)} "$@"\n`, { mode: 0o755 });
    }
    env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
    // one script: each command sourced in the session's own shell, so assignments and cd stay
    const lines = ['exec </dev/null'];
    commands.forEach((command, i) => {
      const file = join(work, `cmd.${i}`);
      writeFileSync(file, `${command}\n`);
      lines.push(`. ${shQuote(file)} >${shQuote(join(work, `out.${i}`))} 2>&1; echo $? >${shQuote(join(work, `rc.${i}`))}`);
    });
    const shell = whichOnPath('bash', env.PATH) ?? '/bin/sh';
    spawnSync(shell, ['-c', lines.join('\n')], { cwd, env, stdio: 'ignore', timeout: opts.timeoutMs, killSignal: 'SIGKILL' });
    return commands.map((_, i) => {
      const read = (name: string) => (existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8') : undefined);
      let output = read(`out.${i}`) ?? '';
      if (opts.engine === 'tsecret') output = output.split(`${NOT_PROTECTED_WARNING}\n`).join('');
      const rc = read(`rc.${i}`);
      return { output, exit: rc === undefined ? undefined : Number(rc.trim()) };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
