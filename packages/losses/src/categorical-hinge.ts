import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

/**
 * Per-sample `maximum(neg - pos + 1, 0)` with `pos = sum(y_true * y_pred)` and
 * `neg = max((1 - y_true) * y_pred)` over the last axis, as `keras.losses.categorical_hinge`.
 */
export function categoricalHinge(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('CategoricalHinge', yTrue, yPred);
    const pos = tf.sum(tf.mul(t, p), -1);
    const neg = tf.max(tf.mul(tf.sub(1, t), p), -1);
    return tf.relu(tf.add(tf.sub(neg, pos), 1));
  });
}

/** Keras's `CategoricalHinge`. One-hot (0/1 or -1/+1) labels. */
export class CategoricalHinge extends Loss {
  static override readonly className = 'CategoricalHinge';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'categorical_hinge' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return categoricalHinge(yTrue, yPred);
  }
}
