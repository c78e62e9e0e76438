// Daemon-side errors, worded as moby and swarmkit word them and prefixed as the Go client prefixes them.

/** An error the daemon returned; the message includes "Error response from daemon: ". */
export class DaemonError extends Error {
  constructor(
    /** The daemon's own message, without the client's prefix. */
    readonly detail: string,
    readonly statusCode: number,
  ) {
    super(`Error response from daemon: ${detail}`);
  }
}

type GrpcCode =
  | 'InvalidArgument'
  | 'AlreadyExists'
  | 'NotFound'
  | 'FailedPrecondition'
  | 'PermissionDenied'
  | 'ResourceExhausted'
  | 'Unknown'
  | 'Unimplemented';

const HTTP_STATUS: Record<GrpcCode, number> = {
  InvalidArgument: 400,
  AlreadyExists: 409,
  NotFound: 404,
  FailedPrecondition: 400,
  PermissionDenied: 403,
  ResourceExhausted: 500,
  Unknown: 500,
  Unimplemented: 501,
};

/** A swarmkit gRPC error, which reaches the user as `rpc error: code = X desc = Y`. */
export const rpcError = (code: GrpcCode, desc: string): DaemonError =>
  new DaemonError(`rpc error: code = ${code} desc = ${desc}`, HTTP_STATUS[code]);

export const notManager = (): DaemonError =>
  new DaemonError(
    'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    503,
  );

export const alreadyInSwarm = (): DaemonError =>
  new DaemonError('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.', 503);

export const notInSwarm = (): DaemonError => new DaemonError('This node is not part of a swarm', 503);

export const invalidFilter = (key: string): DaemonError => new DaemonError(`invalid filter '${key}'`, 400);

export const objectNotFound = (kind: string, ref: string): DaemonError => new DaemonError(`${kind} ${ref} not found`, 404);

export const objectAmbiguous = (kind: string, ref: string, n: number): DaemonError =>
  new DaemonError(`${kind} ${ref} is ambiguous (${n} matches found)`, 400);

/** moby daemon/cluster errSwarmLocked: an autolocked manager before `swarm unlock`. */
export const swarmLocked = (): DaemonError =>
  new DaemonError('Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.', 503);

/** moby errSwarmNotManager (e.g. `swarm init --force-new-cluster` on a locked node). */
export const notManagerWorker = (): DaemonError =>
  new DaemonError(
    "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.",
    503,
  );
