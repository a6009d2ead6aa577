/**
 * Real recordings mixed into the demo between ship passes: loading the bundled SanctSound clips,
 * resampling them to the station rate (dsp/resample.ts), and scheduling them deterministically.
 *
 * Only non-vessel clips (rain, wind, biology, soundscapes) are mixed, and only where no simulated ship
 * is within QUIET_RADIUS_M, so the audio never contradicts the AIS picture: a vessel clip would put a
 * ship in a segment whose AIS says there is none.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWavAll } from '../audio/wav-reader.ts';
import { resample } from '../dsp/resample.ts';
import { AppError } from '../../shared/errors.ts';
import { Rng, seedOf } from './prng.ts';
import { parseCsv } from '../../shared/csv.ts';

/** A real recording the station may mix in. */
export interface RealClip {
  readonly name: string;
  readonly sampleRate: number;
  /** Mono samples in [-1, 1). */
  readonly samples: Float32Array;
  readonly label: 'vessel' | 'non-vessel';
  /** Workstation class id when known ('B' small boats, 'D' large ships, 'E' non-vessel). */
  readonly classId?: string;
}

/** The bundled demo resources (resources/demo), resolved from this file in the source tree. */
export const DEFAULT_DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');

/** Clips are mixed only when no ship is within this horizontal range. */
export const QUIET_RADIUS_M = 15_000;

