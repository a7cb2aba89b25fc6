import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@neuralkit/core';

/**
 * Keras's alignment rules, in one place: every loss, every metric and `fit`/`evaluate`'s
 * weighting pair labels with predictions and weights with values through these.
 */

/**
 * Keras's `squeeze_or_expand_to_same_rank`: when the ranks differ by one and the longer
 * tensor ends in a dimension of 1, squeeze it, or expand a rank-1 partner instead
 * (`[4]` with `[4, 1]` becomes `[4, 1]` with `[4, 1]`, never a `[4, 4]` broadcast), unless
 * `expandRank1` is false (the confusion metrics' weights), when the longer one is squeezed.
 */
export function squeezeOrExpandToSameRank(a: tf.Tensor, b: tf.Tensor, expandRank1 = true): [tf.Tensor, tf.Tensor] {
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) {
    return b.rank === 1 && expandRank1 ? [a, tf.expandDims(b, -1)] : [tf.squeeze(a, [-1]), b];
  }
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) {
    return a.rank === 1 && expandRank1 ? [tf.expandDims(a, -1), b] : [a, tf.squeeze(b, [-1])];
  }
  return [a, b];
}

const axesFrom = (start: number, rank: number): number[] =>
  Array.from({ length: Math.max(0, rank - start) }, (_, i) => start + i);

function meanOver(t: tf.Tensor, axes: number[]): tf.Tensor {
  return axes.length === 0 ? t : tf.mean(t, axes);
}

/** Per-sample values and, when weighted, the per-sample weights they were multiplied by. */
export interface SamplewiseValues {
  /** `[batch]` (or a scalar for scalar input): each sample's weighted mean value. */
  values: tf.Tensor;
  /** `[batch]` (or the broadcast weight) when a weight was given. */
  weight?: tf.Tensor;
}

/**
 * Keras's `reduce_to_samplewise_values` (how every mean metric folds a batch in): the weight
 * (scalar, `[n]`, `[n, 1]` or per element) is aligned to the values, the values are averaged
 * down to the weight's rank, the weight is broadcast to them and multiplied in, and both are
 * averaged over every axis but the first. A `mask` (1 = counts) multiplies the weight.
 * Call inside `tf.tidy`.
 */
export function samplewiseValues(values: tf.Tensor, sampleWeight?: tf.Tensor, mask?: tf.Tensor): SamplewiseValues {
  let v = values.dtype === 'float32' ? values : tf.cast(values, 'float32');
  let w = sampleWeight && (sampleWeight.dtype === 'float32' ? sampleWeight : tf.cast(sampleWeight, 'float32'));
  if (mask) {
    const m = tf.cast(mask, 'float32');
    if (w) {
      const [m2, w2] = squeezeOrExpandToSameRank(m, w);
      w = tf.mul(w2, m2);
    } else {
      w = m;
    }
  }
  if (!w) return { values: meanOver(v, axesFrom(1, v.rank)) };
  [v, w] = squeezeOrExpandToSameRank(v, w);
  const weightRank = w.rank;
  v = meanOver(v, axesFrom(weightRank, v.rank));
  checkBroadcast(w.shape, v.shape);
  w = tf.broadcastTo(w, v.shape);
  v = tf.mul(v, w);
  if (weightRank > 1) w = meanOver(w, axesFrom(1, weightRank));
  return { values: meanOver(v, axesFrom(1, v.rank)), weight: w };
}

/** The weighted sum of per-sample values and the sum of their weights (the batch size unweighted). */
export function weightedSumAndCount(values: tf.Tensor, sampleWeight?: tf.Tensor, mask?: tf.Tensor): { sum: tf.Scalar; count: tf.Scalar } {
  const s = samplewiseValues(values, sampleWeight, mask);
  const count = s.weight ? tf.sum(s.weight) : tf.scalar(s.values.rank === 0 ? 1 : (s.values.shape[0] ?? 1));
  return { sum: tf.sum(s.values), count: count as tf.Scalar };
}

/** The weight must broadcast to the values (after alignment), or the metric names both shapes. */
function checkBroadcast(weight: readonly number[], values: readonly number[]): void {
  const ok =
    weight.length <= values.length &&
    weight.every((d, i) => d === 1 || d === values[values.length - weight.length + i]);
  if (!ok) {
    throw new ShapeError(
      `sample_weight of shape [${weight.join(', ')}] does not broadcast to values of shape [${values.join(', ')}] ` +
        '(expected a scalar, [batch], [batch, 1] or the shape of the values).',
    );
  }
}
