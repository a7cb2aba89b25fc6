import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { squeezeOrExpandToSameRank } from './alignment.js';
import { broadcastShapes, toFloat, type TensorInput } from './tensors.js';

/** Keras 3's reductions; `null` and `'none'` keep the per-sample values. */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'mean' | 'mean_with_sample_weight' | 'none' | null;

export const REDUCTIONS: readonly Reduction[] = [
  'sum_over_batch_size',
  'sum',
  'mean',
  'mean_with_sample_weight',
  'none',
  null,
];

/** A scalar, a per-sample `[batch]` (or `[batch, 1]`) or a per-timestep `[batch, steps]` weight. */
export type SampleWeight = TensorInput;

/**
 * Keras 3 `standardize_reduction`. `'auto'` (tf.keras 2.x configs) reads as
 * `'sum_over_batch_size'`, which is what it meant outside distribution strategies.
 */
export function standardizeReduction(owner: string, reduction: unknown): Reduction {
  if (reduction === undefined || reduction === 'auto') return 'sum_over_batch_size';
  if ((REDUCTIONS as readonly unknown[]).includes(reduction)) return reduction as Reduction;
  throw InvalidArgumentError.expected(
    `reduction for ${owner}`,
    `one of ${REDUCTIONS.map((r) => JSON.stringify(r)).join(', ')}`,
    reduction,
  );
}

export interface ReduceOptions {
  reduction: Reduction;
  sampleWeight?: SampleWeight | null;
  /** 1 for values that count, 0 for ignored ones (e.g. `ignore_class`). */
  mask?: tf.Tensor;
  /** Names the loss in errors. */
  owner: string;
}

/**
 * Keras 3 `reduce_weighted_values`: merge the mask into the weights, align the weights'
 * rank with the values, multiply, then reduce. Call inside `tf.tidy`.
 */
export function reduceWeightedValues(values: tf.Tensor, options: ReduceOptions): tf.Tensor {
  const { reduction, owner } = options;
  let weight = options.sampleWeight == null ? undefined : toFloat(options.sampleWeight);
  weight = applyMask(weight, options.mask, reduction);
  let divisorWeight = weight;
  if (weight) {
    [values, weight, divisorWeight] = alignWeight(owner, values, weight);
    values = tf.mul(values, weight);
  }
  return reduceValues(values, divisorWeight, reduction);
}

function applyMask(weight: tf.Tensor | undefined, mask: tf.Tensor | undefined, reduction: Reduction) {
  if (!mask) return weight;
  let m = toFloat(mask);
  if (reduction === 'mean' || reduction === 'sum_over_batch_size') {
    // Valid entries weigh total/valid, so the mean over all entries is the mean over the valid ones.
    m = tf.mul(m, tf.divNoNan(tf.scalar(m.size), tf.sum(m)));
  }
  if (!weight) return m;
  const [m2, w2] = squeezeOrExpandToSameRank(m, weight);
  return tf.mul(w2, m2);
}

/**
 * Keras 3 squeezes/expands one trailing dimension. Beyond Keras: a per-sample weight
 * `[batch]` on per-timestep values `[batch, steps]` is padded to `[batch, 1]` (Keras 3 would
 * fail to broadcast it, or silently pair it with the wrong axis when batch == steps).
 */
function alignWeight(owner: string, values: tf.Tensor, weight: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const [v, w0] = squeezeOrExpandToSameRank(values, weight);
  let w = w0;
  let divisor = w;
  if (w.rank > 0 && w.rank < v.rank && w.shape.every((d, i) => d === v.shape[i] || d === 1)) {
    w = tf.reshape(w, [...w.shape, ...new Array<number>(v.rank - w.rank).fill(1)]);
    divisor = tf.broadcastTo(w, broadcastShapes(owner, 'loss values and sample_weight', v.shape, w.shape));
  }
  broadcastShapes(owner, 'loss values and sample_weight', v.shape, w.shape);
  return [v, w, divisor];
}

/** Keras 3 `reduce_values`. */
export function reduceValues(values: tf.Tensor, weight: tf.Tensor | undefined, reduction: Reduction): tf.Tensor {
  const empty = values.rank === 1 && values.shape[0] === 0;
  if (reduction === null || reduction === 'none' || values.rank === 0 || empty) return values;
  const total = tf.sum(values);
  if (reduction === 'sum') return total;
  if (reduction === 'mean_with_sample_weight' && weight) return tf.divNoNan(total, tf.sum(weight));
  // `sum_over_batch_size` and `mean`: divide by the number of per-sample values.
  return values.size > 0 ? tf.div(total, values.size) : tf.divNoNan(total, tf.scalar(0));
}
