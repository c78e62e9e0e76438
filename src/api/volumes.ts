// Volume shapes of the Docker Engine API (moby api/types/volume). Field order follows moby's
// structs: `volume inspect` prints it.

/** volume.Volume: a local named volume. Labels and Options are null when none were given. */
export interface Volume {
  /** RFC3339 in seconds ("2026-12-05T04:22:14Z"), as the local driver reports it. */
  CreatedAt: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: 'local' | 'global';
}

/** volume.CreateOptions (POST /volumes/create). */
export interface VolumeCreateRequest {
  /** "" lets the daemon pick a random 64-hex name (an anonymous volume). */
  Name: string;
  Driver: string;
  DriverOpts: Record<string, string>;
  Labels: Record<string, string>;
}

/** volume.PruneReport. */
export interface VolumesPruneReport {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}

/** container.MountPoint: a mount as a container's inspect shows it. */
export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}
