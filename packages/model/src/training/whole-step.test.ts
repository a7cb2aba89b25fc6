import * as tf from '@tensorflow/tfjs-core';
import {
  registerStepProgram, setRandomSeed, type StepProgram, type StepProgramSpec,
} from '@neuralkit/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';

// fit's side of a backend's whole-step program (`StepProgram`), with a program registered
// for cpu here: what fit hands it (the spec, the batches' rows, the draws) and what fit does with
// its sums. The program under test adds the batch's true loss sum and argmax matches (tfjs ops)
// and leaves the weights alone, so fit's epoch figures must equal evaluate's on the training rows.
// The WGSL program's numerics are tested against the per-kernel path in backend-webgpu's Chromium tests.

beforeAll(() => activate('cpu'));
afterEach(() => registerStepProgram('cpu', undefined));

interface Seen {
  spec?: StepProgramSpec;
  rows: number[][];
  draws: Array<{ attrs: Record<string, number | boolean>; dropoutSeeds: number[] }>;
}

/** A program that counts the batch's loss and matches with tfjs ops, or declines every step. */
function register(seen: Seen, decline = false): void {
  registerStepProgram('cpu', (spec): StepProgram => {
    seen.spec = spec;
    return {
      step({ rows, draw, sums }) {
        seen.rows.push(Array.from(rows));
        if (decline) return false;
        seen.draws.push(draw());
        tf.tidy(() => {
          const idx = tf.tensor1d(rows, 'int32');
          let h = tf.gather(spec.x, idx);
          for (const l of spec.layers) {
            if (l.kind === 'conv2d' || l.kind === 'maxPool2d') throw new Error('this test program runs Dense layers only');
            h = tf.matMul(h, l.kernel);
            if (l.bias) h = tf.add(h, l.bias);
            if (l.activation === 'relu') h = tf.relu(h);
          }
          const labels = tf.cast(tf.gather(spec.y, idx), 'int32');
          const logp = tf.logSoftmax(h);
          const loss = tf.neg(tf.sum(tf.mul(logp, tf.oneHot(labels, h.shape[1]!))));
          const matches = tf.sum(tf.cast(tf.equal(tf.argMax(h, -1), labels), 'float32'));
          sums.assign(tf.add(sums, tf.stack([loss, matches])));
        });
        return true;
      },
      dispose() {},
    };
  });
}

const x = () => tf.tidy(() => tf.reshape(tf.sin(tf.div(tf.range(0, 10 * 12, 1, 'float32'), 60)), [10, 3, 4]));
const y = () => tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 1], 'int32');

