import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, setRandomSeed } from '@neuralkit/core';
import { CategoricalCrossentropy } from '@neuralkit/losses';
import { SGD } from '@neuralkit/optimizers';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { SEAM_KERNELS, withoutKernels } from '../../test/without-kernels.js';
import { layers } from '../layers/index.js';
import { sequential } from '../sequential-factory.js';

/**
 * - direct: the tape-free step with the backend's kernels;
 * - direct-reference: the tape-free step with the kernels' tfjs-core references;
 * - taped: tfjs's tape over the backend's kernels (a zero weight penalty keeps the step off the direct path);
 * - generic: the tape over tfjs-core ops only, no kernel of ours anywhere: the reference;
 * - keras: no fusion at all (a separate softmax Activation layer), the loss on probabilities as Keras computes it.
 */
type Path = 'direct' | 'direct-reference' | 'taped' | 'generic' | 'keras';

interface Options {
  hidden?: string;
  useBias?: boolean;
  optimizer?: 'adam' | 'sgd';
  dropout?: number;
  weighted?: boolean;
  /** One-hot targets under categorical crossentropy (with this label smoothing) instead of class indices. */
  categorical?: number;
}

interface Run {
  batchLosses: number[];
  epochLosses: number[];
  weights: number[][];
  kernels: string[];
}

/** `Flatten → Dense(8, hidden) → [Dropout] → Dense(4, softmax)`, 3 epochs of 3 batches (9 steps). */
async function train(path: Path, options: Options = {}): Promise<Run> {
  const { hidden = 'relu', useBias = true, optimizer = 'adam', dropout, weighted = false, categorical } = options;
  const run = async (): Promise<Run> => {
    const x = tf.tidy(() => tf.relu(tf.randomUniform([96, 3, 4], -0.5, 1, 'float32', 7))); // a third are exact zeros
    const y = tf.tidy(() => {
      const labels = tf.cast(tf.mul(tf.randomUniform([96], 0, 1, 'float32', 8), 4), 'int32');
      return categorical === undefined ? labels : tf.cast(tf.oneHot(labels as tf.Tensor1D, 4), 'float32');
    });
    const sampleWeight = weighted ? tf.randomUniform([96], 0, 2, 'float32', 9) : undefined;
    setRandomSeed(5);
    const taped = path === 'taped' || path === 'generic' || path === 'keras';
    const penalty = taped ? { kernelRegularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0 } } } : {};
    const model = sequential([
      layers.flatten({ inputShape: [3, 4] }),
      layers.dense({ units: 8, activation: hidden as 'relu', useBias, ...penalty }),
      ...(dropout === undefined ? [] : [layers.dropout({ rate: dropout })]),
      ...(path === 'keras'
        ? [layers.dense({ units: 4 }), layers.activation({ activation: 'softmax' })]
        : [layers.dense({ units: 4, activation: 'softmax' })]),
    ]);
    const loss = categorical === undefined ? 'sparse_categorical_crossentropy' : new CategoricalCrossentropy({ labelSmoothing: categorical });
    // Adam is nearly blind to a gradient's scale; plain SGD (learning rate 0.5) is not.
    model.compile({ optimizer: optimizer === 'sgd' ? new SGD({ learningRate: 0.5 }) : 'adam', loss, metrics: ['accuracy'] });
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
  };
  return path === 'generic' || path === 'direct-reference' ? withoutKernels(SEAM_KERNELS, run) : run();
}

function expectSameTraining(a: Run, b: Run, tolerance: number): void {
  expect(a.batchLosses).toHaveLength(9);
  a.batchLosses.forEach((l, i) => expect(Math.abs(l - b.batchLosses[i]!)).toBeLessThan(tolerance));
  a.epochLosses.forEach((l, i) => expect(Math.abs(l - b.epochLosses[i]!)).toBeLessThan(tolerance));
  expect(a.weights.map((w) => w.length)).toEqual(b.weights.map((w) => w.length));
  a.weights.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - b.weights[i]![j]!)).toBeLessThan(tolerance)));
}

/** Every path against the generic one, over 9 steps. */
async function expectAllPathsAgree(options: Options): Promise<Record<Path, Run>> {
  const runs = {} as Record<Path, Run>;
  for (const path of ['generic', 'direct', 'direct-reference', 'taped'] as const) runs[path] = await train(path, options);
  for (const path of ['direct', 'direct-reference', 'taped'] as const) {
    try {
      expectSameTraining(runs[path], runs.generic, 1e-6);
    } catch (e) {
      throw new Error(`${path} vs generic: ${(e as Error).message}`, { cause: e });
    }
  }
  return runs;
}

