import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { Loss, type LossOptions } from './loss.js';

/** A plain per-sample loss function, as `keras.losses.*` functions are. */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface LossFunctionWrapperOptions extends LossOptions {
  fn: LossFunction;
}

/**
 * Keras's `LossFunctionWrapper`: a plain `(yTrue, yPred) => perSampleTensor` as a `Loss`
 * (sample weights and reduction from the base class). What `get(fn)` returns for a custom function.
 */
export class LossFunctionWrapper extends Loss {
  static override readonly className = 'LossFunctionWrapper';
  readonly fn: LossFunction;
  constructor(options: LossFunctionWrapperOptions) {
    const fn = options?.fn;
    if (typeof fn !== 'function') {
      throw InvalidArgumentError.expected('fn for LossFunctionWrapper', 'a function (yTrue, yPred) => Tensor', fn);
    }
    super(options, { defaultName: fn.name || 'loss', options: ['fn'] });
    this.fn = fn;
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return this.fn(yTrue, yPred);
  }
  /** `fn` is written by name; only a registered name can be read back. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fn: this.fn.name || null };
  }
}
