// Entry point of the bundled CLI.
import { processIO } from './cli/io.js';
import { runCli } from './cli/root.js';
import { localEngineFor } from './engine/local/factory.js';
import { resolveStatePath } from './store/paths.js';

const io = processIO();
runCli(process.argv.slice(2), io, (globals) => localEngineFor(resolveStatePath(globals.state, io.env, io.cwd), io))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    // Last resort: one line, never a stack trace.
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
