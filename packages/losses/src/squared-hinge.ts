import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { toHingeLabels } from './hinge.js';
import { floatPair, type TensorInput } from './tensors.js';

/** Per-sample `mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1)`, as `keras.losses.squared_hinge`. */
export function squaredHinge(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('SquaredHinge', yTrue, yPred);
    return tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(toHingeLabels(t), p)))), -1);
  });
}

/** Keras's `SquaredHinge`. Labels -1/+1, or 0/1 (converted). */
export class SquaredHinge extends Loss {
  static override readonly className = 'SquaredHinge';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'squared_hinge' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return squaredHinge(yTrue, yPred);
  }
}
