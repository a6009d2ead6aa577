/**
 * Lets exports reach whichever spectrogram is on screen: the snapshot provider, and (given its host
 * element) an exportable plot for "PNG of the current view" and the Export dialog (features/review).
 */
import type { SnapshotSize } from '../../workers/spectrogram-protocol.ts';
import { blobImage, registerPlot } from '../review/plot-registry.ts';

/** Renders the visible spectrogram as PNG (at `size` when given). */
type SnapshotProvider = (size?: SnapshotSize) => Promise<Blob>;

let provider: SnapshotProvider | undefined;

/** A snapshot the worker failed to draw never answers: exports give up after this long. */
const SNAPSHOT_TIMEOUT_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the spectrogram did not render the snapshot')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Called by the mounted spectrogram (in `host`); returns the function that unregisters it. */
export function registerSnapshotProvider(next: SnapshotProvider, host?: HTMLElement): () => void {
  provider = next;
  const unregisterPlot = host
    ? registerPlot({
        id: 'spectrogram', title: 'Spectrogram',
        position: () => host.getBoundingClientRect().top,
        size: () => ({ width: host.clientWidth, height: host.clientHeight }),
        render: async (width, height, scale) => blobImage(await withTimeout(next({ width, height, dpr: scale }), SNAPSHOT_TIMEOUT_MS)),
      })
    : undefined;
  return () => {
    unregisterPlot?.();
    if (provider === next) provider = undefined;
  };
}

/** A PNG of the visible spectrogram (at `size` when given), or undefined when none is mounted. */
export function takeSpectrogramSnapshot(size?: SnapshotSize): Promise<Blob> | undefined {
  return provider?.(size);
}