/** Reads every clip listed in a labels.csv under `dir` (recursively). Unlisted WAVs are ignored. */
export async function loadDemoClips(dir: string = DEFAULT_DEMO_DIR): Promise<RealClip[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).map(String);
  } catch (err) {
    throw new AppError('IO_FAILED', `cannot list demo clips in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const clips: RealClip[] = [];
  for (const csv of entries.filter((e) => e.endsWith('labels.csv')).sort()) {
    const folder = join(dir, dirname(csv));
    for (const row of parseCsv(await readFile(join(dir, csv), 'utf8'))) {
      if (!row.file?.toLowerCase().endsWith('.wav')) continue;
      const audio = await readWavAll(join(folder, row.file));
      clips.push({
        name: row.file,
        sampleRate: audio.info.sampleRate,
        samples: mixToMono(audio.channels),
        label: row.coarse_label === 'non-vessel' ? 'non-vessel' : 'vessel',
        classId: classOfLabel(row.label ?? ''),
      });
    }
  }
  return clips;
}

/** SanctSound labels → workstation classes (large ships are merchant traffic, small boats class B). */
function classOfLabel(label: string): string | undefined {
  if (label.startsWith('non-vessel')) return 'E';
  if (label.includes('large-ship')) return 'D';
  if (label.includes('small')) return 'B';
  return undefined;
}

function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i] / channels.length;
  return out;
}

/** A scheduled clip instance. */
export interface ClipEvent {
  readonly clip: number;
  readonly startSample: number;
  readonly length: number;
  /** µPa per unit of the normalised clip. */
  readonly gain: number;
  /** Relative gains on the three velocity channels. */
  readonly velocityGains: readonly [number, number, number];
}

const BUCKET_MS = 600_000;
const FADE_S = 0.5;

export interface ClipMixerDeps {
  readonly seed: number;
  readonly sampleRate: number;
  /** True when no ship is within QUIET_RADIUS_M anywhere in [fromMs, toMs]. */
  readonly isQuiet: (fromMs: number, toMs: number) => boolean;
  /** Broadband ambient RMS (µPa) at time t, to scale clips to a plausible level. */
  readonly ambientRmsAt: (timeMs: number) => number;
}

/** Places non-vessel clips in ~50 % of 10-minute buckets that are quiet, cross-faded over 0.5 s. */
export class ClipMixer {
  private readonly clips: Float32Array[];
  private readonly names: string[];
  private readonly deps: ClipMixerDeps;
  private readonly buckets = new Map<number, ClipEvent | null>();

  constructor(clips: readonly RealClip[], deps: ClipMixerDeps) {
    this.deps = deps;
    const usable = clips.filter((c) => c.label === 'non-vessel' && c.samples.length > 0);
    this.clips = usable.map((c) => normalise(resample(c.samples, Math.round(c.sampleRate), deps.sampleRate)));
    this.names = usable.map((c) => c.name);
  }

  /** Name of a clip by index (as in ClipEvent.clip). */
  clipName(index: number): string {
    return this.names[index];
  }

  /** Clip events overlapping [fromMs, toMs). */
  eventsBetween(fromMs: number, toMs: number): ClipEvent[] {
    const events: ClipEvent[] = [];
    const fs = this.deps.sampleRate;
    for (let b = Math.floor(fromMs / BUCKET_MS) - 1; b <= Math.floor(toMs / BUCKET_MS); b++) {
      const e = this.eventInBucket(b);
      if (e && (e.startSample * 1000) / fs < toMs && ((e.startSample + e.length) * 1000) / fs > fromMs) events.push(e);
    }
    return events;
  }

  /** The clip event starting in a bucket, if any. */
  eventInBucket(bucket: number): ClipEvent | null {
    const cached = this.buckets.get(bucket);
    if (cached !== undefined) return cached;
    const event = this.planBucket(bucket);
    if (this.buckets.size > 64) this.buckets.clear();
    this.buckets.set(bucket, event);
    return event;
  }

  private planBucket(bucket: number): ClipEvent | null {
    if (this.clips.length === 0) return null;
    const { seed, sampleRate, isQuiet, ambientRmsAt } = this.deps;
    const rng = new Rng(seedOf(seed, 'clip', bucket));
    if (!rng.chance(0.5)) return null;
    const clip = rng.int(0, this.clips.length - 1);
    const length = this.clips[clip].length;
    const durMs = (length * 1000) / sampleRate;
    const startMs = bucket * BUCKET_MS + rng.uniform(0, BUCKET_MS - durMs - 1000);
    if (!isQuiet(startMs - 60_000, startMs + durMs + 60_000)) return null;
    const gain = ambientRmsAt(startMs) * 10 ** (rng.uniform(0, 8) / 20);
    const v = () => rng.uniform(-0.6, 0.6);
    return { clip, startSample: Math.round((startMs * sampleRate) / 1000), length, gain, velocityGains: [v(), v(), v()] };
  }

  /** Adds any clip audio overlapping [startSample, startSample + length) to the channels. */
  addSpan(startSample: number, out: Float64Array[]): void {
    const n = out[0].length;
    const fade = Math.round(FADE_S * this.deps.sampleRate);
    const bucket = Math.floor((startSample * 1000) / this.deps.sampleRate / BUCKET_MS);
    for (let b = bucket - 1; b <= bucket; b++) {
      const e = this.eventInBucket(b);
      if (!e || e.startSample >= startSample + n || e.startSample + e.length <= startSample) continue;
      const clip = this.clips[e.clip];
      const from = Math.max(0, e.startSample - startSample);
      const to = Math.min(n, e.startSample + e.length - startSample);
      for (let i = from; i < to; i++) {
        const m = startSample + i - e.startSample;
        const edge = Math.min(m, e.length - 1 - m);
        const w = edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade);
        const x = clip[m] * e.gain * w;
        out[0][i] += x;
        for (let c = 1; c < out.length && c <= 3; c++) out[c][i] += x * e.velocityGains[c - 1];
      }
    }
  }
}

/** Removes DC and scales to unit RMS. */
function normalise(x: Float32Array): Float32Array {
  let mean = 0;
  for (const v of x) mean += v / x.length;
  let power = 0;
  for (const v of x) power += (v - mean) ** 2 / x.length;
  const k = power > 0 ? 1 / Math.sqrt(power) : 0;
  return x.map((v) => (v - mean) * k);
}
