// docker/go-units size texts: BytesSize (binary units) and HumanSize (decimal units), both with
// four significant digits ("%.4g"): 8GiB, 23.54GiB, 0B, 1.5kB.

function sized(n: number, base: number, units: string[]): string {
  let i = 0;
  let size = n;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}

/** units.BytesSize: 1024-based. */
export const bytesSize = (n: number): string => sized(n, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']);

/** units.HumanSize: 1000-based. */
export const humanSize = (n: number): string => sized(n, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB']);
