/**
 * A two-channel real FFT in WebAssembly SIMD, float64: each f64x2 vector holds the same sample
 * of two channels (lane 0 and lane 1), so every operation of a scalar FFT does both channels at
 * once, with no shuffles. Building blocks of the log-mel kernel (logmel-wasm.ts):
 *
 *  - `window2`: frame samples of two float32 planes, widened and multiplied by the window;
 *  - `fft`: in-place radix-2 decimation-in-frequency complex FFT of h points (output in
 *    bit-reversed order, so no reordering pass);
 *  - `spectrum`: the real spectrum's h + 1 bins from the half-size complex FFT (the split of
 *    fft.ts: even samples as real parts, odd as imaginary), |X| or |X|².
 *
 * Memory layout: a frame of n = 2h real samples is h complex points of 32 bytes (real part f64x2,
 * imaginary part f64x2); windowed sample j sits at byte 16j, which is exactly where the complex
 * FFT reads it (sample 2m is the real, 2m + 1 the imaginary part of point m).
 */
import { I32, V128, localsOf, op, type WasmFunction } from './wasm-asm.ts';

/** fill0(from, to): zero vectors from byte `from` up to `to`. */
const FILL0_LOCALS = localsOf({ from: I32, to: I32 }, {});
export const FILL0: WasmFunction = (() => {
  const l = FILL0_LOCALS.at;
  return {
    name: 'fill0',
    params: FILL0_LOCALS.params,
    locals: FILL0_LOCALS.locals,
    body: [
      ...op.block, ...op.loop,
      ...op.get(l.from), ...op.get(l.to), ...op.i32GeU, ...op.brIf(1),
      ...op.get(l.from), ...op.f64(0), ...op.f64x2Splat, ...op.store(),
      ...op.get(l.from), ...op.i32(16), ...op.i32Add, ...op.set(l.from),
      ...op.br(0), ...op.end, ...op.end,
    ],
  };
})();

/** window2(pa, pb, w, z, end): z[j] = (a[j], b[j])·w[j] (f32 planes a, b; f64 window) for 16-byte z up to end. */
const WINDOW_LOCALS = localsOf({ pa: I32, pb: I32, w: I32, z: I32, end: I32 }, {});
export const WINDOW2: WasmFunction = (() => {
  const l = WINDOW_LOCALS.at;
  return {
    name: 'window2',
    params: WINDOW_LOCALS.params,
    locals: WINDOW_LOCALS.locals,
    body: [
      ...op.block, ...op.loop,
      ...op.get(l.z), ...op.get(l.end), ...op.i32GeU, ...op.brIf(1),
      ...op.get(l.z),
      ...op.get(l.pb), ...op.get(l.pa), ...op.load32Zero, ...op.load32Lane(1), ...op.f64x2PromoteLowF32x4,
      ...op.get(l.w), ...op.load64Splat(), ...op.f64x2Mul,
      ...op.store(),
      ...op.get(l.pa), ...op.i32(4), ...op.i32Add, ...op.set(l.pa),
      ...op.get(l.pb), ...op.i32(4), ...op.i32Add, ...op.set(l.pb),
      ...op.get(l.w), ...op.i32(8), ...op.i32Add, ...op.set(l.w),
      ...op.get(l.z), ...op.i32(16), ...op.i32Add, ...op.set(l.z),
      ...op.br(0), ...op.end, ...op.end,
    ],
  };
})();

const FFT_LOCALS = localsOf(
  { z: I32, t: I32, h: I32 },
  { zEnd: I32, block: I32, half: I32, stride: I32, blk: I32, pa: I32, pb: I32, pend: I32, pt: I32, ar: V128, ai: V128, br: V128, bi: V128, dr: V128, di: V128 },
);

/** One butterfly at pa, pb = pa + half with the twiddle (cos, sin) at pt: a' = a + b, b' = (a − b)·(cos − i·sin). */
function butterfly(l: typeof FFT_LOCALS.at): number[] {
  return [
    ...op.get(l.pa), ...op.get(l.half), ...op.i32Add, ...op.set(l.pb),
    ...op.get(l.pa), ...op.load(), ...op.set(l.ar),
    ...op.get(l.pa), ...op.load(16), ...op.set(l.ai),
    ...op.get(l.pb), ...op.load(), ...op.set(l.br),
    ...op.get(l.pb), ...op.load(16), ...op.set(l.bi),
    ...op.get(l.pa), ...op.get(l.ar), ...op.get(l.br), ...op.f64x2Add, ...op.store(),
    ...op.get(l.pa), ...op.get(l.ai), ...op.get(l.bi), ...op.f64x2Add, ...op.store(16),
    ...op.get(l.ar), ...op.get(l.br), ...op.f64x2Sub, ...op.set(l.dr),
    ...op.get(l.ai), ...op.get(l.bi), ...op.f64x2Sub, ...op.set(l.di),
    ...op.get(l.pt), ...op.load64Splat(), ...op.set(l.ar), // cos
    ...op.get(l.pt), ...op.load64Splat(8), ...op.set(l.ai), // sin
    ...op.get(l.pb), ...op.get(l.dr), ...op.get(l.ar), ...op.f64x2Mul, ...op.get(l.di), ...op.get(l.ai), ...op.f64x2Mul, ...op.f64x2Add, ...op.store(),
    ...op.get(l.pb), ...op.get(l.di), ...op.get(l.ar), ...op.f64x2Mul, ...op.get(l.dr), ...op.get(l.ai), ...op.f64x2Mul, ...op.f64x2Sub, ...op.store(16),
  ];
}

