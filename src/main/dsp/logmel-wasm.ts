/**
 * The whole log-mel image ln(mel(|STFT|) + floor) in WebAssembly SIMD, two channels per pass
 * (one per f64 lane), written straight into the model input's layout: window, FFT (fft-wasm.ts),
 * the split into the real spectrum, mel sums and ln for every frame in one call per channel pair.
 * Float64 throughout, float32 only at the store, so it matches the JavaScript path (stft.ts +
 * mel.ts) to float32 rounding. In V8 the JavaScript path spent as much time around the math
 * (per-frame calls, bounds checks, a per-channel image re-laid into channels-last) as in it.
 *
 * The signal of each channel is copied once into WebAssembly memory already padded as the STFT
 * reads it (zeros or reflection, see stft.ts), so the kernel only ever reads whole frames.
 */
import type { LogMelFeature, MfccFeature } from '../../shared/feature-spec.ts';
import { FFT, FILL0, SPECTRUM, WINDOW2 } from './fft-wasm.ts';
import { melFilterbank, type MelFilterbank } from './mel.ts';
import { WASM_MEL_LN_MIN_FLOOR } from './mel-wasm.ts';
import { planFrames, sampleAt } from './stft.ts';
import { F64, I32, V128, defineFunction, floatView, instantiate, localsOf, op, type WasmFunction } from './wasm-asm.ts';
import { makeWindow } from './window.ts';

const MEL_LOCALS = localsOf(
  { s: I32, p: I32, st: I32, of: I32, bands: I32, floor: F64, o: I32, bandStride: I32, laneStride: I32 },
  { b: I32, pw: I32, pe: I32, ps: I32, acc: V128, bits: V128, e: V128, m: V128, cond: V128, t: V128, t2: V128 },
);

const f64s = (v: number) => [...op.f64(v), ...op.f64x2Splat];
const i64s = (v: bigint) => [...op.i64(v), ...op.i64x2Splat];

/**
 * ln of both lanes of acc (positive normal float64s), pushed as f64x2: lnOf (mel-wasm.ts) in SIMD,
 * the same operations in the same order, so the same values. The exponent E (biased) becomes a
 * float64 exactly as bits(E | 2^52 as a double's pattern) − (2^52 + 1023).
 */
function lnOfLanes(l: typeof MEL_LOCALS.at): number[] {
  const v = (name: keyof typeof l) => op.get(l[name]);
  return [
    ...v('acc'), ...op.set(l.bits),
    ...v('bits'), ...op.i32(52), ...op.i64x2ShrU, ...i64s(0x4330000000000000n), ...op.v128Or, ...f64s(2 ** 52 + 1023), ...op.f64x2Sub, ...op.set(l.e),
    ...v('bits'), ...i64s(0x000fffffffffffffn), ...op.v128And, ...i64s(0x3ff0000000000000n), ...op.v128Or, ...op.set(l.m),
    ...v('m'), ...f64s(Math.SQRT2), ...op.f64x2Gt, ...op.set(l.cond),
    ...v('m'), ...f64s(0.5), ...op.f64x2Mul, ...v('m'), ...v('cond'), ...op.v128Bitselect, ...op.set(l.m),
    ...v('e'), ...f64s(1), ...v('cond'), ...op.v128And, ...op.f64x2Add, ...op.set(l.e),
    ...v('m'), ...f64s(1), ...op.f64x2Sub, ...v('m'), ...f64s(1), ...op.f64x2Add, ...op.f64x2Div, ...op.set(l.t),
    ...v('t'), ...v('t'), ...op.f64x2Mul, ...op.set(l.t2),
    // 2t·(1 + t²/3 + t⁴/5 + t⁶/7 + t⁸/9) by Horner, then + e·ln 2
    ...f64s(2 / 9), ...v('t2'), ...op.f64x2Mul, ...f64s(2 / 7), ...op.f64x2Add,
    ...v('t2'), ...op.f64x2Mul, ...f64s(2 / 5), ...op.f64x2Add,
    ...v('t2'), ...op.f64x2Mul, ...f64s(2 / 3), ...op.f64x2Add,
    ...v('t2'), ...op.f64x2Mul, ...f64s(2), ...op.f64x2Add,
    ...v('t'), ...op.f64x2Mul,
    ...v('e'), ...f64s(Math.LN2), ...op.f64x2Mul, ...op.f64x2Add,
  ];
}

