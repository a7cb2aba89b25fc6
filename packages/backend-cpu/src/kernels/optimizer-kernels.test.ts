import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import { FUSED_OPTIMIZERS, optimizerKernelName, registerOptimizerKernels } from './optimizer-kernels.js';

const owned = (values: number[]) => tf.tidy(() => tf.variable(tf.tensor(values), false));

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe('fused optimizer kernels', () => {
  it('are registered for cpu when the adapter activates, once', () => {
    expect(FUSED_OPTIMIZERS).toEqual(['SGD', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam', 'Adamax', 'Nadam']);
    for (const name of FUSED_OPTIMIZERS) expect(tf.getKernel(optimizerKernelName(name), 'cpu')).toBeDefined();
    expect(() => registerOptimizerKernels()).not.toThrow();
  });

  it('update the variable and its slots in place (Adam, hand-computed)', () => {
    const [w, m, v] = [owned([1, 2]), owned([0, 0]), owned([0, 0])];
    const g = tf.tensor([1, -2]);
    const ids = [w.dataId, m.dataId, v.dataId];
    const before = tf.memory().numTensors;
    const out = tf.engine().runKernel(
      optimizerKernelName('Adam'),
      { gradient: g, variable: w, momentum: m, velocity: v },
      { oneMinusBeta1: 0.5, oneMinusBeta2: 0.25, alpha: 0.1, epsilon: 0 },
    );
    expect(out).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    expect([w.dataId, m.dataId, v.dataId]).toEqual(ids);
    // m = 0 + (g - 0)·0.5 = [0.5, -1]; v = 0 + g²·0.25 = [0.25, 1];
    // w -= m·0.1 / sqrt(v) = [1 - 0.05/0.5, 2 + 0.1/1] = [0.9, 2.1] (float32).
    expect(Array.from(m.dataSync())).toEqual([0.5, -1]);
    expect(Array.from(v.dataSync())).toEqual([0.25, 1]);
    expect(Array.from(w.dataSync())).toEqual([Math.fround(0.9), Math.fround(2.1)]);
    tf.dispose([w, m, v, g]);
  });

  it('leave an array read from the variable before the update as it was, as assign would', () => {
    const w = owned([1, 2]);
    const g = tf.tensor([1, 1]);
    const seen = w.dataSync(); // tfjs-backend-cpu hands out its own storage array here
    tf.engine().runKernel(optimizerKernelName('SGD'), { gradient: g, variable: w }, { learningRate: 1, momentum: 0, nesterov: false });
    // w -= 1 · g = [0, 1]; the array read before keeps [1, 2].
    expect(Array.from(w.dataSync())).toEqual([0, 1]);
    expect(Array.from(seen)).toEqual([1, 2]);
    tf.dispose([w, g]);
  });

  it('refuse a buffer another tensor shares or another input repeats, and non-float32 or mismatched inputs', () => {
    const kept = tf.tensor([1, 2]);
    const shared = tf.variable(kept, false); // shares kept's buffer
    const g = tf.tensor([1, 1]);
    const run = (inputs: tf.NamedTensorMap) =>
      tf.engine().runKernel(optimizerKernelName('SGD'), inputs, { learningRate: 1, momentum: 0, nesterov: false });
    expect(() => run({ gradient: g, variable: shared })).toThrow(/`variable` shares its buffer \(2 references\)/);
    expect(Array.from(kept.dataSync())).toEqual([1, 2]);
    const ints = tf.tidy(() => tf.variable(tf.tensor([1, 2], undefined, 'int32'), false));
    expect(() => run({ gradient: g, variable: ints })).toThrow(/`variable` must be float32, received int32/);
    // One buffer as both the variable and its momentum: the count is 1, yet the update would
    // write the variable's new value over the momentum it just wrote.
    const w = owned([1, 2]);
    expect(() => run({ gradient: g, variable: w, momentum: w })).toThrow(/`momentum` is the same buffer as `variable`/);
    expect(Array.from(w.dataSync())).toEqual([1, 2]);
    const long = owned([1, 2, 3]);
    expect(() => run({ gradient: g, variable: long })).toThrow(/`variable` has 3 values, the gradient 2/);
    tf.dispose([kept, shared, g, ints, w, long]);
  });
});
