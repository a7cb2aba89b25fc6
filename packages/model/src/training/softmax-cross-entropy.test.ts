import * as tf from '@tensorflow/tfjs-core';
import { get as getLoss } from '@neuralkit/losses';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { sparseSoftmaxCrossEntropy } from './softmax-cross-entropy.js';

beforeAll(() => activate('cpu'));

describe('sparseSoftmaxCrossEntropy', () => {
  it('is -log softmax at the label, by hand', () => {
    // logits [0, ln 3]: softmax [1/4, 3/4]; label 1 → -ln(3/4) = 0.28768
    const l = sparseSoftmaxCrossEntropy(tf.tensor2d([[0, Math.log(3)]]), tf.tensor1d([1], 'int32'));
    expect(l.dataSync()[0]).toBeCloseTo(-Math.log(0.75), 6);
  });

  it('cpu kernel, generic ops and the Keras loss on probabilities agree (values and gradients)', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.randomNormal([8, 5], 0, 2, 'float32', 7);
      const labels = tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32');
      const fast = (z: tf.Tensor) => tf.mean(sparseSoftmaxCrossEntropy(z, labels));
      const generic = (z: tf.Tensor) => tf.mean(sparseSoftmaxCrossEntropy(z, labels, { generic: true }));
      const keras = (z: tf.Tensor) => getLoss('sparse_categorical_crossentropy').compute(labels, tf.softmax(z));
      const values = [fast, generic, keras].map((f) => f(logits).dataSync()[0]!);
      expect(values[0]).toBeCloseTo(values[2]!, 5);
      expect(values[1]).toBeCloseTo(values[2]!, 5);
      const grads = [fast, generic, keras].map((f) => Array.from(tf.grad(f)(logits).dataSync()));
      for (let i = 0; i < grads[0]!.length; i++) {
        expect(grads[0]![i]).toBeCloseTo(grads[2]![i]!, 5);
        expect(grads[1]![i]).toBeCloseTo(grads[2]![i]!, 5);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
