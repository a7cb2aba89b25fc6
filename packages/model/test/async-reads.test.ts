import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { SparseCategoricalCrossentropy } from '@neuralkit/losses';
import { mnist } from '@neuralkit/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers, sequential, type Sequential } from '../src/index.js';
import { activate } from './backend.js';

/**
 * The engine's synchronous read made to throw, and its awaited read counted: what a WebGPU
 * backend in Node (no synchronous read at all) and a browser's GPU (a stall per read) need.
 */
class ReadGuard {
  awaited = 0;
  private readonly engine = tf.engine() as unknown as { readSync: (id: object) => unknown; read: (id: object) => Promise<unknown> };
  private readonly readSync = this.engine.readSync;
  private readonly read = this.engine.read;

  install(): void {
    const { engine, read } = this;
    engine.readSync = () => {
      throw new Error('a synchronous tensor read during training');
    };
    engine.read = (dataId: object) => {
      this.awaited++;
      return read.call(engine, dataId);
    };
  }

  restore(): void {
    this.engine.readSync = this.readSync;
    this.engine.read = this.read;
  }
}

const TRAIN = 640; // 20 steps of 32
const VAL = 160; // 5 steps of 32
let x: tf.Tensor;
let y: tf.Tensor;
let xVal: tf.Tensor;
let yVal: tf.Tensor;

beforeAll(async () => {
  await activate('cpu');
  const { train, test } = await mnist.loadData();
  x = tf.tidy(() => tf.div(tf.slice(train.x, 0, TRAIN), 255));
  y = tf.slice(train.y, 0, TRAIN);
  xVal = tf.tidy(() => tf.div(tf.slice(test.x, 0, VAL), 255));
  yVal = tf.slice(test.y, 0, VAL);
  tf.dispose([train.x, train.y, test.x, test.y]);
});

afterAll(() => tf.dispose([x, y, xVal, yVal]));

const models: Record<string, () => Sequential> = {
  lecture: () => sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]),
  'MLP with Dropout': () =>
    sequential([
      layers.flatten({ inputShape: [28, 28] }),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dropout({ rate: 0.2 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]),
};

describe.each(Object.keys(models))('the %s model with synchronous reads made to throw', (name) => {
  it('fits (verbose 0 and 1, with validation), evaluates and predicts, awaiting at most one read per 8 steps inside an epoch', async () => {
    setRandomSeed(3);
    const before = tf.memory().numTensors;
    const model = models[name]!();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const guard = new ReadGuard();
    // Awaited reads per epoch: up to the last training step's end, and in all (epoch-end figures, validation).
    const inside: number[] = [];
    const total: number[] = [];
    let atBegin = 0;
    let atLastBatch = 0;
    const counter = {
      onEpochBegin: () => void (atBegin = guard.awaited),
      onTrainBatchEnd: (_b: number, logs?: Record<string, number>) => {
        atLastBatch = guard.awaited;
        // batch logs hold the running figures (read on the first step, then every 8th)
        expect(Number.isFinite(logs!.loss) && Number.isFinite(logs!.accuracy)).toBe(true);
      },
      onEpochEnd: () => {
        inside.push(atLastBatch - atBegin);
        total.push(guard.awaited - atBegin);
      },
    };
    let out = '';
    // A live bar (a TTY, no redraw interval): it wants batch logs at every step.
    const stream = { write: (t: string) => void (out += t), isTTY: true };
    guard.install();
    try {
      const quiet = await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0, validationData: [xVal, yVal], callbacks: [counter] });
      const loud = await model.fit(x, y, {
        epochs: 1,
        batchSize: 32,
        verbose: 1,
        validationSplit: 0.25,
        progressStream: stream,
        callbacks: [counter],
      });
      const ev = await model.evaluate(xVal, yVal, { batchSize: 32, verbose: 1, progressStream: stream });
      const predictions = await model.predict(xVal, { batchSize: 32, verbose: 1, progressStream: stream });
      const top = tf.argMax(predictions, -1);
      const labels = await top.data();
      tf.dispose([predictions, top]);
      guard.restore();

      expect(quiet.history.loss).toHaveLength(2);
      expect(quiet.history.loss![1]!).toBeLessThan(quiet.history.loss![0]!);
      expect(Object.keys(quiet.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
      expect(Object.keys(loud.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
      expect(ev.accuracy).toBeGreaterThan(0.5);
      expect(labels).toHaveLength(VAL);
      // eslint-disable-next-line no-control-regex
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      expect(plain).toMatch(/15\/15 .* - accuracy: 0\.\d{4} - loss: \d\.\d{4} - val_accuracy: 0\.\d{4} - val_loss: \d\.\d{4}\n/);
      expect(plain).toMatch(/\r\s*\d+\/15 .* - accuracy: 0\.\d{4} - loss: \d\.\d{4}/); // the live bar shows the figures read so far

      // Training steps per epoch: 20, 20, then 15 (validationSplit 0.25); reads at steps 1, 9, 17.
      const steps = [20, 20, 15];
      expect(inside).toEqual(steps.map((n) => Math.ceil(n / 8)));
      // Besides: one read of the epoch's figures and one of the validation figures.
      expect(total).toEqual(inside.map((n) => n + 2));
    } finally {
      guard.restore();
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a loss on logits (the taped path) with synchronous reads made to throw', () => {
  it('fits with validation and evaluates: the sparse labels are checked once, with an awaited read', async () => {
    setRandomSeed(4);
    const before = tf.memory().numTensors;
    const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10 })]);
    model.compile({ optimizer: 'adam', loss: new SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const guard = new ReadGuard();
    guard.install();
    try {
      const h = await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, validationData: [xVal, yVal] });
      const ev = await model.evaluate(xVal, yVal, { verbose: 0 });
      guard.restore();
      expect(h.history.val_loss![0]).toBeCloseTo(ev.loss!, 5);
      // labels out of range are still refused before training, by the awaited check
      const bad = tf.fill([TRAIN], 10);
      guard.install();
      await expect(model.fit(x, bad, { verbose: 0 })).rejects.toThrow(/label 10 of sample 0 is not a class index in \[0, 10\)/);
      bad.dispose();
    } finally {
      guard.restore();
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
