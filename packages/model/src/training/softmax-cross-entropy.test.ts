import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES } from '@neuralkit/core';
import { get as getLoss } from '@neuralkit/losses';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { withoutKernels } from '../../test/without-kernels.js';
import { crossEntropyAndGradient } from '../kernels/sparse-softmax-cross-entropy.js';
import { targetsCrossEntropyAndGradient } from '../kernels/softmax-cross-entropy.js';
import { categoricalSoftmaxCrossEntropy, sparseSoftmaxCrossEntropy } from './softmax-cross-entropy.js';

afterAll(() => activate('cpu'));

const KERNEL = [KERNEL_NAMES.sparseSoftmaxCrossEntropy];

describe.each(['cpu', 'wasm'] as const)('sparseSoftmaxCrossEntropy on %s', (backend) => {
  it('is -log softmax at the label, by hand', async () => {
    await activate(backend);
    // logits [0, ln 3]: softmax [1/4, 3/4]; label 1 → -ln(3/4) = 0.28768
    const l = sparseSoftmaxCrossEntropy(tf.tensor2d([[0, Math.log(3)]]), tf.tensor1d([1], 'int32'));
    expect(l.dataSync()[0]).toBeCloseTo(-Math.log(0.75), 6);
    expect(tf.getKernel(KERNEL[0]!, backend)).toBeDefined();
  });

  it("the backend's kernel, generic ops and the Keras loss on probabilities agree (values and gradients)", async () => {
    await activate(backend);
    const before = tf.memory().numTensors;
    const logits = tf.randomNormal([8, 5], 0, 2, 'float32', 7);
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32');
    const mean = (z: tf.Tensor) => tf.mean(sparseSoftmaxCrossEntropy(z, labels));
    const keras = (z: tf.Tensor) => getLoss('sparse_categorical_crossentropy').compute(labels, tf.softmax(z));
    const read = (f: (z: tf.Tensor) => tf.Tensor) =>
      tf.tidy(() => [f(logits).dataSync()[0]!, ...tf.grad(f)(logits).dataSync(), ...crossEntropyAndGradient(logits, labels, 0.25).flatMap((t) => Array.from(t.dataSync()))]);
    const fast = read(mean);
    const generic = await withoutKernels(KERNEL, () => read(mean));
    const reference = read(keras).slice(0, 41);
    for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(generic[i]!, 5);
    for (let i = 0; i < reference.length; i++) expect(fast[i]).toBeCloseTo(reference[i]!, 5);
    tf.dispose([logits, labels]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.each(['cpu', 'wasm'] as const)('categoricalSoftmaxCrossEntropy on %s', (backend) => {
  it("the backend's kernel, generic ops and the Keras loss on probabilities agree (values and gradients), label smoothing included", async () => {
    await activate(backend);
    expect(tf.getKernel(KERNEL_NAMES.softmaxCrossEntropy, backend)).toBeDefined();
    const before = tf.memory().numTensors;
    const logits = tf.randomNormal([8, 5], 0, 2, 'float32', 7);
    const targets = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5), 'float32'));
    for (const labelSmoothing of [0, 0.2]) {
      const mean = (z: tf.Tensor) => tf.mean(categoricalSoftmaxCrossEntropy(z, targets, labelSmoothing));
      const keras = (z: tf.Tensor) => getLoss({ class_name: 'CategoricalCrossentropy', config: { label_smoothing: labelSmoothing } } as never).compute(targets, tf.softmax(z));
      const read = (f: (z: tf.Tensor) => tf.Tensor) =>
        tf.tidy(() => [f(logits).dataSync()[0]!, ...tf.grad(f)(logits).dataSync(), ...targetsCrossEntropyAndGradient(logits, targets, 0.25).flatMap((t) => Array.from(t.dataSync()))]);
      const fast = read(mean);
      const generic = await withoutKernels([KERNEL_NAMES.softmaxCrossEntropy], () => read(mean));
      const reference = read(keras).slice(0, 41);
      expect(fast[0]).toBeGreaterThan(0.5);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(generic[i]!, 5);
      for (let i = 0; i < reference.length; i++) expect(fast[i], `${labelSmoothing} [${i}]`).toBeCloseTo(reference[i]!, 5);
    }
    tf.dispose([logits, targets]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