/** Stores ln of both lanes of acc as float32: lane 0 at byte o, lane 1 at o + laneStride. */
function storeLn(l: typeof MEL_LOCALS.at): number[] {
  return [
    ...lnOfLanes(l), ...op.f32x4DemoteF64x2Zero, ...op.set(l.t),
    ...op.get(l.o), ...op.get(l.t), ...op.store32Lane(0),
    ...op.get(l.o), ...op.get(l.laneStride), ...op.i32Add, ...op.get(l.t), ...op.store32Lane(1),
  ];
}

/** Byte address p + (table[b + entry] << shift), table being an i32 array. */
const scaledEntry = (l: typeof MEL_LOCALS.at, table: number, entry: number, shift: number, base: number) => [
  ...op.get(table), ...op.get(l.b), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load(4 * entry),
  ...op.i32(shift), ...op.i32Shl, ...op.get(base), ...op.i32Add,
];

/**
 * melLn2(s, p, st, of, bands, floor, o, bandStride, laneStride): for band b, both lanes of
 * ln(Σ_i P[of[b] + i]·S[st[b] + i] + floor) as float32 at o + b·bandStride (+ laneStride).
 */
const MEL_LN2: WasmFunction = defineFunction('melLn2', MEL_LOCALS, (l) => {
  return [
    ...op.block, ...op.loop,
    ...op.get(l.b), ...op.get(l.bands), ...op.i32GeU, ...op.brIf(1),
    ...scaledEntry(l, l.of, 0, 3, l.p), ...op.set(l.pw),
    ...scaledEntry(l, l.of, 1, 3, l.p), ...op.set(l.pe),
    ...scaledEntry(l, l.st, 0, 4, l.s), ...op.set(l.ps),
    ...op.f64(0), ...op.f64x2Splat, ...op.set(l.acc),
    ...op.block, ...op.loop,
    ...op.get(l.pw), ...op.get(l.pe), ...op.i32GeU, ...op.brIf(1),
    ...op.get(l.acc), ...op.get(l.pw), ...op.load64Splat(), ...op.get(l.ps), ...op.load(), ...op.f64x2Mul, ...op.f64x2Add, ...op.set(l.acc),
    ...op.get(l.pw), ...op.i32(8), ...op.i32Add, ...op.set(l.pw),
    ...op.get(l.ps), ...op.i32(16), ...op.i32Add, ...op.set(l.ps),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(l.acc), ...op.get(l.floor), ...op.f64x2Splat, ...op.f64x2Add, ...op.set(l.acc),
    ...storeLn(l),
    ...op.get(l.o), ...op.get(l.bandStride), ...op.i32Add, ...op.set(l.o),
    ...op.get(l.b), ...op.i32(1), ...op.i32Add, ...op.set(l.b),
    ...op.br(0), ...op.end, ...op.end,
  ];
});

/** The i32 fields of the frames call's configuration block, in order (byte 4·index); floor is f64 after them. */
const CONFIG = [
  'pa', 'pb', 'hop', 'count', 'w', 'zWin', 'zWinEnd', 'z', 'zEnd', 't', 'h', 'rev', 'cs', 's', 'root',
  'p', 'st', 'of', 'bands', 'o', 'rowStride', 'bandStride', 'laneStride',
] as const;
type ConfigField = (typeof CONFIG)[number];
const FLOOR_AT = 8 * Math.ceil((4 * CONFIG.length) / 8);
const CONFIG_BYTES = FLOOR_AT + 8;

/** Module function indices (the order passed to instantiate). */
const FN = { fill0: 0, window2: 1, fft: 2, spectrum: 3, melLn2: 4 };

const FRAMES_LOCALS = localsOf({ cfg: I32 }, { ...(Object.fromEntries(CONFIG.map((f) => [f, I32])) as Record<ConfigField, number>), floor: F64 });

