// --host / --host-add values: docker/cli opts/hosts.go ValidateExtraHost ("host:ip" or
// "host=ip"; the address may be bracketed, or the word host-gateway).

import { quoteGo } from '../go/strconv/quote.js';
import { validateIPAddress } from './opts.js';

/** What the flag keeps: `host:ip`, as the API takes it. */
export function validateExtraHost(val: string): string {
  let sep = val.indexOf('=');
  if (sep < 0) sep = val.indexOf(':');
  const k = sep < 0 ? '' : val.slice(0, sep);
  let v = val.slice(sep + 1);
  if (sep < 0 || k === '' || k.includes(':')) throw new Error(`bad format for add-host: ${quoteGo(val)}`);
  if (v !== 'host-gateway') {
    if (v.length > 2 && v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
    try {
      validateIPAddress(v);
    } catch {
      throw new Error(`invalid IP address in add-host: ${quoteGo(v)}`);
    }
  }
  return `${k}:${v}`;
}
