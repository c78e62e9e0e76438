// Lock records as src/store/lock.ts writes them, for tests that plant a holder: one in this
// process's PID namespace by default, or anywhere else by overriding fields.
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface PlantedRecord {
  tsecret: 'lock';
  pid: number;
  start?: string;
  pidns?: string;
  boot?: string;
  host: string;
  token: string;
}

/** The start time /proc gives a live pid (field 22 of /proc/<pid>/stat). */
export function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

export function lockRecordOf(pid: number, fields: Partial<PlantedRecord> = {}): PlantedRecord {
  return {
    tsecret: 'lock',
    pid,
    pidns: readlinkSync('/proc/self/ns/pid'),
    boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    host: hostname(),
    token: 'planted',
    ...fields,
  };
}
