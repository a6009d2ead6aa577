/**
 * The review view's spectrogram: the live spectrogram (its worker, tiles, pan and zoom) showing the
 * review's time range instead of following live; dragging or zooming moves the whole review view.
 * Colour map and dB range are shared with the Live view's preferences.
 */
import { useMemo, useRef } from 'react';
import { COLORMAP_NAMES, isColormapName, type ColormapName } from '../../lib/colormaps.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { MAX_WINDOW_MS, MIN_WINDOW_MS, type TimeView } from '../live/spectrogram-navigation.ts';
import { useSpectrogramWorker, type ViewSettings } from '../live/use-spectrogram-worker.ts';
import '../live/spectrogram.css';

interface Props {
  readonly stationId: string | undefined;
  /** The range shown; `follow` = the right edge follows the newest audio. */
  readonly from: number;
  readonly to: number;
  readonly follow: boolean;
  readonly onView: (view: { from: number; to: number } | 'live') => void;
}

const isLimits = (v: unknown): v is { dbFloor?: number; dbCeil?: number; fMin?: number; fMax?: number; scale: 'linear' | 'log' | 'mel' } =>
  typeof v === 'object' && v !== null && typeof (v as { scale?: unknown }).scale === 'string';

export const clampWindow = (ms: number) => Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, ms));

export function ReviewSpectrogram({ stationId, from, to, follow, onView }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [colormap, setColormap] = usePersistentState<ColormapName>('spectrogram.colormap', 'viridis', isColormapName);
  const [limits] = usePersistentState('spectrogram.limits', { scale: 'linear' as const }, isLimits);
  const windowMs = clampWindow(to - from);
  const settings: ViewSettings = useMemo(
    () => ({ colormap, windowMs, endTime: follow ? undefined : to, dbFloor: limits.dbFloor, dbCeil: limits.dbCeil, fMin: limits.fMin ?? 0, fMax: limits.fMax, scale: limits.scale }),
    [colormap, windowMs, follow, to, limits],
  );
  const navigate = (change: (v: TimeView) => TimeView) => {
    const next = change({ windowMs, endTime: follow ? undefined : to });
    onView(next.endTime === undefined ? 'live' : { from: next.endTime - next.windowMs, to: next.endTime });
  };
  useSpectrogramWorker(host, stationId, settings, navigate);
  return (
    <div className="review-spectrogram">
      <div className="review-spectrogram-tools">
        <label className="field">
          <span>colours</span>
          <select className="select" value={colormap} onChange={(e) => isColormapName(e.target.value) && setColormap(e.target.value)}>
            {COLORMAP_NAMES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <span className="muted">drag to pan · scroll to zoom · dB and frequency limits as in the Live view</span>
      </div>
      <div className="spectrogram-host review-spectrogram-host" ref={host} />
    </div>
  );
}
