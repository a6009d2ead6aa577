/**
 * The seed's log-mel row in WebAssembly: ln(Σ_k W[b][k]·|X[k]| + floor) for every band b, float64
 * throughout. In V8 the mel sums (~1000 multiply-adds, bounds-checked) and 128 × Math.log (~17 ns
 * each) cost half an FFT per frame; here ~1 µs. The logarithm: x = m·2^e with m in [√½, √2),
 * ln x = e·ln 2 + 2·atanh((m − 1)/(m + 1)), the series to the 9th power: within 1e-9 of Math.log
 * for normal x (x ≥ floor ≥ 1e-300 here), far below the float32 output's resolution.
 */
import { F64, I32, I64, floatView, instantiate, op, type WasmFunction } from './wasm-asm.ts';
import type { MelFilterbank } from './mel.ts';

/** The smallest floor the kernel accepts: x = sum + floor must be a normal float64. */
export const WASM_MEL_LN_MIN_FLOOR = 1e-300;

/** ln of local `x` (f64) pushed as f64; uses locals e (i32), cond (i32), m, t, t2 (f64), bits (i64). */
function lnOf(x: number, l: { e: number; cond: number; m: number; t: number; t2: number; bits: number }): number[] {
  return [
    ...op.get(x), ...op.i64ReinterpretF64, ...op.set(l.bits),
    ...op.get(l.bits), ...op.i64(52n), ...op.i64ShrU, ...op.i32WrapI64, ...op.i32(1023), ...op.i32Sub, ...op.set(l.e),
    ...op.get(l.bits), ...op.i64(0x000fffffffffffffn), ...op.i64And, ...op.i64(0x3ff0000000000000n), ...op.i64Or, ...op.f64ReinterpretI64, ...op.set(l.m),
    ...op.get(l.m), ...op.f64(Math.SQRT2), ...op.f64Gt, ...op.set(l.cond),
    ...op.get(l.m), ...op.f64(0.5), ...op.f64Mul, ...op.get(l.m), ...op.get(l.cond), ...op.select, ...op.set(l.m),
    ...op.get(l.e), ...op.i32(1), ...op.i32Add, ...op.get(l.e), ...op.get(l.cond), ...op.select, ...op.set(l.e),
    ...op.get(l.m), ...op.f64(1), ...op.f64Sub, ...op.get(l.m), ...op.f64(1), ...op.f64Add, ...op.f64Div, ...op.set(l.t),
    ...op.get(l.t), ...op.get(l.t), ...op.f64Mul, ...op.set(l.t2),
    // 2t·(1 + t²/3 + t⁴/5 + t⁶/7 + t⁸/9) by Horner, then + e·ln 2
    ...op.f64(2 / 9), ...op.get(l.t2), ...op.f64Mul, ...op.f64(2 / 7), ...op.f64Add,
    ...op.get(l.t2), ...op.f64Mul, ...op.f64(2 / 5), ...op.f64Add,
    ...op.get(l.t2), ...op.f64Mul, ...op.f64(2 / 3), ...op.f64Add,
    ...op.get(l.t2), ...op.f64Mul, ...op.f64(2), ...op.f64Add,
    ...op.get(l.t), ...op.f64Mul,
    ...op.get(l.e), ...op.f64ConvertI32S, ...op.f64(Math.LN2), ...op.f64Mul, ...op.f64Add,
  ];
}

/** Byte address of entry `index` (local) of a 4-byte table at `table` (local), plus `offset` bytes. */
const tableEntry = (table: number, index: number, offset: number) => [
  ...op.get(table), ...op.get(index), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load(offset),
];

/**
 * melLn(S, P, ST, OF, O, bands, floor): O[b] (f32) = ln(Σ_{i < OF[b+1]−OF[b]} P[OF[b] + i]·S[ST[b] + i] + floor).
 * Locals: 0 S, 1 P, 2 ST, 3 OF, 4 O, 5 bands, 6 floor, 7 b, 8 pw, 9 pe, 10 ps, 11 e, 12 cond,
 * 13 acc, 14 m, 15 t, 16 t2, 17 bits.
 */
