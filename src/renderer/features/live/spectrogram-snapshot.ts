/**
 * Lets the menu's "export PNG" reach whichever spectrogram is on screen.
 */
type SnapshotProvider = () => Promise<Blob>;

let provider: SnapshotProvider | undefined;

/** Called by the mounted spectrogram; returns the function that unregisters it. */
export function registerSnapshotProvider(next: SnapshotProvider): () => void {
  provider = next;
  return () => {
    if (provider === next) provider = undefined;
  };
}

/** A PNG of the visible spectrogram, or undefined when none is mounted. */
export function takeSpectrogramSnapshot(): Promise<Blob> | undefined {
  return provider?.();
}