afterAll(() => activate('cpu'));

describe.each(['cpu', 'wasm'] as const)('the direct Dense-chain step on %s', (backend) => {
  it('trains as the generic ops path does (relu hidden layer): same losses and weights to 1e-6 over 9 steps (Adam, SGD)', async () => {
    await activate(backend);
    const { generic, direct, taped } = await expectAllPathsAgree({});
    expect(generic.kernels.filter((k) => k.startsWith('Neuralkit'))).toEqual([]);
    // The tape's Dense gradients: the relu layer's relu and bias gradients from one kernel, the
    // output layer's kernel and bias gradients from one; no step.
    expect(taped.kernels).toEqual(expect.arrayContaining([KERNEL_NAMES.biasActivationGrad, KERNEL_NAMES.denseGradParams]));
    expect(taped.kernels).not.toContain('Step');
    expect(direct.kernels).toEqual(expect.arrayContaining([KERNEL_NAMES.dense, KERNEL_NAMES.denseGradParams, KERNEL_NAMES.denseGradInputActivation, KERNEL_NAMES.sparseSoftmaxCrossEntropy, 'NeuralkitAdamUpdate']));
    // The bias gradients and relu's derivative are in those kernels: no separate sum or step.
    expect(direct.kernels).not.toContain('Step');
    expect(direct.kernels).not.toContain(KERNEL_NAMES.denseGradKernel);
    // The direct path runs no tape: none of the generic path's matMul or log-softmax kernels.
    expect(direct.kernels).not.toContain('_FusedMatMul');
    expect(direct.kernels).not.toContain('LogSoftmax');
    await expectAllPathsAgree({ optimizer: 'sgd' });
    // Adam moved the weights: the comparison is not between two untrained models.
    expect(direct.batchLosses[8]!).toBeLessThan(direct.batchLosses[0]!);
  });

  it('matches with a linear hidden layer and no bias', async () => {
    await activate(backend);
    await expectAllPathsAgree({ hidden: 'linear', useBias: false, optimizer: 'sgd' });
  });

  it('matches with Dropout, with sample weights, and with sigmoid and tanh hidden layers', async () => {
    await activate(backend);
    const { direct } = await expectAllPathsAgree({ dropout: 0.3 });
    // The direct path ran: no tape, so no matMul of tfjs's own.
    expect(direct.kernels).not.toContain('_FusedMatMul');
    await expectAllPathsAgree({ weighted: true, optimizer: 'sgd' });
    await expectAllPathsAgree({ hidden: 'sigmoid', dropout: 0.5, weighted: true });
    await expectAllPathsAgree({ hidden: 'tanh', optimizer: 'sgd' });
    // Dropout changes training: the runs above did not all drop nothing.
    expect(direct.weights).not.toEqual((await train('direct')).weights);
  });

  it('matches under categorical crossentropy over one-hot targets, with label smoothing, Dropout and sample weights', async () => {
    await activate(backend);
    const { direct } = await expectAllPathsAgree({ categorical: 0 });
    expect(direct.kernels).toEqual(expect.arrayContaining([KERNEL_NAMES.dense, KERNEL_NAMES.softmaxCrossEntropy]));
    expect(direct.kernels).not.toContain(KERNEL_NAMES.sparseSoftmaxCrossEntropy);
    expect(direct.kernels).not.toContain('LogSoftmax');
    const smoothed = await expectAllPathsAgree({ categorical: 0.1, dropout: 0.3, weighted: true, optimizer: 'sgd' });
    // Smoothing changes the targets: the runs differ from the unsmoothed ones.
    expect(Math.abs(smoothed.direct.batchLosses[0]! - (await train('direct', { categorical: 0, dropout: 0.3, weighted: true, optimizer: 'sgd' })).batchLosses[0]!)).toBeGreaterThan(1e-3);
    // Keras's own probability path (softmax, clip, log), unfused: the same training to float32 rounding.
    for (const categorical of [0, 0.1]) expectSameTraining(await train('keras', { categorical, optimizer: 'sgd' }), await train('direct', { categorical, optimizer: 'sgd' }), 2e-5);
  });

  it('leaves no tensors behind after the first fit', async () => {
    await activate(backend);
    await train('direct', { dropout: 0.2, weighted: true });
    const before = tf.memory().numTensors;
    await train('direct', { dropout: 0.2, weighted: true });
    await train('direct', { dropout: 0.2, categorical: 0.1 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
