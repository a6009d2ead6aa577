/**
 * The station's display FFT size (`spectrogram:fft-size`): read when the station or the
 * connection changes, set from the spectrogram controls. The server applies a new size to the
 * running station at once; its live columns then arrive with the new bins and the drawing
 * worker starts a new strip, and tiles come from the pyramid of that size.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SpectrogramFftSize } from '../../../shared/spectrogram-display.ts';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useConnectionEpoch } from '../../state/connection-store.ts';

/** The current FFT size (undefined until known) and a setter. */
export function useDisplayFftSize(stationId: string | undefined): { fft: SpectrogramFftSize | undefined; setFftSize: (nFft: number) => void } {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [fft, setFft] = useState<SpectrogramFftSize | undefined>(undefined);
  useEffect(() => {
    setFft(undefined);
    if (!stationId || epoch === 0) return;
    let live = true;
    void invokeOrNotify(api, 'spectrogram:fft-size', { stationId }, 'Reading the FFT size').then((v) => live && v && setFft(v));
    return () => {
      live = false;
    };
  }, [api, stationId, epoch]);
  const setFftSize = useCallback(
    (nFft: number) => {
      if (!stationId) return;
      void invokeOrNotify(api, 'spectrogram:fft-size', { stationId, nFft }, 'Setting the FFT size').then((v) => v && setFft(v));
    },
    [api, stationId],
  );
  return { fft, setFftSize };
}
