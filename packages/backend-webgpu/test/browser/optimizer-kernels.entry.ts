// Bundled for Chromium by optimizer-kernels.browser.test.ts: every optimizer variant updated by
// the registered WGSL kernel against the same optimizer on the generic tfjs ops path (the
// kernel switched off with a size limit of 0), on the page's WebGPU, from the same inputs.
import * as tf from '@tensorflow/tfjs-core';
import { optimizerUpdateKernel, setOptimizerKernelLimit, useBackend } from '@neuralkit/core';
import { Adadelta, Adagrad, Adam, Adamax, Nadam, RMSprop, SGD, type Optimizer } from '@neuralkit/optimizers';
import { FUSED_OPTIMIZERS, webgpuBackend } from '../../src/index.js';

const VARIANTS: Array<[string, () => Optimizer]> = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['SGD momentum', () => new SGD({ learningRate: 0.1, momentum: 0.9 })],
  ['SGD nesterov', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.2 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1, rho: 0.8 })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01 })],
  ['RMSprop momentum', () => new RMSprop({ learningRate: 0.01, momentum: 0.5 })],
  ['RMSprop centered', () => new RMSprop({ learningRate: 0.01, centered: true })],
  ['RMSprop centered momentum', () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ['Adam', () => new Adam({ learningRate: 0.05 })],
  ['Adam amsgrad', () => new Adam({ learningRate: 0.05, amsgrad: true })],
  ['Adamax', () => new Adamax({ learningRate: 0.2 })],
  ['Nadam', () => new Nadam({ learningRate: 0.5, beta1: 0.5, beta2: 0.67 })],
];
// 1,000 values (15 full workgroups of 64 and a tail of 40) and the lecture's Dense kernel plus bias.
const SIZES = [1000, 7850];
const STEPS = 5;

export interface VariantCase {
  name: string;
  size: number;
  /** max |fused − generic| for the variable, then each slot; and max |generic| of each. */
  diffs: number[];
  scales: number[];
  /** max |variable − its start|. */
  moved: number;
  /** The fused variable kept its buffer from step 2 on (updated in place); the generic one did not. */
  inPlace: boolean;
  genericRebound: boolean;
}

async function maxAbs(t: tf.Tensor): Promise<number> {
  return ((await t.data()) as Float32Array).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  let max = x.length === y.length ? 0 : Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  return Number.isNaN(max) ? Infinity : max;
}

const start = (size: number) => tf.randomNormal([size], 0, 1, 'float32', size);

async function compare(name: string, make: () => Optimizer, size: number): Promise<VariantCase> {
  const [fusedOpt, genericOpt] = [make(), make()];
  const [fused, generic] = tf.tidy(() => [tf.variable(start(size)), tf.variable(start(size))]);
  const ids: object[] = [];
  for (let step = 1; step <= STEPS; step++) {
    const g = tf.randomNormal([size], 0, 1, 'float32', 100 + step);
    fusedOpt.applyGradients([[g, fused]]);
    setOptimizerKernelLimit('webgpu', 0);
    try {
      genericOpt.applyGradients([[g, generic]]);
    } finally {
      setOptimizerKernelLimit('webgpu', Infinity);
    }
    g.dispose();
    // A read caches the values on the CPU: the next in-place update must drop that copy.
    await fused.data();
    if (step === 1) ids.push(fused.dataId, generic.dataId);
  }
  const [a, b] = [fusedOpt.getWeights(), genericOpt.getWeights()];
  const pairs: Array<[tf.Tensor, tf.Tensor]> = [[fused, generic], ...a.slice(1).map((t, k): [tf.Tensor, tf.Tensor] => [t, b[k + 1]!])];
  const diffs: number[] = [];
  const scales: number[] = [];
  for (const [x, y] of pairs) {
    diffs.push(await maxAbsDiff(x, y));
    scales.push(await maxAbs(y));
  }
  const initial = start(size);
  const moved = await maxAbsDiff(fused, initial);
  const result = { name, size, diffs, scales, moved, inPlace: fused.dataId === ids[0], genericRebound: generic.dataId !== ids[1] };
  tf.dispose([...a, ...b, initial, fused, generic]);
  fusedOpt.dispose();
  genericOpt.dispose();
  return result;
}

/** Direct kernel calls: refusals, a gradient that is the variable, and a 2-D dispatch. */
async function edges() {
  const sgd = optimizerUpdateKernel('SGD');
  const attrs = { learningRate: 0.25, momentum: 0, nesterov: false };
  const refusal = (inputs: tf.NamedTensorMap) => {
    try {
      tf.engine().runKernel(sgd, inputs, { ...attrs, momentum: 0.9 });
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2, 3])));
  const g = tf.tensor1d([1, 1, 1]);
  const copy = tf.clone(w); // shares w's buffer
  const shared = refusal({ gradient: g, variable: w });
  copy.dispose();
  const m = tf.tidy(() => tf.variable(tf.zeros([3])));
  const twice = refusal({ gradient: g, variable: m, momentum: m });
  m.dispose();
  const unchanged = Array.from(await w.data());
  // The gradient is the variable itself: w -= 0.25 · w, so [1, 2, 3] → [0.75, 1.5, 2.25] (exact).
  tf.engine().runKernel(sgd, { gradient: w, variable: w }, attrs);
  const selfGradient = Array.from(await w.data());
  tf.dispose([w, g]);
  // 4,200,000 values need 65,625 workgroups of 64: more than 65,535 along x, so two rows.
  const big = tf.tidy(() => tf.variable(tf.zeros([4_200_000])));
  const twos = tf.fill([4_200_000], 2);
  tf.engine().runKernel(sgd, { gradient: twos, variable: big }, { ...attrs, learningRate: 0.5 });
  const values = (await big.data()) as Float32Array;
  const bigRange = [values.reduce((lo, x) => Math.min(lo, x), Infinity), values.reduce((hi, x) => Math.max(hi, x), -Infinity)];
  tf.dispose([big, twos]);
  return { shared, twice, unchanged, selfGradient, bigRange };
}

async function run() {
  const info = await useBackend(webgpuBackend());
  const registered = FUSED_OPTIMIZERS.filter((name) => tf.getKernel(optimizerUpdateKernel(name), 'webgpu') !== undefined);
  // Count the pipelines the kernels compile (labelled with their kernel name).
  const device = (tf.backend() as unknown as { device: { createComputePipeline(d: { label?: string }): unknown } }).device;
  const create = device.createComputePipeline.bind(device);
  let pipelines = 0;
  device.createComputePipeline = (descriptor) => {
    if (descriptor.label?.startsWith('Neuralkit')) pipelines++;
    return create(descriptor);
  };
  const before = tf.memory().numTensors;
  const cases: VariantCase[] = [];
  for (const [name, make] of VARIANTS) for (const size of SIZES) cases.push(await compare(name, make, size));
  const variantPipelines = pipelines;
  const edge = await edges();
  return {
    backend: info.tfjsBackend, details: info.details, fused: FUSED_OPTIMIZERS, registered,
    cases, variants: VARIANTS.length, variantPipelines, edge, leaked: tf.memory().numTensors - before,
  };
}

run().then(
  (result) => ((globalThis as { optimizerResults?: unknown }).optimizerResults = result),
  (error: unknown) => ((globalThis as { optimizerResults?: unknown }).optimizerResults = { error: String((error as Error)?.stack ?? error) }),
);
