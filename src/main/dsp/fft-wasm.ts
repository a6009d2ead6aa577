/**
 * A two-channel real FFT in WebAssembly SIMD, float64: each f64x2 vector holds the same sample
 * of two channels (lane 0 and lane 1), so every operation of a scalar FFT does both channels at
 * once, with no shuffles. Building blocks of the log-mel kernel (logmel-wasm.ts):
 *
 *  - `window2`: frame samples of two float32 planes, widened and multiplied by the window;
 *  - `fft`: in-place radix-2² decimation-in-frequency complex FFT of h points (two radix-2
 *    stages per sweep; output in bit-reversed order, so no reordering pass);
 *  - `spectrum`: the real spectrum's h + 1 bins from the half-size complex FFT (the split of
 *    fft.ts: even samples as real parts, odd as imaginary), |X| or |X|².
 *
 * Memory layout: a frame of n = 2h real samples is h complex points of 32 bytes (real part f64x2,
 * imaginary part f64x2); windowed sample j sits at byte 16j, which is exactly where the complex
 * FFT reads it (sample 2m is the real, 2m + 1 the imaginary part of point m).
 */
import { I32, V128, defineFunction, localsOf, op, type WasmFunction } from './wasm-asm.ts';

/** fill0(from, to): zero vectors from byte `from` up to `to`. */
const FILL0_LOCALS = localsOf({ from: I32, to: I32 }, {});
export const FILL0: WasmFunction = defineFunction('fill0', FILL0_LOCALS, (l) => {
  return [
    ...op.block, ...op.loop,
    ...op.get(l.from), ...op.get(l.to), ...op.i32GeU, ...op.brIf(1),
    ...op.get(l.from), ...op.f64(0), ...op.f64x2Splat, ...op.store(),
    ...op.get(l.from), ...op.i32(16), ...op.i32Add, ...op.set(l.from),
    ...op.br(0), ...op.end, ...op.end,
  ];
});

/** window2(pa, pb, w, z, end): z[j] = (a[j], b[j])·w[j] (f32 planes a, b; f64 window) for 16-byte z up to end. */
const WINDOW_LOCALS = localsOf({ pa: I32, pb: I32, w: I32, z: I32, end: I32 }, {});
export const WINDOW2: WasmFunction = defineFunction('window2', WINDOW_LOCALS, (l) => {
  return [
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
  ];
});

const FFT_LOCALS = localsOf(
  { z: I32, t: I32, h: I32 },
  {
    zEnd: I32, block: I32, q: I32, stride: I32, blk: I32, p0: I32, p1: I32, p2: I32, p3: I32, pend: I32, pt: I32,
    ar: V128, ai: V128, br: V128, bi: V128, cr: V128, ci: V128, dr: V128, di: V128, tr: V128, ti: V128, wc: V128, ws: V128,
  },
);
type FftLocal = keyof typeof FFT_LOCALS.at;

/** Pushes the f64x2 expression x ∘ y for locals x, y. */
const lanes = (l: typeof FFT_LOCALS.at, x: FftLocal, y: FftLocal, combine: number[]) => [...op.get(l[x]), ...op.get(l[y]), ...combine];

/** (re, im) = (xr + i·xi)·(wc − i·ws): the DIF twiddle product, written to locals re, im. */
function twiddle(l: typeof FFT_LOCALS.at, xr: FftLocal, xi: FftLocal, re: FftLocal, im: FftLocal): number[] {
  return [
    ...lanes(l, xr, 'wc', op.f64x2Mul), ...lanes(l, xi, 'ws', op.f64x2Mul), ...op.f64x2Add, ...op.set(l[re]),
    ...lanes(l, xi, 'wc', op.f64x2Mul), ...lanes(l, xr, 'ws', op.f64x2Mul), ...op.f64x2Sub, ...op.set(l[im]),
  ];
}

/** wc, ws = the twiddle at pt + byte `offset`. */
const loadTwiddle = (l: typeof FFT_LOCALS.at, offset: number[]) => [
  ...op.get(l.pt), ...offset, ...op.load64Splat(), ...op.set(l.wc),
  ...op.get(l.pt), ...offset, ...op.load64Splat(8), ...op.set(l.ws),
];

/**
 * Two DIF stages on the points a, b, c, d at quarter-block distance (p0 … p3), j being a's index
 * in its block of n = 4q points: stage one pairs (a, c) and (b, d) with twiddles W_n^j, W_n^(j+q);
 * stage two pairs (a', b') and (c', d') with W_n^(2j). The same operations as two radix-2 passes,
 * with half the loads and stores.
 */
