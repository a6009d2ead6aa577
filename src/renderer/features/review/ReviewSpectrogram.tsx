/**
 * The timeline's spectrogram: the drawing worker, tiles, pan and zoom of the Live spectrogram, with
 * its controls (follow live, window, FFT size, colour map, dB and frequency limits, scale). Following,
 * the worker draws the live strip; paused, the range from the tile pyramid. Dragging or zooming moves
 * the whole timeline (`onNavigate`), which pauses following.
 */
import { useMemo, useRef } from 'react';
import { isColormapName, type ColormapName } from '../../lib/colormaps.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { FREQUENCY_SCALES } from '../../workers/spectrogram-scale.ts';
import type { TimeView } from '../live/spectrogram-navigation.ts';
import { SpectrogramControls, type Limits } from '../live/SpectrogramControls.tsx';
import { useDisplayFftSize } from '../live/use-display-fft-size.ts';
import { useSpectrogramWorker, type ViewSettings } from '../live/use-spectrogram-worker.ts';
import { clampWindow, type Range } from './review-view.ts';
import '../live/spectrogram.css';

interface Props {
  readonly stationId: string | undefined;
  readonly shown: Range;
  readonly follow: boolean;
  /** Why following is unavailable (a session is shown), or undefined. */
  readonly followDisabled?: string;
  readonly onFollow: () => void;
  readonly onWindow: (ms: number) => void;
  readonly onNavigate: (change: (v: TimeView) => TimeView) => void;
}

const isOptionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const isLimits = (v: unknown): v is Limits => {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return (FREQUENCY_SCALES as readonly unknown[]).includes(l.scale) && ['dbFloor', 'dbCeil', 'fMin', 'fMax'].every((k) => isOptionalNumber(l[k]));
};
const AUTO_LIMITS: Limits = { scale: 'linear' };

export function ReviewSpectrogram({ stationId, shown, follow, followDisabled, onFollow, onWindow, onNavigate }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [colormap, setColormap] = usePersistentState<ColormapName>('spectrogram.colormap', 'viridis', isColormapName);
  const [limits, setLimits] = usePersistentState<Limits>('spectrogram.limits', AUTO_LIMITS, isLimits);
  const windowMs = clampWindow(shown.to - shown.from);
  const endTime = follow ? undefined : shown.to;
  const settings: ViewSettings = useMemo(
    () => ({ colormap, windowMs, endTime, dbFloor: limits.dbFloor, dbCeil: limits.dbCeil, fMin: limits.fMin ?? 0, fMax: limits.fMax, scale: limits.scale }),
    [colormap, windowMs, endTime, limits],
  );
  const { fft, setFftSize } = useDisplayFftSize(stationId);
  useSpectrogramWorker(host, stationId, settings, onNavigate, fft?.nFft);
  return (
    <div className="review-spectrogram">
      <SpectrogramControls
        live={follow}
        liveDisabled={followDisabled}
        onLive={onFollow}
        windowMs={windowMs}
        setWindowMs={onWindow}
        colormap={colormap}
        setColormap={setColormap}
        limits={limits}
        setLimits={setLimits}
        fft={fft}
        setFftSize={setFftSize}
      />
      <div className="spectrogram-host review-spectrogram-host" ref={host} />
    </div>
  );
}
