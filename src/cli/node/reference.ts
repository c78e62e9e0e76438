// node.Reference (docker/cli cli/command/node/cmd.go): `self` means the node answering, as /info names it.
import type { Engine } from '../../engine/client.js';

/** node.Reference: "self" is this node's ID from /info (a node outside a swarm has none). */
export async function nodeReference(engine: Pick<Engine, 'info' | 'nodeList'>, ref: string): Promise<string> {
  if (ref !== 'self') return ref;
  const info = await engine.info();
  if (info.Swarm.NodeID === '') {
    await engine.nodeList();
    throw new Error('node ID not found in /info');
  }
  return info.Swarm.NodeID;
}
