import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { samplewiseValues } from '@neuralkit/losses';

/**
 * A stateful metric, as Keras's: `updateState` folds in a batch, `result()` is the figure so
 * far, `resetState()` starts over. State stays on the device, so updating never waits for the
 * backend; `resultTensor()` gives the figure as a scalar tensor (still on the device) and
 * `result()` reads it.
 *
 * The base keeps a running weighted sum and count. A mean-like subclass implements
 * `updateState` with `accumulate(sumOfValues, sumOfWeights)`:
 *
 * ```ts
 * class MeanValue extends Metric {
 *   static readonly className = 'MeanValue';
 *   updateState(_yTrue: tf.Tensor, yPred: tf.Tensor) {
 *     this.accumulate(tf.sum(yPred), yPred.size);
 *   }
 * }
 * ```
 *
 * A metric with other state (confusion counts, a histogram) keeps its own tensors and
 * overrides `resultTensor` and `resetState` as well.
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
    this.replaceTotal(this.total ? tf.add(this.total, sum) : tf.clone(sum));
    this.addWeight(weight);
  }

  /**
   * Adds a sum and a sample count made elsewhere (a backend's whole training step): the same as
   * folding in unweighted batches whose values sum to `sum` over `count` samples.
   */
  addTotals(sum: tf.Scalar, count: number): void {
    tf.tidy(() => this.accumulate(sum, count));
  }

  /**
   * Folds a batch in through `add`, which makes the new running total from the old one (a
   * backend kernel adding into it) and gives the batch's weight, or returns undefined to
   * decline. Says whether it took the batch.
   */
  protected accumulateWith(add: (total: tf.Scalar | undefined) => { total: tf.Scalar; weight: number | tf.Scalar } | undefined): boolean {
    return tf.tidy(() => {
      const next = add(this.total ?? undefined);
      if (!next) return false;
      this.replaceTotal(next.total);
      this.addWeight(next.weight);
      return true;
    });
  }

  private replaceTotal(next: tf.Scalar): void {
    const old = this.total;
    this.total = tf.keep(next);
    old?.dispose();
  }

  private addWeight(weight: number | tf.Scalar): void {
    if (typeof weight === 'number') {
      this.count += weight;
    } else {
      const oldCount = this.countTensor;
      this.countTensor = tf.keep(oldCount ? tf.add(oldCount, weight) : tf.clone(weight)) as tf.Scalar;
      oldCount?.dispose();
    }
  }

  /** The figure so far as a new scalar tensor on the device (the caller disposes it). */
  resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      if (!this.total) return tf.scalar(0);
      const count = this.countTensor ? tf.add(this.countTensor, this.count) : tf.scalar(this.count);
      return tf.divNoNan(this.total, count);
    }) as tf.Scalar;
  }

  /**
   * The figure so far, read from the device (0 before any update, as Keras). A metric that
   * gives one figure per threshold or class (`Precision` with a list of thresholds, `F1Score`
   * without `average`) gives them with `resultArray()`.
   */
  result(): number {
    return this.single(this.resultArray());
  }

  /** Every figure of the result, in order (one for most metrics). */
  resultArray(): number[] {
    const t = this.resultTensor();
    try {
      return Array.from(t.dataSync());
    } finally {
      t.dispose();
    }
  }

  /** The same figure as `result()`, without blocking the thread on the backend. */
  async resultAsync(): Promise<number> {
    const t = this.resultTensor();
    try {
      return this.single(Array.from(await t.data()));
    } finally {
      t.dispose();
    }
  }

  private single(values: number[]): number {
    if (values.length !== 1) throw manyFigures(this.name, values.length);
    return values[0]!;
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

/** The error of `result()` (and of training logs) for a metric that gives several figures. */
export function manyFigures(name: string, count: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `${name} gives ${count} figures (one per threshold or class): read them with resultArray(), ` +
      'or configure one threshold or an `average` to log it during training.',
  );
}

/**
 * Keras's weighting of a mean metric's batch (`reduce_to_samplewise_values`): per-sample values
 * weighted by `sampleWeight` (scalar, `[n]`, `[n, 1]` or per element), summed; the count is the
 * sum of the per-sample weights, or the batch size unweighted. A `mask` (1 = counts) multiplies the weights.
 */
export function weightedSums(values: tf.Tensor, sampleWeight?: tf.Tensor, mask?: tf.Tensor): { sum: tf.Scalar; weight: number | tf.Scalar } {
  const s = samplewiseValues(values, sampleWeight, mask);
  const sum = tf.sum(s.values) as tf.Scalar;
  if (s.weight) return { sum, weight: tf.sum(s.weight) as tf.Scalar };
  return { sum, weight: s.values.rank === 0 ? 1 : s.values.shape[0]! };
}
