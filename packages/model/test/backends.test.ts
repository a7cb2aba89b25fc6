import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { layers, sequential } from '../src/index.js';
import { activate } from './backend.js';

// The cpu backend trains through its own Dense / crossentropy kernels, wasm through the
// generic ops: the same seed must give (nearly) the same training on both.
async function train(backend: 'cpu' | 'wasm') {
  await activate(backend);
  setRandomSeed(11);
  const x = tf.randomUniform([256, 12], 0, 1, 'float32', 5);
  const y = tf.cast(tf.mul(tf.randomUniform([256], 0, 1, 'float32', 6), 4), 'int32');
  const model = sequential([
    layers.dense({ units: 16, activation: 'relu', inputShape: [12] }),
    layers.dense({ units: 4, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const h = await model.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0 });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  tf.dispose([x, y]);
  return { loss: h.history.loss!, weights };
}

describe('cpu kernels against the generic path (wasm)', () => {
  it('train to the same loss and weights', async () => {
    const cpu = await train('cpu');
    const wasm = await train('wasm');
    await activate('cpu');
    cpu.loss.forEach((l, i) => expect(l).toBeCloseTo(wasm.loss[i]!, 4));
    cpu.weights.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - wasm.weights[i]![j]!)).toBeLessThan(1e-3)));
  });
});
