/**
 * The plots on screen that can be exported as images: each registers how to render itself at a given
 * size and scale. "PNG of the current view" stacks them as they sit on screen; a plot's own button exports it alone.
 */

/** A rendered plot image (a canvas or a decoded bitmap) with its pixel size. */
export type PlotImage = (HTMLCanvasElement | ImageBitmap) & { readonly width: number; readonly height: number };

export interface ExportablePlot {
  readonly id: string;
  readonly title: string;
  /** Where it is on screen (CSS px from the top): the view's plots are stacked in this order. */
  position(): number;
  /** Its size on screen, CSS px. */
  size(): { width: number; height: number };
  /** Renders at `width` × `height` CSS px × `scale` (device pixels per CSS px). */
  render(width: number, height: number, scale: number): Promise<PlotImage>;
}

const plots = new Map<string, ExportablePlot>();

/** Registers a plot; returns the function that removes it. */
export function registerPlot(plot: ExportablePlot): () => void {
  plots.set(plot.id, plot);
  return () => {
    if (plots.get(plot.id) === plot) plots.delete(plot.id);
  };
}

/** The plots on screen, top to bottom. */
export function exportablePlots(): ExportablePlot[] {
  return [...plots.values()].sort((a, b) => a.position() - b.position());
}

export function exportablePlot(id: string): ExportablePlot | undefined {
  return plots.get(id);
}

/** Decodes a PNG blob (a worker snapshot) into a bitmap. */
export async function blobImage(blob: Blob): Promise<PlotImage> {
  return createImageBitmap(blob);
}
