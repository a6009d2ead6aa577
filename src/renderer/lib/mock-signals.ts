/**
 * Deterministic synthetic data for the mock transport (`?mock=1`).
 *
 * Every value is a pure function of its column or segment index, so history fetched with
 * `spectrogram:recent` lines up exactly with the live columns that follow it.
 */
import type { ModelInfo, Prediction } from '../../shared/domain.ts';
import { DEFAULT_CLASS_IDS } from '../../shared/taxonomy.ts';
import { mulberry32 } from '../../shared/prng.ts';

export const MOCK_STATION_ID = 'demo-mars';
export const MOCK_COLUMN_MS = 100;
export const MOCK_BINS = 256;
export const MOCK_FMAX_HZ = 4000;
export const MOCK_DB_FLOOR = 40;
export const MOCK_DB_CEIL = 120;
export const MOCK_SEGMENT_MS = 3000;

/** mulberry32 (src/shared/prng.ts): seeded noise for the mock. */
export const seededRandom = mulberry32;


/** Received level of a synthetic ship pass: peaks every 90 s, a cosine-shaped approach. */
function passLevelDb(tSec: number): number {
  const phase = ((tSec % 90) + 90) % 90;
  return 24 * Math.max(0, Math.cos(((phase - 45) / 45) * (Math.PI / 2))) ** 2;
}

/** Spectrum level in dB of one column at frequency `f` (Hz). */
function levelDb(tSec: number, f: number, noise: number): number {
  const ambient = 78 - 10 * Math.log10(1 + f / 200); // Wenz-like slope: louder at low frequency
  const pass = passLevelDb(tSec);
  // Lloyd's-mirror fringes: notches that sweep as the range changes.
  const tau = 0.004 + 0.003 * Math.sin((tSec / 90) * 2 * Math.PI);
  const fringe = pass > 1 ? 6 * Math.cos(Math.PI * f * tau) ** 2 - 3 : 0;
  const broadband = pass * (1 - f / (MOCK_FMAX_HZ * 1.6));
  let tonal = 0;
  const shaftHz = 118 + 6 * Math.sin(tSec / 20); // a Doppler-drifting machinery line and harmonics
  for (let k = 1; k <= 4; k++) tonal += (pass + 8) * Math.exp(-(((f - k * shaftHz) / 9) ** 2)) / k;
  const sweepHz = 1500 + 600 * Math.sin((tSec / 60) * 2 * Math.PI); // the moving tonal
  tonal += 28 * Math.exp(-(((f - sweepHz) / 14) ** 2));
  return ambient + broadband + fringe + tonal + noise;
}

/** One column of 8-bit levels (lowest frequency first) for absolute column index `index`. */
export function synthColumn(index: number): Uint8Array {
  const rand = seededRandom(index * 2654435761);
  const tSec = (index * MOCK_COLUMN_MS) / 1000;
  const column = new Uint8Array(MOCK_BINS);
  for (let b = 0; b < MOCK_BINS; b++) {
    const f = ((b + 0.5) / MOCK_BINS) * MOCK_FMAX_HZ;
    const noise = (rand() + rand() + rand() - 1.5) * 6;
    const db = levelDb(tSec, f, noise);
    column[b] = Math.max(0, Math.min(255, Math.round(((db - MOCK_DB_FLOOR) / (MOCK_DB_CEIL - MOCK_DB_FLOOR)) * 255)));
  }
  return column;
}

/** `count` consecutive columns starting at absolute index `first`, column-major. */
export function synthColumns(first: number, count: number): Uint8Array {
  const out = new Uint8Array(count * MOCK_BINS);
  for (let i = 0; i < count; i++) out.set(synthColumn(first + i), i * MOCK_BINS);
  return out;
}

/** The two models the mock pretends to run. */
export function mockModels(now: number): ModelInfo[] {
  const common = {
    author: 'mock',
    task: 'multi-class' as const,
    channels: 1,
    sampleRate: 8000,
    segmentSeconds: MOCK_SEGMENT_MS / 1000,
    classes: [...DEFAULT_CLASS_IDS],
    deployedAt: now - 86_400_000,
  };
  return [
    { ...common, id: 'pfau-cnn', version: '1.2.0', name: 'Pfau log-mel CNN', status: 'active', uncertainty: 'deterministic', latencyMs: 4.2 },
    { ...common, id: 'atchley-mc', version: '0.9.1', name: 'Atchley MC-dropout CNN', status: 'active', uncertainty: 'mc-dropout', latencyMs: 21.7 },
  ];
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

const entropyBits = (p: number[]): number => -p.reduce((s, x) => (x > 0 ? s + x * Math.log2(x) : s), 0);

/** The prediction `model` makes for segment `index` (segments are MOCK_SEGMENT_MS long). */
export function synthPrediction(model: ModelInfo, index: number, stationId: string): Prediction {
  const rand = seededRandom(index * 7919 + model.id.length * 104729);
  const trueClass = Math.floor(index / 10) % DEFAULT_CLASS_IDS.length; // the "ship" changes every 30 s
  const confidence = model.uncertainty === 'mc-dropout' ? 2.2 : 3.2;
  const logits = DEFAULT_CLASS_IDS.map((_, k) => (k === trueClass ? confidence : 0) + (rand() - 0.5) * 2.5);
  const probs = softmax(logits);
  const sorted = [...probs].sort((a, b) => b - a);
  const entropy = entropyBits(probs);
  const mc = model.uncertainty === 'mc-dropout';
  const epistemic = mc ? entropy * (0.1 + 0.3 * rand()) : undefined;
  return {
    id: index * 10 + (model.id === 'pfau-cnn' ? 1 : 2),
    segmentId: index,
    stationId,
    segmentStart: index * MOCK_SEGMENT_MS,
    segmentEnd: (index + 1) * MOCK_SEGMENT_MS,
    modelId: model.id,
    modelVersion: model.version,
    classes: [...DEFAULT_CLASS_IDS],
    probs,
    predictedClass: DEFAULT_CLASS_IDS[probs.indexOf(sorted[0])],
    uncertainty: {
      entropy,
      entropyNorm: entropy / Math.log2(probs.length),
      margin: sorted[0] - sorted[1],
      ...(mc ? { epistemic, aleatoric: entropy - (epistemic ?? 0), passes: 30 } : {}),
    },
    latencyMs: model.latencyMs ?? 5,
    createdAt: (index + 1) * MOCK_SEGMENT_MS + 150,
  };
}
