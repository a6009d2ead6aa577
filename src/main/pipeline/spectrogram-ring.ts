/**
 * The most recent display spectrogram columns of a station, kept in memory so a
 * newly opened window can fill its view at once (`spectrogram:recent`).
 */
import type { SpectrogramColumns } from '../../shared/domain.ts';
import type { ColumnsMessage } from './station-protocol.ts';

/** Chunks of one geometry can be joined into one batch. */
const sameGeometry = (a: ColumnsMessage, b: ColumnsMessage) =>
  a.bins === b.bins && a.columnMs === b.columnMs && a.fMaxHz === b.fMaxHz && a.dbFloor === b.dbFloor && a.dbCeil === b.dbCeil;

export class SpectrogramRing {
  readonly #capacityMs: number;
  #chunks: ColumnsMessage[] = [];
  #columns = 0;

  /** Keeps about `capacityMs` of stream time (in columns: more when the FFT size is smaller). */
  constructor(capacityMs: number) {
    this.#capacityMs = capacityMs;
  }

  add(chunk: ColumnsMessage): void {
    const last = this.#chunks.at(-1);
    // A new display geometry (FFT size, rate, dB range): older columns cannot be joined to the new ones.
    if (last && !sameGeometry(last, chunk)) this.clear();
    this.#chunks.push(chunk);
    this.#columns += chunk.columns;
    const capacity = Math.ceil(this.#capacityMs / chunk.columnMs);
    while (this.#chunks.length > 1 && this.#columns - this.#chunks[0]!.columns >= capacity) {
      this.#columns -= this.#chunks.shift()!.columns;
    }
  }

  clear(): void {
    this.#chunks = [];
    this.#columns = 0;
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
