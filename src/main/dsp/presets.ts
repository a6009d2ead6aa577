/**
 * Named feature specs.
 *
 * SEED_LOG_MEL reproduces the old app's model input (seed-spec §3.5): 4 kHz audio, 1000-sample
 * periodic Hann frames every 750 samples, 1024-point FFT, TF pad_end, magnitude, 128 HTK mel bands
 * over 10–2000 Hz without normalisation (TF linear_to_mel_weight_matrix), ln(x + 1e-6):
 * 160 × 128 per 30-s channel.
 *
 * BASELINE_FEATURE is the small baseline classifier's input: 8 kHz audio, 2048-point frames every
 * 1024 samples (librosa centring), power, 32 Slaney mel bands (librosa defaults: Slaney scale and
 * area norm) over 20–3800 Hz, dB re 1 with amin 1e-10, pooled to per-band mean and std: 64 values
 * per channel.
 */
import type { FeatureSpec } from '../../shared/feature-spec.ts';

/** Sample rate the seed models expect. */
export const SEED_SAMPLE_RATE = 4000;

/** The seed app's log-mel feature. */
export const SEED_LOG_MEL: FeatureSpec = {
  kind: 'log-mel',
  stft: { nFft: 1024, winLength: 1000, hop: 750, window: 'hann', periodic: true, center: false, padEnd: true, spectrum: 'magnitude' },
  mel: { nMels: 128, fMin: 10, fMax: 2000, scale: 'htk', norm: 'none' },
  log: { kind: 'ln', floor: 1e-6 },
  pooling: 'none',
};

/** Sample rate of the baseline classifier's input. */
export const BASELINE_SAMPLE_RATE = 8000;

/** The baseline classifier's pooled log-mel feature. */
export const BASELINE_FEATURE: FeatureSpec = {
  kind: 'log-mel',
  stft: { nFft: 2048, winLength: 2048, hop: 1024, window: 'hann', periodic: true, center: true, padEnd: false, spectrum: 'power' },
  mel: { nMels: 32, fMin: 20, fMax: 3800, scale: 'slaney', norm: 'slaney' },
  log: { kind: 'db', ref: 1, amin: 1e-10 },
  pooling: 'mean-std',
};
