// The I/O a command may touch, injected so tests run commands in-process (as gh's IOStreams).
import type { Readable, Writable } from 'node:stream';

export interface IOStreams {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
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
}

export function processIO(): IOStreams {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    terminalColumns: process.stdin.isTTY ? (process.stdout.columns ?? undefined) : undefined,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
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
