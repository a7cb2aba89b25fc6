import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { saveToBytes } from './keras-h5-format.js';
import { saveToKerasBytes } from './keras-archive-format.js';
import { loadKerasModel } from './keras-h5-format.js';
import type { KerasSequential } from './model-types.js';

/**
 * Saving after training on webgpu in Node, where a synchronous read throws: the writers read
 * weights and optimizer state with awaited reads only. The engine's synchronous read is made to throw.
 */
const engine = tf.engine() as unknown as { readSync: (id: object) => unknown };
const readSync = engine.readSync;

beforeAll(async () => {
  await useBackend(cpuBackend());
});

afterEach(() => {
  engine.readSync = readSync;
});

async function trainedModel() {
  setRandomSeed(3);
  const model = sequential([layers.flatten({ inputShape: [4, 4] }), layers.dense({ units: 3, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = tf.randomUniform([8, 4, 4], 0, 1, 'float32', 5);
  const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'float32');
  await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}

describe('saving without a synchronous read', () => {
  // The .keras archive holds no optimizer state (its loaded optimizer starts at iteration 0).
  it.each([
    ['.h5', 4, (m: Parameters<typeof saveToBytes>[0]) => saveToBytes(m)],
    ['.keras', 0, (m: Parameters<typeof saveToBytes>[0]) => saveToKerasBytes(m as unknown as KerasSequential)],
  ])('writes %s whose weights (and optimizer steps: %i) load back equal', async (_, steps, save) => {
    const model = await trainedModel();
    const want = await Promise.all(model.getWeights().map((w) => w.data()));
    const before = tf.memory().numTensors;
    engine.readSync = () => {
      throw new Error('a synchronous tensor read while saving');
    };
    const bytes = await save(model);
    engine.readSync = readSync;
    expect(tf.memory().numTensors).toBe(before);
    const again = await loadKerasModel(bytes);
    const got = again.getWeights().map((w) => Array.from(w.dataSync()));
    expect(got).toEqual(want.map((w) => Array.from(w)));
    const iterations = (again as unknown as { optimizer: { iterations: number } }).optimizer.iterations;
    expect(iterations).toBe(steps);
    again.dispose();
    model.dispose();
  });
});
