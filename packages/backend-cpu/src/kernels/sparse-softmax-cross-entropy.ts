import type * as tf from '@tensorflow/tfjs-core';
import { sparseSoftmaxCrossEntropyRows } from '@neuralkit/core';
import { floatsOf, output, valuesOf, type KernelArgs } from './cpu-storage.js';

/**
 * `KERNEL_NAMES.sparseSoftmaxCrossEntropy` in one pass per row over the backend's arrays: the
 * log-sum-exp, the loss at the label and `(softmax − onehot) · gradScale`, instead of a dozen
 * small kernels.
 */
export function sparseSoftmaxCrossEntropy({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const scale = (attrs?.gradScale as number | undefined) ?? 1;
  const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
  const [n, c] = logits.shape as [number, number];
  const loss = new Float32Array(n);
  const grad = new Float32Array(n * c);
  const z = floatsOf(backend, logits);
  sparseSoftmaxCrossEntropyRows({ logits: z, labels: valuesOf(backend, labels), loss, grad, classes: c, gradScale: scale });
  return [output(backend, [n], loss), output(backend, [n, c], grad)];
}
