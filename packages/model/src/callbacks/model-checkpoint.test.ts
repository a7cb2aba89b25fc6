import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { layers } from '../layers/index.js';
import { Sequential } from '../sequential.js';
import { loadModel } from '../io/model-format.js';
import { ModelCheckpoint } from './model-checkpoint.js';

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function regression(): { model: Sequential; x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(5);
  const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tf.reshape(tf.linspace(-1, 1, 32), [32, 1]);
  return { model, x, y: tf.add(tf.mul(x, 2), 1) };
}

describe('ModelCheckpoint', () => {
  it("has Keras's defaults and formats the path from the epoch (1-based) and the logs", () => {
    const cb = new ModelCheckpoint({ filepath: 'ckpt/w.{epoch:02d}-{val_loss:.2f}.json' });
    expect(cb.getConfig()).toEqual({
      filepath: 'ckpt/w.{epoch:02d}-{val_loss:.2f}.json', monitor: 'val_loss', verbose: 0, save_best_only: false,
      save_weights_only: false, mode: 'auto', save_freq: 'epoch', initial_value_threshold: null,
    });
    // Keras: 'w.{epoch:02d}-{val_loss:.2f}'.format(epoch=4 + 1, val_loss=0.12345) == 'w.05-0.12'
    expect(cb.filePath(4, undefined, { val_loss: 0.12345 })).toBe('ckpt/w.05-0.12.json');
    expect(() => new ModelCheckpoint({ filepath: 'm.json', saveFreq: 0 })).toThrow(/saveFreq.*'epoch' or a positive integer/);
  });

  it('saves every epoch through the model formats, creating the directory', async () => {
    const { model, x, y } = regression();
    const cb = new ModelCheckpoint({ filepath: join(dir, 'sub', 'm-{epoch}-{loss:.3f}.json') });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, callbacks: [cb] });
    const losses = history.history.loss ?? [];
    expect(cb.saved).toEqual(losses.map((l, i) => join(dir, 'sub', `m-${i + 1}-${l.toFixed(3)}.json`)));
    const last = await loadModel(cb.saved[2]);
    last.getWeights().forEach((w, i) => expect(w.arraySync()).toEqual(model.getWeights()[i]!.arraySync()));
    last.dispose();
  });

  it('with saveBestOnly saves only improvements of the monitored value', async () => {
    const { model } = regression();
    const cb = new ModelCheckpoint({ filepath: join(dir, 'best-{epoch}.json'), monitor: 'val_accuracy', saveBestOnly: true });
    cb.setModel(model);
    // 'acc' in the name → maximise: 0.5 (save), 0.4 (no), 0.5 (equal: no), 0.6 (save).
    for (const [epoch, acc] of [0.5, 0.4, 0.5, 0.6].entries()) await cb.onEpochEnd(epoch, { val_accuracy: acc });
    expect((await readdir(dir)).filter((f) => !f.endsWith('.bin')).sort()).toEqual(['best-1.json', 'best-4.json']);
    expect(cb.best).toBe(0.6);
  });

  it('saves weights only, and every N batches with saveFreq', async () => {
    const { model, x, y } = regression();
    const cb = new ModelCheckpoint({ filepath: join(dir, 'w-{epoch}-{batch}.json'), saveWeightsOnly: true, saveFreq: 3 });
    // 32 samples / batch 8 = 4 batches per epoch, 2 epochs = 8 batches: saves after batches 3 and 6.
    await model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0, callbacks: [cb] });
    expect(cb.saved.map((p) => p.slice(dir.length + 1))).toEqual(['w-1-3.json', 'w-2-2.json']);
    await expect(loadModel(cb.saved[0])).rejects.toThrow(/expected a tfjs-layers model topology/);
  });

  it('leaves no tensors behind', async () => {
    const { model, x, y } = regression();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [new ModelCheckpoint({ filepath: join(dir, 'm.json') })] });
    expect(tf.memory().numTensors).toBe(before);
  });
});
