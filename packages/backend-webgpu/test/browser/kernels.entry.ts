// Bundled for Chromium by kernels.browser.test.ts: each fused WGSL kernel against the generic
// tfjs ops on the same inputs, on the page's WebGPU.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { adamUpdate, denseBackward, denseForward, softmaxCrossEntropy, webgpuBackend, type DenseActivation } from '../../src/index.js';

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  let max = x.length === y.length ? 0 : Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  return max;
}

/** Sparse softmax cross-entropy: per-row loss and the mean loss's gradient, against logSoftmax and tf.grad. */
async function softmaxCases() {
  const cases: Array<{ rows: number; classes: number; lossDiff: number; gradientDiff: number }> = [];
  for (const [rows, classes] of [[32, 10], [7, 3], [128, 10]] as const) {
    const tensors = tf.tidy(() => {
      const logits = tf.mul(tf.randomNormal([rows, classes], 0, 1, 'float32', rows), 4) as tf.Tensor2D;
      const labels = tf.tensor1d(Array.from({ length: rows }, (_, i) => (i * 7) % classes), 'float32');
      const onehot = tf.oneHot(tf.cast(labels, 'int32'), classes);
      const perRow = (z: tf.Tensor) => tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(z)), -1));
      const fused = softmaxCrossEntropy(logits, labels);
      return [fused.loss, fused.gradient, perRow(logits), tf.grad((z: tf.Tensor) => tf.mean(perRow(z)))(logits)];
    });
    const [loss, gradient, referenceLoss, referenceGradient] = tensors as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    cases.push({ rows, classes, lossDiff: await maxAbsDiff(loss, referenceLoss), gradientDiff: await maxAbsDiff(gradient, referenceGradient) });
    tf.dispose(tensors);
  }
  return cases;
}

/** Dense backward: the three gradients against tf.grads of sum((x·kernel + bias) * dy). */
async function backwardCases() {
  const cases: Array<{ rows: number; inner: number; units: number; diffs: number[]; scale: number }> = [];
  for (const [rows, inner, units] of [[32, 784, 10], [32, 128, 10], [5, 7, 3]] as const) {
    const tensors = tf.tidy(() => {
      const x = tf.randomUniform([rows, inner], 0, 1, 'float32', inner) as tf.Tensor2D;
      const kernel = tf.randomNormal([inner, units], 0, 0.05, 'float32', units) as tf.Tensor2D;
      const dy = tf.randomNormal([rows, units], 0, 0.1, 'float32', rows) as tf.Tensor2D;
      const bias = tf.zeros([units]);
      const generic = tf.grads((a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(a, k), b), dy)))([x, kernel, bias]);
      const fused = denseBackward(x, kernel, dy);
      return [fused.x!, fused.kernel, fused.bias, ...generic];
    });
    const diffs = [await maxAbsDiff(tensors[0]!, tensors[3]!), await maxAbsDiff(tensors[1]!, tensors[4]!), await maxAbsDiff(tensors[2]!, tensors[5]!)];
    const largest = tf.tidy(() => tf.max(tf.abs(tensors[4]!)));
    const scale = (await largest.data())[0]!; // a gradient of zeros would also "match"
    largest.dispose();
    cases.push({ rows, inner, units, diffs, scale });
    tf.dispose(tensors);
  }
  return cases;
}

/** Three Adam steps with the fused kernel against Keras's formula written with generic ops. */
async function adamCases() {
  const [learningRate, beta1, beta2, epsilon] = [0.01, 0.9, 0.999, 1e-7];
  const cases: Array<{ shape: number[]; diffs: number[]; moved: number }> = [];
  for (const shape of [[784, 10], [10], [7, 3]]) {
    let fused = tf.tidy(() => ({ variable: tf.randomNormal(shape, 0, 0.3, 'float32', 1), m: tf.zeros(shape), v: tf.zeros(shape) }));
    let generic = tf.tidy(() => ({ variable: tf.clone(fused.variable), m: tf.zeros(shape), v: tf.zeros(shape) }));
    const start = tf.clone(fused.variable);
    for (let iteration = 1; iteration <= 3; iteration++) {
      const g = tf.randomNormal(shape, 0, 1, 'float32', 10 + iteration);
      const nextFused = adamUpdate(g, fused, { learningRate, beta1, beta2, epsilon, iteration });
      const alpha = (learningRate * Math.sqrt(1 - beta2 ** iteration)) / (1 - beta1 ** iteration);
      const nextGeneric = tf.tidy(() => {
        const m = tf.add(tf.mul(generic.m, beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(generic.v, beta2), tf.mul(tf.square(g), 1 - beta2));
        return { variable: tf.sub(generic.variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), epsilon))), m, v };
      });
      tf.dispose([g, fused.variable, fused.m, fused.v, generic.variable, generic.m, generic.v]);
      [fused, generic] = [nextFused, nextGeneric];
    }
    const diffs = [
      await maxAbsDiff(fused.variable, generic.variable),
      await maxAbsDiff(fused.m, generic.m),
      await maxAbsDiff(fused.v, generic.v),
    ];
    cases.push({ shape, diffs, moved: await maxAbsDiff(fused.variable, start) });
    tf.dispose([start, fused.variable, fused.m, fused.v, generic.variable, generic.m, generic.v]);
  }
  return cases;
}

async function run() {
  const info = await useBackend(webgpuBackend());
  const cases: Array<{ activation: DenseActivation; rows: number; inner: number; units: number; maxDiff: number }> = [];
  const before = tf.memory().numTensors;
  // The lecture's Dense(10) on a batch of 32 flattened digits, a hidden layer, and odd sizes.
  const shapes: Array<[number, number, number]> = [[32, 784, 10], [32, 784, 128], [37, 50, 13]];
  for (const [rows, inner, units] of shapes) {
    for (const activation of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
      const [fused, generic] = tf.tidy(() => {
        const x = tf.randomUniform([rows, inner], 0, 1, 'float32', rows + inner) as tf.Tensor2D;
        const kernel = tf.randomNormal([inner, units], 0, 0.05, 'float32', units) as tf.Tensor2D;
        const bias = tf.randomNormal([units], 0, 0.1, 'float32', 7) as tf.Tensor1D;
        const linear = tf.add(tf.matMul(x, kernel), bias);
        const reference = activation === 'linear' ? linear : tf[activation](linear);
        return [denseForward(x, kernel, bias, activation), reference];
      });
      const maxDiff = await maxAbsDiff(fused, generic);
      cases.push({ activation, rows, inner, units, maxDiff });
      tf.dispose([fused, generic]);
    }
  }
  const softmax = await softmaxCases();
  const backward = await backwardCases();
  const adam = await adamCases();
  return { backend: info.tfjsBackend, details: info.details, cases, softmax, backward, adam, leaked: tf.memory().numTensors - before };
}

run().then(
  (result) => ((globalThis as { kernelResults?: unknown }).kernelResults = result),
  (error: unknown) => ((globalThis as { kernelResults?: unknown }).kernelResults = { error: String(error) }),
);
