import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

/** Per-sample `mean(abs(y_true - y_pred), axis=-1)`, as `keras.losses.mean_absolute_error`. */
export function meanAbsoluteError(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('MeanAbsoluteError', yTrue, yPred);
    return tf.mean(tf.abs(tf.sub(t, p)), -1);
  });
}

/** Keras's `MeanAbsoluteError` (`'mae'`). */
export class MeanAbsoluteError extends Loss {
  static override readonly className = 'MeanAbsoluteError';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'mean_absolute_error' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }
}
