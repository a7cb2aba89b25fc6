// Bundled for Chromium by model-training.browser.test.ts (the whole-step program off): the lecture model, an MLP (also on one-hot
// int32 targets under categorical crossentropy), an MLP with BatchNormalization and a small convnet trained
// with @neuralkit/model's fit on the page's WebGPU, once with the adapter's WGSL model kernels and
// once with them unregistered (the model's generic tfjs-core references), from the same seed and
// data. Every kernel the engine runs is counted by name, per training batch.
import * as tf from '@tensorflow/tfjs-core';
import { registerStepProgram, setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, sequential } from '@neuralkit/model';
import { MODEL_KERNELS, webgpuBackend } from '../../src/index.js';
import { withoutKernels } from './without-kernels.js';

const SAMPLES = 160; // 5 batches of 32 an epoch
const EPOCHS = 2;

export interface Run {
  weights: number[][];
  loss: number[];
  /** Kernels run per training batch (the engine's runKernel calls), and their names in the last batch. */
  perBatch: number[];
  lastBatch: Record<string, number>;
  /** Calls of each seam kernel over the whole fit. */
  seam: Record<string, number>;
}

let counts: Record<string, number> = {};
function countKernels(): void {
  const engine = tf.engine() as unknown as { runKernel(name: string, ...rest: unknown[]): unknown };
  const run = engine.runKernel.bind(engine);
  engine.runKernel = (name: string, ...rest: unknown[]) => {
    counts[name] = (counts[name] ?? 0) + 1;
    return run(name, ...rest);
  };
}
const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

export type Kind = 'lecture' | 'mlp' | 'categorical' | 'bn' | 'convnet';

function build(kind: Kind) {
  if (kind === 'convnet') {
    return sequential([
      layers.reshape({ targetShape: [28, 28, 1], inputShape: [28, 28] }),
      layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }),
      layers.flatten(),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  const head = [layers.flatten({ inputShape: [28, 28] })];
  const hidden = {
    lecture: [],
    mlp: [layers.dense({ units: 128, activation: 'relu' }), layers.dropout({ rate: 0.2 })],
    categorical: [layers.dense({ units: 128, activation: 'relu' }), layers.dropout({ rate: 0.2 })],
    bn: [layers.dense({ units: 32, activation: 'relu' }), layers.batchNormalization({ momentum: 0.9 })],
  }[kind as Exclude<Kind, 'convnet'>];
  return sequential([...head, ...hidden, layers.dense({ units: 10, activation: 'softmax' })]);
}

async function train(kind: Kind, x: tf.Tensor, y: tf.Tensor): Promise<Run> {
  setRandomSeed(11);
  const model = build(kind);
  const loss = kind === 'categorical' ? 'categorical_crossentropy' : 'sparse_categorical_crossentropy';
  model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
  counts = {};
  const perBatch: number[] = [];
  let seen = 0;
  let mark: Record<string, number> = {};
  let lastBatch: Record<string, number> = {};
  const hooks = {
    onTrainBatchBegin: () => {
      mark = { ...counts };
    },
    onTrainBatchEnd: () => {
      perBatch.push(total(counts) - seen);
      seen = total(counts);
      lastBatch = Object.fromEntries(Object.entries(counts).map(([n, c]) => [n, c - (mark[n] ?? 0)]).filter(([, c]) => (c as number) > 0));
    },
  };
  const history = await model.fit(x, y, { epochs: EPOCHS, batchSize: 32, verbose: 0, callbacks: [hooks] });
  const seam = Object.fromEntries(MODEL_KERNELS.map((n) => [n, counts[n] ?? 0]));
  const weights: number[][] = [];
  for (const w of model.getWeights()) weights.push(Array.from(await w.data()));
  model.dispose();
  return { weights, loss: history.history.loss!, perBatch, lastBatch, seam };
}

/**
 * Runs `fn` with the seam's kernels unregistered, and `also` (tfjs-webgpu's own FusedConv2D for
 * the convnet: then tfjs runs Conv2D, Add and Relu, as tf.fused.conv2d does under a tape).
 */
function withoutModelKernels<T>(fn: () => Promise<T>, also: string[] = []): Promise<T> {
  return withoutKernels([...MODEL_KERNELS, ...also], fn);
}

async function main() {
  await useBackend(webgpuBackend());
  // The per-kernel path under test here; whole-step.entry.ts covers the whole-step program.
  registerStepProgram('webgpu', undefined);
  countKernels();
  const x = tf.randomUniform([SAMPLES, 28, 28], 0, 1, 'float32', 3);
  const y = tf.tensor1d(Array.from({ length: SAMPLES }, (_, i) => (i * 3) % 10), 'int32');
  const oneHot = tf.oneHot(y as tf.Tensor1D, 10); // int32, as users make them
  const before = tf.memory().numTensors;
  const results: Record<string, { fused: Run; generic: Run }> = {};
  for (const kind of ['lecture', 'mlp', 'categorical', 'bn', 'convnet'] as const) {
    const targets = kind === 'categorical' ? oneHot : y;
    const fused = await train(kind, x, targets);
    const generic = await withoutModelKernels(() => train(kind, x, targets), kind === 'convnet' ? ['FusedConv2D'] : []);
    results[kind] = { fused, generic };
  }
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, y, oneHot]);
  return { backend: tf.getBackend(), results, leaked, steps: EPOCHS * (SAMPLES / 32) };
}

main().then(
  (r) => Object.assign(globalThis, { trainingResults: r }),
  (e: Error) => Object.assign(globalThis, { trainingResults: { error: `${e.message}\n${e.stack}` } }),
);
