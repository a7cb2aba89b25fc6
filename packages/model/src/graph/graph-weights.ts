import type * as tf from '@tensorflow/tfjs-core';
import type { Layer, LayerWeight } from '../layers/layer.js';

/** Every weight of the graph's layers in layer order (a nested Sequential gives its layers' weights). */
export function graphWeights(layers: readonly Layer[]): LayerWeight[] {
  return layers.flatMap((l) => l.weights);
}

/** The variables of the graph, only the trainable ones when `trainable`. */
export function graphVariables(layers: readonly Layer[], trainable: boolean): tf.Variable[] {
  return layers.flatMap((l) => (trainable ? (l.trainable ? l.weights.filter((w) => w.trainable) : []) : l.weights).map((w) => w.variable));
}
