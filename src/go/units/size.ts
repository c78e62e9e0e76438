// docker/go-units size.go: RAMInBytes reads a size with binary multiples ("512M", "1.5GiB"),
// BytesSize prints one ("1.5GiB").

/** go-units RAMInBytes: "512M", "1g", "1.5GiB" in bytes (binary multiples). */
export function ramInBytes(size: string): number {
  const m = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(size);
  if (!m) throw new Error(`invalid size: '${size}'`);
  const n = parseFloat(m[1]);
  const pow = m[3] ? 'kmgtp'.indexOf(m[3].toLowerCase()) + 1 : 0;
  return Math.trunc(n * 1024 ** pow);
}

/** go-units BytesSize: binary units with 4 significant digits ("1.5GiB"). */
export function bytesSize(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
  let i = 0;
  let size = n;
  while (size >= 1024 && i < units.length - 1) {
    size /= 1024;
    i++;
  }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}
