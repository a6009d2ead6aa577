/** `<input type="datetime-local">` values read and written as UTC (the workstation shows UTC everywhere). */

/** 2025-01-02T03:04:05 for epoch ms (UTC, second resolution). */
export function toUtcInput(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

/** Epoch ms of a datetime-local value taken as UTC; undefined when it is not a time. */
export function fromUtcInput(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const ms = Date.parse(`${value}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
