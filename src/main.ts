// Entry point of the bundle (dist/tsecret.cjs), which bin/tsecret.cjs loads and calls.

import { runCli } from './cli/root.js';
import { type Determinism, determinismFrom } from './determinism/settings.js';
import { localEngineFor } from './engine/local/factory.js';
import { FdOutput, processIO } from './iostreams/iostreams.js';
import { resolveStatePath } from './store/paths.js';

/** Runs the command line of this process. */
export function main(): void {
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
  runCli(process.argv.slice(2), io, (globals) => localEngineFor(resolveStatePath(globals.state, io.env, io.cwd), io))
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
