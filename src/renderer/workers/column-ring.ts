/**
 * A ring buffer of spectrogram columns addressed by absolute column index (time / columnMs).
 *
 * Columns land in the slot for their time whatever order batches arrive in (the initial
 * `spectrogram:recent` fill may arrive after the first live columns); a jump forward blanks
 * the skipped slots so a gap in the stream shows as a gap, not as stale data.
 */
import type { DecodedColumns } from '../state/spectrogram-bus.ts';

/** Largest number of columns kept (bounds memory at fine time resolutions). */
export const MAX_RING_COLUMNS = 8192;

export interface ColumnGeometry {
  readonly columnMs: number;
  readonly bins: number;
  readonly fMaxHz: number;
  readonly dbFloor: number;
  readonly dbCeil: number;
}

export interface ColumnRing {
  readonly geometry: ColumnGeometry;
  readonly capacity: number;
  /** Levels, slot-major: slot s occupies [s·bins, (s+1)·bins). */
  readonly levels: Uint8Array;
  /** Absolute index of the newest column written, or -Infinity while empty. */
  head: number;
  /** Absolute index held by each slot (NaN = blank). */
  readonly held: Float64Array;
  /** Slots changed since the painter last looked. */
  readonly dirty: Set<number>;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** The ring's capacity for a longest window of `maxWindowMs`. */
export function ringCapacity(columnMs: number, maxWindowMs: number): number {
  return Math.max(1, Math.min(MAX_RING_COLUMNS, Math.ceil(maxWindowMs / columnMs)));
}

export function createColumnRing(geometry: ColumnGeometry, capacity: number): ColumnRing {
  return {
    geometry,
    capacity,
    levels: new Uint8Array(capacity * geometry.bins),
    head: -Infinity,
    held: new Float64Array(capacity).fill(Number.NaN),
    dirty: new Set(),
  };
}

/** True when a batch can go into this ring (same geometry: otherwise the ring is rebuilt). */
export function fitsRing(ring: ColumnRing, batch: ColumnGeometry): boolean {
  const g = ring.geometry;
  return g.columnMs === batch.columnMs && g.bins === batch.bins && g.fMaxHz === batch.fMaxHz && g.dbFloor === batch.dbFloor && g.dbCeil === batch.dbCeil;
}

/** Absolute index of the first column of a batch. */
export function firstColumnIndex(batch: Pick<DecodedColumns, 'startTime' | 'columnMs'>): number {
  return Math.round(batch.startTime / batch.columnMs);
}

function blank(ring: ColumnRing, fromAbs: number, toAbs: number): void {
  const count = Math.min(ring.capacity, toAbs - fromAbs + 1);
  for (let abs = toAbs - count + 1; abs <= toAbs; abs++) {
    const slot = mod(abs, ring.capacity);
    ring.held[slot] = Number.NaN;
    ring.levels.fill(0, slot * ring.geometry.bins, (slot + 1) * ring.geometry.bins);
    ring.dirty.add(slot);
  }
}

/** Writes one batch (assumed to fit); columns older than the ring's reach are dropped. */
export function writeColumns(ring: ColumnRing, batch: DecodedColumns): void {
  const { bins } = ring.geometry;
  const first = firstColumnIndex(batch);
  const last = first + batch.columns - 1;
  if (batch.columns <= 0) return;
  if (last > ring.head && Number.isFinite(ring.head) && first > ring.head + 1) blank(ring, ring.head + 1, first - 1);
  const newHead = Math.max(ring.head, last);
  const oldest = newHead - ring.capacity + 1;
  for (let i = Math.max(0, oldest - first); i < batch.columns; i++) {
    const slot = mod(first + i, ring.capacity);
    ring.levels.set(batch.bytes.subarray(i * bins, (i + 1) * bins), slot * bins);
    ring.held[slot] = first + i;
    ring.dirty.add(slot);
  }
  ring.head = newHead;
}

/** The level at absolute column `abs` and bin `bin`, or undefined if that column is not held. */
export function levelAt(ring: ColumnRing, abs: number, bin: number): number | undefined {
  const slot = mod(abs, ring.capacity);
  if (ring.held[slot] !== abs || bin < 0 || bin >= ring.geometry.bins) return undefined;
  return ring.levels[slot * ring.geometry.bins + bin];
}

/** Slot ranges [slot, count] covering absolute columns [fromAbs, fromAbs + count), split at the wrap. */
export function slotRuns(ring: ColumnRing, fromAbs: number, count: number): Array<[number, number]> {
  const n = Math.min(count, ring.capacity);
  const start = mod(fromAbs, ring.capacity);
  if (start + n <= ring.capacity) return [[start, n]];
  return [
    [start, ring.capacity - start],
    [0, n - (ring.capacity - start)],
  ];
}
