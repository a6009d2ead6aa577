/**
 * The scrolling spectrogram with its colour map and time window controls.
 */
import { useRef } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { COLORMAP_NAMES, isColormapName, type ColormapName } from '../../lib/colormaps.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { runMenuCommand } from '../../app/use-menu-commands.ts';
import { useSpectrogramWorker } from './use-spectrogram-worker.ts';

const WINDOWS_MS = [30_000, 60_000, 120_000, 300_000] as const;
const isWindow = (v: unknown): v is number => typeof v === 'number' && (WINDOWS_MS as readonly number[]).includes(v);
const windowLabel = (ms: number): string => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);

function Tools(props: { colormap: ColormapName; setColormap: (c: ColormapName) => void; windowMs: number; setWindowMs: (w: number) => void }) {
  return (
    <>
      <label className="field">
        <span>window</span>
        <select className="select" value={props.windowMs} onChange={(e) => props.setWindowMs(Number(e.target.value))}>
          {WINDOWS_MS.map((w) => (
            <option key={w} value={w}>
              {windowLabel(w)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>colours</span>
        <select
          className="select"
          data-testid="colormap-select"
          value={props.colormap}
          onChange={(e) => isColormapName(e.target.value) && props.setColormap(e.target.value)}
        >
          {COLORMAP_NAMES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-small" title="Save the spectrogram as PNG" onClick={() => runMenuCommand('export:png')}>
        PNG
      </button>
    </>
  );
}

export function SpectrogramPanel({ stationId }: { stationId: string | undefined }) {
  const host = useRef<HTMLDivElement>(null);
  const [colormap, setColormap] = usePersistentState<ColormapName>('spectrogram.colormap', 'viridis', isColormapName);
  const [windowMs, setWindowMs] = usePersistentState<number>('spectrogram.windowMs', 120_000, isWindow);
  useSpectrogramWorker(host, stationId, colormap, windowMs);
  return (
    <Panel
      title="Spectrogram"
      subtitle="channel 0 · newest at right"
      className="spectrogram-panel"
      tools={<Tools colormap={colormap} setColormap={setColormap} windowMs={windowMs} setWindowMs={setWindowMs} />}
    >
      <div className="spectrogram-host" ref={host} />
    </Panel>
  );
}
