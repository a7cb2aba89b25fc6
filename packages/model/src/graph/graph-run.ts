import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@neuralkit/core';
import { formatShape } from '../layers/shape.js';
import type { GraphNode } from './graph-node.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/**
 * Computes `outputs` from real input tensors by running the nodes in order. The caller owns
 * the returned tensors and wraps the call in `tf.tidy` (intermediates are not disposed here).
 */
export function runGraph(
  graph: { name: string; inputs: readonly SymbolicTensor[]; outputs: readonly SymbolicTensor[]; nodes: readonly GraphNode[] },
  xs: readonly tf.Tensor[],
  training: boolean,
): tf.Tensor[] {
  if (xs.length !== graph.inputs.length) {
    throw new ShapeError(`Model "${graph.name}" expects ${graph.inputs.length} input(s), received ${xs.length}.`);
  }
  const values = new Map<GraphNode, tf.Tensor>();
  graph.inputs.forEach((t, i) => {
    const x = xs[i]!;
    const expected = t.shape;
    const fits = expected.length === x.rank && expected.every((d, j) => j === 0 || d === null || d === x.shape[j]);
    if (!fits) {
      throw new ShapeError(`Input "${t.name}" of model "${graph.name}" expects samples of shape ${formatShape(expected)}, received ${formatShape([null, ...x.shape.slice(1)])}.`);
    }
    values.set(t.node, x);
  });
  for (const node of graph.nodes) {
    if (values.has(node)) continue;
    const inputs = node.inputs.map((t) => values.get(t.node)!);
    values.set(node, node.layer.applyInputs(inputs, { training }));
  }
  return graph.outputs.map((t) => values.get(t.node)!);
}
