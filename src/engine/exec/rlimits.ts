/**
 * Resource limits of the simulated container's processes: getrlimit/setrlimit as Linux
 * (kernel/sys.c do_prlimit) checks them, and what a task container starts with: runc sets the
 * service's --ulimit values (HostConfig.Ulimits) over the limits containerd's processes run with.
 * Values are the kernel's units (bytes, seconds, counts); RLIM_INFINITY is "unlimited".
 */

import { ULIMIT_NAMES } from '../../opts/ulimit.js';

export const RLIM_INFINITY = 2n ** 64n - 1n;

/** The Linux rlimits, by go-units' names: docker's --ulimit names, and `as` (RLIMIT_AS), which go-units disables. */
export const RLIMIT_NAMES = ['as', ...ULIMIT_NAMES] as const;
export type RlimitName = (typeof RLIMIT_NAMES)[number];
export interface Rlimit {
  soft: bigint;
  hard: bigint;
}
export type Rlimits = Readonly<Record<RlimitName, Rlimit>>;

/** fs.nr_open's default: no RLIMIT_NOFILE above it, even with CAP_SYS_RESOURCE. */
const NR_OPEN = 1048576n;

const both = (v: bigint): Rlimit => ({ soft: v, hard: v });

/**
 * What a container's processes get when the service sets no --ulimit: containerd's unit runs
 * with LimitNOFILE, LimitNPROC and LimitCORE at infinity (NOFILE capped at nr_open), the rest
 * are the kernel's defaults for init (8 MiB stack soft limit, 8 MiB of locked memory, 800 KiB
 * of POSIX message queues, pending signals = max_threads / 2, which is memory / 256 KiB).
 */
export function dockerDefaultRlimits(memTotalBytes = 8 * 1024 ** 3): Rlimits {
  return {
    as: both(RLIM_INFINITY),
    core: both(RLIM_INFINITY),
    cpu: both(RLIM_INFINITY),
    data: both(RLIM_INFINITY),
    fsize: both(RLIM_INFINITY),
    locks: both(RLIM_INFINITY),
    memlock: both(8n * 1024n * 1024n),
    msgqueue: both(819200n),
    nice: both(0n),
    nofile: both(NR_OPEN),
    nproc: both(RLIM_INFINITY),
    rss: both(RLIM_INFINITY),
    rtprio: both(0n),
    rttime: both(RLIM_INFINITY),
    sigpending: both(BigInt(Math.floor(memTotalBytes / (256 * 1024)))),
    stack: { soft: 8n * 1024n * 1024n, hard: RLIM_INFINITY },
  };
}

/** The container's limits: each --ulimit (docker's int64, -1 for unlimited) replaces the default. */
export function withUlimits(base: Rlimits, ulimits: readonly { Name: string; Soft: number; Hard: number }[] | null | undefined): Rlimits {
  const out: Record<RlimitName, Rlimit> = { ...base };
  const value = (n: number) => (n < 0 ? RLIM_INFINITY : BigInt(n));
  for (const u of ulimits ?? []) {
    if ((RLIMIT_NAMES as readonly string[]).includes(u.Name)) out[u.Name as RlimitName] = { soft: value(u.Soft), hard: value(u.Hard) };
  }
  return out;
}

export type RlimitErrno = 'EPERM' | 'EINVAL';
export const RLIMIT_ERRNO_TEXT: Record<RlimitErrno, string> = { EPERM: 'Operation not permitted', EINVAL: 'Invalid argument' };

/**
 * setrlimit(2): a soft limit above the hard one is EINVAL; a hard limit above the current one
 * needs CAP_SYS_RESOURCE (which docker's default capabilities lack), and RLIMIT_NOFILE never
 * goes above nr_open.
 */
export function setrlimit(limits: Rlimits, name: RlimitName, next: Rlimit, capSysResource: boolean): Rlimits | { errno: RlimitErrno } {
  if (next.soft > next.hard) return { errno: 'EINVAL' };
  if (name === 'nofile' && next.hard > NR_OPEN) return { errno: 'EPERM' };
  if (next.hard > limits[name].hard && !capSysResource) return { errno: 'EPERM' };
  return { ...limits, [name]: { ...next } };
}
