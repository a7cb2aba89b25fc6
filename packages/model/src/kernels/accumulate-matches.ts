import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, hasKernel, runKernel } from '@neuralkit/core';

const numeric = (t: tf.Tensor) => t.dtype === 'float32' || t.dtype === 'int32';

/** Per-sample weights `[n]` or `[n, 1]` as float32 `[n]`; undefined for any other shape (the generic path weighs those). */
function rowWeights(sampleWeight: tf.Tensor, rows: number): tf.Tensor | undefined {
  const plain = sampleWeight.shape[0] === rows && (sampleWeight.rank === 1 || (sampleWeight.rank === 2 && sampleWeight.shape[1] === 1));
  if (!plain || !numeric(sampleWeight)) return undefined;
  const flat = sampleWeight.rank === 1 ? sampleWeight : tf.reshape(sampleWeight, [rows]);
  return flat.dtype === 'float32' ? flat : tf.cast(flat, 'float32');
}

/**
 * An accuracy metric's running total plus this batch's (weighted) matches in one kernel, and the
 * batch's weight for the count; undefined where the backend registers no
 * `KERNEL_NAMES.accumulateMatches` or the shapes are not the plain ones (scores `[n, c]`; labels
 * `[n]` or `[n, 1]` class indices, or `[n, c]` scores; weights `[n]` or `[n, 1]`), which the
 * metric's generic ops then take. The same figures as those ops, in float32.
 */
export function accumulateMatches(
  total: tf.Scalar | undefined,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  labelsAreScores: boolean,
): { total: tf.Scalar; weight: number | tf.Scalar } | undefined {
  if (!hasKernel(KERNEL_NAMES.accumulateMatches) || yPred.rank !== 2 || !numeric(yPred) || !numeric(yTrue)) return undefined;
  const [rows, classes] = yPred.shape as [number, number];
  if (rows === 0 || classes === 0 || yTrue.shape[0] !== rows) return undefined;
  const labelShapeFits = labelsAreScores
    ? yTrue.rank === 2 && yTrue.shape[1] === classes
    : yTrue.rank === 1 || (yTrue.rank === 2 && yTrue.shape[1] === 1);
  if (!labelShapeFits) return undefined;
  return tf.tidy(() => {
    const weights = sampleWeight ? rowWeights(sampleWeight, rows) : undefined;
    if (sampleWeight && !weights) return undefined;
    const labels = labelsAreScores || yTrue.rank === 1 ? yTrue : tf.reshape(yTrue, [rows]);
    const inputs: tf.NamedTensorMap = { pred: yPred, labels };
    if (weights) inputs.weights = weights;
    if (total) inputs.total = total;
    const next = runKernel<tf.Scalar>(KERNEL_NAMES.accumulateMatches, inputs, { labelsAreScores });
    return { total: next, weight: weights ? (tf.sum(weights) as tf.Scalar) : rows };
  });
}
