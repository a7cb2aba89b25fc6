import type * as tf from '@tensorflow/tfjs-core';
import { weightedMatchCount } from '@neuralkit/core';
import { heapViews, type KernelArgs } from './model-heap.js';

/**
 * `NeuralkitAccumulateMatches` for the wasm backend: {pred [n,c], labels [n] or [n,c], weights? [n],
 * total? []} → [] total + Σᵢ wᵢ · [argmax(predᵢ) = labelᵢ] (attr `labelsAreScores`), one pass
 * over the module heap.
 */
export function accumulateMatches({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { pred, labels, weights, total } = inputs as { pred: tf.TensorInfo; labels: tf.TensorInfo; weights?: tf.TensorInfo; total?: tf.TensorInfo };
  const [rows, classes] = pred.shape as [number, number];
  const given = [pred, labels, ...(weights ? [weights] : []), ...(total ? [total] : [])];
  const { outputs, views, out } = heapViews(backend, given, [[]]);
  const sum = weightedMatchCount({
    pred: views[0]!,
    labels: views[1]!,
    weights: weights ? views[2] : undefined,
    rows,
    classes,
    labelsAreScores: attrs?.labelsAreScores === true,
  });
  out[0]![0] = (total ? views[given.length - 1]![0]! : 0) + sum;
  return outputs[0]!;
}
