/**
 * A tiny WebAssembly assembler: the opcodes the DSP kernels use, LEB128 and module layout. Kernels
 * are written as opcode lists in TypeScript (halfband-wasm.ts, pcm-wasm.ts) and assembled at start,
 * so the bundler ships nothing binary and the code can be read.
 */

// Opcodes used (WebAssembly core + SIMD proposal, https://webassembly.github.io/spec/core/binary/).
/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export const I64 = 0x7e;
export const F64 = 0x7c;

/** Instructions, as byte lists to spread into a function body. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  i32: (v: number) => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32GeU: [0x4f],
  i32Shl: [0x74],
  load: (offset = 0) => [0xfd, 0x00, 4, ...uleb(offset)],
  load32Splat: [0xfd, 0x09, 2, 0],
  store: (offset = 0) => [0xfd, 0x0b, 4, ...uleb(offset)],
  shuffle: (lanes: number[]) => [0xfd, 0x0d, ...lanes],
  f32x4Splat: [0xfd, 0x13],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  i32Mul: [0x6c],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  f64Load: [0x2b, 3, 0],
  f32Store: [0x38, 2, 0],
  i64: (v: bigint) => [0x42, ...sleb64(v)],
  f64: (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Gt: [0x64],
  i64And: [0x83],
  i64Or: [0x84],
  i64ShrU: [0x88],
  i32WrapI64: [0xa7],
  f64ConvertI32S: [0xb7],
  f32DemoteF64: [0xb6],
  i64ReinterpretF64: [0xbd],
  f64ReinterpretI64: [0xbf],
  select: [0x1b],
  i32x4ExtendLowI16x8S: [0xfd, 0xa7, 0x01],
  f32x4ConvertI32x4S: [0xfd, 0xfa, 0x01],
  call: (index: number) => [0x10, ...uleb(index)],
  if: [0x04, 0x40],
  else: [0x05],
  i32ShrU: [0x76],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  i32GtU: [0x4b],
  ifV128: [0x04, 0x7b],
  f64LoadAt: (offset: number) => [0x2b, 3, ...uleb(offset)],
  load64Splat: (offset = 0) => [0xfd, 0x0a, 3, ...uleb(offset)],
  load32Zero: [0xfd, 0x5c, 2, 0],
  load32Lane: (lane: number) => [0xfd, 0x56, 2, 0, lane],
  f64x2Splat: [0xfd, 0x14],
  f64x2ExtractLane: (lane: number) => [0xfd, 0x21, lane],
  f64x2PromoteLowF32x4: [0xfd, 0x5f],
  f64x2Abs: [0xfd, 0xec, 0x01],
  f64x2Sqrt: [0xfd, 0xef, 0x01],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Sub: [0xfd, 0xf1, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
  f64x2Div: [0xfd, 0xf3, 0x01],
  f64x2Gt: [0xfd, 0x4a],
  i64x2Splat: [0xfd, 0x12],
  i64x2ShrU: [0xfd, 0xcd, 0x01],
  v128And: [0xfd, 0x4e],
  v128Or: [0xfd, 0x50],
  /** bitselect(a, b, mask) = (a & mask) | (b & ~mask). */
  v128Bitselect: [0xfd, 0x52],
  f32x4DemoteF64x2Zero: [0xfd, 0x5e],
  store32Lane: (lane: number) => [0xfd, 0x5a, 2, 0, lane],
  /** Relaxed SIMD a·b + c: fused where the CPU has FMA (one rounding), else multiply then add. */
  f32x4RelaxedMadd: [0xfd, 0x85, 0x02],
};

/** Named locals: parameters first, then the other locals, each name mapped to its index. */
export function localsOf<P extends string, L extends string>(
  params: Record<P, number>,
  locals: Record<L, number>,
): { at: Record<P | L, number>; params: number[]; locals: number[] } {
  const names = [...Object.keys(params), ...Object.keys(locals)] as (P | L)[];
  const at = Object.fromEntries(names.map((n, i) => [n, i])) as Record<P | L, number>;
  return { at, params: Object.values(params), locals: Object.values(locals) };
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function sleb64(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** One function of a module: parameter and local types, and its body (without the final `end`). */
export interface WasmFunction {
  name: string;
  params: number[];
  locals: number[];
  body: number[];
}

/** The function `name` with the parameters and locals of `spec` (from localsOf), its body built from their indices. */
export function defineFunction<K extends string>(
  name: string,
  spec: { at: Record<K, number>; params: number[]; locals: number[] },
  body: (at: Record<K, number>) => number[],
): WasmFunction {
  return { name, params: spec.params, locals: spec.locals, body: body(spec.at) };
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

/** A module of `functions` (exported by name) and one exported memory, "memory". */
export function assemble(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0]);
  const codes = functions.map((f) => {
    const body = [...vec(f.locals.map((t) => [1, t])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  const exports = [...functions.map((f, i) => [...name(f.name), 0, i]), [...name('memory'), 2, 0]];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => [i]))),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}

/** The part of the WebAssembly JS API used here (the node tsconfig has no DOM / WebAssembly lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** Instantiates `functions`; null where WebAssembly (with SIMD) is unavailable. */
export function instantiate<T>(functions: readonly WasmFunction[]): (T & { memory: WasmMemory }) | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    return wasm ? (new wasm.Instance(new wasm.Module(assemble(functions))).exports as T & { memory: WasmMemory }) : null;
  } catch {
    return null;
  }
}

/** An exported memory. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Grows `memory` to at least `bytes`; returns a fresh Float32Array view of it. */
export function floatView(memory: WasmMemory, bytes: number): Float32Array {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  return new Float32Array(memory.buffer);
}
