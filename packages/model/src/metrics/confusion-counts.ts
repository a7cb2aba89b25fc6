import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@neuralkit/core';
import { squeezeOrExpandToSameRank } from '@neuralkit/losses';

/** Keras's `NEG_INF`: what predictions outside the top k become, and the threshold with `top_k`. */
export const NEG_INF = -1e10;

export interface ConfusionOptions {
  /** Ascending or not: a prediction strictly above a threshold counts as positive. */
  thresholds: tf.Tensor1D;
  topK?: number | null;
  classId?: number | null;
  sampleWeight?: tf.Tensor | undefined;
  /** Count each label (last axis) apart: the counts get a second axis of labels. */
  multiLabel?: boolean;
  /** Per-label weights (flattened data only). */
  labelWeights?: tf.Tensor | null;
}

/** Weighted confusion counts per threshold: `[thresholds]`, or `[thresholds, labels]` multi-label. */
export interface ConfusionCounts {
  tp: tf.Tensor;
  fp: tf.Tensor;
  tn: tf.Tensor;
  fn: tf.Tensor;
}

/** Keras's `_filter_top_k`: every prediction outside a row's `k` highest becomes NEG_INF. */
function filterTopK(x: tf.Tensor, k: number): tf.Tensor {
  const depth = x.shape[x.rank - 1]!;
  const { indices } = tf.topk(x, Math.min(k, depth));
  const inTop = tf.sum(tf.oneHot(indices, depth, 1, 0, 'float32'), -2);
  return tf.add(tf.mul(x, inTop), tf.mul(NEG_INF, tf.sub(1, inTop)));
}

/** Labels, predictions and weights aligned as Keras's `update_confusion_matrix_variables`. */
function align(yTrue: tf.Tensor, yPred: tf.Tensor, o: ConfusionOptions): { t: tf.Tensor; p: tf.Tensor; w: tf.Tensor } {
  let [p, t] = squeezeOrExpandToSameRank(tf.cast(yPred, 'float32'), tf.cast(yTrue, 'float32'));
  let w: tf.Tensor = tf.scalar(1);
  if (o.sampleWeight) {
    w = squeezeOrExpandToSameRank(t, tf.expandDims(tf.cast(o.sampleWeight, 'float32'), -1), false)[1];
  }
  if (o.topK != null) p = filterTopK(p, o.topK);
  if (o.classId != null) {
    if (p.rank < 2) {
      throw new ShapeError(`class_id needs predictions of shape [samples, classes], received [${p.shape.join(', ')}].`);
    }
    const column = (x: tf.Tensor) => tf.slice(x, [...new Array<number>(x.rank - 1).fill(0), o.classId!], [...x.shape.slice(0, -1), 1]);
    [t, p] = [column(t), column(p)];
    if (w.rank === t.rank && w.shape[w.rank - 1] !== 1) w = column(w);
  }
  if (t.shape.join() !== p.shape.join()) {
    throw new ShapeError(`y_true and y_pred must have the same shape, received [${t.shape.join(', ')}] and [${p.shape.join(', ')}].`);
  }
  w = tf.broadcastTo(w.rank > p.rank ? tf.reshape(w, p.shape) : w, p.shape);
  if (o.labelWeights && !o.multiLabel) w = tf.mul(w, tf.broadcastTo(o.labelWeights, p.shape));
  return { t, p, w };
}

/**
 * Keras's confusion counts at every threshold, computed on the device. Flattened, each count is
 * one matrix product: `tp = [p > θ] · (label · w)`; false negatives and true negatives are the
 * weighted positives and negatives less what the thresholds caught. Call inside `tf.tidy`.
 */
export function confusionCounts(yTrue: tf.Tensor, yPred: tf.Tensor, o: ConfusionOptions): ConfusionCounts {
  const { t, p, w } = align(yTrue, yPred, o);
  const isPos = tf.cast(tf.notEqual(t, 0), 'float32');
  const posW = tf.mul(isPos, w);
  const negW = tf.mul(tf.sub(1, isPos), w);
  if (o.multiLabel) {
    // [T, n, L]: per threshold, sample and label; summed over the samples.
    const labels = p.shape[p.rank - 1]!;
    const p2 = tf.reshape(p, [-1, labels]);
    const above = tf.cast(tf.greater(tf.expandDims(p2, 0), tf.reshape(o.thresholds, [-1, 1, 1])), 'float32');
    const pos2 = tf.reshape(posW, [-1, labels]);
    const neg2 = tf.reshape(negW, [-1, labels]);
    const tp = tf.sum(tf.mul(above, pos2), 1);
    const fp = tf.sum(tf.mul(above, neg2), 1);
    return { tp, fp, fn: tf.sub(tf.sum(pos2, 0), tp), tn: tf.sub(tf.sum(neg2, 0), fp) };
  }
  const flatP = tf.reshape(p, [1, -1]);
  const above = tf.cast(tf.greater(flatP, tf.reshape(o.thresholds, [-1, 1])), 'float32');
  const weights = tf.stack([tf.reshape(posW, [-1]), tf.reshape(negW, [-1])], 1);
  const caught = tf.matMul(above, weights);
  const [tp, fp] = tf.unstack(caught, 1) as [tf.Tensor, tf.Tensor];
  return { tp, fp, fn: tf.sub(tf.sum(posW), tp), tn: tf.sub(tf.sum(negW), fp) };
}
