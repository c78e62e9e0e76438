// --network / --network-add values: docker/cli opts/network.go (NetworkOpt.Set). The short form
// is a network name or ID; the long form `name=net,alias=a,driver-opt=k=v` is lower-cased whole,
// as docker does.
import type { NetworkAttachmentConfig } from '../api/services.js';
import { csvRecord } from '../go/csv/reader.js';
import { atoi, NumError } from '../go/strconv/numerr.js';

const LONG_SYNTAX = /\w+=\w+(,\w+=\w+)*/;

function parseDriverOpt(opt: string): [string, string] {
  const lower = opt.toLowerCase();
  const eq = lower.indexOf('=');
  if (eq <= 0) throw new Error('invalid key value pair format in driver options');
  return [lower.slice(0, eq).trim(), lower.slice(eq + 1).trim()];
}

/**
 * One --network value as the attachment the CLI sends (Target still a name or ID). The fields
 * docker's service flags parse but never send (ip, ip6, mac-address, link-local-ip,
 * gw-priority: they are for `docker run`) are checked and dropped, as docker drops them.
 */
export function parseNetworkOpt(value: string): NetworkAttachmentConfig {
  if (!LONG_SYNTAX.test(value)) return { Target: value };
  const out: NetworkAttachmentConfig = { Target: '', Aliases: [] };
  for (const field of csvRecord(value)) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf('=');
    if (eq <= 0) throw new Error(`invalid field ${field}`);
    const key = lower.slice(0, eq).trim();
    const val = lower.slice(eq + 1).trim();
    switch (key) {
      case 'name':
        out.Target = val;
        break;
      case 'alias':
        out.Aliases?.push(val);
        break;
      case 'ip':
      case 'ip6':
      case 'mac-address':
      case 'link-local-ip':
        break;
      case 'driver-opt': {
        const [k, v] = parseDriverOpt(val);
        out.DriverOpts = { ...(out.DriverOpts ?? {}), [k]: v };
        break;
      }
      case 'gw-priority':
        try {
          atoi(val);
        } catch (err) {
          if (err instanceof NumError) throw new Error(`invalid gw-priority (${val}): ${err.reason}`);
          throw err;
        }
        break;
      default:
        throw new Error(`invalid field key ${key}`);
    }
  }
  if (out.Target === '') throw new Error('network name/id is not specified');
  if (out.Aliases?.length === 0) delete out.Aliases;
  return out;
}
