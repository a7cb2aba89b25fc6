import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, floatPair, type TensorInput } from './tensors.js';

/** Per-sample `mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)`, as `keras.losses.poisson`. */
export function poisson(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('Poisson', yTrue, yPred);
    return tf.mean(tf.sub(p, tf.mul(t, tf.log(tf.add(p, EPSILON)))), -1);
  });
}

/** Keras's `Poisson`. */
export class Poisson extends Loss {
  static override readonly className = 'Poisson';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'poisson' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return poisson(yTrue, yPred);
  }
}
