// The I/O a command may touch, injected so tests run commands in-process (gh pkg/iostreams/iostreams.go).
import { readSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { isatty } from 'node:tty';
import { sleepSync } from '../go/time/sleep.js';

/** Where a command writes: the process's stdout or stderr, or a collector in tests. */
export interface Output {
  write(chunk: string | Uint8Array): unknown;
}

export interface IOStreams {
  stdin: Readable;
  stdout: Output;
  stderr: Output;
  /** Whether stdout is a terminal (tables colour nothing in docker, but progress output differs). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Terminal width as docker reads it (from fd 0); undefined when stdin is not a terminal. */
  terminalColumns?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Wall clock in ms since the epoch; injected so tests can freeze time. */
  now: () => number;
  /** The process's stdin read straight from fd 0 (see processIO); readInput falls back to `stdin`. */
  readStdinSync?: (limit: number) => Buffer;
}

/** A short wait, for a non-blocking descriptor that is not ready. */
const waitForFd = (): void => sleepSync(1);

/**
 * Writes straight to a file descriptor, synchronously, as docker's Go writes do. process.stdout
 * would do too, but setting it up on a pipe loads node's net and stream modules: ~5 ms, a fifth
 * of what a whole `secret ls` may cost.
 */
export class FdOutput implements Output {
  /** Set once the reader has gone (EPIPE); main turns it into the exit status Go's SIGPIPE gives. */
  broken = false;

  constructor(private readonly fd: number) {}

  write(chunk: string | Uint8Array): boolean {
    if (this.broken) return false;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let off = 0; off < bytes.length; ) {
      try {
        off += writeSync(this.fd, bytes, off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          waitForFd(); // a non-blocking descriptor whose reader is slow
          continue;
        }
        if (code === 'EPIPE') {
          // the reader has gone (`tsecret secret ls | head -1`): drop the rest, quietly
          this.broken = true;
          return false;
        }
        throw err;
      }
    }
    return true;
  }
}

/**
 * The process's own streams. What costs milliseconds to set up is looked up on first use:
 * process.stdin, and node:tty (it loads net and stream), which few commands need.
 */
export function processIO(): IOStreams {
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: new FdOutput(1),
    stderr: new FdOutput(2),
    get stdoutIsTTY() {
      return isatty(1);
    },
    get stderrIsTTY() {
      return isatty(2);
    },
    get stdinIsTTY() {
      return isatty(0);
    },
    get terminalColumns() {
      return isatty(0) && isatty(1) ? process.stdout.columns : undefined;
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    // process.stdin would set up a stream (~4 ms) to read what one synchronous loop reads
    readStdinSync: (limit) => readFdAtMost(0, limit),
  };
}

/** Reads a descriptor to its end, or to `limit` bytes, synchronously (as Go's io.ReadAll(LimitReader)). */
export function readFdAtMost(fd: number, limit = Infinity): Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - size));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      waitForFd(); // a non-blocking descriptor with nothing to read yet
      continue;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    size += n;
  }
  return Buffer.concat(chunks, size);
}

/** What a command reads from stdin (`secret create -`, `exec -i`, `-c -`): all of it, or `limit` bytes. */
export async function readInput(io: IOStreams, limit = Infinity): Promise<Buffer> {
  return io.readStdinSync ? io.readStdinSync(limit) : readAll(io.stdin, limit);
}

/** Reads a whole stream as bytes, stopping once `limit` bytes are in hand (docker's LimitReader). */
export async function readAll(stream: Readable, limit = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) break;
  }
  const all = Buffer.concat(chunks);
  return size > limit ? all.subarray(0, limit) : all;
}
