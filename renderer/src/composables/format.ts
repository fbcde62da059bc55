// Display formatting shared by views.

/** Epoch milliseconds as a short local date and time. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
