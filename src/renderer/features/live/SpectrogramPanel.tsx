/**
 * The spectrogram: live (newest at right) or anywhere back in time over the station's tile
 * pyramid — drag to pan, scroll to zoom, "live" to return — with colour map, dB range,
 * frequency range and scale, and a cursor readout of time, frequency and level.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { isColormapName, type ColormapName } from '../../lib/colormaps.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { runMenuCommand } from '../../app/use-menu-commands.ts';
import { FREQUENCY_SCALES } from '../../workers/spectrogram-scale.ts';
import { MAX_WINDOW_MS, MIN_WINDOW_MS, type TimeView } from './spectrogram-navigation.ts';
import { SpectrogramControls, type Limits } from './SpectrogramControls.tsx';
import { useDisplayFftSize } from './use-display-fft-size.ts';
import { useSpectrogramWorker, type ViewSettings } from './use-spectrogram-worker.ts';
import './spectrogram.css';

const isWindow = (v: unknown): v is number => typeof v === 'number' && v >= MIN_WINDOW_MS && v <= MAX_WINDOW_MS;
const isOptionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const isLimits = (v: unknown): v is Limits => {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return (FREQUENCY_SCALES as readonly unknown[]).includes(l.scale) && ['dbFloor', 'dbCeil', 'fMin', 'fMax'].every((k) => isOptionalNumber(l[k]));
};
const AUTO_LIMITS: Limits = { scale: 'linear' };

export function SpectrogramPanel({ stationId }: { stationId: string | undefined }) {
  const host = useRef<HTMLDivElement>(null);
  const [colormap, setColormap] = usePersistentState<ColormapName>('spectrogram.colormap', 'viridis', isColormapName);
  const [windowMs, setWindowMs] = usePersistentState<number>('spectrogram.windowMs', 120_000, isWindow);
  const [limits, setLimits] = usePersistentState<Limits>('spectrogram.limits', AUTO_LIMITS, isLimits);
  const [endTime, setEndTime] = useState<number | undefined>(undefined);
  const navigate = useCallback(
    (change: (v: TimeView) => TimeView) => {
      const next = change({ windowMs, endTime });
      if (next.windowMs !== windowMs) setWindowMs(Math.round(next.windowMs));
      setEndTime(next.endTime);
    },
    [windowMs, endTime, setWindowMs],
  );
  const settings: ViewSettings = useMemo(
    () => ({ colormap, windowMs, endTime, dbFloor: limits.dbFloor, dbCeil: limits.dbCeil, fMin: limits.fMin ?? 0, fMax: limits.fMax, scale: limits.scale }),
    [colormap, windowMs, endTime, limits],
  );
  const { fft, setFftSize } = useDisplayFftSize(stationId);
  useSpectrogramWorker(host, stationId, settings, navigate, fft?.nFft);
  return (
    <Panel
      title="Spectrogram"
      subtitle={endTime === undefined ? 'channel 0 · newest at right' : 'channel 0 · history (drag to pan, scroll to zoom)'}
      className="spectrogram-panel"
      tools={
        <button type="button" className="btn btn-small" title="Save the spectrogram as PNG" onClick={() => runMenuCommand('export:png')}>
          PNG
        </button>
      }
    >
      <SpectrogramControls
        live={endTime === undefined}
        onLive={() => setEndTime(undefined)}
        windowMs={windowMs}
        setWindowMs={setWindowMs}
        colormap={colormap}
        setColormap={setColormap}
        limits={limits}
        setLimits={setLimits}
        fft={fft}
        setFftSize={setFftSize}
      />
      <div className="spectrogram-host" ref={host} />
    </Panel>
  );
}
