import * as tf from '@tensorflow/tfjs-core';
import { CategoricalCrossentropy } from '@neuralkit/losses';
import { setRandomSeed } from '@neuralkit/core';
import { SGD } from '@neuralkit/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';

beforeAll(() => activate('cpu'));

describe("Keras's alignment of labels, predictions and weights", () => {
  it('BinaryAccuracy pairs rank-1 labels with [n, 1] predictions row by row: 0.75, not a 4×4 broadcast', () => {
    const m = new BinaryAccuracy();
    // rows: 0.98>.5 ✓, 1>.5 ✓, 0 ✓, 0.6 vs label 0 ✗ → 3/4 (the broadcast read 8/16 = 0.5)
    tf.tidy(() => m.updateState(tf.tensor1d([1, 1, 0, 0]), tf.tensor2d([[0.98], [1], [0], [0.6]])));
    expect(m.result()).toBeCloseTo(0.75, 6);
    m.resetState();
  });

  it('CategoricalAccuracy and SparseCategoricalAccuracy weight [n, 1] exactly as [n]', () => {
    const yPred = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]];
    const cases = [
      { m: () => new CategoricalAccuracy(), yTrue: [[0, 0, 1], [0, 1, 0]] },
      { m: () => new SparseCategoricalAccuracy(), yTrue: [[2], [1]] },
    ];
    for (const c of cases) {
      const results = [[0.7, 0.3], [[0.7], [0.3]]].map((w) => {
        const m = c.m();
        // sample 1 wrong (weight 0.7), sample 2 right (0.3): 0.3; then weights 1, 1: (0.3 + 1) / (1 + 2) = 0.4333
        tf.tidy(() => m.updateState(tf.tensor(c.yTrue), tf.tensor(yPred), tf.tensor(w)));
        const first = m.result();
        tf.tidy(() => m.updateState(tf.tensor(c.yTrue), tf.tensor(yPred), tf.tensor(Array.isArray(w[0]) ? [[1], [1]] : [1, 1])));
        const second = m.result();
        m.resetState();
        return [first, second];
      });
      expect(results[0]![0]).toBeCloseTo(0.3, 6);
      expect(results[0]![1]).toBeCloseTo(1.3 / 3, 6);
      expect(results[1]).toEqual(results[0]);
    }
  });

  it('CategoricalCrossentropy smooths with the class count of `axis` (Keras test_label_smoothing_with_axis)', () => {
    const yTrue = [[[1, 0], [0, 1], [0, 0]], [[0, 1], [1, 0], [0, 0]]];
    const yPred = [[[0.8, 0.1], [0.1, 0.8], [0.1, 0.1]], [[0.1, 0.8], [0.8, 0.1], [0.1, 0.1]]];
    // every column along axis 1 holds one label and the predictions 0.8, 0.1, 0.1: smoothed labels
    // 0.9 + 0.1/3 and 0.1/3 → -(0.93333 ln 0.8 + 2 · 0.03333 ln 0.1) = 0.36177 for each of the 4 columns
    const expected = -((0.9 + 0.1 / 3) * Math.log(0.8) + 2 * (0.1 / 3) * Math.log(0.1));
    const loss = new CategoricalCrossentropy({ labelSmoothing: 0.1, axis: 1 });
    const value = tf.tidy(() => loss.compute(yTrue, yPred).dataSync()[0]!);
    expect(value).toBeCloseTo(expected, 5);
  });
});

describe('fit with sample weights [n] and [n, 1]', () => {
  it('gives identical losses and metrics', async () => {
    const x = tf.tensor2d([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 1, 0]]);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2]);
    const weights = [0.5, 2, 1, 0, 3, 1.5];
    const histories = [];
    for (const w of [tf.tensor1d(weights), tf.tensor2d(weights, [6, 1])]) {
      setRandomSeed(3);
      const m = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
      m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy', 'sparse_categorical_crossentropy'] });
      const before = tf.memory().numTensors;
      const h = await m.fit(x, y, { epochs: 2, batchSize: 4, sampleWeight: w, verbose: 0, shuffle: false });
      const ev = await m.evaluate(x, y, { sampleWeight: w, verbose: 0 });
      expect(tf.memory().numTensors).toBe(before);
      histories.push({ history: h.history, ev });
      m.dispose();
      w.dispose();
    }
    expect(histories[1]).toEqual(histories[0]);
    expect(Object.keys(histories[0]!.history).sort()).toEqual(['accuracy', 'loss', 'sparse_categorical_crossentropy']);
    x.dispose();
    y.dispose();
  });
});
