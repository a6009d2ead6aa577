/**
 * Feature specifications: how a model's input is computed from audio.
 *
 * A manifest names one of these; the same spec drives serving (`src/main/dsp`)
 * and training (`aiw features`), so the two can never drift apart.
 */
import { z } from 'zod';

export const stftSpecSchema = z.strictObject({
  /** FFT length in samples (power of two). */
  nFft: z.number().int().min(16).max(65536),
  /** Window length in samples (≤ nFft; the frame is zero-padded to nFft). */
  winLength: z.number().int().min(8),
  /** Hop between frames in samples. */
  hop: z.number().int().min(1),
  window: z.enum(['hann', 'hamming', 'rect']).default('hann'),
  /** Periodic (DFT-even, TensorFlow/librosa default) or symmetric window. */
  periodic: z.boolean().default(true),
  /** librosa-style centring (reflect-pad winLength/2 both sides). */
  center: z.boolean().default(false),
  /** TensorFlow-style `pad_end`: zero-pad so the last partial frame is kept. */
  padEnd: z.boolean().default(false),
  /** magnitude |X| or power |X|². */
  spectrum: z.enum(['magnitude', 'power']).default('magnitude'),
});

export const melSpecSchema = z.strictObject({
  nMels: z.number().int().min(1).max(512),
  fMin: z.number().min(0),
  fMax: z.number().positive(),
  scale: z.enum(['htk', 'slaney']).default('htk'),
  /** 'slaney' area normalisation of each triangle, or none (TensorFlow). */
  norm: z.enum(['none', 'slaney']).default('none'),
});

export const logSpecSchema = z.discriminatedUnion('kind', [
  /** ln(x + floor): the seed used floor = 1e-6. */
  z.strictObject({ kind: z.literal('ln'), floor: z.number().positive() }),
  /** 10·log10(max(x, amin) / ref), clipped to max − topDb when topDb is set. */
  z.strictObject({
    kind: z.literal('db'),
    ref: z.number().positive().default(1),
    amin: z.number().positive().default(1e-10),
    topDb: z.number().positive().optional(),
  }),
]);

export const logMelFeatureSchema = z.strictObject({
  kind: z.literal('log-mel'),
  stft: stftSpecSchema,
  mel: melSpecSchema,
  log: logSpecSchema,
  /**
   * 'none' keeps the frames × bands image; 'mean-std' summarises each band by its
   * mean and standard deviation over time (2·nMels values per channel).
   */
  pooling: z.enum(['none', 'mean-std']).default('none'),
});

/**
 * MFCC: the log-mel image (log 'db' is librosa's `power_to_db`, 'ln' the natural log), then an
 * orthonormal DCT-II over the bands keeping the first `nMfcc` coefficients (scipy
 * `dct(type=2, norm='ortho')`, as librosa), then optional liftering
 * c[n] · (1 + (lifter/2)·sin(π(n+1)/lifter)) (librosa `lifter`; 0 = none).
 */
export const mfccFeatureSchema = z.strictObject({
  kind: z.literal('mfcc'),
  stft: stftSpecSchema,
  mel: melSpecSchema,
  log: logSpecSchema,
  nMfcc: z.number().int().min(1).max(512),
  lifter: z.number().min(0).default(0),
  /** As for log-mel: 'mean-std' summarises each coefficient over time (2·nMfcc values per channel). */
  pooling: z.enum(['none', 'mean-std']).default('none'),
});

export const waveformFeatureSchema = z.strictObject({ kind: z.literal('waveform') });

export const featureSpecSchema = z.discriminatedUnion('kind', [logMelFeatureSchema, mfccFeatureSchema, waveformFeatureSchema]);

/**
 * Signal conditioning before resampling and features (per model in its manifest, or per station):
 * a one-pole DC-blocking high-pass (−3 dB at `highPassHz`; DeepShip files carry a ~3 % FS DC
 * offset) and a gain in dB. Absent = none.
 */
export const conditioningSchema = z.strictObject({
  highPassHz: z.number().positive().max(1000).optional(),
  gainDb: z.number().min(-120).max(120).default(0),
});

export type StftSpec = z.infer<typeof stftSpecSchema>;
export type MelSpec = z.infer<typeof melSpecSchema>;
export type LogSpec = z.infer<typeof logSpecSchema>;
export type LogMelFeature = z.infer<typeof logMelFeatureSchema>;
export type MfccFeature = z.infer<typeof mfccFeatureSchema>;
export type Conditioning = z.infer<typeof conditioningSchema>;
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** A stable key for a spec, so models with identical features share one computation. */
export function featureKey(spec: FeatureSpec, sampleRate: number, channels: readonly number[]): string {
  return JSON.stringify({ spec, sampleRate, channels });
}
