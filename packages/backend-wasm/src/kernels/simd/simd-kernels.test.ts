import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_UPDATE_RULES, optimizerKernelServes, optimizerUpdateKernel, useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizerKernelsUseSimd, wasmBackend } from '../../index.js';
import { simdModuleBytes } from './simd-module.js';
import { findVariant, SIMD_VARIANTS, type SimdVariant } from './simd-rules.js';
import { sleb, uleb } from './wasm-encoder.js';

const f = Math.fround;
const SIZES = [7, 4096, 100_352]; // 100,352 = 128 · 784; 7 is all tail
const STEPS = 3;

/** Float32 attrs as the optimizers pass them (every name any rule reads). */
const ATTRS: Record<string, number> = Object.fromEntries(
  Object.entries({
    learningRate: 0.01, momentum: 0.9, epsilon: 1e-7, rho: 0.9, oneMinusRho: 0.1, oneMinusBeta1: 0.1,
    oneMinusBeta2: 0.001, alpha: 0.003, beta2: 0.999, correction: 0.19, mScale: 0.45, gScale: 0.55, vScale: 0.002,
  }).map(([k, v]) => [k, f(v)]),
);

/** Deterministic values in [lo, hi), a few exact zeros among them. */
function values(n: number, seed: number, lo: number, hi: number): Float32Array {
  let s = (seed * 2654435761) >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % 23 === 0 ? 0 : lo + (s / 2 ** 32) * (hi - lo);
  });
}

// Second-moment slots are non-negative; the centered average stays small so that v - a² > 0.
const RANGES: Record<string, [number, number]> = { momentum: [-0.5, 0.5], average_gradient: [-0.1, 0.1], variable: [-1, 1] };
const range = (slot: string): [number, number] => RANGES[slot] ?? [0.5, 1.5];

/** Runs `STEPS` updates through the kernel and through the scalar rule; both results as arrays. */
function bothWays(v: SimdVariant, n: number): { kernel: Float32Array[]; scalar: Float32Array[] } {
  const names = ['variable', ...v.slots];
  const attrs = { ...ATTRS, nesterov: v.nesterov === true };
  let state = names.map((name, i) => values(n, 17 + i, ...range(name)));
  const tensors = state.map((a) => tf.tensor(a));
  const { rule } = OPTIMIZER_UPDATE_RULES[v.optimizer]!;
  for (let step = 0; step < STEPS; step++) {
    const g = values(n, 101 + step, -2, 2);
    const gradient = tf.tensor(g);
    tf.engine().runKernel(optimizerUpdateKernel(v.optimizer), { gradient, ...Object.fromEntries(names.map((k, i) => [k, tensors[i]!])) }, attrs);
    gradient.dispose();
    const next = names.map(() => new Float32Array(n));
    const byName = (arrays: Float32Array[]) => Object.fromEntries(names.map((k, i) => [k, arrays[i]]));
    rule(g, byName(state), byName(next), attrs);
    state = next;
  }
  const kernel = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return { kernel, scalar: state };
}

beforeAll(() => useBackend(wasmBackend()));

describe('the SIMD optimizer update loops', () => {
  it('encode LEB128 as the WebAssembly spec does, and make a module that validates', () => {
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect([sleb(-4), sleb(63), sleb(64), sleb(-123456)]).toEqual([[0x7c], [0x3f], [0xc0, 0x00], [0xc0, 0xbb, 0x78]]);
    expect(WebAssembly.validate(simdModuleBytes())).toBe(true);
  });

  it('run on this wasm backend (Node has SIMD) and lift the 4096-value limit', () => {
    expect(optimizerKernelsUseSimd()).toBe(true);
    expect(optimizerKernelServes(1_000_000)).toBe(true);
  });

  it('cover every optimizer of OPTIMIZER_UPDATE_RULES', () => {
    expect(new Set(SIMD_VARIANTS.map((v) => v.optimizer))).toEqual(new Set(Object.keys(OPTIMIZER_UPDATE_RULES)));
  });

  const cases = SIMD_VARIANTS.flatMap((v) => SIZES.map((n) => [v.name, n, v] as const));
  it.each(cases)('%s over %i values equals the scalar rule bit for bit after 3 steps', (name, n, v) => {
    // The kernel takes this loop (and not the scalar fallback) for these inputs.
    expect(findVariant(v.optimizer, v.slots, { nesterov: v.nesterov === true })?.name).toBe(name);
    const before = tf.memory();
    const { kernel, scalar } = bothWays(v, n);
    kernel.forEach((got, t) => {
      const want = scalar[t]!;
      expect(got.length).toBe(n);
      const bad = got.findIndex((x, i) => !Object.is(x, want[i]));
      if (bad >= 0) expect.fail(`tensor ${t}, element ${bad}: SIMD ${got[bad]}, scalar rule ${want[bad]}`);
    });
    expect(tf.memory()).toMatchObject({ numTensors: before.numTensors, numDataBuffers: before.numDataBuffers });
  });
});
