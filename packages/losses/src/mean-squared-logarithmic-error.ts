import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, floatPair, type TensorInput } from './tensors.js';

/**
 * Per-sample `mean(square(log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1)), axis=-1)`,
 * as `keras.losses.mean_squared_logarithmic_error` (values at or below 0 count as 1e-7).
 */
export function meanSquaredLogarithmicError(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('MeanSquaredLogarithmicError', yTrue, yPred);
    const logP = tf.log(tf.add(tf.maximum(p, EPSILON), 1));
    const logT = tf.log(tf.add(tf.maximum(t, EPSILON), 1));
    return tf.mean(tf.squaredDifference(logP, logT), -1);
  });
}

/** Keras's `MeanSquaredLogarithmicError` (`'msle'`). */
export class MeanSquaredLogarithmicError extends Loss {
  static override readonly className = 'MeanSquaredLogarithmicError';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'mean_squared_logarithmic_error' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredLogarithmicError(yTrue, yPred);
  }
}
