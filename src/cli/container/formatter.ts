// How containers print in `ps` / `container ls` (docker/cli cli/command/formatter/container.go,
// v28: with Platform, without HealthStatus/IPAddresses), and the values moby computes for its
// container list (Summary.Command, State.String()).
import type { Container } from '../../api/services.js';
import { parseImageReference } from '../../engine/image-reference.js';
import { GoNil } from '../../go/reflect/value.js';
import { quoteGo } from '../../go/strconv/quote.js';
import { compareBytes } from '../../go/strings/strings.js';
import { GoTime } from '../../go/time/time.js';
import { humanDuration } from '../../go/units/duration.js';
import { ellipsis, truncateID } from '../formatter/displayutils.js';

export const DEFAULT_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

const RAW_CONTAINER = `container_id: {{.ID}}
image: {{.Image}}
command: {{.Command}}
created_at: {{.CreatedAt}}
state: {{- pad .State 1 0}}
status: {{- pad .Status 1 0}}
names: {{.Names}}
labels: {{- pad .Labels 1 0}}
ports: {{- pad .Ports 1 0}}
`;

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

/** formatter.NewContainerFormat: table/raw keywords, -q winning even over a custom format. */
export function containerListFormat(format: string, quiet: boolean, size: boolean): string {
  if (format === '' || format === 'table') {
    if (quiet) return '{{.ID}}';
    return size ? `${DEFAULT_CONTAINER_TABLE}\\t{{.Size}}` : DEFAULT_CONTAINER_TABLE;
  }
  if (format === 'raw') {
    if (quiet) return 'container_id: {{.ID}}';
    return size ? `${RAW_CONTAINER}size: {{.Size}}\\n` : RAW_CONTAINER;
  }
  return quiet ? '{{.ID}}' : format;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const isZeroTime = (t: string | undefined): boolean => !t || new GoTime(t).IsZero();
const epochMs = (t: string | undefined): number => (isZeroTime(t) ? new GoTime(ZERO_TIME).epochMs() : new GoTime(t as string).epochMs());

/** moby's Summary.Command: the path and its arguments, arguments with a space in single quotes. */
export function containerCommand(c: Container): string {
  const argv = [...(c.Config.Entrypoint ?? []), ...(c.Config.Cmd ?? [])];
  if (argv.length === 0) return '';
  const [path, ...args] = argv;
  if (args.length === 0) return path;
  return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** moby container.State.String(): "Up 5 minutes", "Exited (0) 2 minutes ago", "Created". */
export function containerStatus(c: Container, nowMs: number): string {
  const s = c.State;
  if (s.Running) return `Up ${humanDuration(nowMs - epochMs(s.StartedAt))}`;
  if (isZeroTime(s.StartedAt)) return 'Created';
  if (isZeroTime(s.FinishedAt)) return '';
  return `Exited (${s.ExitCode}) ${humanDuration(nowMs - epochMs(s.FinishedAt))} ago`;
}

/** One `ps` row (docker's ContainerContext): its zero-argument methods are the fields. */
export class ContainerRow {
  constructor(
    private readonly c: Container,
    private readonly trunc: boolean,
    private readonly nowMs: number,
  ) {}

  /** Summary.Created: whole seconds since the epoch. */
  private createdSeconds(): number {
    return Math.floor(epochMs(this.c.Created) / 1000);
  }

  ID(): string {
    return this.trunc ? truncateID(this.c.Id) : this.c.Id;
  }
  /** The names without their leading slash; truncated output keeps the first non-link name. */
  Names(): string {
    const names = this.c.Name ? [this.c.Name] : [];
    const stripped = names.map((n) => (n.startsWith('/') ? n.slice(1) : n));
    if (this.trunc) return stripped.find((n) => !n.includes('/')) ?? '';
    return stripped.join(',');
  }
  Image(): string {
    const image = this.c.Image;
    if (image === '') return '<no image>';
    if (!this.trunc) return image;
    const ref = parseImageReference(image);
    if (!ref) return image;
    return ref.tag !== undefined ? `${ref.familiar}:${ref.tag}` : ref.familiar;
  }
  Command(): string {
    const command = containerCommand(this.c);
    return quoteGo(this.trunc ? ellipsis(command, 20) : command);
  }
  /** time.Unix(created, 0).String(), in UTC. */
  CreatedAt(): string {
    return GoTime.fromEpochMs(this.createdSeconds() * 1000).format('2006-01-02 15:04:05 -0700 MST');
  }
  RunningFor(): string {
    return `${humanDuration(this.nowMs - this.createdSeconds() * 1000)} ago`;
  }
  /** The image manifest's platform; engines without the containerd image store give none. */
  Platform(): GoNil {
    return new GoNil('*formatter.Platform');
  }
  Ports(): string {
    return '';
  }
  State(): string {
    return this.c.State.Status;
  }
  Status(): string {
    return containerStatus(this.c, this.nowMs);
  }
  /** HumanSizeWithPrecision of SizeRw (and "(virtual …)" of SizeRootFs): the simulation has no layers. */
  Size(): string {
    return '0B';
  }
  Labels(): string {
    const labels = this.c.Config.Labels ?? {};
    return Object.keys(labels)
      .map((k) => `${k}=${labels[k]}`)
      .sort(compareBytes)
      .join(',');
  }
  Label(name: string): string {
    return this.c.Config.Labels?.[name] ?? '';
  }
  Mounts(): string {
    return '';
  }
  LocalVolumes(): string {
    return '0';
  }
  Networks(): string {
    return '';
  }
}

/** A container with every field at its zero value (docker validates --format on an empty context). */
export const ZERO_CONTAINER: Container = {
  Id: '',
  Name: '',
  Created: ZERO_TIME,
  Image: '',
  State: { Status: 'created', Running: false, ExitCode: 0, StartedAt: ZERO_TIME, FinishedAt: ZERO_TIME },
  Config: { Hostname: '', User: '', Env: [], Cmd: null, Entrypoint: null, WorkingDir: '', Labels: {} },
  SecretMounts: [],
  ConfigMounts: [],
  TaskID: '',
  ServiceID: '',
};
