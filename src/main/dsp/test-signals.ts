/**
 * Deterministic test signals shared by the DSP tests, benchmarks and the Python reference
 * (test/fixtures/features/make_reference.py mirrors `referenceSignal` exactly).
 */

/** A sine of `freq` Hz, amplitude `amp`, `n` samples at `fs`. */
export function sine(n: number, freq: number, fs: number, amp = 1, phase = 0): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / fs + phase);
  return x;
}

/** Uniform noise in [-0.5, 0.5) from xorshift32 (same sequence as the Python reference). */
export function xorshiftNoise(n: number, seed = 2463534242): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** Tones + chirp + noise, rounded to float32 (see make_reference.py `test_signal`). */
export function referenceSignal(n: number, fs: number): Float32Array {
  const noise = xorshiftNoise(n);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / fs;
    x[i] =
      0.5 * Math.sin(2 * Math.PI * 440 * t) +
      0.25 * Math.sin(2 * Math.PI * 1234.5 * t + 0.3) +
      0.1 * Math.sin(2 * Math.PI * (50 * t + 100 * t * t)) +
      0.05 * Math.cos(2 * Math.PI * 0.45 * fs * t) +
      0.02 * noise[i];
  }
  return x;
}
