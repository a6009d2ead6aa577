/**
 * Frequency axes (linear, log, mel) and dB ranges of the spectrogram display.
 *
 * Rows are display rows, top (row 0) = highest frequency. Each row shows the bin nearest the
 * frequency at the row's centre, so a log axis repeats the lowest bins over several rows rather
 * than inventing detail, and a zoomed linear axis shows whole bins.
 */

export const FREQUENCY_SCALES = ['linear', 'log', 'mel'] as const;
export type FrequencyScale = (typeof FREQUENCY_SCALES)[number];

/** Lowest frequency a log axis starts at when asked for 0 Hz. */
export const LOG_MIN_HZ = 10;

/** A frequency axis: u ∈ [0, 1] from fMin (u = 0, bottom) to fMax (u = 1, top). */
export interface FrequencyAxis {
  readonly fMin: number;
  readonly fMax: number;
  readonly scale: FrequencyScale;
  toUnit(hz: number): number;
  fromUnit(u: number): number;
}

const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** The axis for [fMin, fMax] on `scale` (a log axis starts at ≥ LOG_MIN_HZ). */
export function frequencyAxis(fMinHz: number, fMaxHz: number, scale: FrequencyScale): FrequencyAxis {
  const fMin = scale === 'log' ? Math.max(LOG_MIN_HZ, fMinHz) : Math.max(0, fMinHz);
  const fMax = Math.max(fMin + 1, fMaxHz);
  const [fwd, inv]: [(f: number) => number, (v: number) => number] =
    scale === 'log' ? [Math.log, Math.exp] : scale === 'mel' ? [mel, melToHz] : [(f) => f, (v) => v];
  const lo = fwd(fMin);
  const span = fwd(fMax) - lo;
  return {
    fMin, fMax, scale,
    toUnit: (hz) => (fwd(Math.max(hz, scale === 'log' ? 1e-9 : hz)) - lo) / span,
    fromUnit: (u) => inv(lo + u * span),
  };
}

/** For each of `rows` display rows (row 0 at the top), the bin shown there, or −1 outside the data. */
export function rowBins(rows: number, bins: number, dataFMaxHz: number, axis: FrequencyAxis): Int32Array {
  const out = new Int32Array(rows);
  const hzPerBin = dataFMaxHz / (bins - 1);
  for (let r = 0; r < rows; r++) {
    const hz = axis.fromUnit(1 - (r + 0.5) / rows);
    const bin = Math.round(hz / hzPerBin);
    out[r] = bin >= 0 && bin < bins ? bin : -1;
  }
  return out;
}

const STEPS = [1, 2, 5];

/** Round tick frequencies for an axis, about `maxTicks` of them, spread evenly along the axis. */
export function axisTicks(axis: FrequencyAxis, maxTicks: number): number[] {
  if (maxTicks < 1) return [];
  if (axis.scale === 'linear') return linearTicks(axis.fMin, axis.fMax, maxTicks);
  // Non-linear: candidates 1-2-5 × 10^k, kept when far enough (in axis units) from the previous one.
  const candidates: number[] = [];
  for (let decade = 1; decade <= 1e6; decade *= 10) for (const s of STEPS) candidates.push(s * decade);
  const ticks: number[] = [];
  let lastU = -Infinity;
  for (const f of candidates) {
    if (f < axis.fMin || f > axis.fMax) continue;
    const u = axis.toUnit(f);
    if (u - lastU >= 0.8 / maxTicks) {
      ticks.push(f);
      lastU = u;
    }
  }
  return ticks;
}

function linearTicks(fMin: number, fMax: number, maxTicks: number): number[] {
  const raw = (fMax - fMin) / maxTicks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let f = Math.ceil(fMin / step) * step; f <= fMax + 1e-9; f += step) ticks.push(Math.round(f * 1000) / 1000);
  return ticks;
}

/**
 * A 256-entry colour table that shows data quantised over [dataFloor, dataCeil] dB with the
 * colour map stretched over the view's [viewFloor, viewCeil] dB (values outside are clamped).
 */
export function rangeLut(base: Uint32Array, dataFloor: number, dataCeil: number, viewFloor: number, viewCeil: number): Uint32Array {
  const out = new Uint32Array(256);
  const span = Math.max(1e-6, viewCeil - viewFloor);
  for (let b = 0; b < 256; b++) {
    const db = dataFloor + (b / 255) * (dataCeil - dataFloor);
    const i = Math.round(((db - viewFloor) / span) * 255);
    out[b] = base[i < 0 ? 0 : i > 255 ? 255 : i]!;
  }
  return out;
}
