import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, floatPair, type TensorInput } from './tensors.js';

/**
 * Per-sample `100 * mean(abs((y_true - y_pred) / max(abs(y_true), 1e-7)), axis=-1)`,
 * as `keras.losses.mean_absolute_percentage_error`.
 */
export function meanAbsolutePercentageError(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('MeanAbsolutePercentageError', yTrue, yPred);
    const diff = tf.abs(tf.div(tf.sub(t, p), tf.maximum(tf.abs(t), EPSILON)));
    return tf.mul(100, tf.mean(diff, -1));
  });
}

/** Keras's `MeanAbsolutePercentageError` (`'mape'`). */
export class MeanAbsolutePercentageError extends Loss {
  static override readonly className = 'MeanAbsolutePercentageError';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'mean_absolute_percentage_error' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }
}
