// `swarm unlock` (docker/cli cli/command/swarm/unlock.go): only a locked manager is asked for its
// key, read from a terminal without echo after the prompt `Enter unlock key: `, else the first line
// of stdin, trimmed.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { type CommandSpec, noArgs } from '../command.js';
import { StatusError } from '../errors.js';

export async function runUnlock(io: IOStreams, engine: Engine): Promise<void> {
  const info = await engine.info();
  switch (info.Swarm.LocalNodeState) {
    case 'inactive':
      throw new Error('Error: This node is not part of a swarm');
    case 'locked':
      break;
    default:
      throw new Error('Error: swarm is not locked');
  }
  const key = await readKey(io, 'Enter unlock key: ');
  await engine.swarmUnlock({ UnlockKey: key });
}

/** readKey: a terminal gets the prompt (on stdout, as fmt.Print) and term.ReadPassword; a pipe gives its first line. */
export async function readKey(io: IOStreams, prompt: string): Promise<string> {
  if (io.stdinIsTTY) {
    io.stdout.write(prompt);
    try {
      return await readPassword(io.stdin as TerminalInput);
    } finally {
      io.stdout.write('\n');
    }
  }
  return (await readLine(io.stdin)).trim();
}

/** Up to and without the first newline (bufio ReadString('\n'); EOF ends the line without error). */
async function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const nl = buf.indexOf(0x0a);
    if (nl >= 0) {
      chunks.push(buf.subarray(0, nl));
      break;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface TerminalInput extends NodeJS.ReadableStream {
  setRawMode?(mode: boolean): unknown;
  isRaw?: boolean;
}

/**
 * golang.org/x/term ReadPassword: echo off, line editing kept. Node has no "echo off, canonical on"
 * mode, so raw mode is used and the line discipline's part is done here: Enter ends the line,
 * backspace/DEL erases a byte, ^U the line, ^C interrupts (exit 130), ^D on an empty line is EOF.
 */
async function readPassword(input: TerminalInput): Promise<string> {
  const wasRaw = Boolean(input.isRaw);
  input.setRawMode?.(true);
  const bytes: number[] = [];
  try {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      for (const b of buf) {
        if (b === 0x0d || b === 0x0a) return Buffer.from(bytes).toString('utf8');
        if (b === 0x03) throw new StatusError('', 130);
        if (b === 0x04) {
          if (bytes.length === 0) throw new Error('EOF');
          return Buffer.from(bytes).toString('utf8');
        }
        if (b === 0x7f || b === 0x08) bytes.pop();
        else if (b === 0x15) bytes.length = 0;
        else bytes.push(b);
      }
    }
    if (bytes.length === 0) throw new Error('EOF');
    return Buffer.from(bytes).toString('utf8');
  } finally {
    input.setRawMode?.(wasRaw);
    if ('pause' in input && typeof input.pause === 'function') input.pause();
  }
}

export const unlockCommand: CommandSpec = {
  use: 'unlock',
  short: 'Unlock swarm',
  args: noArgs,
  run: ({ io, engine }) => runUnlock(io, engine()),
};
