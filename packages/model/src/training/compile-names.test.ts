import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';

beforeAll(() => activate('cpu'));

describe("Keras's names and order in fit and evaluate results", () => {
  const x = () => tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
  const y = () => tf.tensor2d([[1], [0], [2], [0]]);
  let before = 0;
  beforeAll(() => void (before = tf.memory().numTensors));
  afterAll(() => expect(tf.memory().numTensors).toBe(before));

  it("logs a metric given by name under that name ('mse', 'mae', 'MeanSquaredError')", async () => {
    setRandomSeed(1);
    const m = sequential([layers.dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse', 'mae', 'MeanSquaredError'] });
    const [xs, ys] = [x(), y()];
    const h = await m.fit(xs, ys, { epochs: 1, verbose: 0 });
    const ev = await m.evaluate(xs, ys, { verbose: 0 });
    expect(Object.keys(h.history)).toEqual(['MeanSquaredError', 'loss', 'mae', 'mse']);
    // Keras 3 returns evaluate's dict sorted too; loss 'mse' and metric 'mse' agree
    expect(Object.keys(ev)).toEqual(['MeanSquaredError', 'loss', 'mae', 'mse']);
    expect(ev.mse).toBeCloseTo(ev.loss!, 5);
    tf.dispose([xs, ys]);
    m.dispose();
  });

  it('validates after every n-th epoch counted from 1, also with initialEpoch; or on listed epochs', async () => {
    setRandomSeed(2);
    const m = sequential([layers.dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const [xs, ys] = [x(), y()];
    const data = { validationData: [xs, ys] as [tf.Tensor, tf.Tensor], verbose: 0 as const };
    // epochs 2..5 (0-based 1..4) with freq 2: Keras's (epoch + 1) % 2 → 0-based 1 and 3 validate
    const h = await m.fit(xs, ys, { ...data, initialEpoch: 1, epochs: 5, validationFreq: 2 });
    expect(h.epoch).toEqual([1, 2, 3, 4]);
    expect(h.history.val_loss).toHaveLength(2);
    const listed = await m.fit(xs, ys, { ...data, epochs: 4, validationFreq: [1, 4] });
    expect(listed.history.val_loss).toHaveLength(2);
    await expect(m.fit(xs, ys, { ...data, epochs: 1, validationFreq: [0] })).rejects.toThrowError(/validationFreq/);
    tf.dispose([xs, ys]);
    m.dispose();
  });
});
