import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { expect } from 'vitest';
import type { Optimizer } from '../src/optimizer.js';

let counter = 0;

/** The cpu adapter, so the optimizers run their fused update kernels as in production. */
export async function useCpu(): Promise<void> {
  await useBackend(cpuBackend());
}

/** A float32 variable with a unique name (tfjs variable names are global). */
export function variable(values: number[] | number, name?: string): tf.Variable {
  counter += 1;
  const id = name ?? `test/var_${counter}`;
  return tf.tidy(() => tf.variable(tf.tensor(values, undefined, 'float32'), true, id));
}

/** Applies each gradient list to a fresh variable from `x0`; returns the values after every step. */
export function run(opt: Optimizer, x0: number[], grads: number[][]): number[][] {
  const v = variable(x0);
  const out: number[][] = [];
  for (const g of grads) {
    const gt = tf.tensor(g, [g.length], 'float32');
    opt.applyGradients([[gt, v]]);
    gt.dispose();
    out.push(Array.from(v.dataSync()));
  }
  v.dispose();
  opt.dispose();
  return out;
}

/** Element-wise |a - b| <= rtol * |b| + atol. */
export function expectClose(actual: number[], expected: number[], rtol = 1e-5, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const b = expected[i]!;
    const bound = rtol * Math.abs(b) + atol;
    if (!(Math.abs(a - b) <= bound)) {
      expect.fail(`element ${i}: ${a} vs expected ${b} (|diff| ${Math.abs(a - b)} > ${bound})`);
    }
  });
}

/** Runs `steps` updates on a [784, 10] kernel and a [10] bias; expects no tensor left behind. */
export function expectNoLeak(make: () => Optimizer, steps = 100): void {
  counter += 1;
  const kernel = tf.tidy(() => tf.variable(tf.fill([784, 10], 0.5), true, `test/kernel_${counter}`));
  const bias = variable(new Array(10).fill(0.1));
  const gk = tf.fill([784, 10], 0.3);
  const gb = tf.fill([10], -0.2);
  const opt = make();
  opt.applyGradients([[gk, kernel], [gb, bias]]); // builds the slots and caches constants
  const before = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) opt.applyGradients([[gk, kernel], [gb, bias]]);
  expect(tf.memory().numTensors).toBe(before);
  opt.dispose();
  tf.dispose([kernel, bias, gk, gb]);
}
