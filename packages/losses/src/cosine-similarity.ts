import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { Loss, type LossOptions } from './loss.js';
import { EPSILON, checkAxis, floatPair, type TensorInput } from './tensors.js';

export interface CosineSimilarityOptions extends LossOptions {
  /** The feature axis. Default -1. */
  axis?: number;
}

/**
 * Keras 3's `normalize(x, order=2)`: `x * min(rsqrt(sum(x^2)), 1/eps)`, written as
 * `x * rsqrt(max(sum(x^2), eps^2))` (the same values, and a finite gradient at 0).
 * tf.keras 2.x used `tf.nn.l2_normalize` with a 1e-12 floor on the squared norm instead.
 */
function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), EPSILON * EPSILON)));
}

/**
 * Per-sample `-sum(l2_norm(y_true) * l2_norm(y_pred), axis)`, as
 * `keras.losses.cosine_similarity`: -1 for the same direction, 0 for orthogonal or zero vectors.
 */
export function cosineSimilarity(
  yTrue: TensorInput,
  yPred: TensorInput,
  options: { axis?: number } = {},
): tf.Tensor {
  const axis = options.axis ?? -1;
  return tf.tidy(() => {
    const [t, p] = floatPair('CosineSimilarity', yTrue, yPred);
    checkAxis('CosineSimilarity', axis, Math.max(t.rank, p.rank));
    return tf.neg(tf.sum(tf.mul(l2Normalize(t, axis), l2Normalize(p, axis)), axis));
  });
}

/** Keras's `CosineSimilarity` (`'cosine_similarity'`; tfjs-layers' `'cosineProximity'`). */
export class CosineSimilarity extends Loss {
  static override readonly className = 'CosineSimilarity';
  readonly axis: number;
  constructor(options: CosineSimilarityOptions = {}) {
    super(options, { defaultName: 'cosine_similarity', options: ['axis'] });
    const axis = options.axis ?? -1;
    if (!Number.isInteger(axis)) throw InvalidArgumentError.expected('axis for CosineSimilarity', 'an integer', axis);
    this.axis = axis;
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return cosineSimilarity(yTrue, yPred, { axis: this.axis });
  }
  /** Keras 3 leaves `axis` out of this config (losing it on a round trip); we write it. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
