import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { SGD } from '@neuralkit/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { Precision } from './precision-recall.js';

beforeAll(() => activate('cpu'));

const x = () => tf.tensor2d([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 1, 0]]);

describe('the new metrics in compile / fit / evaluate', () => {
  it('softmax, one-hot labels: each key in history and evaluate, crossentropy equal to the loss', async () => {
    setRandomSeed(5);
    const m = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
    const metrics = ['crossentropy', 'categorical_crossentropy', 'kld', 'poisson', 'categorical_hinge', 'logcosh', 'cosine_similarity', 'rmse'];
    // learning rate 0: the weights stay, so the epoch figure equals evaluate's
    m.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'categorical_crossentropy', metrics });
    const [xs, ys] = [x(), tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1], 'int32'), 3)];
    const h = await m.fit(xs, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    const ev = await m.evaluate(xs, ys, { verbose: 0 });
    // as in Keras 3's compile_utils.get_metric, a metric given by name logs under the name written
    const keys = metrics;
    expect(Object.keys(h.history).sort()).toEqual(['loss', ...keys].sort());
    for (const key of keys) {
      expect(h.history[key], key).toHaveLength(1);
      expect(Number.isFinite(ev[key]), key).toBe(true);
      expect(h.history[key]![0], key).toBeCloseTo(ev[key]!, 5);
    }
    // 'crossentropy' against one-hot labels is categorical crossentropy: the loss itself
    expect(ev.crossentropy).toBeCloseTo(ev.loss!, 5);
    expect(ev.categorical_crossentropy).toBeCloseTo(ev.loss!, 5);
    m.dispose();
  });

  it("integer labels (the fused softmax path): 'crossentropy' is the sparse loss", async () => {
    setRandomSeed(7);
    const m = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['crossentropy', 'sparse_categorical_crossentropy'] });
    const [xs, ys] = [x(), tf.tensor1d([0, 1, 2, 0, 1], 'int32')];
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 5, verbose: 0, shuffle: false });
    // one batch per epoch: the metric sees the same predictions as the loss
    expect(h.history.crossentropy![1]).toBeCloseTo(h.history.loss![1]!, 5);
    expect(h.history.sparse_categorical_crossentropy![0]).toBeCloseTo(h.history.loss![0]!, 5);
    const ev = await m.evaluate(xs, ys, { verbose: 0 });
    expect(ev.crossentropy).toBeCloseTo(ev.loss!, 5);
    m.dispose();
  });

  it('sigmoid, 0/1 labels: binary metrics and precision/recall by name and instance', async () => {
    setRandomSeed(6);
    const m = sequential([layers.dense({ units: 1, activation: 'sigmoid', inputShape: [4] })]);
    const metrics = ['ce', 'binary_crossentropy', 'hinge', 'squared_hinge', 'recall', new Precision({ name: 'p' })];
    m.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'binary_crossentropy', metrics });
    const [xs, ys] = [x(), tf.tensor2d([[1], [0], [1], [1], [0]])];
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0 });
    const ev = await m.evaluate(xs, ys, { verbose: 0 });
    for (const key of ['ce', 'binary_crossentropy', 'hinge', 'squared_hinge', 'recall', 'p']) {
      expect(h.history[key], key).toHaveLength(2);
      expect(ev[key], key).toBeCloseTo(h.history[key]![1]!, 5);
    }
    expect(ev.ce).toBeCloseTo(ev.loss!, 5);
    // recall by hand from the predictions: positives are rows 0, 2, 3
    const p = ((await m.predict(xs)).arraySync() as number[][]).map((r) => r[0]!);
    const hits = [0, 2, 3].filter((i) => p[i]! > 0.5).length;
    expect(ev.recall).toBeCloseTo(hits / 3, 6);
    m.dispose();
  });
});
