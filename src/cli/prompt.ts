// docker/cli internal/prompt Confirm: the question and " [y/N] " on stdout, one line read from stdin;
// only "y" or "Y" (blanks trimmed) agrees. No input at all (stdin at its end) is a no.
import { type IOStreams, readInput } from '../iostreams/iostreams.js';

/** A prompt answer is one short line; anything past it is not read (docker's scanner buffer). */
const MAX_ANSWER = 4096;

async function readLine(io: IOStreams): Promise<string> {
  if (io.stdinIsTTY && io.readStdinSync) {
    // a terminal delivers the line when Enter is pressed: read up to the newline, no further
    const bytes: number[] = [];
    while (bytes.length < MAX_ANSWER) {
      const b = io.readStdinSync(1);
      if (b.length === 0 || b[0] === 0x0a) break;
      bytes.push(b[0]);
    }
    return Buffer.from(bytes).toString();
  }
  return (await readInput(io, MAX_ANSWER)).toString().split('\n')[0];
}

export async function confirm(io: IOStreams, message: string): Promise<boolean> {
  io.stdout.write(`${message} [y/N] `);
  const answer = (await readLine(io)).trim();
  return answer.toLowerCase() === 'y';
}