/**
 * fft(z, t, h): in-place DIF FFT of h complex points (32 bytes each) at z; t holds (cos, sin) of
 * 2πm/h for m < h/2 (16 bytes each). Passes over blocks of `block` bytes, halving down to 2 points.
 */
export const FFT: WasmFunction = (() => {
  const l = FFT_LOCALS.at;
  return {
    name: 'fft',
    params: FFT_LOCALS.params,
    locals: FFT_LOCALS.locals,
    body: [
      ...op.get(l.h), ...op.i32(5), ...op.i32Shl, ...op.set(l.block),
      ...op.get(l.z), ...op.get(l.block), ...op.i32Add, ...op.set(l.zEnd),
      ...op.i32(16), ...op.set(l.stride),
      ...op.block, ...op.loop,
      ...op.get(l.block), ...op.i32(64), ...op.i32LtU, ...op.brIf(1), // blocks of one point: done
      ...op.get(l.block), ...op.i32(1), ...op.i32ShrU, ...op.set(l.half),
      ...op.get(l.z), ...op.set(l.blk),
      ...op.block, ...op.loop,
      ...op.get(l.blk), ...op.get(l.zEnd), ...op.i32GeU, ...op.brIf(1),
      ...op.get(l.blk), ...op.set(l.pa),
      ...op.get(l.blk), ...op.get(l.half), ...op.i32Add, ...op.set(l.pend),
      ...op.get(l.t), ...op.set(l.pt),
      ...op.block, ...op.loop,
      ...op.get(l.pa), ...op.get(l.pend), ...op.i32GeU, ...op.brIf(1),
      ...butterfly(l),
      ...op.get(l.pa), ...op.i32(32), ...op.i32Add, ...op.set(l.pa),
      ...op.get(l.pt), ...op.get(l.stride), ...op.i32Add, ...op.set(l.pt),
      ...op.br(0), ...op.end, ...op.end,
      ...op.get(l.blk), ...op.get(l.block), ...op.i32Add, ...op.set(l.blk),
      ...op.br(0), ...op.end, ...op.end,
      ...op.get(l.half), ...op.set(l.block),
      ...op.get(l.stride), ...op.i32(1), ...op.i32Shl, ...op.set(l.stride),
      ...op.br(0), ...op.end, ...op.end,
    ],
  };
})();

const SPECTRUM_LOCALS = localsOf(
  { z: I32, rev: I32, cs: I32, s: I32, h: I32, root: I32 },
  {
    prk: I32, prm: I32, pc: I32, psk: I32, psm: I32, pa: I32, pb: I32,
    ar: V128, ai: V128, br: V128, bi: V128, c: V128, sn: V128, sum: V128, ev: V128, p: V128, q: V128, u: V128, v: V128, x: V128, y: V128,
  },
);

/** Stores at byte `address` the bin |X| (with `root`) or |X|², from 4·|X|² in local x. */
function storeBin(l: typeof SPECTRUM_LOCALS.at, address: number): number[] {
  return [
    ...op.get(address),
    ...op.get(l.root), ...op.ifV128,
    ...op.get(l.x), ...op.f64x2Sqrt, ...op.f64(0.5), ...op.f64x2Splat, ...op.f64x2Mul,
    ...op.else,
    ...op.get(l.x), ...op.f64(0.25), ...op.f64x2Splat, ...op.f64x2Mul,
    ...op.end,
    ...op.store(),
  ];
}

/** x = a² + b² for f64x2 expressions a and b. */
const sumOfSquares = (l: typeof SPECTRUM_LOCALS.at, a: number[], b: number[]) => [
  ...a, ...op.set(l.x), ...op.get(l.x), ...op.get(l.x), ...op.f64x2Mul,
  ...b, ...op.set(l.y), ...op.get(l.y), ...op.get(l.y), ...op.f64x2Mul,
  ...op.f64x2Add, ...op.set(l.x),
];

