import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { History } from './history.js';

beforeAll(() => activate('cpu'));

describe('History', () => {
  it("keeps Keras 3's key order: training logs sorted, then val_* sorted", () => {
    const history = new History();
    history.onEpochEnd(0, { loss: 0.5, accuracy: 0.8, val_loss: 0.6, val_accuracy: 0.7 });
    // Keras 3: `fit(...).history.keys()` → accuracy, loss, val_accuracy, val_loss.
    expect(Object.keys(history.history)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(history.history.val_loss).toEqual([0.6]);
    expect(history.loss).toEqual([0.5]);
  });

  it('records val_* only on validation epochs (validationFreq), as Keras', async () => {
    const model = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0], [2, 1]]);
    const y = tf.tensor1d([0, 1, 2, 0, 1]);
    const before = tf.memory().numTensors;
    // 3 epochs, validation every 2nd: Keras evaluates after epoch index 1 only ((1 + 1) % 2 == 0).
    const history = await model.fit(x, y, { epochs: 3, validationSplit: 0.4, validationFreq: 2, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(history.history)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(history.history.loss).toHaveLength(3);
    expect(history.history.val_loss).toHaveLength(1);
    expect(history.epoch).toEqual([0, 1, 2]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
