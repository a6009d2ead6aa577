/**
 * Gain invariance for [band means…, band stds…] features (BASELINE_FEATURE's mean-std pooling).
 *
 * A gain change of g dB adds g to every band mean and leaves the stds unchanged. Removing the mean over
 * bands from the band means therefore makes the features — and the model — blind to the recording's
 * absolute level, which real hydrophones rarely calibrate (SanctSound, DeepShip) and the simulator's
 * WAV scale only fixes by convention. What remains is spectral shape and temporal variability.
 */

/** Row-major P [2·nBands × 2·nBands] with u = x·P: band means centred across bands, stds passed through. */
export function levelProjection(nBands: number): Float64Array {
  const n = 2 * nBands;
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const identity = i === j ? 1 : 0;
      p[i * n + j] = i < nBands && j < nBands ? identity - 1 / nBands : identity;
    }
  }
  return p;
}
