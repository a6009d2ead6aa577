/**
 * Audibility of a ship at the sensor (ship-noise.md §6): the best third-octave-band SNR of its received
 * continuum over the ambient, 20 Hz–2 kHz. Labelling simulated data by SNR instead of by a fixed radius
 * keeps inaudible small craft from being called "present".
 */

/** Third-octave centre frequencies from 20 Hz to 2 kHz. */
const BAND_CENTRES = Array.from({ length: 21 }, (_, k) => 20 * 2 ** (k / 3));

/** Max over third-octave bands of 10·log10(ship band power / ambient band power), dB (uniform bin grid). */
export function bandSnrDb(freqs: Float64Array, shipPower: Float64Array, ambientPower: Float64Array): number {
  let best = -99;
  for (const fc of BAND_CENTRES) {
    const lo = fc * 2 ** (-1 / 6);
    const hi = fc * 2 ** (1 / 6);
    const df = freqs[1] - freqs[0];
    let s = 0;
    let a = 0;
    for (let b = Math.ceil(lo / df); b < freqs.length && freqs[b] < hi; b++) {
      s += shipPower[b];
      a += ambientPower[b];
    }
    if (a > 0 && s > 0) best = Math.max(best, 10 * Math.log10(s / a));
  }
  return best;
}
