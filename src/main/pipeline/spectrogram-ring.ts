/**
 * The most recent display spectrogram columns of a station, kept in memory so a
 * newly opened window can fill its view at once (`spectrogram:recent`).
 */
import type { SpectrogramColumns } from '../../shared/domain.ts';
import type { ColumnsMessage } from './station-protocol.ts';

export class SpectrogramRing {
  readonly #capacity: number;
  #chunks: ColumnsMessage[] = [];
  #columns = 0;

  constructor(capacityColumns: number) {
    this.#capacity = capacityColumns;
  }

  add(chunk: ColumnsMessage): void {
    this.#chunks.push(chunk);
    this.#columns += chunk.columns;
    while (this.#chunks.length > 1 && this.#columns - this.#chunks[0]!.columns >= this.#capacity) {
      this.#columns -= this.#chunks.shift()!.columns;
    }
  }

  /** The last `seconds` of columns as one batch, or null when nothing was received yet. */
  recent(stationId: string, seconds: number): SpectrogramColumns | null {
    const last = this.#chunks.at(-1);
    if (!last) return null;
    const wanted = Math.ceil((seconds * 1000) / last.columnMs);
    const picked: ColumnsMessage[] = [];
    let count = 0;
    for (let i = this.#chunks.length - 1; i >= 0 && count < wanted; i--) {
      picked.unshift(this.#chunks[i]!);
      count += this.#chunks[i]!.columns;
    }
    const bytes = new Uint8Array(count * last.bins);
    let offset = 0;
    for (const c of picked) {
      bytes.set(c.data, offset);
      offset += c.data.length;
    }
    return toColumnsPayload(stationId, { ...last, startTime: picked[0]!.startTime, columns: count, data: bytes });
  }
}

export function toColumnsPayload(stationId: string, c: ColumnsMessage): SpectrogramColumns {
  return {
    stationId, startTime: c.startTime, columnMs: c.columnMs, bins: c.bins, columns: c.columns,
    fMaxHz: c.fMaxHz, dbFloor: c.dbFloor, dbCeil: c.dbCeil, data: Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength).toString('base64'),
  };
}
