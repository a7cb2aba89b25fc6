import type * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss.js';
import { resolveCrossentropyOptions, type CrossentropyFnOptions } from './crossentropy-options.js';

/**
 * The options, fields and config shared by the binary and categorical crossentropies
 * (`from_logits`, `label_smoothing`, `axis`); a subclass supplies its `className`, its default
 * name and `call`. A complete minimal example:
 *
 * ```ts
 * class LogitsCrossentropy extends CrossentropyLoss {
 *   static override readonly className = 'LogitsCrossentropy';
 *   constructor(options: LossOptions & CrossentropyFnOptions = {}) {
 *     super(options, 'logits_crossentropy');
 *   }
 *   call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
 *     return tf.sum(tf.mul(yTrue, tf.sub(tf.logSumExp(yPred, this.axis, true), yPred)), this.axis);
 *   }
 * }
 * ```
 */
export abstract class CrossentropyLoss extends Loss {
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(options: LossOptions & CrossentropyFnOptions, defaultName: string) {
    super(options, { defaultName, options: ['fromLogits', 'labelSmoothing', 'axis'] });
    ({ fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis } =
      resolveCrossentropyOptions(this.className, options));
  }
  abstract override call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      from_logits: this.fromLogits,
      label_smoothing: this.labelSmoothing,
      axis: this.axis,
    };
  }
}
