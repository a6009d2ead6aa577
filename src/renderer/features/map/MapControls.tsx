/** Time cursor (live or a chosen instant in the last 24 h), range, track history and ring radii. */
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { useMapTimeStore } from './map-time-store.ts';

const DAY_MS = 86_400_000;
export const RANGE_CHOICES_KM = [10, 20, 40, 80, 160] as const;
export const HISTORY_CHOICES: readonly { label: string; ms: number }[] = [
  { label: 'none', ms: 0 }, { label: '15 min', ms: 900_000 }, { label: '1 h', ms: 3_600_000 },
  { label: '6 h', ms: 21_600_000 }, { label: '24 h', ms: DAY_MS },
];

/** Parses "10, 20, 40" into sorted positive radii (km), at most 6. */
export function parseRings(text: string): number[] {
  const values = text.split(/[,\s]+/).map(Number).filter((n) => Number.isFinite(n) && n > 0 && n <= 1000);
  return [...new Set(values)].sort((a, b) => a - b).slice(0, 6);
}

interface MapControlsProps {
  liveTime: number | undefined;
  time: number | undefined;
  rangeKm: number;
  setRangeKm: (km: number) => void;
  historyMs: number;
  setHistoryMs: (ms: number) => void;
  ringsText: string;
  setRingsText: (text: string) => void;
}

export function MapControls(p: MapControlsProps) {
  const live = useMapTimeStore((s) => s.live);
  const { goLive, showTime } = useMapTimeStore.getState();
  const end = p.liveTime ?? Date.now();
  return (
    <div className="map-controls">
      <div className="map-time">
        <button type="button" className={`btn btn-small ${live ? 'btn-active' : ''}`} onClick={goLive} data-testid="map-live">
          Live
        </button>
        <input
          type="range"
          aria-label="Time cursor"
          data-testid="map-time-slider"
          min={end - DAY_MS}
          max={end}
          step={1000}
          value={p.time ?? end}
          onChange={(e) => showTime(Number(e.target.value))}
        />
        <span className="mono small" data-testid="map-time">{p.time === undefined ? '—' : `${formatUtcDateTime(p.time)} UTC`}</span>
      </div>
      <label className="small">
        Range{' '}
        <select className="select" value={p.rangeKm} onChange={(e) => p.setRangeKm(Number(e.target.value))}>
          {RANGE_CHOICES_KM.map((km) => <option key={km} value={km}>{km} km</option>)}
        </select>
      </label>
      <label className="small">
        Tracks{' '}
        <select className="select" value={p.historyMs} onChange={(e) => p.setHistoryMs(Number(e.target.value))}>
          {HISTORY_CHOICES.map((h) => <option key={h.ms} value={h.ms}>{h.label}</option>)}
        </select>
      </label>
      <label className="small">
        Rings (km){' '}
        <input className="input rings-input" value={p.ringsText} onChange={(e) => p.setRingsText(e.target.value)} aria-label="Range rings in km" />
      </label>
    </div>
  );
}
