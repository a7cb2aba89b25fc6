import * as tf from '@tensorflow/tfjs-core';

/**
 * A stateful metric, as Keras's: `updateState` folds in a batch, `result()` is the figure so
 * far, `resetState()` starts over. State stays on the device (a running weighted sum and
 * count), so updating never waits for the backend; `result()` reads it.
 *
 * A subclass implements `updateState` with `accumulate(sumOfValues, sumOfWeights)`:
 *
 * ```ts
 * class MeanValue extends Metric {
 *   static readonly className = 'MeanValue';
 *   updateState(_yTrue: tf.Tensor, yPred: tf.Tensor) {
 *     this.accumulate(tf.sum(yPred), yPred.size);
 *   }
 * }
 * ```
 */
export abstract class Metric {
  static readonly className: string;
  readonly name: string;
  private total: tf.Scalar | null = null;
  private countTensor: tf.Scalar | null = null;
  private count = 0;

  constructor(options: { name?: string; dtype?: unknown } = {}) {
    const cls = this.constructor as unknown as { defaultName?: string; className: string };
    this.name = options.name ?? cls.defaultName ?? cls.className;
  }

  abstract updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;

  /** Adds `sum` (a scalar tensor) to the running total and `weight` to the running count. */
  protected accumulate(sum: tf.Scalar, weight: number | tf.Scalar): void {
    const old = this.total;
    this.total = tf.keep(old ? tf.add(old, sum) : tf.clone(sum)) as tf.Scalar;
    old?.dispose();
    if (typeof weight === 'number') {
      this.count += weight;
    } else {
      const oldCount = this.countTensor;
      this.countTensor = tf.keep(oldCount ? tf.add(oldCount, weight) : tf.clone(weight)) as tf.Scalar;
      oldCount?.dispose();
    }
  }

  /** The weighted mean so far (0 before any update, as Keras). */
  result(): number {
    if (!this.total) return 0;
    const count = this.count + (this.countTensor ? this.countTensor.dataSync()[0]! : 0);
    return count === 0 ? 0 : this.total.dataSync()[0]! / count;
  }

  resetState(): void {
    this.total?.dispose();
    this.countTensor?.dispose();
    this.total = null;
    this.countTensor = null;
    this.count = 0;
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

/** Sums per-sample `values` weighted by `sampleWeight` (broadcast over trailing axes), into the metric. */
export function weightedSums(values: tf.Tensor, sampleWeight?: tf.Tensor): { sum: tf.Scalar; weight: number | tf.Scalar } {
  if (!sampleWeight) return { sum: tf.sum(values), weight: values.size };
  let w = sampleWeight;
  while (w.rank < values.rank) w = tf.expandDims(w, -1);
  const broadcast = tf.mul(tf.onesLike(values), w);
  return { sum: tf.sum(tf.mul(values, broadcast)), weight: tf.sum(broadcast) as tf.Scalar };
}