function radix22(l: typeof FFT_LOCALS.at): number[] {
  const load = (p: FftLocal, re: FftLocal, im: FftLocal) => [...op.get(l[p]), ...op.load(), ...op.set(l[re]), ...op.get(l[p]), ...op.load(16), ...op.set(l[im])];
  const store = (p: FftLocal, offset: number, x: FftLocal, y: FftLocal, combine: number[]) => [...op.get(l[p]), ...lanes(l, x, y, combine), ...op.store(offset)];
  const diff = (x: FftLocal, y: FftLocal, into: FftLocal) => [...lanes(l, x, y, op.f64x2Sub), ...op.set(l[into])];
  const sum = (x: FftLocal, y: FftLocal) => [...lanes(l, x, y, op.f64x2Add), ...op.set(l[x])];
  const put = (p: FftLocal, offset: number, x: FftLocal) => [...op.get(l[p]), ...op.get(l[x]), ...op.store(offset)];
  const quarterTable = [...op.get(l.h), ...op.i32(2), ...op.i32Shl, ...op.i32Add]; // + 16·h/4 bytes: index j + q
  return [
    ...load('p0', 'ar', 'ai'), ...load('p1', 'br', 'bi'), ...load('p2', 'cr', 'ci'), ...load('p3', 'dr', 'di'),
    ...diff('ar', 'cr', 'tr'), ...diff('ai', 'ci', 'ti'), ...sum('ar', 'cr'), ...sum('ai', 'ci'),
    ...loadTwiddle(l, []), ...twiddle(l, 'tr', 'ti', 'cr', 'ci'),
    ...diff('br', 'dr', 'tr'), ...diff('bi', 'di', 'ti'), ...sum('br', 'dr'), ...sum('bi', 'di'),
    ...loadTwiddle(l, quarterTable), ...twiddle(l, 'tr', 'ti', 'dr', 'di'),
    ...loadTwiddle(l, [...op.get(l.pt), ...op.get(l.t), ...op.i32Sub, ...op.i32Add]), // index 2j
    ...store('p0', 0, 'ar', 'br', op.f64x2Add), ...store('p0', 16, 'ai', 'bi', op.f64x2Add),
    ...diff('ar', 'br', 'tr'), ...diff('ai', 'bi', 'ti'), ...twiddle(l, 'tr', 'ti', 'ar', 'ai'),
    ...put('p1', 0, 'ar'), ...put('p1', 16, 'ai'),
    ...store('p2', 0, 'cr', 'dr', op.f64x2Add), ...store('p2', 16, 'ci', 'di', op.f64x2Add),
    ...diff('cr', 'dr', 'tr'), ...diff('ci', 'di', 'ti'), ...twiddle(l, 'tr', 'ti', 'cr', 'ci'),
    ...put('p3', 0, 'cr'), ...put('p3', 16, 'ci'),
  ];
}

/** The last DIF stage when log2 h is odd: blocks of two points, twiddle 1: a' = a + b, b' = a − b. */
function lastRadix2(l: typeof FFT_LOCALS.at): number[] {
  return [
    ...op.get(l.z), ...op.set(l.p0),
    ...op.block, ...op.loop,
    ...op.get(l.p0), ...op.get(l.zEnd), ...op.i32GeU, ...op.brIf(1),
    ...op.get(l.p0), ...op.load(), ...op.set(l.ar), ...op.get(l.p0), ...op.load(16), ...op.set(l.ai),
    ...op.get(l.p0), ...op.load(32), ...op.set(l.br), ...op.get(l.p0), ...op.load(48), ...op.set(l.bi),
    ...op.get(l.p0), ...lanes(l, 'ar', 'br', op.f64x2Add), ...op.store(),
    ...op.get(l.p0), ...lanes(l, 'ai', 'bi', op.f64x2Add), ...op.store(16),
    ...op.get(l.p0), ...lanes(l, 'ar', 'br', op.f64x2Sub), ...op.store(32),
    ...op.get(l.p0), ...lanes(l, 'ai', 'bi', op.f64x2Sub), ...op.store(48),
    ...op.get(l.p0), ...op.i32(64), ...op.i32Add, ...op.set(l.p0),
    ...op.br(0), ...op.end, ...op.end,
  ];
}

/**
 * fft(z, t, h): in-place DIF FFT of h complex points (32 bytes each) at z; t holds (cos, sin) of
 * 2πm/h for m < h/2 (16 bytes each). Two stages per sweep over blocks of `block` bytes (n points,
 * quarter q bytes), then one plain stage when the count of stages is odd.
 */
export const FFT: WasmFunction = defineFunction('fft', FFT_LOCALS, (l) => {
  const set = (local: FftLocal, value: number[]) => [...value, ...op.set(l[local])];
  const add = (x: FftLocal, y: FftLocal) => [...op.get(l[x]), ...op.get(l[y]), ...op.i32Add];
  return [
    ...set('block', [...op.get(l.h), ...op.i32(5), ...op.i32Shl]),
    ...set('zEnd', add('z', 'block')),
    ...op.i32(16), ...op.set(l.stride),
    ...op.block, ...op.loop,
    ...op.get(l.block), ...op.i32(128), ...op.i32LtU, ...op.brIf(1), // fewer than 4 points per block
    ...set('q', [...op.get(l.block), ...op.i32(2), ...op.i32ShrU]),
    ...set('blk', op.get(l.z)),
    ...op.block, ...op.loop,
    ...op.get(l.blk), ...op.get(l.zEnd), ...op.i32GeU, ...op.brIf(1),
    ...set('p0', op.get(l.blk)), ...set('pend', add('blk', 'q')), ...set('pt', op.get(l.t)),
    ...op.block, ...op.loop,
    ...op.get(l.p0), ...op.get(l.pend), ...op.i32GeU, ...op.brIf(1),
    ...set('p1', add('p0', 'q')), ...set('p2', add('p1', 'q')), ...set('p3', add('p2', 'q')),
    ...radix22(l),
    ...set('p0', [...op.get(l.p0), ...op.i32(32), ...op.i32Add]),
    ...set('pt', add('pt', 'stride')),
    ...op.br(0), ...op.end, ...op.end,
    ...set('blk', add('blk', 'block')),
    ...op.br(0), ...op.end, ...op.end,
    ...set('block', op.get(l.q)),
    ...set('stride', [...op.get(l.stride), ...op.i32(2), ...op.i32Shl]),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(l.block), ...op.i32(64), ...op.i32GeU, ...op.if, ...lastRadix2(l), ...op.end,
  ];
});

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
export const SPECTRUM: WasmFunction = defineFunction('spectrum', SPECTRUM_LOCALS, (l) => {
  const step = (local: number, by: number) => [...op.get(local), ...op.i32(by), ...op.i32Add, ...op.set(local)];
  return [
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
  ];
});
