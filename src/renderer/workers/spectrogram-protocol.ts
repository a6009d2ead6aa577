/**
 * Messages between the spectrogram panel (main thread) and its drawing worker.
 */
import type { ColormapName } from '../lib/colormaps.ts';
import type { DecodedColumns } from '../state/spectrogram-bus.ts';

export interface SpectrogramView {
  /** CSS pixels of the canvas and the device pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly colormap: ColormapName;
  /** How much stream time the plot shows, ms. */
  readonly windowMs: number;
}

/** Main → worker. `columns` transfers each batch's `bytes.buffer`. */
export type ToSpectrogramWorker =
  | { readonly type: 'init'; readonly canvas: OffscreenCanvas; readonly view: SpectrogramView }
  | { readonly type: 'view'; readonly view: Partial<SpectrogramView> }
  | { readonly type: 'columns'; readonly batches: readonly DecodedColumns[] }
  | { readonly type: 'hover'; readonly x: number; readonly y: number }
  | { readonly type: 'hover-end' }
  | { readonly type: 'reset' }
  | { readonly type: 'snapshot'; readonly requestId: number };

/** Worker → main. */
export type FromSpectrogramWorker =
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'snapshot'; readonly requestId: number; readonly png: Blob };
