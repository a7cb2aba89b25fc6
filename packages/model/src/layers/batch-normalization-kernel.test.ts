import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, setRandomSeed } from '@neuralkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { withoutKernels } from '../../test/without-kernels.js';
import { sequential } from '../sequential-factory.js';
import { layers } from './index.js';

afterAll(() => activate('cpu'));

const BN_KERNELS = [KERNEL_NAMES.batchNormTrain, KERNEL_NAMES.batchNormTrainGrad];

interface Run {
  losses: number[];
  weights: number[][];
  kernels: string[];
  leaked: number;
}

type Net = 'convnet' | 'mlp';

/**
 * Conv2D(4, relu) → BatchNormalization (4D, channels last) → Flatten → Dense(3, softmax), or
 * Dense(6, relu) → BatchNormalization(options) → Dense(3, softmax), from seed 3: 3 epochs of
 * 4 batches of 8 (12 steps) with Adam, then a fourth epoch counted for leaks. A linear layer's
 * bias right before BatchNormalization gets a gradient of rounding noise only, which Adam's
 * normalization turns into steps of the learning rate's size: both lead into a relu here.
 */
async function train(net: Net, bn: Parameters<typeof layers.batchNormalization>[0] = {}): Promise<Run> {
  const x = tf.randomUniform(net === 'convnet' ? [32, 5, 5, 2] : [32, 5], -1, 3, 'float32', 11);
  const y = tf.tidy(() => tf.cast(tf.mul(tf.randomUniform([32], 0, 1, 'float32', 12), 3), 'int32'));
  setRandomSeed(3);
  const model = sequential(net === 'convnet'
    ? [layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [5, 5, 2] }), layers.batchNormalization({ momentum: 0.8, ...bn }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })]
    : [layers.dense({ units: 6, activation: 'relu', inputShape: [5] }), layers.batchNormalization({ momentum: 0.8, ...bn }), layers.dense({ units: 3, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const fit = (epochs: number) => model.fit(x, y, { epochs, batchSize: 8, shuffle: false, verbose: 0 });
  let losses: number[] = [];
  const { kernels } = await tf.profile(async () => {
    losses = (await fit(3)).history.loss!;
  });
  const before = tf.memory().numTensors;
  await fit(1);
  const leaked = tf.memory().numTensors - before;
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  tf.dispose([x, y]);
  return { losses, weights, kernels: [...new Set(kernels.map((k) => k.name))], leaked };
}

function expectSameTraining(a: Run, b: Run): void {
  expect(a.weights.map((w) => w.length)).toEqual(b.weights.map((w) => w.length));
  a.weights.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - b.weights[i]![j]!), `weight ${i}[${j}]`).toBeLessThan(1e-5)));
  a.losses.forEach((l, i) => expect(Math.abs(l - b.losses[i]!)).toBeLessThan(1e-5));
}

describe.each(['cpu', 'wasm'] as const)('BatchNormalization through the seam kernels on %s', (backend) => {
  it.each([
    ['convnet', {}], ['mlp', {}], ['mlp', { center: false, scale: false }], ['mlp', { scale: false, epsilon: 0.1 }],
  ] as const)('%s %j: trains to the weights and moving statistics of the generic ops path, leaking nothing', async (net, bn) => {
    await activate(backend);
    const fused = await train(net, bn);
    const generic = await withoutKernels(BN_KERNELS, () => train(net, bn));
    expect(fused.kernels).toEqual(expect.arrayContaining(BN_KERNELS));
    expect(generic.kernels.filter((k) => k.startsWith('NeuralkitBatchNorm'))).toEqual([]);
    expect(fused.kernels).not.toContain('FusedBatchNorm');
    expect(generic.kernels).toContain('FusedBatchNorm');
    expectSameTraining(fused, generic);
    // Training moved them: the moving statistics are not still at their initial 0 and 1.
    const moving = fused.weights.slice(-4).find((w) => w.length > 0 && w.every((v) => v !== 0 && v !== 1));
    expect(moving, 'moving statistics moved').toBeDefined();
    expect(fused.losses[2]!).toBeLessThan(fused.losses[0]!);
    expect([fused.leaked, generic.leaked]).toEqual([0, 0]);
  });

  it('takes the generic gradient when the backend has the forward kernel only', async () => {
    await activate(backend);
    const fused = await withoutKernels([KERNEL_NAMES.batchNormTrainGrad], () => train('mlp'));
    const generic = await withoutKernels(BN_KERNELS, () => train('mlp'));
    expect(fused.kernels).toContain(KERNEL_NAMES.batchNormTrain);
    expect(fused.kernels).not.toContain(KERNEL_NAMES.batchNormTrainGrad);
    expectSameTraining(fused, generic);
    expect(fused.leaked).toBe(0);
  });
});
