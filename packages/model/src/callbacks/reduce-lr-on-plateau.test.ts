import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

function regression(): { model: Sequential; x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(2);
  const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tf.reshape(tf.linspace(-1, 1, 16), [16, 1]);
  return { model, x, y: tf.add(tf.mul(x, 2), 1) };
}

/** The learning rate after each epoch-end for a sequence of monitored values. */
function drive(cb: ReduceLROnPlateau, model: Sequential, values: number[]): number[] {
  cb.setModel(model);
  cb.onTrainBegin();
  return values.map((v, epoch) => {
    cb.onEpochEnd(epoch, { val_loss: v });
    return model.optimizer!.currentLearningRate();
  });
}

describe('ReduceLROnPlateau', () => {
  it("has Keras's defaults and rejects factor >= 1", () => {
    expect(new ReduceLROnPlateau().getConfig()).toEqual({
      monitor: 'val_loss', factor: 0.1, patience: 10, verbose: 0, mode: 'auto', min_delta: 1e-4, cooldown: 0, min_lr: 0,
    });
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor.*below 1\.0, received 1/);
  });

  it('reduces after `patience` flat epochs, waits `cooldown`, never goes below min_lr (hand-computed)', () => {
    const { model } = regression();
    const cb = new ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.003 });
    // SGD lr 0.01. Epoch 0: best 1.0. Epochs 1, 2 flat: wait 1, 2 → lr 0.005, cooldown 1.
    // Epoch 3: the cooldown counter drops 1 → 0 first (wait 0), so the flat epoch already counts:
    // wait 1 (Keras checks `in_cooldown()` after decrementing). Epoch 4: wait 2 → max(0.0025, 0.003) = 0.003.
    // Epochs 5, 6: cooldown again, then wait 2 — but lr 0.003 is not above min_lr (as float32): unchanged.
    const lrs = drive(cb, model, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    [0.01, 0.01, 0.005, 0.005, 0.003, 0.003, 0.003, 0.003, 0.003].forEach((v, i) => expect(lrs[i]).toBeCloseTo(v, 7));
  });

  it('counts an improvement only beyond min_delta', () => {
    const { model } = regression();
    // 1.0 → 0.99995 improves by 5e-5 < min_delta 1e-4: a flat epoch, so patience 1 reduces at epoch 1.
    expect(drive(new ReduceLROnPlateau({ patience: 1 }), model, [1.0, 0.99995])[1]).toBeCloseTo(0.001, 8);
  });

  it('reduces the rate in real training when the loss stalls', async () => {
    const { model, x, y } = regression();
    // mode 'max' on a falling loss: every epoch after the first is "no improvement".
    const cb = new ReduceLROnPlateau({ monitor: 'loss', mode: 'max', patience: 1, factor: 0.5 });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [cb] });
    // Logged before each epoch's reduction, as Keras logs it: 0.01, 0.01, 0.005; then 0.0025 set.
    [0.01, 0.01, 0.005].forEach((v, i) => expect(history.history.learning_rate?.[i]).toBeCloseTo(v, 7));
    expect(model.optimizer!.currentLearningRate()).toBeCloseTo(0.0025, 7);
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [cb] });
    expect(tf.memory().numTensors).toBe(before);
  });
});
