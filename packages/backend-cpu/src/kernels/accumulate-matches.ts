import type * as tf from '@tensorflow/tfjs-core';
import { weightedMatchCount } from '@neuralkit/core';
import { output, valuesOf, type KernelArgs } from './cpu-storage.js';

/** `KERNEL_NAMES.accumulateMatches`: an accuracy metric's total plus this batch's weighted matches, one pass. */
export function accumulateMatches({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { pred, labels, weights, total } = inputs as { pred: tf.TensorInfo; labels: tf.TensorInfo; weights?: tf.TensorInfo; total?: tf.TensorInfo };
  const [rows, classes] = pred.shape as [number, number];
  const sum = weightedMatchCount({
    pred: valuesOf(backend, pred),
    labels: valuesOf(backend, labels),
    weights: weights ? valuesOf(backend, weights) : undefined,
    rows,
    classes,
    labelsAreScores: attrs?.labelsAreScores === true,
  });
  const before = total ? valuesOf(backend, total)[0]! : 0;
  return output(backend, [], Float32Array.of(before + sum));
}
