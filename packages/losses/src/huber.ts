import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { Loss, type LossOptions } from './loss.js';
import { floatPair, type TensorInput } from './tensors.js';

export interface HuberOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1. */
  delta?: number;
}

function checkDelta(delta: unknown): number {
  if (typeof delta !== 'number' || !Number.isFinite(delta) || delta < 0) {
    throw InvalidArgumentError.expected('delta for Huber', 'a finite number >= 0', delta);
  }
  return delta;
}

/**
 * Per-sample Huber loss, as `keras.losses.huber`: with `e = y_pred - y_true`,
 * `0.5 * e^2` where `|e| <= delta`, else `delta * |e| - 0.5 * delta^2`; mean over the last axis.
 */
export function huber(yTrue: TensorInput, yPred: TensorInput, options: { delta?: number } = {}): tf.Tensor {
  const delta = checkDelta(options.delta ?? 1);
  return tf.tidy(() => {
    const [t, p] = floatPair('Huber', yTrue, yPred);
    // With q = min(|e|, delta): 0.5 q^2 + delta (|e| - q) is Keras's where(|e| <= delta, ...)
    // in one expression; tfjs has no gradient for LessEqual, so no comparison on the tape.
    const absError = tf.abs(tf.sub(p, t));
    const q = tf.minimum(absError, delta);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(absError, q))), -1);
  });
}

/** Keras's `Huber` (`'huber'`, `'huber_loss'`). */
export class Huber extends Loss {
  static override readonly className = 'Huber';
  readonly delta: number;
  constructor(options: HuberOptions = {}) {
    super(options, { defaultName: 'huber_loss', options: ['delta'] });
    this.delta = checkDelta(options.delta ?? 1);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return huber(yTrue, yPred, { delta: this.delta });
  }
  /**
   * Keras 3's `Huber.get_config` leaves `delta` out (so a round trip through Keras loses it);
   * we write it, and Keras reads it back as the constructor argument it is.
   */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), delta: this.delta };
  }
}
