import * as tf from '@tensorflow/tfjs-core';
import type { LossOptions } from './loss.js';
import { CrossentropyLoss } from './crossentropy-loss.js';
import {
  resolveCrossentropyOptions,
  type CrossentropyFnOptions,
  type ResolvedCrossentropyOptions,
} from './crossentropy-options.js';
import { EPSILON, checkAxis, floatPair, type TensorInput } from './tensors.js';

export type BinaryCrossentropyOptions = LossOptions & CrossentropyFnOptions;

const OWNER = 'BinaryCrossentropy';

/**
 * TF's `sigmoid_cross_entropy_with_logits`: `max(x, 0) - x * z + log(1 + exp(-|x|))`, with
 * the branches chosen by `x >= 0` so the gradient at x = 0 is exactly `sigmoid(0) - z`.
 */
function fromLogits(z: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const nonNegative = tf.greaterEqual(x, 0);
  const zeros = tf.zerosLike(x);
  const reluX = tf.where(nonNegative, x, zeros);
  const negAbs = tf.where(nonNegative, tf.neg(x), x);
  return tf.add(tf.sub(reluX, tf.mul(x, z)), tf.log1p(tf.exp(negAbs)));
}

/**
 * Keras 3 on probabilities: clip to [1e-7, 1 - 1e-7], then `-(z log p + (1 - z) log(1 - p))`.
 * (tf.keras 2.x also added 1e-7 inside each log; Keras 3 does not, and neither do we.)
 */
function fromProbabilities(z: tf.Tensor, p: tf.Tensor): tf.Tensor {
  const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
  const positive = tf.mul(z, tf.log(clipped));
  const negative = tf.mul(tf.sub(1, z), tf.log(tf.sub(1, clipped)));
  return tf.neg(tf.add(positive, negative));
}

function compute(yTrue: TensorInput, yPred: TensorInput, o: ResolvedCrossentropyOptions): tf.Tensor {
  return tf.tidy(() => {
    const pair = floatPair(OWNER, yTrue, yPred, true);
    const p = pair[1];
    let t = pair[0];
    checkAxis(OWNER, o.axis, p.rank);
    // Squeezes the labels towards 0.5: 1 -> 1 - ls/2, 0 -> ls/2.
    if (o.labelSmoothing > 0) t = tf.add(tf.mul(t, 1 - o.labelSmoothing), 0.5 * o.labelSmoothing);
    const elementwise = o.fromLogits ? fromLogits(t, p) : fromProbabilities(t, p);
    return tf.mean(elementwise, o.axis);
  });
}

/** Per-sample binary crossentropy (mean over `axis`), as `keras.losses.binary_crossentropy`. */
export function binaryCrossentropy(
  yTrue: TensorInput,
  yPred: TensorInput,
  options: CrossentropyFnOptions = {},
): tf.Tensor {
  return compute(yTrue, yPred, resolveCrossentropyOptions(OWNER, options));
}

/** Keras's `BinaryCrossentropy`: labels 0/1, predictions probabilities or (`fromLogits`) logits. */
export class BinaryCrossentropy extends CrossentropyLoss {
  static override readonly className = 'BinaryCrossentropy';
  constructor(options: BinaryCrossentropyOptions = {}) {
    super(options, 'binary_crossentropy');
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return compute(yTrue, yPred, this);
  }
}
