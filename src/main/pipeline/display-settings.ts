/**
 * A station's display spectrogram settings: the FFT size is the analyst's choice per station
 * (kept in the settings table, applied at once to a running station); the hop is half of it and
 * the dB quantisation range is fixed, so one FFT size is one tile pyramid.
 */
import { DEFAULT_DISPLAY_FFT_SIZE, DISPLAY_FFT_SIZES, isDisplayFftSize, type SpectrogramFftSize } from '../../shared/spectrogram-display.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';
import type { DisplayConfig } from './station-protocol.ts';

/** Quantisation range of display columns, dB re full scale (a full-scale sine reads 0 dB). */
const DISPLAY_DB_RANGE = { dbFloor: -110, dbCeil: -35 } as const;

const settingsKey = (stationId: string) => `spectrogram.fftSize.${stationId}`;

/** The display configuration for an FFT size: hop nFft / 2, the fixed dB range. */
export function displayConfig(nFft: number): DisplayConfig {
  return { nFft, hop: nFft / 2, ...DISPLAY_DB_RANGE };
}

/** The station's display FFT size (the default until one is chosen, or when the stored one is no longer offered). */
export function displayFftSize(settings: SettingsRepo, stationId: string): number {
  const stored = settings.get<unknown>(settingsKey(stationId), DEFAULT_DISPLAY_FFT_SIZE);
  return isDisplayFftSize(stored) ? stored : DEFAULT_DISPLAY_FFT_SIZE;
}

/** Stores the station's display FFT size. */
export function storeDisplayFftSize(settings: SettingsRepo, stationId: string, nFft: number): void {
  settings.set(settingsKey(stationId), nFft);
}

/** The `spectrogram:fft-size` answer for an FFT size. */
export function fftSizeAnswer(stationId: string, nFft: number): SpectrogramFftSize {
  return { stationId, nFft, hop: nFft / 2, choices: [...DISPLAY_FFT_SIZES] };
}
