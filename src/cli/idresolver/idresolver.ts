// docker/cli cli/command/idresolver/idresolver.go: the name a task list shows for a node ID.
import type { Node } from '../../api/services.js';

type Loose = Record<string, unknown> | undefined;
const loose = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

/** idresolver for nodes: the node's name, else its hostname, else the ID. */
export function nodeNameResolver(nodes: Node[]): (id: string) => string {
  return (id) => {
    const node = nodes.find((n) => n.ID === id);
    const name = loose(loose(loose(node)?.Spec))?.Name;
    if (typeof name === 'string' && name !== '') return name;
    return node?.Description.Hostname || id;
  };
}
