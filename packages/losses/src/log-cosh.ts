import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

const LOG_2 = Math.log(2);

/**
 * Per-sample `mean(log(cosh(y_pred - y_true)), axis=-1)`, as `keras.losses.log_cosh`,
 * computed as `x + softplus(-2x) - log(2)` so large errors do not overflow `cosh`.
 */
export function logCosh(yTrue: TensorInput, yPred: TensorInput): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = floatPair('LogCosh', yTrue, yPred);
    const x = tf.sub(p, t);
    return tf.mean(tf.sub(tf.add(x, tf.softplus(tf.mul(x, -2))), LOG_2), -1);
  });
}

/** Keras's `LogCosh` (`'log_cosh'`, `'logcosh'`). */
export class LogCosh extends Loss {
  static override readonly className = 'LogCosh';
  constructor(options: LossOptions = {}) {
    super(options, { defaultName: 'log_cosh' });
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return logCosh(yTrue, yPred);
  }
}
