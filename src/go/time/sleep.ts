// Go's time.Sleep (time/sleep.go), synchronous: the commands are synchronous from start to end (as docker's are), so the
// lock's retries and a non-blocking descriptor's waits block the thread instead of yielding.
const cell = new Int32Array(new SharedArrayBuffer(4));

export const sleepSync = (ms: number): void => void Atomics.wait(cell, 0, 0, ms);
