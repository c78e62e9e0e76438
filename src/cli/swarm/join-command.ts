// The join and unlock instructions printed by `swarm init` and `swarm join-token` (join_token.go,
// unlock_key.go). docker hard-codes its own name here, so these lines say "docker" verbatim.

import type { Engine } from '../../engine/client.js';
import type { IOStreams } from '../../iostreams/iostreams.js';

export async function printJoinCommand(io: IOStreams, engine: Engine, roles: { worker: boolean; manager: boolean }): Promise<void> {
  const swarm = await engine.swarmInspect();
  if (roles.worker) {
    io.stdout.write(
      `To add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${swarm.JoinTokens.Worker} ${swarm.AdvertiseAddr}\n\n`,
    );
  }
  if (roles.manager) {
    io.stdout.write(
      `To add a manager to this swarm, run the following command:\n\n    docker swarm join --token ${swarm.JoinTokens.Manager} ${swarm.AdvertiseAddr}\n\n`,
    );
  }
}

export function printUnlockCommand(io: IOStreams, unlockKey: string): void {
  if (!unlockKey) return;
  io.stdout.write(
    `To unlock a swarm manager after it restarts, run the \`docker swarm unlock\`\ncommand and provide the following key:\n\n    ${unlockKey}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`,
  );
}
