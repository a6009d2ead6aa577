/** Human-readable sizes for limit messages. */

/** 812 B, 12.3 kB, 4.5 MB, 1.2 GB (powers of 1024, as file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
