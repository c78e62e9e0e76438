// --mount / --mount-add values: docker/cli opts/mount.go (MountOpt.Set). The daemon checks the
// type itself (`invalid MountType: "bogus"`); a relative source starting with "." becomes an
// absolute path of the client's working directory.
import { isAbsolute, resolve } from 'node:path';
import type { Mount } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { parseBool, parseUint } from '../go/strconv/numerr.js';
import { ramInBytes } from '../go/units/parse-size.js';

type VolumeOptions = NonNullable<Mount['VolumeOptions']>;
type BindOptions = NonNullable<Mount['BindOptions']> & { ReadOnlyNonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };

/** One --mount value as mount.Mount; `cwd` resolves a "./x" source. */
export function parseMountOpt(value: string, cwd: string = process.cwd()): Mount {
  const fields = csvRecord(value);
  const mount: Mount = { Type: 'volume', Target: '' };
  let volume: VolumeOptions | undefined;
  let bind: BindOptions | undefined;
  let tmpfs: NonNullable<Mount['TmpfsOptions']> | undefined;
  let image = false;
  const volumeOptions = (): VolumeOptions => {
    volume ??= { Labels: {} };
    volume.DriverConfig ??= {};
    return volume;
  };
  const bindOptions = (): BindOptions => (bind ??= {});
  const tmpfsOptions = () => (tmpfs ??= {});
  const setOnMap = (target: Record<string, string>, kv: string) => {
    const eq = kv.indexOf('=');
    const k = eq < 0 ? kv : kv.slice(0, eq);
    if (k !== '') target[k] = eq < 0 ? '' : kv.slice(eq + 1);
  };
  const bool = (key: string, val: string, text = `invalid value for ${key}: ${val}`): boolean => {
    try {
      return parseBool(val);
    } catch {
      throw new Error(text);
    }
  };

  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = field.slice(eq + 1);
    if (eq < 0) {
      switch (key) {
        case 'readonly':
        case 'ro':
          mount.ReadOnly = true;
          continue;
        case 'volume-nocopy':
          volumeOptions().NoCopy = true;
          continue;
        case 'bind-nonrecursive':
          bindOptions().NonRecursive = true;
          continue;
        default:
          throw new Error(`invalid field '${field}' must be a key=value pair`);
      }
    }
    switch (key) {
      case 'type':
        mount.Type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
        mount.Source = !isAbsolute(val) && val.startsWith('.') ? resolve(cwd, val) : val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        mount.Target = val;
        break;
      case 'readonly':
      case 'ro':
        mount.ReadOnly = bool(key, val);
        break;
      case 'consistency':
        mount.Consistency = val.toLowerCase();
        break;
      case 'bind-propagation':
        bindOptions().Propagation = val.toLowerCase();
        break;
      case 'bind-nonrecursive':
        bindOptions().NonRecursive = bool(key, val);
        break;
      case 'bind-recursive':
        switch (val) {
          case 'enabled':
            break;
          case 'disabled':
            bindOptions().NonRecursive = true;
            break;
          case 'writable':
            bindOptions().ReadOnlyNonRecursive = true;
            break;
          case 'readonly':
            bindOptions().ReadOnlyForceRecursive = true;
            break;
          default:
            throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        }
        break;
      case 'volume-subpath':
        volumeOptions().Subpath = val;
        break;
      case 'volume-nocopy':
        volumeOptions().NoCopy = bool(key, val, `invalid value for volume-nocopy: ${val}`);
        break;
      case 'volume-label':
        setOnMap(volumeOptions().Labels as Record<string, string>, val);
        break;
      case 'volume-driver':
        (volumeOptions().DriverConfig as { Name?: string }).Name = val;
        break;
      case 'volume-opt': {
        const driver = volumeOptions().DriverConfig as { Options?: Record<string, string> };
        driver.Options ??= {};
        setOnMap(driver.Options, val);
        break;
      }
      case 'image-subpath':
        image = true;
        break;
      case 'tmpfs-size':
        try {
          tmpfsOptions().SizeBytes = ramInBytes(val);
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      case 'tmpfs-mode':
        try {
          tmpfsOptions().Mode = Number(parseUint(val, 8, 32));
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      default:
        throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (mount.Type === '') throw new Error('type is required');
  if (mount.Target === '') throw new Error('target is required');
  if (!mount.ReadOnly) delete mount.ReadOnly;
  if (volume && mount.Type !== 'volume') throw new Error(`cannot mix 'volume-*' options with mount type '${mount.Type}'`);
  if (image && mount.Type !== 'image') throw new Error(`cannot mix 'image-*' options with mount type '${mount.Type}'`);
  if (bind && mount.Type !== 'bind') throw new Error(`cannot mix 'bind-*' options with mount type '${mount.Type}'`);
  if (tmpfs && mount.Type !== 'tmpfs') throw new Error(`cannot mix 'tmpfs-*' options with mount type '${mount.Type}'`);
  if (bind?.ReadOnlyNonRecursive && !mount.ReadOnly)
    throw new Error("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  if (bind?.ReadOnlyForceRecursive) {
    if (!mount.ReadOnly) throw new Error("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (bind.Propagation !== 'rprivate')
      throw new Error("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
  // the API's JSON leaves out empty maps and false flags (omitempty)
  if (bind) {
    const { ReadOnlyNonRecursive: _w, ReadOnlyForceRecursive: _r, ...api } = bind;
    if (!api.NonRecursive) delete api.NonRecursive;
    mount.BindOptions = api;
  }
  if (volume) {
    if (volume.Labels && Object.keys(volume.Labels).length === 0) delete volume.Labels;
    if (!volume.NoCopy) delete volume.NoCopy;
    mount.VolumeOptions = volume;
  }
  if (tmpfs) mount.TmpfsOptions = tmpfs;
  return inMobyOrder(mount);
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The mount with its keys in mount.Mount's field order (the API's JSON order), unset ones left out. */
export function inMobyOrder(m: Mount): Mount {
  const v = m.VolumeOptions;
  const b = m.BindOptions;
  const t = m.TmpfsOptions;
  return defined({
    Type: m.Type,
    Source: m.Source,
    Target: m.Target,
    ReadOnly: m.ReadOnly,
    Consistency: m.Consistency,
    BindOptions: b && defined({ Propagation: b.Propagation, NonRecursive: b.NonRecursive, CreateMountpoint: b.CreateMountpoint }),
    VolumeOptions:
      v &&
      defined({
        NoCopy: v.NoCopy,
        Labels: v.Labels,
        Subpath: v.Subpath,
        DriverConfig: v.DriverConfig && defined({ Name: v.DriverConfig.Name || undefined, Options: v.DriverConfig.Options }),
      }),
    TmpfsOptions: t && defined({ SizeBytes: t.SizeBytes, Mode: t.Mode }),
  });
}
