import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential.js';
import { layers } from '../layers/index.js';
import { EarlyStopping } from './early-stopping.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

/** y = 2x + 1 on 32 points: a model that keeps improving under SGD. */
function regression(): { model: Sequential; x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(7);
  const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tf.reshape(tf.linspace(-1, 1, 32), [32, 1]);
  const y = tf.add(tf.mul(x, 2), 1);
  return { model, x, y };
}

/** Runs the callback over a sequence of monitored values, as fit would. */
function drive(cb: EarlyStopping, model: Sequential, values: number[], key = 'val_loss'): number {
  cb.setModel(model);
  cb.onTrainBegin();
  let epochs = 0;
  for (const [epoch, value] of values.entries()) {
    cb.onEpochEnd(epoch, { [key]: value });
    epochs += 1;
    if (model.stopTraining) break;
  }
  cb.onTrainEnd();
  return epochs;
}

describe('EarlyStopping', () => {
  it("has Keras's defaults in its config", () => {
    expect(new EarlyStopping().getConfig()).toEqual({
      monitor: 'val_loss', min_delta: 0, patience: 0, verbose: 0, mode: 'auto',
      baseline: null, restore_best_weights: false, start_from_epoch: 0,
    });
    expect(() => new EarlyStopping({ mode: 'up' as 'max' })).toThrow(/mode.*'auto', 'min' or 'max'.*"up"/);
    expect(() => new EarlyStopping({ patiense: 2 } as never)).toThrow(/Unknown option "patiense"/);
  });

  it('stops after `patience` epochs without an improvement larger than min_delta (hand-computed)', () => {
    const { model } = regression();
    // val_loss: 1.0 (best), 0.95 (improves by 0.05 < min_delta 0.1: wait 1), 0.92 (wait 2 = patience: stop at epoch 2).
    const cb = new EarlyStopping({ patience: 2, minDelta: 0.1 });
    expect(drive(cb, model, [1.0, 0.95, 0.92, 0.5])).toBe(3);
    expect(cb.stoppedEpoch).toBe(2);
    expect(cb.best).toBe(1.0);
  });

  it("mode 'auto' maximises accuracy, and start_from_epoch ignores the warm-up epochs", () => {
    const { model } = regression();
    const cb = new EarlyStopping({ monitor: 'val_accuracy', startFromEpoch: 2 });
    // Epochs 0 and 1 are ignored; 0.8 at epoch 2 is the first best, 0.7 at epoch 3 stops (patience 0).
    expect(drive(cb, model, [0.1, 0.1, 0.8, 0.7, 0.9], 'val_accuracy')).toBe(4);
    expect(cb.bestEpoch).toBe(2);
    model.stopTraining = false;
    expect(() => drive(new EarlyStopping({ monitor: 'val_widget' }), model, [1, 2], 'val_widget')).toThrow(
      /cannot tell whether that metric should be maximized or minimized/,
    );
  });

  it('does not reset the wait while the baseline is not beaten (Keras 3 rule)', () => {
    const { model } = regression();
    // Keras: epoch 0 improves on "no best" but not on the baseline 0.5, so wait stays 1; epoch 1
    // (0.95) does not improve: wait 2 >= patience 2 → stop. Without the baseline the wait resets at
    // epoch 0 and training stops one epoch later.
    const withBaseline = new EarlyStopping({ monitor: 'loss', patience: 2, baseline: 0.5 });
    expect(drive(withBaseline, model, [0.9, 0.95, 0.96, 0.97], 'loss')).toBe(2);
    model.stopTraining = false;
    expect(drive(new EarlyStopping({ monitor: 'loss', patience: 2 }), model, [0.9, 0.95, 0.96, 0.97], 'loss')).toBe(3);
    model.stopTraining = false;
    // Improving every epoch never stops, even below a baseline it does not reach.
    expect(drive(new EarlyStopping({ monitor: 'loss', patience: 1, baseline: 0.1 }), model, [0.9, 0.8, 0.7], 'loss')).toBe(3);
  });

  it('stops real training and restores the best epoch’s weights', async () => {
    const { model, x, y } = regression();
    const snapshots: tf.Tensor[][] = [];
    const record = { onEpochEnd: () => void snapshots.push(model.getWeights().map((w) => w.clone())) };
    // mode 'max' on a falling loss: epoch 0 is the best, epoch 1 exhausts patience 1.
    const stop = new EarlyStopping({ monitor: 'loss', mode: 'max', patience: 1, restoreBestWeights: true });
    const history = await model.fit(x, y, { epochs: 10, batchSize: 8, verbose: 0, callbacks: [record, stop] });
    expect(history.epoch).toEqual([0, 1]);
    expect(history.history.loss?.[1]).toBeLessThan(history.history.loss?.[0] ?? 0);
    const restored = model.getWeights();
    restored.forEach((w, i) => expect(w.arraySync()).toEqual(snapshots[0]?.[i]?.arraySync()));
    expect(snapshots[1]?.[0]?.arraySync()).not.toEqual(snapshots[0]?.[0]?.arraySync());
    tf.dispose(snapshots.flat());
  });

  it('leaves no tensors behind', async () => {
    const { model, x, y } = regression();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [new EarlyStopping({ monitor: 'loss', restoreBestWeights: true })] });
    expect(tf.memory().numTensors).toBe(before);
  });
});
