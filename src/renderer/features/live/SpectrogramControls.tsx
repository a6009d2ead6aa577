/**
 * The spectrogram's controls: the follow-live toggle, time window, FFT size, colour map, dB range,
 * frequency range and scale. Empty number fields mean "automatic" (the data's own range).
 */
import type { SpectrogramFftSize } from '../../../shared/spectrogram-display.ts';
import { COLORMAP_NAMES, isColormapName, type ColormapName } from '../../lib/colormaps.ts';
import { FREQUENCY_SCALES, type FrequencyScale } from '../../workers/spectrogram-scale.ts';

export const WINDOW_CHOICES_MS = [30_000, 60_000, 120_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000] as const;

export function windowLabel(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return ms === 604_800_000 ? '1 week' : `${+(ms / 86_400_000).toFixed(1)} d`;
}

/** dB and frequency limits; undefined = automatic. */
export interface Limits {
  readonly dbFloor?: number;
  readonly dbCeil?: number;
  readonly fMin?: number;
  readonly fMax?: number;
  readonly scale: FrequencyScale;
}

interface Props {
  /** Following live; the button toggles it (off pauses on the range shown, on jumps back to now). */
  readonly live: boolean;
  /** Why following is unavailable (e.g. a session is shown), or undefined. */
  readonly liveDisabled?: string;
  readonly onLive: () => void;
  readonly windowMs: number;
  readonly setWindowMs: (ms: number) => void;
  readonly colormap: ColormapName;
  readonly setColormap: (c: ColormapName) => void;
  readonly limits: Limits;
  readonly setLimits: (l: Limits) => void;
  /** The station's display FFT size (undefined while unknown: the control is disabled). */
  readonly fft: SpectrogramFftSize | undefined;
  readonly setFftSize: (nFft: number) => void;
}

function FftSelect({ fft, setFftSize }: Pick<Props, 'fft' | 'setFftSize'>) {
  return (
    <label className="field" title="FFT size of the station's display spectrogram (hop = half): finer frequency bins or finer time steps. Applies from now on; each size keeps its own history.">
      <span>FFT</span>
      <select className="select" data-testid="fft-select" disabled={!fft} value={fft?.nFft ?? ''} onChange={(e) => setFftSize(Number(e.target.value))}>
        {!fft && <option value="">…</option>}
        {fft?.choices.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function NumberField(props: { label: string; title: string; value: number | undefined; step: number; onChange: (v: number | undefined) => void }) {
  return (
    <label className="field" title={props.title}>
      <span>{props.label}</span>
      <input
        className="select num"
        type="number"
        step={props.step}
        placeholder="auto"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' || !Number.isFinite(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
      />
    </label>
  );
}

function WindowSelect({ windowMs, setWindowMs }: Pick<Props, 'windowMs' | 'setWindowMs'>) {
  const preset = (WINDOW_CHOICES_MS as readonly number[]).includes(windowMs);
  return (
    <label className="field">
      <span>window</span>
      <select className="select" data-testid="window-select" value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))}>
        {!preset && <option value={windowMs}>{windowLabel(windowMs)}</option>}
        {WINDOW_CHOICES_MS.map((w) => (
          <option key={w} value={w}>
            {windowLabel(w)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SpectrogramControls(p: Props) {
  const set = (patch: Partial<Limits>) => p.setLimits({ ...p.limits, ...patch });
  return (
    <div className="spectrogram-controls">
      <button
        type="button"
        className="btn btn-small btn-live"
        aria-pressed={p.live}
        data-testid="follow-live"
        disabled={p.liveDisabled !== undefined}
        title={p.liveDisabled ?? (p.live ? 'Following the newest audio (l); drag or scroll the plot, or click, to pause' : 'Jump back to now and follow the newest audio (l)')}
        onClick={p.onLive}
      >
        {p.live ? '● Follow live' : '○ Follow live'}
      </button>
      <WindowSelect windowMs={p.windowMs} setWindowMs={p.setWindowMs} />
      <FftSelect fft={p.fft} setFftSize={p.setFftSize} />
      <label className="field">
        <span>colours</span>
        <select className="select" data-testid="colormap-select" value={p.colormap} onChange={(e) => isColormapName(e.target.value) && p.setColormap(e.target.value)}>
          {COLORMAP_NAMES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="dB from" title="Colour map floor (dB)" value={p.limits.dbFloor} step={5} onChange={(v) => set({ dbFloor: v })} />
      <NumberField label="to" title="Colour map ceiling (dB)" value={p.limits.dbCeil} step={5} onChange={(v) => set({ dbCeil: v })} />
      <NumberField label="Hz from" title="Lowest frequency shown" value={p.limits.fMin} step={50} onChange={(v) => set({ fMin: v })} />
      <NumberField label="to" title="Highest frequency shown (empty: Nyquist)" value={p.limits.fMax} step={50} onChange={(v) => set({ fMax: v })} />
      <label className="field">
        <span>scale</span>
        <select className="select" data-testid="scale-select" value={p.limits.scale} onChange={(e) => set({ scale: e.target.value as FrequencyScale })}>
          {FREQUENCY_SCALES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
