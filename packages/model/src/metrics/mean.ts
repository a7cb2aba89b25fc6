import * as tf from '@tensorflow/tfjs-core';
import { Metric, weightedSums } from './metric.js';

/** The weighted mean of the values given; the trainer keeps the loss with it. */
export class Mean extends Metric {
  static override readonly className = 'Mean';
  static readonly defaultName = 'mean';

  /**
   * `updateState(values, sampleWeight?)`, as Keras's `Mean`; the metric contract's
   * `(yTrue, yPred, sampleWeight)` form is accepted too (the middle argument is then ignored).
   */
  updateState(values: tf.Tensor, second?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const weights = sampleWeight ?? second;
    tf.tidy(() => {
      const { sum, weight } = weightedSums(values, weights);
      this.accumulate(sum, weight);
    });
  }

  /** Adds a batch's mean `value` with weight `count` (how Keras tracks the loss: weight = batch size). */
  updateMean(value: tf.Scalar, count: number): void {
    tf.tidy(() => this.accumulate(count === 1 ? value : tf.mul(value, tf.scalar(count)), count));
  }
}

/** Per-sample values of a metric function `(yTrue, yPred) → [batch]`. */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * Keras's MeanMetricWrapper: the weighted mean of a per-sample function over every sample
 * seen. Subclasses name the function and its default name.
 */
export abstract class MeanMetricWrapper extends Metric {
  protected abstract compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;

  /**
   * The entries that count (1) where the function masks some out (`ignore_class`). As Keras,
   * the mask zeroes their weights when the batch is weighted; unweighted, they count as 0s.
   */
  protected mask(_yTrue: tf.Tensor, _yPred: tf.Tensor): tf.Tensor | undefined {
    return undefined;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const values = this.compute(yTrue, yPred);
      const mask = sampleWeight ? this.mask(yTrue, yPred) : undefined;
      const { sum, weight } = weightedSums(values, sampleWeight, mask);
      this.accumulate(sum, weight);
    });
  }
}
