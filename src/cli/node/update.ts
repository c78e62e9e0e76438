// `node update` (docker/cli cli/command/node/update.go), and the read-merge-write of a node that
// promote and demote share (updateNodes).

import type { Node, NodeAvailability, NodeRole } from '../../api/nodes.js';
import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';
import { defineCommand, exactArgs } from '../command.js';
import { labelsToMap } from '../flags.js';

/** A merge that leaves the node as it is: nothing is sent, and the next node is taken. */
export const NO_ROLE_CHANGE = Symbol('role was already set to the requested value');

/** updateNodes: each node read, merged and written back with its version; the first failure ends it. */
export async function updateNodes(
  engine: Engine,
  nodes: string[],
  merge: (node: Node) => typeof NO_ROLE_CHANGE | undefined,
  success: (ref: string) => void,
): Promise<void> {
  for (const ref of nodes) {
    const node = await engine.nodeInspect(ref);
    if (merge(node) === NO_ROLE_CHANGE) continue;
    await engine.nodeUpdate(node.ID, node.Version, node.Spec);
    success(ref);
  }
}

export interface NodeUpdateOptions {
  node: string;
  role?: string;
  availability?: string;
  labelAdd: string[];
  labelRemove: string[];
}

export async function runNodeUpdate(opts: NodeUpdateOptions, io: IOStreams, engine: Engine): Promise<void> {
  await updateNodes(
    engine,
    [opts.node],
    (node) => {
      const spec = node.Spec;
      // the daemon judges the values (`invalid Role: "x"`)
      if (opts.role !== undefined) spec.Role = opts.role as NodeRole;
      if (opts.availability !== undefined) spec.Availability = opts.availability as NodeAvailability;
      Object.assign(spec.Labels, labelsToMap(opts.labelAdd));
      for (const key of opts.labelRemove) {
        if (!Object.hasOwn(spec.Labels, key)) throw new Error(`key ${key} doesn't exist in node's labels`);
        delete spec.Labels[key];
      }
      return undefined;
    },
    () => io.stdout.write(`${opts.node}\n`),
  );
}

export const nodeUpdateCommand = defineCommand({
  use: 'update [OPTIONS] NODE',
  short: 'Update a node',
  args: exactArgs(1),
  flags: [
    { name: 'availability', varname: 'string', usage: 'Availability of the node ("active", "pause", "drain")', kind: 'value' },
    { name: 'label-add', varname: 'list', usage: 'Add or update a node label ("key=value")', kind: 'list' },
    { name: 'label-rm', varname: 'list', usage: 'Remove a node label if exists', kind: 'list' },
    { name: 'role', varname: 'string', usage: 'Role of the node ("worker", "manager")', kind: 'value' },
  ],
  run: ({ args, flags, changed, io, engine }) =>
    runNodeUpdate(
      {
        node: args[0],
        ...(changed.has('role') ? { role: flags.role } : {}),
        ...(changed.has('availability') ? { availability: flags.availability } : {}),
        labelAdd: flags['label-add'],
        labelRemove: flags['label-rm'],
      },
      io,
      engine(),
    ),
});
