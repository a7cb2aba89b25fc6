import * as tf from '@tensorflow/tfjs-core';
import { softmaxCrossEntropyLoss } from '../kernels/softmax-cross-entropy.js';
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

/**
 * Per-sample `−Σ y · log softmax(logits)` over one-hot (or smoothed) target rows `[n, classes]`,
 * with the gradient `softmax · Σy − y`: the same fusion for categorical crossentropy (Keras's
 * probability path, except where it clips a probability below 1e-7). `labelSmoothing` is
 * Keras's: `y · (1 − s) + s / classes`.
 */
export function categoricalSoftmaxCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, labelSmoothing = 0): tf.Tensor {
  return softmaxCrossEntropyLoss(logits, smoothedTargets(targets, labelSmoothing));
}

/** Float32 targets with Keras's label smoothing over the last axis. */
export function smoothedTargets(targets: tf.Tensor, labelSmoothing: number): tf.Tensor {
  const y = targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32');
  if (!(labelSmoothing > 0)) return y;
  const classes = y.shape[y.rank - 1]!;
  return tf.add(tf.mul(y, 1 - labelSmoothing), labelSmoothing / classes);
}
