import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from '../layers/shape.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/**
 * What the graph needs from something applied in it: a layer, or a model used as a layer
 * (a Sequential). `buildForInputs` gives the output shape for the input shapes (building the
 * weights on first use); `applyInputs` computes on real tensors.
 */
export interface NodeLayer {
  readonly name: string;
  readonly className: string;
  buildForInputs(shapes: Shape[]): Shape;
  applyInputs(inputs: tf.Tensor[], options: { training: boolean }): tf.Tensor;
  getConfig(): Record<string, unknown>;
}

/** One application of a layer to its inputs (Keras's `Node`). `index` counts the layer's nodes. */
export interface GraphNode {
  readonly layer: NodeLayer;
  readonly inputs: readonly SymbolicTensor[];
  /** Whether the layer was called on a list (merge layers), which the configs record. */
  readonly listInput: boolean;
  readonly index: number;
  output?: SymbolicTensor;
}

const nodesOf = new WeakMap<object, GraphNode[]>();

/** Every node recorded for `layer`, in the order it was applied. */
export function layerNodes(layer: object): GraphNode[] {
  let nodes = nodesOf.get(layer);
  if (!nodes) nodesOf.set(layer, (nodes = []));
  return nodes;
}
