import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

function regression(): { model: Sequential; x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(9);
  const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tf.reshape(tf.linspace(-1, 1, 16), [16, 1]);
  return { model, x, y: tf.add(tf.mul(x, 2), 1) };
}

describe('LearningRateScheduler', () => {
  it("follows Keras's docstring schedule and logs learning_rate each epoch", async () => {
    const { model, x, y } = regression();
    // Keras docs: lr unchanged for epochs < 10, then lr * exp(-0.1) (here from epoch 2).
    const scheduler = new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * Math.exp(-0.1)));
    const history = await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [scheduler] });
    // SGD default 0.01: epochs 0,1 → 0.01; epoch 2 → 0.01·e^-0.1 = 0.0090484; epoch 3 → 0.01·e^-0.2 = 0.0081873.
    // The optimizer keeps the rate as float32, hence 6 digits.
    const lrs = history.history.learning_rate ?? [];
    expect(lrs).toHaveLength(4);
    [0.01, 0.01, 0.0090484, 0.0081873].forEach((v, i) => expect(lrs[i]).toBeCloseTo(v, 6));
    expect(model.optimizer!.currentLearningRate()).toBeCloseTo(0.0081873, 6);
  });

  it('rejects a schedule that returns something else than a number', async () => {
    const { model, x, y } = regression();
    const bad = new LearningRateScheduler(() => 'fast' as unknown as number);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [bad] })).rejects.toThrow(
      /output of the `schedule` function: expected a finite number, received "fast"/,
    );
    expect(() => new LearningRateScheduler(0.1 as never)).toThrow(/schedule.*a function/);
    expect(new LearningRateScheduler((_, lr) => lr).getConfig()).toEqual({ verbose: 0 });
  });

  it('leaves no tensors behind', async () => {
    const { model, x, y } = regression();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new LearningRateScheduler((e, lr) => lr / 2)] });
    expect(tf.memory().numTensors).toBe(before);
  });
});
