/**
 * Messages between the spectrogram panel (main thread) and its drawing worker.
 */
import type { ColormapName } from '../lib/colormaps.ts';
import type { DecodedColumns } from '../state/spectrogram-bus.ts';
import type { FrequencyScale } from './spectrogram-scale.ts';
import type { DecodedTiles } from './spectrogram-tile-cache.ts';

/** Windows up to this long while following live are drawn from the live column ring; longer ones from tiles. */
export const LIVE_RING_MAX_MS = 300_000;

export interface SpectrogramView {
  /** CSS pixels of the canvas and the device pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly colormap: ColormapName;
  /** How much stream time the plot shows, ms. */
  readonly windowMs: number;
  /** Right edge of the plot (stream time, ms); undefined = follow the newest column. */
  readonly endTime?: number;
  /** Colour map range in dB; undefined = the data's quantisation range. */
  readonly dbFloor?: number;
  readonly dbCeil?: number;
  /** Frequency range shown, Hz (fMax undefined = Nyquist) and the axis scale. */
  readonly fMin: number;
  readonly fMax?: number;
  readonly scale: FrequencyScale;
}

/** The size a snapshot is rendered at: CSS pixels and the device pixel ratio (the export scale). */
export interface SnapshotSize {
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** True when the view is drawn from tiles (history, or a long window while following live). */
export function usesTiles(view: Pick<SpectrogramView, 'endTime' | 'windowMs'>): boolean {
  return view.endTime !== undefined || view.windowMs > LIVE_RING_MAX_MS;
}

/** Main → worker. `columns` and `tiles` transfer their byte buffers. */
export type ToSpectrogramWorker =
  | { readonly type: 'init'; readonly canvas: OffscreenCanvas; readonly view: SpectrogramView }
  | { readonly type: 'view'; readonly view: Partial<SpectrogramView> & { readonly endTime?: number | undefined } }
  | { readonly type: 'columns'; readonly batches: readonly DecodedColumns[] }
  | { readonly type: 'tiles'; readonly batch: DecodedTiles }
  | { readonly type: 'hover'; readonly x: number; readonly y: number }
  | { readonly type: 'hover-end' }
  | { readonly type: 'reset' }
  /** Renders the current view (at `size` when given: CSS px and pixel ratio, e.g. for a PNG export) and replies with a PNG. */
  | { readonly type: 'snapshot'; readonly requestId: number; readonly size?: SnapshotSize }
  | { readonly type: 'stats' };

/** Worker → main. */
export type FromSpectrogramWorker =
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'snapshot'; readonly requestId: number; readonly png: Blob }
  /** Frames drawn since the worker started and the total time spent drawing them. */
  | { readonly type: 'stats'; readonly frames: number; readonly drawMs: number; readonly tileBatches: number };
