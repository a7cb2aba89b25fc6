import type * as tf from '@tensorflow/tfjs-core';
import { softmaxCrossEntropyRows } from '@neuralkit/core';
import { floatsOf, output, type KernelArgs } from './cpu-storage.js';

/**
 * `KERNEL_NAMES.softmaxCrossEntropy` in one pass per row over the backend's arrays: categorical
 * crossentropy of one-hot (or smoothed) targets and `(softmax · Σy − y) · gradScale`.
 */
export function softmaxCrossEntropy({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const scale = (attrs?.gradScale as number | undefined) ?? 1;
  const { logits, targets } = inputs as { logits: tf.TensorInfo; targets: tf.TensorInfo };
  const [n, c] = logits.shape as [number, number];
  const loss = new Float32Array(n);
  const grad = new Float32Array(n * c);
  softmaxCrossEntropyRows({ logits: floatsOf(backend, logits), targets: floatsOf(backend, targets), loss, grad, classes: c, gradScale: scale });
  return [output(backend, [n], loss), output(backend, [n, c], grad)];
}
