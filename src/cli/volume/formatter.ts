// How volumes print (docker/cli cli/command/formatter/volume.go): the list row context and its
// headers; and the typed volume.Volume `volume inspect -f` templates run on.
import type { Volume } from '../../api/volumes.js';
import { GoNil } from '../../go/reflect/value.js';
import { compareBytes } from '../../go/strings/strings.js';
import { apiStruct, stringMap } from '../go-api.js';

export const DEFAULT_VOLUME_TABLE = 'table {{.Driver}}\t{{.Name}}';

export const VOLUME_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'VOLUME NAME',
  Group: 'GROUP',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Status: 'STATUS',
};

/** One `volume ls` row (docker's volumeContext): no usage data and no cluster volumes here. */
export class VolumeRow {
  constructor(private readonly v: Volume) {}

  Name(): string {
    return this.v.Name;
  }
  Driver(): string {
    return this.v.Driver;
  }
  Scope(): string {
    return this.v.Scope;
  }
  Mountpoint(): string {
    return this.v.Mountpoint;
  }
  /** Go ranges over the labels map in random order; tsecret joins them in key order. */
  Labels(): string {
    const labels = this.v.Labels ?? {};
    return Object.keys(labels)
      .sort(compareBytes)
      .map((k) => `${k}=${labels[k]}`)
      .join(',');
  }
  Label(name: string): string {
    return this.v.Labels?.[name] ?? '';
  }
  Links(): string {
    return 'N/A';
  }
  Size(): string {
    return 'N/A';
  }
  Group(): string {
    return 'N/A';
  }
  Availability(): string {
    return 'N/A';
  }
  Status(): string {
    return 'N/A';
  }
}

/** volume.Volume as Go sees it. */
export function goVolume(v: Volume): object {
  return apiStruct(
    'volume.Volume',
    {
      ClusterVolume: new GoNil('*volume.ClusterVolume'),
      CreatedAt: v.CreatedAt,
      Driver: v.Driver,
      Labels: stringMap(v.Labels),
      Mountpoint: v.Mountpoint,
      Name: v.Name,
      Options: stringMap(v.Options),
      Scope: v.Scope,
      Status: new GoNil('map[string]interface {}'),
      UsageData: new GoNil('*volume.UsageData'),
    },
    v,
  );
}
