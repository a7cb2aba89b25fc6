import * as tf from '@tensorflow/tfjs-core';
import type { LossOptions } from './loss.js';
import { CrossentropyLoss } from './crossentropy-loss.js';
import {
  resolveCrossentropyOptions,
  type CrossentropyFnOptions,
  type ResolvedCrossentropyOptions,
} from './crossentropy-options.js';
import { EPSILON, checkAxis, floatPair, type TensorInput } from './tensors.js';

export type CategoricalCrossentropyOptions = LossOptions & CrossentropyFnOptions;

const OWNER = 'CategoricalCrossentropy';

/** `-sum(z * log_softmax(x))` with `log_softmax(x) = x - logsumexp(x)` (stable, never log(softmax)). */
function fromLogits(z: tf.Tensor, x: tf.Tensor, axis: number): tf.Tensor {
  return tf.sum(tf.mul(z, tf.sub(tf.logSumExp(x, axis, true), x)), axis);
}

/** Keras 3: renormalise so each sample sums to 1, clip to [1e-7, 1 - 1e-7], `-sum(z log p)`. */
function fromProbabilities(z: tf.Tensor, p: tf.Tensor, axis: number): tf.Tensor {
  const normalised = tf.div(p, tf.sum(p, axis, true));
  return tf.neg(tf.sum(tf.mul(z, tf.log(tf.clipByValue(normalised, EPSILON, 1 - EPSILON))), axis));
}

function compute(yTrue: TensorInput, yPred: TensorInput, o: ResolvedCrossentropyOptions): tf.Tensor {
  return tf.tidy(() => {
    const pair = floatPair(OWNER, yTrue, yPred, true);
    const p = pair[1];
    let t = pair[0];
    checkAxis(OWNER, o.axis, p.rank);
    if (o.labelSmoothing > 0) {
      // As Keras 3: the class count is the size of the class `axis`.
      const classes = p.shape[o.axis < 0 ? p.rank + o.axis : o.axis] ?? 1;
      t = tf.add(tf.mul(t, 1 - o.labelSmoothing), o.labelSmoothing / classes);
    }
    return o.fromLogits ? fromLogits(t, p, o.axis) : fromProbabilities(t, p, o.axis);
  });
}

/** Per-sample categorical crossentropy over one-hot labels, as `keras.losses.categorical_crossentropy`. */
export function categoricalCrossentropy(
  yTrue: TensorInput,
  yPred: TensorInput,
  options: CrossentropyFnOptions = {},
): tf.Tensor {
  return compute(yTrue, yPred, resolveCrossentropyOptions(OWNER, options));
}

/** Keras's `CategoricalCrossentropy`: one-hot labels, probabilities or (`fromLogits`) logits. */
export class CategoricalCrossentropy extends CrossentropyLoss {
  static override readonly className = 'CategoricalCrossentropy';
  constructor(options: CategoricalCrossentropyOptions = {}) {
    super(options, 'categorical_crossentropy');
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return compute(yTrue, yPred, this);
  }
}
