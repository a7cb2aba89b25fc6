import type * as tf from '@tensorflow/tfjs-core';
import { softmaxCrossEntropyRows, sparseSoftmaxCrossEntropyRows } from '@neuralkit/core';
import { heapViews, type KernelArgs } from './model-heap.js';

/**
 * `@neuralkit/model`'s sparse softmax crossentropy for the wasm backend, one pass per row:
 * `NeuralkitSparseSoftmaxCrossEntropy` {logits [n,c] float32, labels [n] class indices}
 * → [loss [n] = logsumexp(z) - z[label], grad [n,c] = (softmax(z) - onehot(label)) · gradScale]
 * (attr `gradScale`, default 1).
 * The model registers the gradient (it uses `grad`) and checked the labels' range.
 */
export function sparseSoftmaxCrossEntropy({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const scale = (attrs?.gradScale as number | undefined) ?? 1;
  const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
  const [n, c] = logits.shape as [number, number];
  const { outputs, views, out } = heapViews(backend, [logits, labels], [[n], [n, c]]);
  const [z, y] = views as [Float32Array, ArrayLike<number>];
  const [loss, grad] = out as [Float32Array, Float32Array];
  sparseSoftmaxCrossEntropyRows({ logits: z, labels: y, loss, grad, classes: c, gradScale: scale });
  return outputs;
}

/**
 * The same fusion for categorical crossentropy: `NeuralkitSoftmaxCrossEntropy` {logits [n,c],
 * targets [n,c] (one-hot or smoothed rows)} → [loss [n] = Σⱼ yⱼ (logsumexp(z) − zⱼ),
 * grad [n,c] = (softmax(z) · Σⱼ yⱼ − y) · gradScale].
 */
export function softmaxCrossEntropy({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const scale = (attrs?.gradScale as number | undefined) ?? 1;
  const { logits, targets } = inputs as { logits: tf.TensorInfo; targets: tf.TensorInfo };
  const [n, c] = logits.shape as [number, number];
  const { outputs, views, out } = heapViews(backend, [logits, targets], [[n], [n, c]]);
  const [z, y] = views as [Float32Array, ArrayLike<number>];
  const [loss, grad] = out as [Float32Array, Float32Array];
  softmaxCrossEntropyRows({ logits: z, targets: y, loss, grad, classes: c, gradScale: scale });
  return outputs;
}
