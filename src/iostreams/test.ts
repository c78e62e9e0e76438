// In-memory streams for running a command in-process (gh pkg/iostreams: iostreams.Test()): what
// the command writes is kept and read back as text; stdin, the terminal flags, environment,
// working directory and clock are the caller's.
import { Readable } from 'node:stream';
import type { IOStreams, Output } from './iostreams.js';

export interface TestStreamsOptions {
  stdin?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd: string;
  now: () => number;
  /** Whether stdout and stderr are terminals. */
  tty?: boolean;
  /** A terminal width: stdin is then a terminal too, as docker reads the width from fd 0. */
  columns?: number;
}

/** An output that keeps every chunk written to it. */
export class CollectedOutput implements Output {
  private readonly chunks: Buffer[] = [];

  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface TestStreams {
  io: IOStreams;
  stdout: CollectedOutput;
  stderr: CollectedOutput;
}

export function testStreams(opts: TestStreamsOptions): TestStreams {
  const stdout = new CollectedOutput();
  const stderr = new CollectedOutput();
  const io: IOStreams = {
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdout,
    stderr,
    stdoutIsTTY: Boolean(opts.tty),
    stderrIsTTY: Boolean(opts.tty),
    stdinIsTTY: opts.columns !== undefined,
    terminalColumns: opts.columns,
    env: opts.env ?? {},
    cwd: opts.cwd,
    now: opts.now,
  };
  return { io, stdout, stderr };
}
