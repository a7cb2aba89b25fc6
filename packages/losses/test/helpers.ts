import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** The real tfjs backends every numeric test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not start`);
  await tf.ready();
}

export const useCpu = (): Promise<void> => useBackend('cpu');

/** Reads a tensor (and disposes it) or passes a number through. */
export function read(value: tf.Tensor | number): number[] {
  if (typeof value === 'number') return [value];
  const out = Array.from(value.dataSync());
  value.dispose();
  return out;
}

/** Equal to `rel` relative (float32: 1e-5 by default), or 1e-6 absolute near 0. */
export function expectClose(actual: tf.Tensor | number, expected: number | number[], rel = 1e-5): void {
  const got = read(actual);
  const want = Array.isArray(expected) ? expected : [expected];
  expect(got.length, `length of ${JSON.stringify(got)}`).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i] as number;
    const ok = Math.abs(g - w) <= Math.max(rel * Math.abs(w), 1e-6);
    expect(ok, `element ${i}: got ${g}, expected ${w} (rel ${rel})`).toBe(true);
  });
}

/** Runs `fn` and checks that it leaves no tensor behind. */
export function expectNoLeak(fn: () => void): void {
  const before = tf.memory().numTensors;
  fn();
  expect(tf.memory().numTensors).toBe(before);
}

/** float64 mean of a JS array, for hand-written references. */
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