const MEL_LN: WasmFunction = {
  name: 'melLn',
  params: [I32, I32, I32, I32, I32, I32, F64],
  locals: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, I64],
  body: [
    ...op.block, ...op.loop,
    ...op.get(7), ...op.get(5), ...op.i32GeU, ...op.brIf(1),
    ...tableEntry(3, 7, 0), ...op.i32(3), ...op.i32Shl, ...op.get(1), ...op.i32Add, ...op.set(8),
    ...tableEntry(3, 7, 4), ...op.i32(3), ...op.i32Shl, ...op.get(1), ...op.i32Add, ...op.set(9),
    ...tableEntry(2, 7, 0), ...op.i32(3), ...op.i32Shl, ...op.get(0), ...op.i32Add, ...op.set(10),
    ...op.f64(0), ...op.set(13),
    ...op.block, ...op.loop,
    ...op.get(8), ...op.get(9), ...op.i32GeU, ...op.brIf(1),
    ...op.get(13), ...op.get(8), ...op.f64Load, ...op.get(10), ...op.f64Load, ...op.f64Mul, ...op.f64Add, ...op.set(13),
    ...op.get(8), ...op.i32(8), ...op.i32Add, ...op.set(8),
    ...op.get(10), ...op.i32(8), ...op.i32Add, ...op.set(10),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(13), ...op.get(6), ...op.f64Add, ...op.set(13),
    ...op.get(4), ...op.get(7), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    ...lnOf(13, { e: 11, cond: 12, m: 14, t: 15, t2: 16, bits: 17 }),
    ...op.f32DemoteF64, ...op.f32Store,
    ...op.get(7), ...op.i32(1), ...op.i32Add, ...op.set(7),
    ...op.br(0), ...op.end, ...op.end,
  ],
};

interface MelExports {
  melLn: (S: number, P: number, ST: number, OF: number, O: number, bands: number, floor: number) => void;
}

let instance: ReturnType<typeof instantiate<MelExports>> | undefined;
/** The filterbank whose tables are in memory, and where they are. */
let loaded: { fb: MelFilterbank; S: number; P: number; ST: number; OF: number; O: number } | undefined;

/** Memory addresses for `fb`, its tables written when it is not the one already loaded. */
function layoutFor(k: NonNullable<typeof instance>, fb: MelFilterbank): NonNullable<typeof loaded> {
  if (loaded?.fb === fb) return loaded;
  const S = 0;
  const P = 8 * fb.nBins;
  const ST = P + 8 * fb.packed.length;
  const OF = ST + 4 * fb.nMels;
  const O = OF + 4 * (fb.nMels + 1);
  const bytes = O + 4 * fb.nMels;
  floatView(k.memory, bytes);
  new Float64Array(k.memory.buffer, P, fb.packed.length).set(fb.packed);
  new Int32Array(k.memory.buffer, ST, fb.nMels).set(fb.start);
  new Int32Array(k.memory.buffer, OF, fb.nMels + 1).set(fb.offset);
  loaded = { fb, S, P, ST, OF, O };
  return loaded;
}

/**
 * out[offset + b] = ln(mel band b of `spectrum` + floor); false (nothing done) where the kernel
 * cannot run (no WebAssembly, or a floor below WASM_MEL_LN_MIN_FLOOR).
 */
export function melLnWasm(fb: MelFilterbank, spectrum: Float64Array, floor: number, out: Float32Array, offset: number): boolean {
  if (!(floor >= WASM_MEL_LN_MIN_FLOOR)) return false;
  instance ??= instantiate<MelExports>([MEL_LN]);
  const k = instance;
  if (!k) return false;
  const at = layoutFor(k, fb);
  const buffer = k.memory.buffer;
  new Float64Array(buffer, at.S, fb.nBins).set(spectrum.subarray(0, fb.nBins));
  k.melLn(at.S, at.P, at.ST, at.OF, at.O, fb.nMels, floor);
  out.set(new Float32Array(buffer, at.O, fb.nMels), offset);
  return true;
}
