/**
 * Feeds the drawing worker with tiles of the station's spectrogram pyramid whenever the view is
 * drawn from tiles (history, or a long window following live): asks `spectrogram:tiles` for the
 * visible range at the plot's pixel width (debounced while panning), skips complete tiles the
 * worker already holds, and refreshes the newest tile every few seconds while following live.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Api } from '../../../shared/api.ts';
import type { PyramidTiles, SpectrogramTiles } from '../../../shared/spectrogram-tiles.ts';
import { base64ToBytes } from '../../lib/base64.ts';
import { PLOT_MARGINS } from '../../workers/spectrogram-layout.ts';
import { usesTiles, type ToSpectrogramWorker } from '../../workers/spectrogram-protocol.ts';
import { MAX_CACHED_TILES, type DecodedTiles } from '../../workers/spectrogram-tile-cache.ts';

type Post = (msg: ToSpectrogramWorker, transfer?: Transferable[]) => void;

const DEBOUNCE_MS = 80;
const FOLLOW_REFRESH_MS = 2000;
/** Below the worker's cache size, so every tile listed as known is really still there. */
const MAX_KNOWN = MAX_CACHED_TILES - 64;

/** What the tiles depend on: the station, the visible range and the plot width. */
export interface TileView {
  readonly stationId: string | undefined;
  readonly windowMs: number;
  /** Right edge; undefined = follow live (the newest column seen, `liveEnd`). */
  readonly endTime: number | undefined;
  readonly epoch: number;
  /** The station's display FFT size: a new one is another pyramid, fetched anew. */
  readonly nFft?: number | undefined;
}

function decodePyramid(answer: PyramidTiles): DecodedTiles {
  const tiles = answer.tiles.map((t) => ({ index: t.index, startTime: t.startTime, complete: t.complete, valid: base64ToBytes(t.valid), data: base64ToBytes(t.data) }));
  return { ...answer, tiles };
}

function decode(answer: SpectrogramTiles): { batch: DecodedTiles; transfer: ArrayBuffer[] } {
  const others = (answer.others ?? []).map(decodePyramid);
  const batch = { ...decodePyramid(answer), others };
  const transfer = [batch, ...others].flatMap((b) => b.tiles.flatMap((t) => [t.valid.buffer as ArrayBuffer, t.data.buffer as ArrayBuffer]));
  return { batch, transfer };
}

/** What the client holds of each pyramid of the last answer, for `known` / `knownOthers`. */
function knownOf(known: KnownTiles, answered: readonly { pyramidId: number; level: number }[]) {
  const [main, ...others] = answered.map((a) => ({ level: a.level, pyramidId: a.pyramidId, indices: known.indices(a.pyramidId, a.level) }));
  return main ? { known: main, ...(others.length > 0 ? { knownOthers: others } : {}) } : {};
}

/** Remembers complete tiles sent to the worker (oldest forgotten first). */
class KnownTiles {
  readonly #keys = new Map<string, true>();

  add(pyramid: number, level: number, index: number): void {
    const key = `${pyramid}/${level}/${index}`;
    this.#keys.delete(key);
    this.#keys.set(key, true);
    for (const k of this.#keys.keys()) {
      if (this.#keys.size <= MAX_KNOWN) break;
      this.#keys.delete(k);
    }
  }

  indices(pyramid: number, level: number): number[] {
    const prefix = `${pyramid}/${level}/`;
    return [...this.#keys.keys()].filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length)));
  }

  clear(): void {
    this.#keys.clear();
  }
}

export function useSpectrogramTiles(
  api: Api,
  post: RefObject<Post | null>,
  host: RefObject<HTMLDivElement | null>,
  view: TileView,
  liveEnd: RefObject<number | undefined>,
): void {
  const known = useRef(new KnownTiles());
  /** The pyramids of the last answer (its own first), with the level each was answered at. */
  const lastAnswer = useRef<{ pyramidId: number; level: number }[]>([]);

  useEffect(() => {
    known.current.clear();
    lastAnswer.current = [];
  }, [view.stationId, view.epoch]);

  useEffect(() => {
    const { stationId, windowMs, endTime } = view;
    if (!stationId || view.epoch === 0 || !usesTiles({ endTime, windowMs })) return;
    let cancelled = false;
    const fetchTiles = async () => {
      const el = host.current;
      const to = endTime ?? liveEnd.current ?? Date.now();
      const pixels = Math.max(16, Math.round(((el?.clientWidth ?? 800) - PLOT_MARGINS.left - PLOT_MARGINS.right) * (window.devicePixelRatio || 1)));
      const request = { stationId, from: to - windowMs, to, pixels, ...knownOf(known.current, lastAnswer.current) };
      const result = await api.invoke('spectrogram:tiles', request);
      if (cancelled || !result.ok || !result.value) return;
      const answer = result.value;
      const pyramids = [answer, ...(answer.others ?? [])];
      lastAnswer.current = pyramids.map((p) => ({ pyramidId: p.pyramidId, level: p.level }));
      for (const p of pyramids) for (const t of p.tiles) if (t.complete) known.current.add(p.pyramidId, p.level, t.index);
      const { batch, transfer } = decode(answer);
      post.current?.({ type: 'tiles', batch }, transfer);
    };
    const timer = setTimeout(() => void fetchTiles(), DEBOUNCE_MS);
    const refresh = endTime === undefined ? setInterval(() => void fetchTiles(), FOLLOW_REFRESH_MS) : undefined;
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearInterval(refresh);
    };
  }, [api, post, host, liveEnd, view]);
}
