import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { SGD } from '@neuralkit/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';
import { LearningRateScheduler } from '../callbacks/learning-rate-scheduler.js';

beforeAll(() => activate('cpu'));

function model(lr = 0.1) {
  setRandomSeed(3);
  const m = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
  m.compile({ optimizer: new SGD({ learningRate: lr }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return m;
}

let x: tf.Tensor;
let y: tf.Tensor;
beforeAll(() => {
  x = tf.tensor2d([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 1, 1]]);
  y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0], 'int32');
});

describe('fit', () => {
  it('reports exact sample-weighted epoch means, as Keras (batches of 3, 3, 1)', async () => {
    const m = model(0); // learning rate 0: the weights stay, so the epoch mean is checkable
    const w = tf.tensor1d([1, 2, 0.5, 1, 1, 3, 2]);
    const h = await m.fit(x, y, { batchSize: 3, verbose: 0, shuffle: false, sampleWeight: w });
    const p = (await m.predict(x)).arraySync() as number[][];
    const labels = [0, 1, 2, 0, 1, 2, 0];
    const ws = [1, 2, 0.5, 1, 1, 3, 2];
    // Keras: each batch's loss is sum(l * w) / batch size, tracked with weight = batch size,
    // so the epoch loss is sum(l * w) / 7 over all samples.
    const expected = labels.reduce((s, c, i) => s + -Math.log(p[i]![c]!) * ws[i]!, 0) / 7;
    expect(h.history.loss![0]).toBeCloseTo(expected, 5);
    const acc = labels.filter((c, i) => p[i]!.indexOf(Math.max(...p[i]!)) === c).length / 7;
    // the figure is divided on the device in float32, as Keras's metric variables are
    expect(h.accuracy as number[]).toHaveLength(1);
    expect((h.accuracy as number[])[0]).toBeCloseTo(acc, 6);
    expect(h.epoch).toEqual([0]);
  });

  it('validationSplit holds out the last fraction before shuffling', async () => {
    const m = model(0);
    const h = await m.fit(x, y, { validationSplit: 0.3, verbose: 0, epochs: 2 });
    // floor(7 * 0.7) = 4 training samples; the last 3 validate.
    const direct = await m.evaluate(tf.slice(x, 4), tf.slice(y, 4), { verbose: 0 });
    expect(h.history.val_loss).toHaveLength(2);
    expect(h.history.val_loss![1]).toBeCloseTo(direct.loss!, 6);
    expect(h.val_accuracy).toEqual([direct.accuracy, direct.accuracy]);
  });

  it('calls plain-object callbacks in order, awaits them, and honours stopTraining', async () => {
    const m = model();
    const calls: string[] = [];
    await m.fit(x, y, {
      epochs: 5, batchSize: 4, verbose: 0,
      callbacks: [{
        onTrainBegin: () => void calls.push('train'),
        onEpochBegin: (e: number) => void calls.push(`epoch${e}`),
        onTrainBatchEnd: async (b: number, logs?: Record<string, number>) => {
          await new Promise((r) => setTimeout(r, 1));
          calls.push(`batch${b}:${typeof logs!.loss}`);
        },
        onEpochEnd: (e: number) => { calls.push(`end${e}`); if (e === 1) m.stopTraining = true; },
        onTrainEnd: () => void calls.push('done'),
      }],
    });
    expect(calls).toEqual(['train', 'epoch0', 'batch0:number', 'batch1:number', 'end0', 'epoch1', 'batch0:number', 'batch1:number', 'end1', 'done']);
  });

  it('classWeight weighs each sample by its class', async () => {
    const a = model(0);
    const b = model(0);
    const h1 = await a.fit(x, y, { verbose: 0, shuffle: false, classWeight: { 0: 2, 1: 1, 2: 0 } });
    const h2 = await b.fit(x, y, { verbose: 0, shuffle: false, sampleWeight: tf.tensor1d([2, 1, 0, 2, 1, 0, 2]) });
    expect(h1.history.loss![0]).toBeCloseTo(h2.history.loss![0]!, 6);
  });

  it('refuses classWeight together with sampleWeight, as Keras 3 does', async () => {
    const m = model();
    const w = tf.ones([7]);
    await expect(m.fit(x, y, { verbose: 0, classWeight: { 0: 2 }, sampleWeight: w })).rejects.toThrowError(
      'fit(): expected `classWeight` or `sampleWeight`, received both.',
    );
    w.dispose();
  });

  it('classWeight rounds float labels to the nearest class, as Keras 3', async () => {
    const fitLoss = async (weights: { classWeight?: Record<number, number>; sampleWeight?: tf.Tensor }) => {
      setRandomSeed(3);
      const m = sequential([layers.dense({ units: 1, activation: 'sigmoid', inputShape: [4] })]);
      m.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'binary_crossentropy' });
      const h = await m.fit(x, labels, { verbose: 0, shuffle: false, ...weights });
      m.dispose();
      return h.history.loss![0]!;
    };
    // 0.99999994 is float32's largest value below 1: Keras's round(y) makes it class 1 (weight 3).
    const labels = tf.tensor2d([0.99999994, 0, 1, 0.99999994, 0, 1, 0], [7, 1]);
    const sampleWeight = tf.tensor1d([3, 1, 3, 3, 1, 3, 1]);
    expect(await fitLoss({ classWeight: { 0: 1, 1: 3 } })).toBeCloseTo(await fitLoss({ sampleWeight }), 6);
    tf.dispose([labels, sampleWeight]);
  });

  it('leaves the tensor count unchanged after a first fit', async () => {
    const m = model();
    await m.fit(x, y, { verbose: 0, epochs: 2, validationSplit: 0.2 });
    const before = tf.memory().numTensors;
    await m.fit(x, y, { verbose: 0, epochs: 2, validationSplit: 0.2, classWeight: { 0: 1 } });
    await m.evaluate(x, y, { verbose: 0 });
    (await m.predict(x)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad input with clear messages', async () => {
    const fresh = sequential([layers.dense({ units: 3, inputShape: [4] })], { name: 'm1' });
    await expect(fresh.fit(x, y)).rejects.toThrowError('Sequential "m1" must be compiled before fit(): call model.compile({ optimizer, loss, metrics }) first.');
    const m = model();
    await expect(m.fit(x, tf.slice(y, 0, 5), { verbose: 0 })).rejects.toThrowError(/x and y hold different numbers of samples: x \(7, 4\) has 7, y \(5,\) has 5/);
    await expect(m.fit(tf.zeros([7, 5]), y, { verbose: 0 })).rejects.toThrowError(/expected samples of shape \(None, 4\), received \(None, 5\)/);
    const kernel = Array.from(m.getWeights()[0]!.dataSync());
    await expect(m.fit(x, tf.tensor1d([0, 1, 2, 3, 0, 1, 2], 'int32'), { verbose: 0 })).rejects.toThrowError(
      'fit(): label 3 of sample 3 is not a class index in [0, 3) (the last layer has 3 units).',
    );
    expect(Array.from(m.getWeights()[0]!.dataSync())).toEqual(kernel); // caught before any step
    await expect(m.fit(tf.tensor2d([[NaN, 0, 0, 0]]), tf.tensor1d([0], 'int32'), { verbose: 0 })).rejects.toThrowError('fit(): x contains NaN values.');
    await expect(m.fit(x, y, { verbose: 0, epoch: 3 } as never)).rejects.toThrowError(/Unknown option "epoch" for fit\(\)/);
  });

  it('range-checks the same labels again for a model with fewer classes', async () => {
    const labels = tf.tensor1d([0, 1, 2, 3, 0, 1, 2], 'int32');
    setRandomSeed(3);
    const wide = sequential([layers.dense({ units: 4, activation: 'softmax', inputShape: [4] })]);
    wide.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'sparse_categorical_crossentropy' });
    await wide.fit(x, labels, { verbose: 0 }); // 3 is a class of a 4-unit model
    // Label 3 is out of range for 3 classes: an earlier check for 4 classes must not let it through.
    await expect(model().fit(x, labels, { verbose: 0 })).rejects.toThrowError(
      'fit(): label 3 of sample 3 is not a class index in [0, 3) (the last layer has 3 units).',
    );
    await expect(model().evaluate(x, labels, { verbose: 0 })).rejects.toThrowError(/label 3 of sample 3/);
    wide.dispose();
    labels.dispose();
  });

  it('range-checks validation labels before training (validationData and validationSplit)', async () => {
    const bad = tf.tensor1d([0, 1, 2, 0, 1, 2, 5], 'int32'); // the last sample is held out by a 0.3 split
    const m = model();
    const kernel = Array.from(m.getWeights()[0]!.dataSync());
    await expect(m.fit(x, y, { verbose: 0, validationData: [x, bad] })).rejects.toThrowError(
      'fit() validation data: label 5 of sample 6 is not a class index in [0, 3) (the last layer has 3 units).',
    );
    await expect(m.fit(x, bad, { verbose: 0, validationSplit: 0.3 })).rejects.toThrowError(
      'fit() validation data: label 5 of sample 2 is not a class index in [0, 3) (the last layer has 3 units).',
    );
    expect(Array.from(m.getWeights()[0]!.dataSync())).toEqual(kernel); // caught before any step
    bad.dispose();
  });

  it('predict frees its batch outputs when a callback throws (one batch and several)', async () => {
    const m = model();
    (await m.predict(x)).dispose();
    const before = tf.memory().numTensors;
    const failing = [{ onPredictEnd: () => { throw new Error('callback failed'); } }];
    await expect(m.predict(x, { callbacks: failing })).rejects.toThrowError('callback failed'); // 1 batch
    await expect(m.predict(x, { batchSize: 2, callbacks: failing })).rejects.toThrowError('callback failed'); // 4 batches
    expect(tf.memory().numTensors).toBe(before);
  });

  it('calls the progress bar after the user callbacks, as Keras 3, so it shows the learning_rate they log', async () => {
    let out = '';
    const m = model(0.5);
    const scheduler = new LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2));
    await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 2, callbacks: [scheduler], progressStream: { write: (t: string) => (out += t), isTTY: false } });
    const lines = out.trimEnd().split('\n');
    // Keras 3 appends its ProgbarLogger after the user's callbacks: the epoch line shows the rate they log.
    expect(lines[1]).toMatch(/ - learning_rate: 0\.5000( -|$)/);
    expect(lines[3]).toMatch(/ - learning_rate: 0\.2500( -|$)/);
  });

  it('draws Keras 3 progress lines on a non-terminal stream (verbose 1 and 2)', async () => {
    for (const verbose of [1, 2] as const) {
      let out = '';
      const m = model();
      await m.fit(x, y, { epochs: 2, batchSize: 4, verbose, progressStream: { write: (t: string) => (out += t), isTTY: false } });
      const lines = out.trimEnd().split('\n');
      expect(lines[0]).toBe('Epoch 1/2');
      const pattern = verbose === 1
        ? /^2\/2 ━{20} \d+s \d+(us|ms|s)\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$/
        : /^2\/2 - \d+s - \d+(us|ms|s)\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$/;
      expect(lines[1]).toMatch(pattern);
      expect(lines[2]).toBe('Epoch 2/2');
      expect(lines).toHaveLength(4);
    }
  });
});
