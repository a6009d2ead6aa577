/**
 * Hands decoded spectrogram column batches to whoever draws them.
 *
 * Spectrogram data does not go through a React store: nothing renders from it except the
 * worker-owned canvas, so the frame-coalesced batches are decoded once and passed straight on.
 */
import type { SpectrogramColumns } from '../../shared/domain.ts';
import { base64ToBytes } from '../lib/base64.ts';

/** A column batch with its levels decoded (column-major, lowest frequency first). */
export interface DecodedColumns extends Omit<SpectrogramColumns, 'data'> {
  readonly bytes: Uint8Array;
}

export type SpectrogramSink = (batches: DecodedColumns[]) => void;

const sinks = new Set<SpectrogramSink>();

/** Decodes a batch, trimming `columns` to the whole columns actually present in `data`. */
export function decodeColumns(payload: SpectrogramColumns): DecodedColumns {
  const { data, ...meta } = payload;
  const decoded = base64ToBytes(data);
  const columns = Math.min(meta.columns, Math.floor(decoded.length / meta.bins));
  const bytes = decoded.length === columns * meta.bins ? decoded : decoded.slice(0, columns * meta.bins);
  return { ...meta, columns, bytes };
}

/**
 * Registers a sink; returns the function that removes it. A sink may take ownership of
 * (transfer) the bytes it receives: each sink gets its own copy.
 */
export function subscribeSpectrogram(sink: SpectrogramSink): () => void {
  sinks.add(sink);
  return () => void sinks.delete(sink);
}

/** Delivers batches to every sink (the first sink gets the originals, others copies). */
export function publishSpectrogram(batches: DecodedColumns[]): void {
  let first = true;
  for (const sink of [...sinks]) {
    sink(first ? batches : batches.map((b) => ({ ...b, bytes: b.bytes.slice() })));
    first = false;
  }
}
