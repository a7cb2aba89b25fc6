import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { SGD } from '@neuralkit/optimizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';

// The kernels @neuralkit/backend-wasm registers for this package. Unregistering them makes the
// model take the generic ops path (tf.fused.matMul, log-softmax, tfjs's tape): the reference.
const WASM_KERNELS = ['NeuralkitDense', 'NeuralkitDenseGradKernel', 'NeuralkitDenseGradInput', 'NeuralkitSparseSoftmaxCrossEntropy'];

type Path = 'direct' | 'taped' | 'generic';

interface Run {
  batchLosses: number[];
  epochLosses: number[];
  weights: number[][];
  kernels: string[];
}

/** `Flatten → Dense(8, hidden) → Dense(4, softmax)`, 3 epochs of 3 batches (9 steps). */
async function train(path: Path, hidden: 'relu' | 'linear', options: { useBias?: boolean; optimizer?: 'adam' | 'sgd' } = {}): Promise<Run> {
  const { useBias = true, optimizer = 'adam' } = options;
  const saved = path === 'generic' ? WASM_KERNELS.map((name) => tf.getKernel(name, 'wasm')!) : [];
  for (const k of saved) tf.unregisterKernel(k.kernelName, 'wasm');
  try {
    const x = tf.tidy(() => tf.relu(tf.randomUniform([96, 3, 4], -0.5, 1, 'float32', 7))); // a third are exact zeros
    const y = tf.tidy(() => tf.cast(tf.mul(tf.randomUniform([96], 0, 1, 'float32', 8), 4), 'int32'));
    // Weights of ones leave the loss unchanged but send the batch through the taped kernels.
    const sampleWeight = path === 'taped' ? tf.ones([96]) : undefined;
    setRandomSeed(5);
    const model = sequential([
      layers.flatten({ inputShape: [3, 4] }),
      layers.dense({ units: 8, activation: hidden, useBias }),
      layers.dense({ units: 4, activation: 'softmax' }),
    ]);
    // Adam is nearly blind to a gradient's scale; plain SGD (learning rate 0.5) is not.
    model.compile({ optimizer: optimizer === 'sgd' ? new SGD({ learningRate: 0.5 }) : 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const batchLosses: number[] = [];
    const fit = () => model.fit(x, y, {
      epochs: 3, batchSize: 32, shuffle: false, verbose: 0, ...(sampleWeight ? { sampleWeight } : {}),
      callbacks: [{ onTrainBatchEnd: (_b: number, logs?: Record<string, number>) => void batchLosses.push(logs!.loss!) }],
    });
    let history: Awaited<ReturnType<typeof fit>> | undefined;
    const { kernels } = await tf.profile(async () => {
      history = await fit();
    });
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.dispose();
    tf.dispose([x, y, ...(sampleWeight ? [sampleWeight] : [])]);
    return { batchLosses, epochLosses: history!.history.loss!, weights, kernels: [...new Set(kernels.map((k) => k.name))] };
  } finally {
    for (const k of saved) tf.registerKernel(k);
  }
}

function expectSameTraining(a: Run, b: Run, tolerance: number): void {
  expect(a.batchLosses).toHaveLength(9);
  a.batchLosses.forEach((l, i) => expect(Math.abs(l - b.batchLosses[i]!)).toBeLessThan(tolerance));
  a.epochLosses.forEach((l, i) => expect(Math.abs(l - b.epochLosses[i]!)).toBeLessThan(tolerance));
  expect(a.weights.map((w) => w.length)).toEqual(b.weights.map((w) => w.length));
  a.weights.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - b.weights[i]![j]!)).toBeLessThan(tolerance)));
}

beforeAll(() => activate('wasm'));
afterAll(() => activate('cpu'));

describe('direct Dense-chain gradients on wasm', () => {
  it('train as the generic ops path does (relu hidden layer): same losses and weights to 1e-6 over 9 steps (Adam, SGD)', async () => {
    const generic = await train('generic', 'relu');
    const direct = await train('direct', 'relu');
    expect(generic.kernels).not.toContain('NeuralkitDense');
    expect(direct.kernels).toEqual(expect.arrayContaining(['NeuralkitDense', 'NeuralkitDenseGradKernel', 'NeuralkitDenseGradInput']));
    // The direct path runs no tape: none of the generic path's matMul or log-softmax kernels.
    expect(direct.kernels).not.toContain('_FusedMatMul');
    expect(direct.kernels).not.toContain('LogSoftmax');
    expectSameTraining(direct, generic, 1e-6);
    expectSameTraining(await train('direct', 'relu', { optimizer: 'sgd' }), await train('generic', 'relu', { optimizer: 'sgd' }), 1e-6);
    // Adam moved the weights: the comparison is not between two untrained models.
    const fresh = await train('direct', 'relu').then((r) => r.batchLosses[0]!);
    expect(direct.batchLosses[8]!).toBeLessThan(fresh);
  });

  it('match the taped kernel path and the generic path with a linear hidden layer and no bias', async () => {
    const generic = await train('generic', 'linear', { useBias: false, optimizer: 'sgd' });
    const taped = await train('taped', 'linear', { useBias: false, optimizer: 'sgd' });
    const direct = await train('direct', 'linear', { useBias: false, optimizer: 'sgd' });
    expectSameTraining(direct, generic, 1e-6);
    expectSameTraining(direct, taped, 1e-6);
  });

  it('leaves no tensors behind after the first fit', async () => {
    await train('direct', 'relu');
    const before = tf.memory().numTensors;
    await train('direct', 'relu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
