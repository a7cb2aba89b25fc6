import { F32, I32, sleb, uleb, V128, type FunctionDef, type ValueType } from './wasm-encoder.js';

/**
 * The shared scaffolding of the update loops: an element-wise rule written once as a small
 * expression tree, emitted as a 4-lane f32x4 loop over the first `n & ~3` elements and a scalar
 * f32 loop over the tail. Both loops do the same float32 operations in the same order, so every
 * element rounds exactly as the scalar rule in `@neuralkit/core` rounds it.
 */
export type Expr =
  | { k: 'load'; array: string }
  | { k: 'param'; name: string }
  | { k: 'get'; name: string }
  | { k: 'unary'; op: UnaryOp; a: Expr }
  | { k: 'binary'; op: BinaryOp; a: Expr; b: Expr };
export type Stmt = { k: 'let'; name: string; value: Expr } | { k: 'store'; array: string; value: Expr };
type UnaryOp = 'abs' | 'neg' | 'sqrt';
type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max';

export const load = (array: string): Expr => ({ k: 'load', array });
export const param = (name: string): Expr => ({ k: 'param', name });
export const get = (name: string): Expr => ({ k: 'get', name });
const un = (op: UnaryOp) => (a: Expr): Expr => ({ k: 'unary', op, a });
const bin = (op: BinaryOp) => (a: Expr, b: Expr): Expr => ({ k: 'binary', op, a, b });
export const [abs, neg, sqrt] = [un('abs'), un('neg'), un('sqrt')];
export const [add, sub, mul, div, max] = [bin('add'), bin('sub'), bin('mul'), bin('div'), bin('max')];
export const let_ = (name: string, value: Expr): Stmt => ({ k: 'let', name, value });
export const store = (array: string, value: Expr): Stmt => ({ k: 'store', array, value });

/** One update loop: the arrays it reads, the arrays it writes, its float32 scalars, its body. */
export interface LoopSpec {
  reads: readonly string[];
  writes: readonly string[];
  params: readonly string[];
  body: readonly Stmt[];
}

// Opcodes (scalar f32, then the 0xfd-prefixed SIMD ones).
const SCALAR: Record<UnaryOp | BinaryOp, number> = { abs: 0x8b, neg: 0x8c, sqrt: 0x91, add: 0x92, sub: 0x93, mul: 0x94, div: 0x95, max: 0x97 };
const VECTOR: Record<UnaryOp | BinaryOp, number> = { abs: 0xe0, neg: 0xe1, sqrt: 0xe3, add: 0xe4, sub: 0xe5, mul: 0xe6, div: 0xe7, max: 0xe9 };
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const localGet = (i: number): number[] => [0x20, ...uleb(i)];
const localSet = (i: number): number[] => [0x21, ...uleb(i)];
const MEMARG = [0x02, 0x00]; // align 4 bytes (heap buffers are at least that), offset 0

/** Local indices: parameters first (n, read pointers, write pointers, scalars), then declared locals. */
class Locals {
  readonly types: ValueType[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly first: number) {}
  of(key: string, type: ValueType): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.first + this.types.length;
      this.types.push(type);
      this.index.set(key, i);
    }
    return i;
  }
}

/** Emits `spec` as an exported function `(n, ...reads, ...writes, ...params) -> ()`. */
export function emitLoop(name: string, spec: LoopSpec): FunctionDef {
  const arrays = [...spec.reads.map((a) => `<${a}`), ...spec.writes.map((a) => `>${a}`)];
  const pointer = (key: string): number => {
    const i = arrays.indexOf(key);
    if (i < 0) throw new Error(`SIMD loop ${name}: no array ${key}.`);
    return 1 + i;
  };
  const scalarParam = (p: string): number => {
    const i = spec.params.indexOf(p);
    if (i < 0) throw new Error(`SIMD loop ${name}: no parameter ${p}.`);
    return 1 + arrays.length + i;
  };
  const locals = new Locals(1 + arrays.length + spec.params.length);
  const offset = locals.of('offset', I32);
  const vectorEnd = locals.of('vectorEnd', I32);
  const end = locals.of('end', I32);
  const address = (key: string): number[] => [...localGet(pointer(key)), ...localGet(offset), 0x6a];

  const expr = (e: Expr, vector: boolean): number[] => {
    switch (e.k) {
      case 'load':
        return [...address(`<${e.array}`), ...(vector ? simd(0x00) : [0x2a]), ...MEMARG];
      case 'param':
        return vector ? localGet(locals.of(`splat ${e.name}`, V128)) : localGet(scalarParam(e.name));
      case 'get':
        return localGet(locals.of(`${vector ? 'v' : 's'} ${e.name}`, vector ? V128 : F32));
      case 'unary':
        return [...expr(e.a, vector), ...(vector ? simd(VECTOR[e.op]) : [SCALAR[e.op]])];
      case 'binary':
        return [...expr(e.a, vector), ...expr(e.b, vector), ...(vector ? simd(VECTOR[e.op]) : [SCALAR[e.op]])];
    }
  };
  const stmt = (s: Stmt, vector: boolean): number[] =>
    s.k === 'let'
      ? [...expr(s.value, vector), ...localSet(locals.of(`${vector ? 'v' : 's'} ${s.name}`, vector ? V128 : F32))]
      : [...address(`>${s.array}`), ...expr(s.value, vector), ...(vector ? simd(0x0b) : [0x38]), ...MEMARG];
  /** `while (offset < limit) { body; offset += step }` */
  const loop = (limit: number, step: number, body: number[]): number[] => [
    ...[0x02, 0x40, 0x03, 0x40],
    ...localGet(offset), ...localGet(limit), 0x4f, 0x0d, 0x01, // br_if out when offset >= limit (unsigned)
    ...body,
    ...localGet(offset), 0x41, ...sleb(step), 0x6a, ...localSet(offset),
    ...[0x0c, 0x00, 0x0b, 0x0b],
  ];

  const vectorBody = spec.body.flatMap((s) => stmt(s, true));
  const scalarBody = spec.body.flatMap((s) => stmt(s, false));
  const splats = spec.params.flatMap((p) => [...localGet(scalarParam(p)), ...simd(0x13), ...localSet(locals.of(`splat ${p}`, V128))]);
  const body = [
    ...splats,
    // Byte offsets: the vector loop ends at (n & ~3) · 4, the scalar tail at n · 4.
    ...localGet(0), 0x41, ...sleb(-4), 0x71, 0x41, 0x02, 0x74, ...localSet(vectorEnd),
    ...localGet(0), 0x41, 0x02, 0x74, ...localSet(end),
    ...loop(vectorEnd, 16, vectorBody),
    ...loop(end, 4, scalarBody),
  ];
  const params: ValueType[] = [I32, ...arrays.map(() => I32), ...spec.params.map(() => F32)];
  return { name, params, locals: locals.types, body };
}