function mlp(optimizer: unknown = 'adam', extra: Record<string, unknown> = {}) {
  setRandomSeed(4);
  const m = sequential([
    layers.flatten({ inputShape: [3, 4] }),
    layers.dense({ units: 5, activation: 'relu' }),
    layers.dropout({ rate: 0.25, seed: 9 }),
    layers.dense({ units: 3, activation: 'softmax' }),
  ]);
  m.compile({ optimizer: optimizer as never, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'], ...extra });
  return m;
}

describe('fit with a whole-step program', () => {
  it('hands it the model, the training set and each batch’s rows, and reports its sums as the epoch figures', async () => {
    const seen: Seen = { rows: [], draws: [] };
    register(seen);
    const [xs, ys] = [x(), y()];
    const m = mlp({ class_name: 'SGD', config: { learning_rate: 0.1, momentum: 0.9 } });
    const before = tf.memory().numTensors;
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 4, shuffle: false, validationSplit: 0.2, verbose: 0 });
    // Only the optimizer's four momentum slots stay (optimizer state, as without the program).
    expect(tf.memory().numTensors).toBe(before + 4);
    const spec = seen.spec!;
    expect(spec.x.shape).toEqual([10, 12]);
    expect(spec.y.shape).toEqual([10]);
    expect(spec.layers.map((l) => (l.kind === 'dense' ? [l.kernel.shape, l.bias?.shape, l.activation, l.dropout] : l.kind))).toEqual([
      [[12, 5], [5], 'relu', 0.25],
      [[5, 3], [3], 'softmax', undefined],
    ]);
    expect(spec.optimizer.className).toBe('SGD');
    expect(spec.optimizer.slotNames).toEqual(['momentum']);
    expect(spec.optimizer.slots.map((s) => s.map((t) => t.shape))).toEqual([[[12, 5]], [[5]], [[5, 3]], [[3]]]);
    // 8 training rows (the split keeps the last 2 for validation), in order, batches of 4.
    expect(seen.rows).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(m.compiled!.optimizer.iterations).toBe(4);
    expect(seen.draws.map((d) => d.attrs.learningRate)).toEqual([0.1, 0.1, 0.1, 0.1].map(Math.fround));
    // One seed a step for the one Dropout, from its own seeded stream: distinct, and as a fresh layer draws them.
    const seeds = seen.draws.map((d) => d.dropoutSeeds);
    expect(seeds.every((s) => s.length === 1)).toBe(true);
    setRandomSeed(4);
    const probe = layers.dropout({ rate: 0.25, seed: 9 }) as unknown as { nextSeed(): number };
    expect(seeds.map((s) => s[0])).toEqual([probe.nextSeed(), probe.nextSeed(), probe.nextSeed(), probe.nextSeed()]);
    // The weights did not move, so the epoch's figures are evaluate's on the 8 training rows.
    const [xTrain, yTrain] = [tf.slice(xs, 0, 8), tf.slice(ys, 0, 8)];
    const { loss, accuracy } = await m.evaluate(xTrain, yTrain, { batchSize: 8, verbose: 0 });
    tf.dispose([xTrain, yTrain]);
    for (const e of [0, 1]) {
      expect(h.history.loss![e]).toBeCloseTo(loss!, 5);
      expect(h.history.accuracy![e]).toBeCloseTo(accuracy!, 5);
    }
    expect(h.history.val_loss).toHaveLength(2);
    m.dispose();
    tf.dispose([xs, ys]);
  });

  it('shuffled batches reach it as shuffled row indices, each row once an epoch', async () => {
    const seen: Seen = { rows: [], draws: [] };
    register(seen);
    const [xs, ys] = [x(), y()];
    const m = mlp();
    await m.fit(xs, ys, { epochs: 1, batchSize: 3, verbose: 0 });
    expect(seen.rows.map((r) => r.length)).toEqual([3, 3, 3, 1]);
    expect(seen.rows.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.rows.flat()).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    m.dispose();
    tf.dispose([xs, ys]);
  });

  it('a declined step draws nothing and trains as without the program', async () => {
    const seen: Seen = { rows: [], draws: [] };
    const [xs, ys] = [x(), y()];
    const train = async () => {
      const m = mlp();
      const h = await m.fit(xs, ys, { epochs: 2, batchSize: 4, verbose: 0 });
      const w = await Promise.all(m.getWeights().map((t) => t.data()));
      m.dispose();
      return { loss: h.history.loss, w: w.map((a) => Array.from(a)) };
    };
    const plain = await train();
    register(seen, true);
    const declined = await train();
    expect(seen.rows).toHaveLength(6);
    expect(seen.draws).toHaveLength(0);
    expect(declined).toEqual(plain);
    tf.dispose([xs, ys]);
  });

  it('hands it a convnet layer by layer: Conv2D and MaxPooling2D geometry, a Dropout on the layer before it', async () => {
    const seen: Seen = { rows: [], draws: [] };
    register(seen, true);
    const xs = tf.zeros([4, 8, 8]);
    const ys = tf.tensor1d([0, 1, 2, 1], 'int32');
    setRandomSeed(4);
    const m = sequential([
      layers.reshape({ targetShape: [8, 8, 1], inputShape: [8, 8] }),
      layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', padding: 'same' }),
      layers.dropout({ rate: 0.1 }),
      layers.maxPooling2d({ poolSize: [2, 3] }),
      layers.conv2d({ filters: 3, kernelSize: [2, 1], useBias: false }),
      layers.flatten(),
      layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ]);
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    await m.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
    const summary = seen.spec!.layers.map((l) => l.kind === 'maxPool2d'
      ? { kind: l.kind, pool: l.pool, inputShape: l.inputShape, dropout: l.dropout }
      : l.kind === 'conv2d'
        ? { kind: l.kind, kernel: l.kernel.shape, bias: l.bias?.shape, activation: l.activation, padding: l.padding, inputShape: l.inputShape, dropout: l.dropout }
        : { kind: l.kind, kernel: l.kernel.shape, activation: l.activation, dropout: l.dropout });
    expect(summary).toEqual([
      { kind: 'conv2d', kernel: [3, 3, 1, 2], bias: [2], activation: 'relu', padding: 'same', inputShape: [8, 8, 1], dropout: 0.1 },
      { kind: 'maxPool2d', pool: [2, 3], inputShape: [8, 8, 2], dropout: undefined },
      { kind: 'conv2d', kernel: [2, 1, 2, 3], bias: undefined, activation: 'linear', padding: 'valid', inputShape: [4, 2, 2], dropout: 0.5 },
      { kind: 'dense', kernel: [18, 3], activation: 'softmax', dropout: undefined },
    ]);
    expect(seen.spec!.x.shape).toEqual([4, 64]);
    expect(seen.spec!.optimizer.slots).toHaveLength(5); // two kernels and a bias of the convolutions, the Dense kernel and bias
    m.dispose();
    tf.dispose([xs, ys]);
  });

  it('is not used where the step needs more than it does', async () => {
    const [xs, ys] = [x(), y()];
    const cases: Array<[string, () => ReturnType<typeof mlp>, Record<string, unknown>]> = [
      ['sample weights', () => mlp(), { sampleWeight: tf.ones([10]) }],
      ['class weights', () => mlp(), { classWeight: { 0: 2 } }],
      ['clipping', () => mlp({ class_name: 'Adam', config: { clipnorm: 1 } }), {}],
      ['another metric', () => mlp('adam', { metrics: ['accuracy', 'sparse_top_k_categorical_accuracy'] }), {}],
      ['a weighted metric', () => mlp('adam', { metrics: [], weightedMetrics: ['accuracy'] }), {}],
      ['another loss', () => mlp('adam', { loss: 'categorical_crossentropy' }), { y: tf.oneHot(ys as tf.Tensor1D, 3) }],
      ['a regularizer', () => {
        const m = sequential([layers.flatten({ inputShape: [3, 4] }), layers.dense({ units: 3, activation: 'softmax', kernelRegularizer: 'l2' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
      ['a Dropout before the first Dense', () => {
        const m = sequential([layers.flatten({ inputShape: [3, 4] }), layers.dropout({ rate: 0.5 }), layers.dense({ units: 3, activation: 'softmax' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
      ['a strided Conv2D', () => {
        const m = sequential([layers.reshape({ targetShape: [3, 4, 1], inputShape: [3, 4] }), layers.conv2d({ filters: 2, kernelSize: 2, strides: 2 }),
          layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
      ['an overlapping MaxPooling2D', () => {
        const m = sequential([layers.reshape({ targetShape: [3, 4, 1], inputShape: [3, 4] }), layers.conv2d({ filters: 2, kernelSize: 1 }),
          layers.maxPooling2d({ poolSize: 2, strides: 1 }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
      ['an AveragePooling2D', () => {
        const m = sequential([layers.reshape({ targetShape: [3, 4, 1], inputShape: [3, 4] }), layers.conv2d({ filters: 2, kernelSize: 1 }),
          layers.averagePooling2d({ poolSize: 2 }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
      ['a softplus hidden layer', () => {
        const m = sequential([layers.flatten({ inputShape: [3, 4] }), layers.dense({ units: 4, activation: 'softplus' }), layers.dense({ units: 3, activation: 'softmax' })]);
        m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
        return m;
      }, {}],
    ];
    for (const [what, make, options] of cases) {
      const seen: Seen = { rows: [], draws: [] };
      register(seen);
      const m = make();
      const { y: labels, ...rest } = options as { y?: tf.Tensor };
      await m.fit(xs, labels ?? ys, { epochs: 1, batchSize: 5, verbose: 0, ...rest });
      expect(seen.rows, what).toHaveLength(0);
      m.dispose();
      tf.dispose(Object.values(options).filter((v): v is tf.Tensor => v instanceof tf.Tensor));
    }
    tf.dispose([xs, ys]);
  });
});
