/**
 * `spectrogram:fft-size`: the FFT size of a station's display spectrogram (its live columns and
 * the base level of its tile pyramid). The hop is always half the FFT size, so a bigger FFT gives
 * finer frequency bins (sample rate / nFft) and coarser columns (nFft / 2 samples). Each FFT size
 * has its own tile pyramid: levels never mix resolutions.
 */
import { z } from 'zod';

/** FFT sizes offered for the display (powers of two). */
export const DISPLAY_FFT_SIZES = [256, 512, 1024, 2048, 4096] as const;
export type DisplayFftSize = (typeof DISPLAY_FFT_SIZES)[number];
/** A station's display FFT size until the analyst picks another. */
export const DEFAULT_DISPLAY_FFT_SIZE: DisplayFftSize = 1024;

/** True for one of DISPLAY_FFT_SIZES. */
export function isDisplayFftSize(n: unknown): n is DisplayFftSize {
  return (DISPLAY_FFT_SIZES as readonly unknown[]).includes(n);
}

export const displayFftSizeSchema = z.number().int().refine(isDisplayFftSize, { message: `FFT size must be one of ${DISPLAY_FFT_SIZES.join(', ')}` });

export const spectrogramFftSizeRequestSchema = z
  .object({
    stationId: z.string().min(1),
    /** Set this FFT size (kept per station, applied to the running station at once); absent: only read it. */
    nFft: displayFftSizeSchema.optional(),
  })
  .strict();

export const spectrogramFftSizeSchema = z.object({
  stationId: z.string(),
  nFft: z.number().int().positive(),
  /** Samples between columns (nFft / 2). */
  hop: z.number().int().positive(),
  /** What the control offers. */
  choices: z.array(z.number().int().positive()),
});

export type SpectrogramFftSize = z.infer<typeof spectrogramFftSizeSchema>;
