import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';

/**
 * Test helpers for the convolution kernels: a second backend, 'cpu-reference', running
 * tfjs-backend-cpu's own kernels (the reference), seeded inputs as plain arrays, and a float32
 * comparison.
 */
export const REFERENCE = 'cpu-reference';

/** Registers 'cpu-reference' with tfjs-backend-cpu's kernels; `stock(name)` gives the replaced ones. */
export function registerReference(stock: (name: string) => tf.KernelConfig | undefined): void {
  if (tf.findBackendFactory(REFERENCE) !== null) return;
  // firstUse: tfjs-backend-cpu's tfjs-node advice, printed once per instance, is noise here.
  tf.registerBackend(REFERENCE, () => Object.assign(new MathBackendCPU(), { firstUse: false }), -1);
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    tf.registerKernel({ ...(stock(kernel.kernelName) ?? kernel), backendName: REFERENCE });
  }
}

/** Seeded values in [-1, 1) (a small LCG: the same arrays on every run and backend). */
export function seeded(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs `fn` on `backend` and reads its tensors' values (all disposed afterwards). */
export async function valuesOn(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const result = tf.tidy(fn);
  const list = Array.isArray(result) ? result : [result];
  const values = await Promise.all(list.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(list);
  return values;
}

/** Equal within float32 rounding of sums of a few hundred products (relative to the largest value). */
export function expectClose(actual: Float32Array, expected: Float32Array, label: string, tolerance = 2e-5): void {
  expect(actual.length, label).toBe(expected.length);
  let scale = 1;
  for (const v of expected) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const [a, e] = [actual[i]!, expected[i]!];
    // A window wholly in the padding gives -Infinity (max) or NaN (average) on both.
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) continue;
    worst = Math.max(worst, Math.abs(a - e));
  }
  expect(worst / scale, label).toBeLessThan(tolerance);
}