/** Bins k and h − k from Z[k] (at pa) and Z[h − k] (at pb): the split of fft.ts (RealFft.spectrumInto). */
function binPair(l: typeof SPECTRUM_LOCALS.at): number[] {
  const v = (name: keyof typeof l) => op.get(l[name]);
  return [
    ...op.get(l.pa), ...op.load(), ...op.set(l.ar), ...op.get(l.pa), ...op.load(16), ...op.set(l.ai),
    ...op.get(l.pb), ...op.load(), ...op.set(l.br), ...op.get(l.pb), ...op.load(16), ...op.set(l.bi),
    ...op.get(l.pc), ...op.load64Splat(), ...op.set(l.c), ...op.get(l.pc), ...op.load64Splat(8), ...op.set(l.sn),
    ...v('ar'), ...v('br'), ...op.f64x2Add, ...op.set(l.sum),
    ...v('ai'), ...v('bi'), ...op.f64x2Sub, ...op.set(l.ev),
    ...v('ai'), ...v('bi'), ...op.f64x2Add, ...op.set(l.p),
    ...v('br'), ...v('ar'), ...op.f64x2Sub, ...op.set(l.q),
    // u = c·p + s·q, v = c·q − s·p (the twiddle applied to the odd samples' spectrum)
    ...v('c'), ...v('p'), ...op.f64x2Mul, ...v('sn'), ...v('q'), ...op.f64x2Mul, ...op.f64x2Add, ...op.set(l.u),
    ...v('c'), ...v('q'), ...op.f64x2Mul, ...v('sn'), ...v('p'), ...op.f64x2Mul, ...op.f64x2Sub, ...op.set(l.v),
    ...sumOfSquares(l, [...v('sum'), ...v('u'), ...op.f64x2Add], [...v('ev'), ...v('v'), ...op.f64x2Add]),
    ...storeBin(l, l.psk),
    ...sumOfSquares(l, [...v('sum'), ...v('u'), ...op.f64x2Sub], [...v('v'), ...v('ev'), ...op.f64x2Sub]),
    ...storeBin(l, l.psm),
  ];
}

/**
 * spectrum(z, rev, cs, s, h, root): the h + 1 bins of the real spectrum (16 bytes each at s) from
 * the bit-reversed DIF output at z. rev[k] (i32) is the byte offset of Z[k]; cs holds (cos, sin)
 * of 2πk/(2h) for k ≤ h/2. |X| with root ≠ 0, else |X|².
 */
export const SPECTRUM: WasmFunction = (() => {
  const l = SPECTRUM_LOCALS.at;
  const step = (local: number, by: number) => [...op.get(local), ...op.i32(by), ...op.i32Add, ...op.set(local)];
  return {
    name: 'spectrum',
    params: SPECTRUM_LOCALS.params,
    locals: SPECTRUM_LOCALS.locals,
    body: [
      // DC = re + im and Nyquist = re − im of Z[0]; 4·power so storeBin's scaling applies.
      ...op.get(l.z), ...op.load(), ...op.set(l.ar), ...op.get(l.z), ...op.load(16), ...op.set(l.ai),
      ...sumOfSquares(l, [...op.get(l.ar), ...op.get(l.ai), ...op.f64x2Add, ...op.f64(2), ...op.f64x2Splat, ...op.f64x2Mul], [...op.f64(0), ...op.f64x2Splat]),
      ...op.get(l.s), ...op.set(l.psk), ...storeBin(l, l.psk),
      ...sumOfSquares(l, [...op.get(l.ar), ...op.get(l.ai), ...op.f64x2Sub, ...op.f64(2), ...op.f64x2Splat, ...op.f64x2Mul], [...op.f64(0), ...op.f64x2Splat]),
      ...op.get(l.h), ...op.i32(4), ...op.i32Shl, ...op.get(l.s), ...op.i32Add, ...op.set(l.psm), ...storeBin(l, l.psm),
      ...op.get(l.rev), ...op.i32(4), ...op.i32Add, ...op.set(l.prk),
      ...op.get(l.h), ...op.i32(1), ...op.i32Sub, ...op.i32(2), ...op.i32Shl, ...op.get(l.rev), ...op.i32Add, ...op.set(l.prm),
      ...op.get(l.cs), ...op.i32(16), ...op.i32Add, ...op.set(l.pc),
      ...op.get(l.s), ...op.i32(16), ...op.i32Add, ...op.set(l.psk),
      ...op.get(l.psm), ...op.i32(16), ...op.i32Sub, ...op.set(l.psm),
      ...op.block, ...op.loop,
      ...op.get(l.prk), ...op.get(l.prm), ...op.i32GtU, ...op.brIf(1), // k > h − k: done
      ...op.get(l.z), ...op.get(l.prk), ...op.i32Load(), ...op.i32Add, ...op.set(l.pa),
      ...op.get(l.z), ...op.get(l.prm), ...op.i32Load(), ...op.i32Add, ...op.set(l.pb),
      ...binPair(l),
      ...step(l.prk, 4), ...step(l.prm, -4), ...step(l.pc, 16), ...step(l.psk, 16), ...step(l.psm, -16),
      ...op.br(0), ...op.end, ...op.end,
    ],
  };
})();