/** frames(cfg): for `count` frames, window → FFT → spectrum → mel + ln, stepping the planes by hop and the output by rowStride. */
const FRAMES: WasmFunction = defineFunction('frames', FRAMES_LOCALS, (l) => {
  const get = (...names: (ConfigField | 'floor')[]) => names.flatMap((n) => op.get(l[n]));
  const advance = (field: ConfigField, by: ConfigField) => [...get(field, by), ...op.i32Add, ...op.set(l[field])];
  return [
    ...CONFIG.flatMap((f, i) => [...op.get(l.cfg), ...op.i32Load(4 * i), ...op.set(l[f])]),
    ...op.get(l.cfg), ...op.f64LoadAt(FLOOR_AT), ...op.set(l.floor),
    ...op.block, ...op.loop,
    ...get('count'), ...op.i32Eqz, ...op.brIf(1),
    ...get('z', 'zWin'), ...op.call(FN.fill0),
    ...get('pa', 'pb', 'w', 'zWin', 'zWinEnd'), ...op.call(FN.window2),
    ...get('zWinEnd', 'zEnd'), ...op.call(FN.fill0),
    ...get('z', 't', 'h'), ...op.call(FN.fft),
    ...get('z', 'rev', 'cs', 's', 'h', 'root'), ...op.call(FN.spectrum),
    ...get('s', 'p', 'st', 'of', 'bands', 'floor', 'o', 'bandStride', 'laneStride'), ...op.call(FN.melLn2),
    ...advance('pa', 'hop'), ...advance('pb', 'hop'), ...advance('o', 'rowStride'),
    ...get('count'), ...op.i32(1), ...op.i32Sub, ...op.set(l.count),
    ...op.br(0), ...op.end, ...op.end,
  ];
});

interface LogMelExports {
  frames: (cfg: number) => void;
}

let instance: ReturnType<typeof instantiate<LogMelExports>> | undefined;

/** Where the constant tables of one (FFT size, window, filterbank) are, and the end of them. */
interface Tables {
  nFft: number;
  window: Float64Array;
  fb: MelFilterbank;
  at: Record<'w' | 't' | 'cs' | 'rev' | 'p' | 'st' | 'of' | 'z' | 's', number>;
  end: number;
}

let tables: Tables | undefined;

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** (cos, sin) of 2πm/period for m < count, interleaved. */
const twiddles = (count: number, period: number) =>
  Float64Array.from({ length: 2 * count }, (_, i) => (i % 2 ? Math.sin : Math.cos)((2 * Math.PI * (i >> 1)) / period));

/** Byte offset (32 per point) of X[k] in the bit-reversed output of an h-point DIF FFT. */
function bitReversedOffsets(h: number): Int32Array {
  const bits = Math.log2(h);
  return Int32Array.from({ length: h }, (_, k) => {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((k >> b) & 1) << (bits - 1 - b);
    return 32 * r;
  });
}

/** Writes the tables for (nFft, window, fb) unless they are the ones in memory. */
function loadTables(k: NonNullable<typeof instance>, nFft: number, window: Float64Array, fb: MelFilterbank): Tables {
  if (tables && tables.nFft === nFft && tables.window === window && tables.fb === fb) return tables;
  const h = nFft / 2;
  let end = CONFIG_BYTES;
  const take = (bytes: number) => [end, (end = align16(end + bytes))][0]!;
  const at = {
    w: take(8 * window.length), t: take(8 * h), cs: take(16 * (h / 2 + 1)), rev: take(4 * h),
    p: take(8 * fb.packed.length), st: take(4 * fb.nMels), of: take(4 * (fb.nMels + 1)), z: take(32 * h), s: take(16 * (h + 1)),
  };
  floatView(k.memory, end);
  const buffer = k.memory.buffer;
  new Float64Array(buffer, at.w, window.length).set(window);
  new Float64Array(buffer, at.t, h).set(twiddles(h / 2, h));
  new Float64Array(buffer, at.cs, h + 2).set(twiddles(h / 2 + 1, nFft));
  new Int32Array(buffer, at.rev, h).set(bitReversedOffsets(h));
  new Float64Array(buffer, at.p, fb.packed.length).set(fb.packed);
  new Int32Array(buffer, at.st, fb.nMels).set(fb.start);
  new Int32Array(buffer, at.of, fb.nMels + 1).set(fb.offset);
  tables = { nFft, window, fb, at, end };
  return tables;
}

/** dst[i] = sample i − shift of the signal as the STFT sees it (zero or reflect padding). */
function writePlane(dst: Float32Array, x: Float32Array, shift: number, spec: LogMelFeature['stft']): void {
  const inside = Math.max(0, Math.min(x.length, dst.length - shift));
  dst.set(x.subarray(0, inside), shift);
  for (let i = 0; i < Math.min(shift, dst.length); i++) dst[i] = sampleAt(x, i - shift, spec);
  for (let i = shift + inside; i < dst.length; i++) dst[i] = sampleAt(x, i - shift, spec);
}

