// docker/go-units size.go: parseSize, behind RAMInBytes ("64m", "1.5GiB", "12Q" refused) and
// FromHumanSize, with go-units' own error texts.
import { strconvParseFloat } from '../strconv/numerr.js';

const BINARY: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };

function parseSize(sizeStr: string, units: Record<string, number>): number {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(sizeStr[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) throw new Error(`invalid size: '${sizeStr}'`);
  const num = sizeStr[sep] !== ' ' ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  let size = strconvParseFloat(num, 64);
  if (size < 0) throw new Error(`invalid size: '${sizeStr}'`);
  if (sfx.length === 0) return Math.trunc(size);
  const bad = (): Error => new Error(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) throw bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) throw bad();
    return Math.trunc(size);
  }
  const mul = units[sfx[0]];
  if (mul === undefined) throw bad();
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) throw bad();
  return Math.trunc(size);
}

/** units.RAMInBytes: binary multiples, the unit case-insensitive, the b optional. */
export const ramInBytes = (size: string): number => parseSize(size, BINARY);

/** units.FromHumanSize: decimal multiples. */
export const fromHumanSize = (size: string): number => parseSize(size, DECIMAL);

/** units.BytesSize: binary units with 4 significant digits ("64MiB", "1.5GiB"). */
export function bytesSize(n: number): string {
  const abbrs = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
  let i = 0;
  let size = n;
  while (size >= 1024 && i < abbrs.length - 1) {
    size /= 1024;
    i++;
  }
  return `${Number(size.toPrecision(4))}${abbrs[i]}`;
}
