import * as tf from '@tensorflow/tfjs-core';
import { sparseSoftmaxCrossEntropyLoss } from '../kernels/sparse-softmax-cross-entropy.js';

/**
 * Per-sample `-log softmax(logits)[label]` with the textbook gradient `softmax - onehot`.
 * Used when a softmax Dense layer meets sparse categorical crossentropy: one log-softmax
 * instead of softmax, clip and log, and a four-op backward pass. Numerically it equals
 * Keras's probability path except where Keras clips a probability below 1e-7.
 * `labels` are class indices `[n]` (or `[n, 1]`), any numeric dtype; `logits` `[n, classes]`.
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return sparseSoftmaxCrossEntropyLoss(logits, labels.rank === 2 ? tf.reshape(labels, [-1]) : labels);
}
