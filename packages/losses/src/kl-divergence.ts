import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, floatPair, type TensorInput } from './tensors.js';

/**
 * Per-sample `sum(y_true * log(y_true / y_pred), axis=-1)` with both clipped to
 * `[1e-7, 1]`, as `keras.losses.kl_divergence`.
 */
export function klDivergence(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t0, p0] = floatPair('KLDivergence', yTrue, yPred);
    const t = tf.clipByValue(t0, EPSILON, 1);
    const p = tf.clipByValue(p0, EPSILON, 1);
    return tf.sum(tf.mul(t, tf.log(tf.div(t, p))), -1);
  });
}

/** Keras's `KLDivergence` (`'kld'`, `'kl_divergence'`, `'kullback_leibler_divergence'`). */
export class KLDivergence extends Loss {
  static override readonly className = 'KLDivergence';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'kl_divergence' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return klDivergence(yTrue, yPred);
  }
}
