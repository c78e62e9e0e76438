// `stack ls` (docker/cli cli/command/stack/list.go, formatter/formatter.go): the stacks are the
// namespace labels of the services, so a stack of only secrets or networks is not listed.

import type { ServiceEngine } from '../../engine/client.js';
import { naturalCompare } from '../../go/sortorder/natsort.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, noArgs } from '../command.js';
import { listFormatFlag } from '../flags.js';
import { writeList } from '../formatter/formatter.js';
import { LABEL_NAMESPACE } from './common.js';

export interface StackListOptions {
  format: string;
}

/** One row (docker's stackContext). */
export class StackRow {
  constructor(
    private readonly name: string,
    private readonly services: number,
  ) {}

  Name(): string {
    return this.name;
  }
  Services(): string {
    return String(this.services);
  }
}

export const STACK_TABLE = 'table {{.Name}}\t{{.Services}}';

export async function runStackList(opts: StackListOptions, io: IOStreams, engine: Pick<ServiceEngine, 'serviceList'>): Promise<void> {
  const services = await engine.serviceList(new Map([['label', [LABEL_NAMESPACE]]]));
  const counts = new Map<string, number>();
  for (const s of services) {
    const name = s.Spec.Labels[LABEL_NAMESPACE];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = [...counts.keys()].sort(naturalCompare);
  writeList(io, {
    format: opts.format,
    defaultTable: STACK_TABLE,
    headers: { Name: 'NAME', Services: 'SERVICES' },
    rows: names.map((n) => new StackRow(n, counts.get(n) as number)),
    rowType: '*formatter.stackContext',
  });
}

export const stackListCommand = defineCommand({
  use: 'ls [OPTIONS]',
  aliases: ['list'],
  short: 'List stacks',
  args: noArgs,
  flags: [listFormatFlag],
  run: ({ flags, io, engine }) => runStackList({ format: flags.format }, io, engine()),
});
