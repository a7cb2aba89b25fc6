import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { mnist } from '@neuralkit/data';
import { SGD } from '@neuralkit/optimizers';
import { ExponentialDecay } from '@neuralkit/schedules';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, sequential } from '../src/index.js';
import { activate } from './backend.js';

// The results issue 5 asks for, on the real embedded MNIST (5 epochs each). Keras 3 reaches
// about 0.926 test accuracy with the lecture program; its band is 0.920–0.935.

beforeAll(() => activate('cpu'));

describe('MNIST (slow)', () => {
  it('the lecture program: Flatten → Dense(10, softmax), Adam, batch 32, 5 epochs → 0.920–0.935', async () => {
    setRandomSeed(1);
    const { train, test } = await mnist.loadData();
    const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const xTrain = tf.div(train.x, 255);
    const xTest = tf.div(test.x, 255);
    const history = await model.fit(xTrain, train.y, { epochs: 5, verbose: 0 });
    expect(history.history.loss).toHaveLength(5);
    expect(history.history.loss![4]!).toBeLessThan(history.history.loss![0]!);
    const { loss, accuracy } = await model.evaluate(xTest, test.y, { verbose: 0 });
    expect(accuracy).toBeGreaterThanOrEqual(0.92);
    expect(accuracy).toBeLessThanOrEqual(0.935);
    expect(loss).toBeLessThan(0.3);
    tf.dispose([train.x, train.y, test.x, test.y, xTrain, xTest]);
    model.dispose();
  });

  it("the lecture's SGD with ExponentialDecay(0.1, 100000, 0.96, staircase) → ≥ 0.915", async () => {
    setRandomSeed(2);
    const { train, test } = await mnist.loadDataset();
    const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
    const schedule = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100000, decayRate: 0.96, staircase: true });
    model.compile({ optimizer: new SGD({ learningRate: schedule }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await model.fit(train, null, { epochs: 5, verbose: 0 });
    const { accuracy } = await model.evaluate(test, null, { verbose: 0 });
    expect(accuracy).toBeGreaterThanOrEqual(0.915);
    model.dispose();
  });

  it('Flatten → Dense(128, relu) → Dropout(0.2) → Dense(10, softmax), Adam, 5 epochs → ≥ 0.975', async () => {
    setRandomSeed(3);
    const { train, test } = await mnist.loadDataset();
    const model = sequential([
      layers.flatten({ inputShape: [28, 28] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await model.fit(train, null, { epochs: 5, verbose: 0 });
    const before = tf.memory().numTensors;
    const { accuracy } = await model.evaluate(test, null, { verbose: 0 });
    (await model.predict(test.slice(0, 100))).dispose();
    await model.fit(train.slice(0, 640), null, { epochs: 1, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(accuracy).toBeGreaterThanOrEqual(0.975);
    model.dispose();
  });

  it('the same seed on the same backend gives bit-identical weights (dropout and shuffling included)', async () => {
    const { train } = await mnist.loadDataset();
    const part = train.slice(0, 6000);
    const run = async () => {
      setRandomSeed(1234);
      const model = sequential([
        layers.flatten({ inputShape: [28, 28] }),
        layers.dense({ units: 32, activation: 'relu' }),
        layers.dropout({ rate: 0.3 }),
        layers.dense({ units: 10, activation: 'softmax' }),
      ]);
      model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
      await model.fit(part, null, { epochs: 2, verbose: 0 });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return weights;
    };
    const a = await run();
    const b = await run();
    expect(b).toEqual(a);
    setRandomSeed(99);
    expect(a[0]!.slice(0, 50)).not.toEqual((await (async () => {
      const m = sequential([layers.dense({ units: 32, inputShape: [784] })]);
      const w = Array.from(m.getWeights()[0]!.dataSync());
      m.dispose();
      return w;
    })()).slice(0, 50));
  });
});
