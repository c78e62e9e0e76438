// docker/cli cli/command/task/formatter.go: the task list's formats (table, raw) and the row
// context (taskContext) of `service ps`, `stack ps` and `node ps`.
import type { Task } from '../../api/services.js';
import { ago, ellipsis, imageWithoutDigest, prettyPrint, truncateID } from '../formatter/displayutils.js';

/** The loosely typed parts of a task the simulated engine may not fill (port status). */
type Loose = Record<string, unknown> | undefined;
const loose = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

export const DEFAULT_TASK_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}';
const RAW_TASK =
  'id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\ndesired_state: {{.DesiredState}}\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\nports: {{.Ports}}\\n';

export const TASK_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  Image: 'IMAGE',
  Node: 'NODE',
  DesiredState: 'DESIRED STATE',
  CurrentState: 'CURRENT STATE',
  Error: 'ERROR',
  Ports: 'PORTS',
};

const MAX_ERR_LENGTH = 30;

/** task.newTaskFormat. */
export function taskListFormat(format: string, quiet: boolean): string {
  if (format === '' || format === 'table') return quiet ? '{{.ID}}' : DEFAULT_TASK_TABLE;
  if (format === 'raw') return quiet ? 'id: {{.ID}}' : RAW_TASK;
  return format;
}

/** One `service ps` row (docker's taskContext). */
export class TaskRow {
  constructor(
    private readonly task: Task,
    private readonly name: string,
    private readonly node: string,
    private readonly trunc: boolean,
    private readonly nowMs: number,
  ) {}

  ID(): string {
    return this.trunc ? truncateID(this.task.ID) : this.task.ID;
  }
  Name(): string {
    return this.name;
  }
  Image(): string {
    const image = this.task.Spec.ContainerSpec?.Image ?? '';
    return this.trunc ? imageWithoutDigest(image) : image;
  }
  Node(): string {
    return this.node;
  }
  DesiredState(): string {
    return prettyPrint(this.task.DesiredState);
  }
  CurrentState(): string {
    return `${prettyPrint(this.task.Status.State)} ${ago(this.nowMs, this.task.Status.Timestamp).toLowerCase()}`;
  }
  Error(): string {
    let err = this.task.Status.Err ?? '';
    if (this.trunc) err = ellipsis(err, MAX_ERR_LENGTH);
    return err.length > 0 ? `"${err}"` : '';
  }
  Ports(): string {
    const ports = loose(loose(this.task.Status)?.PortStatus)?.Ports;
    if (!Array.isArray(ports) || ports.length === 0) return '';
    return (ports as Record<string, unknown>[]).map((p) => `*:${p.PublishedPort ?? 0}->${p.TargetPort ?? 0}/${p.Protocol ?? ''}`).join(',');
  }
}
