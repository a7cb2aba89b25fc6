import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

/**
 * Keras's `convert_binary_labels_to_hinge`: labels become `2y - 1` only when EVERY label is
 * 0 or 1; otherwise (e.g. already -1/+1) they are used as they are. Decided on the device,
 * without reading the labels back: `y + isBinary * (y - 1)`.
 */
export function toHingeLabels(yTrue: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const isBinary = tf.all(tf.logicalOr(tf.equal(yTrue, 0), tf.equal(yTrue, 1)));
    return tf.add(yTrue, tf.mul(tf.cast(isBinary, 'float32'), tf.sub(yTrue, 1)));
  });
}

/** Per-sample `mean(maximum(1 - y_true * y_pred, 0), axis=-1)`, as `keras.losses.hinge`. */
export function hinge(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('Hinge', yTrue, yPred);
    return tf.mean(tf.relu(tf.sub(1, tf.mul(toHingeLabels(t), p))), -1);
  });
}

/** Keras's `Hinge`. Labels -1/+1, or 0/1 (converted). */
export class Hinge extends Loss {
  static override readonly className = 'Hinge';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'hinge' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return hinge(yTrue, yPred);
  }
}