/** Axis order of the image: [frames, bands, channels] or [channels, frames, bands]. */
export type ImageLayout = 'channels-last' | 'channels-first';

/** A multi-channel log-mel image in `layout`. */
export interface LogMelImages {
  frames: number;
  bands: number;
  data: Float32Array;
}

/** Output addressing for the channel pair starting at channel c. */
function strides(layout: ImageLayout, c: number, C: number, frames: number, bands: number, pair: boolean) {
  if (layout === 'channels-last') {
    return { o: 4 * c, rowStride: 4 * bands * C, bandStride: 4 * C, laneStride: pair ? 4 : 0 };
  }
  return { o: 4 * c * frames * bands, rowStride: 4 * bands, bandStride: 4, laneStride: pair ? 4 * frames * bands : 0 };
}

/** Inputs needing more WebAssembly memory than this (hours of audio at once) take the JavaScript path. */
const MAX_MEMORY_BYTES = 1 << 30;

const FIELD = Object.fromEntries(CONFIG.map((f, i) => [f, i])) as Record<ConfigField, number>;

/**
 * ln-log-mel images of equally long `channels` in `layout`; null (nothing done) where the kernel
 * does not apply: no WebAssembly SIMD, a dB log, a floor below WASM_MEL_LN_MIN_FLOOR, nFft < 16,
 * or over MAX_MEMORY_BYTES of signal and image.
 */
export function logMelWasm(spec: LogMelFeature | MfccFeature, channels: Float32Array[], sampleRate: number, layout: ImageLayout): LogMelImages | null {
  const { stft, log } = spec;
  if (log.kind !== 'ln' || !(log.floor >= WASM_MEL_LN_MIN_FLOOR) || stft.nFft < 16) return null;
  instance ??= instantiate<LogMelExports>([FILL0, WINDOW2, FFT, SPECTRUM, MEL_LN2, FRAMES]);
  const k = instance;
  if (!k) return null;
  const plan = planFrames(stft, channels[0]!.length);
  const fb = melFilterbank(spec.mel, sampleRate, stft.nFft);
  const tb = loadTables(k, stft.nFft, makeWindow(stft.window, stft.winLength, stft.periodic), fb);
  const [C, frames, bands] = [channels.length, plan.frames, fb.nMels];
  const planeLength = frames > 0 ? (frames - 1) * stft.hop + stft.winLength : 0;
  const planeBytes = align16(4 * planeLength);
  const outAt = tb.end + C * planeBytes;
  if (outAt + 4 * C * frames * bands > MAX_MEMORY_BYTES) return null;
  const mem = floatView(k.memory, outAt + 4 * C * frames * bands);
  channels.forEach((x, c) => writePlane(mem.subarray((tb.end + c * planeBytes) / 4, (tb.end + c * planeBytes) / 4 + planeLength), x, plan.shift, stft));
  const cfg = new Int32Array(k.memory.buffer, 0, CONFIG.length);
  new Float64Array(k.memory.buffer, FLOOR_AT, 1)[0] = log.floor;
  const zWin = tb.at.z + 16 * plan.bufferOffset;
  const fixed = { ...tb.at, hop: 4 * stft.hop, count: frames, zWin, zWinEnd: zWin + 16 * stft.winLength, zEnd: tb.at.z + 16 * stft.nFft, h: stft.nFft / 2, root: stft.spectrum === 'magnitude' ? 1 : 0, bands };
  for (const [f, v] of Object.entries(fixed)) if (f in FIELD) cfg[FIELD[f as ConfigField]] = v;
  for (let c = 0; c < C; c += 2) {
    const pair = c + 1 < C;
    const at = strides(layout, c, C, frames, bands, pair);
    cfg[FIELD.pa] = tb.end + c * planeBytes;
    cfg[FIELD.pb] = tb.end + (pair ? c + 1 : c) * planeBytes;
    cfg[FIELD.o] = outAt + at.o;
    cfg[FIELD.rowStride] = at.rowStride;
    cfg[FIELD.bandStride] = at.bandStride;
    cfg[FIELD.laneStride] = at.laneStride;
    k.frames(0);
  }
  return { frames, bands, data: new Float32Array(k.memory.buffer, outAt, C * frames * bands).slice() };
}
