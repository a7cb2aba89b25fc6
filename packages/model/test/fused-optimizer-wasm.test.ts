import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { mnist } from '@neuralkit/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers, sequential } from '../src/index.js';
import { activate } from './backend.js';
import { SEAM_KERNELS, withoutKernels } from './without-kernels.js';

// The wasm backend's fused optimizer updates (SIMD loops, every variable size) against the
// generic tfjs-core update, training the MLP with Dropout on real MNIST digits.
const TRAIN = 640; // 20 Adam steps of 32
const UPDATE_KERNELS = SEAM_KERNELS.filter((n) => n.endsWith('Update'));
let x: tf.Tensor;
let y: tf.Tensor;

beforeAll(async () => {
  await activate('wasm');
  const { train, test } = await mnist.loadData();
  x = tf.tidy(() => tf.div(tf.slice(train.x, 0, TRAIN), 255));
  y = tf.slice(train.y, 0, TRAIN);
  tf.dispose([train.x, train.y, test.x, test.y]);
});

afterAll(async () => {
  tf.dispose([x, y]);
  await activate('cpu');
});

/** Trains 2 epochs from seed 5 (the second profiled); the weights, losses and the update kernels of epoch 2. */
async function train(): Promise<{ weights: Float32Array[]; loss: number[]; kernels: string[] }> {
  setRandomSeed(5);
  const model = sequential([
    layers.flatten({ inputShape: [28, 28] }),
    layers.dense({ units: 128, activation: 'relu' }),
    layers.dropout({ rate: 0.2 }),
    layers.dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const options = { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 as const };
  const first = await model.fit(x, y, options);
  let loss: number[] = [];
  const { kernels } = await tf.profile(async () => {
    loss = [...first.history.loss!, ...(await model.fit(x, y, options)).history.loss!];
  });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return { weights, loss, kernels: kernels.map((k) => k.name).filter((n) => UPDATE_KERNELS.includes(n)) };
}

describe('the MLP with Dropout on wasm, fused optimizer kernels against the generic update', () => {
  it('trains to the same weights within float32 tolerance; every variable (784 × 128 included) takes the kernel', async () => {
    const generic = await withoutKernels(UPDATE_KERNELS, train);
    const fused = await train();
    expect(generic.kernels).toEqual([]);
    expect(fused.kernels).toEqual(Array(4 * (TRAIN / 32)).fill('NeuralkitAdamUpdate')); // 4 variables, 20 steps
    expect(fused.loss[1]!).toBeLessThan(fused.loss[0]!);
    fused.loss.forEach((l, i) => expect(l).toBeCloseTo(generic.loss[i]!, 5));
    fused.weights.forEach((w, t) => {
      const ref = generic.weights[t]!;
      expect(w.length).toBe(ref.length);
      const worst = w.reduce((m, v, i) => Math.max(m, Math.abs(v - ref[i]!)), 0);
      expect(worst, `weight ${t}`).toBeLessThan(1e-5);
    });
  });
});
