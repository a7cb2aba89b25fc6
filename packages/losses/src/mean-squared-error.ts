import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

/** Per-sample `mean(square(y_true - y_pred), axis=-1)`, as `keras.losses.mean_squared_error`. */
export function meanSquaredError(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('MeanSquaredError', yTrue, yPred);
    return tf.mean(tf.squaredDifference(t, p), -1);
  });
}

/** Keras's `MeanSquaredError` (`'mse'`). */
export class MeanSquaredError extends Loss {
  static override readonly className = 'MeanSquaredError';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'mean_squared_error' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredError(yTrue, yPred);
  }
}
