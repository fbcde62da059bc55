// Display formatting for exported models: max |Δ| values, file sizes and hashes.

/** A max |Δ| as "3.1e-7"; exactly 0 as "0"; null (not finite: a mismatch) as "∞". */
export function formatDelta(value: number | null): string {
  if (value === null) return '∞';
  if (value === 0) return '0';
  return value.toExponential(1);
}

/** Bytes as "812 B", "14.2 KB" or "3.4 MB" (powers of 1024). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
