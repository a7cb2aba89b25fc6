// Bundled for Chromium by whole-step.browser.test.ts: Dense models and convnets trained with
// @neuralkit/model's fit on the page's WebGPU, once through the adapter's whole-step program (one
// compute pass a step), once with the program unregistered (the per-kernel path) and once on
// tfjs-webgpu's generic ops alone, from the same seed and data. The engine's kernel calls are
// counted per training batch, and the optimizer's iteration count kept.
import * as tf from '@tensorflow/tfjs-core';
import { optimizerUpdateKernel, registerStepProgram, setRandomSeed, stepProgramFactory, useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { FUSED_OPTIMIZERS, MODEL_KERNELS, WebgpuStepProgram, webgpuBackend } from '../../src/index.js';
import { withoutKernels } from './without-kernels.js';

const SAMPLES = 150; // 4 batches of 32 and one of 22
const EPOCHS = 2;

export interface Run {
  weights: number[][];
  history: Record<string, number[]>;
  perBatch: number[];
  iterations: number;
  /** Steps the whole-step program took (it may decline one: then fit runs the step its usual way). */
  programSteps: number;
}

export type Case = 'lecture' | 'mlp' | 'dropout' | 'deep' | 'sgd' | 'rmsprop' | 'split' | 'convnet' | 'convdeep';

let calls = 0;
let programSteps = 0;
const step = WebgpuStepProgram.prototype.step;
WebgpuStepProgram.prototype.step = function (this: WebgpuStepProgram, ...rest: Parameters<typeof step>) {
  const taken = step.apply(this, rest);
  if (taken) programSteps++;
  return taken;
};
function countKernels(): void {
  const engine = tf.engine() as unknown as { runKernel(name: string, ...rest: unknown[]): unknown };
  const run = engine.runKernel.bind(engine);
  engine.runKernel = (name: string, ...rest: unknown[]) => {
    calls++;
    return run(name, ...rest);
  };
}

function build(kind: Case) {
  if (kind === 'convnet') {
    // Keras's MNIST convnet, narrower.
    return sequential([
      layers.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28] }),
      layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', padding: 'same' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  if (kind === 'convdeep') {
    // No bias, tanh and sigmoid, a Dropout on a convolution, a pool that leaves a column out.
    return sequential([
      layers.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28] }),
      layers.conv2d({ filters: 3, kernelSize: [3, 2], activation: 'tanh', useBias: false }),
      layers.dropout({ rate: 0.2 }),
      layers.conv2d({ filters: 4, kernelSize: 3, activation: 'sigmoid' }),
      layers.maxPooling2d({ poolSize: [2, 3] }),
      layers.flatten(),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  const head = [layers.flatten({ inputShape: [28, 28] })];
  const hidden = kind === 'mlp' || kind === 'sgd' || kind === 'rmsprop' || kind === 'split'
    ? [layers.dense({ units: 64, activation: 'relu' })]
    : kind === 'deep'
      ? [layers.dense({ units: 32, activation: 'tanh' }), layers.dropout({ rate: 0.25 }), layers.dense({ units: 16, activation: 'sigmoid', useBias: false }),
        layers.dropout({ rate: 0 }), layers.dense({ units: 12 })]
      : kind === 'dropout'
        ? [layers.dense({ units: 64, activation: 'relu' }), layers.dropout({ rate: 0.2 })]
        : [];
  return sequential([...head, ...hidden, layers.dense({ units: 10, activation: 'softmax' })]);
}

const OPTIMIZERS: Record<Case, unknown> = {
  lecture: 'adam',
  mlp: 'adam',
  dropout: 'adam',
  deep: { class_name: 'Nadam', config: { learning_rate: 0.01 } },
  sgd: { class_name: 'SGD', config: { learning_rate: 0.1, momentum: 0.9, nesterov: true } },
  rmsprop: { class_name: 'RMSprop', config: { centered: true, momentum: 0.5 } },
  split: 'adamax',
  convnet: 'adam',
  convdeep: { class_name: 'RMSprop', config: { learning_rate: 0.01 } },
};

async function train(kind: Case, x: tf.Tensor, y: tf.Tensor): Promise<Run> {
  setRandomSeed(5);
  const model = build(kind);
  model.compile({ optimizer: OPTIMIZERS[kind] as never, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const perBatch: number[] = [];
  programSteps = 0;
  let mark = 0;
  const hooks = {
    onTrainBatchBegin: () => {
      mark = calls;
    },
    onTrainBatchEnd: () => {
      perBatch.push(calls - mark);
    },
  };
  const options = kind === 'split'
    ? { epochs: EPOCHS, batchSize: 32, verbose: 0 as const, validationSplit: 0.2, shuffle: false, callbacks: [hooks] }
    : { epochs: EPOCHS, batchSize: 32, verbose: 0 as const, callbacks: [hooks] };
  const history = await model.fit(x, y, options);
  const weights: number[][] = [];
  for (const w of model.getWeights()) weights.push(Array.from(await w.data()));
  const iterations = model.compiled!.optimizer.iterations;
  model.dispose();
  return { weights, history: history.history as Record<string, number[]>, perBatch, iterations, programSteps };
}

/** Runs `fn` on tfjs-webgpu's own kernels alone: the seam's model kernels and the fused optimizer updates unregistered. */
function generic<T>(fn: () => Promise<T>): Promise<T> {
  return withoutKernels([...MODEL_KERNELS, ...FUSED_OPTIMIZERS.map(optimizerUpdateKernel)], fn);
}

async function main() {
  await useBackend(webgpuBackend());
  countKernels();
  const factory = stepProgramFactory('webgpu');
  if (!factory) throw new Error('no whole-step program registered for webgpu');
  const x = tf.randomUniform([SAMPLES, 28, 28], 0, 1, 'float32', 3);
  const labels = Array.from({ length: SAMPLES }, (_, i) => (i * 7) % 10);
  const yInt = tf.tensor1d(labels, 'int32');
  const yFloat = tf.tensor2d(labels, [SAMPLES, 1], 'float32');
  const before = tf.memory().numTensors;
  const results: Partial<Record<Case, { program: Run; kernels: Run; generic: Run }>> = {};
  for (const kind of ['lecture', 'mlp', 'dropout', 'deep', 'sgd', 'rmsprop', 'split', 'convnet', 'convdeep'] as const) {
    const y = kind === 'mlp' || kind === 'dropout' || kind === 'split' ? yFloat : yInt;
    const program = await train(kind, x, y);
    registerStepProgram('webgpu', undefined);
    try {
      results[kind] = { program, kernels: await train(kind, x, y), generic: await generic(() => train(kind, x, y)) };
    } finally {
      registerStepProgram('webgpu', factory);
    }
  }
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, yInt, yFloat]);
  return { backend: tf.getBackend(), results, leaked };
}

main().then(
  (r) => Object.assign(globalThis, { wholeStepResults: r }),
  (e: Error) => Object.assign(globalThis, { wholeStepResults: { error: `${e.message}\n${e.stack}` } }),
);
