import { InvalidArgumentError } from '@neuralkit/core';
import type { GraphNode, NodeLayer } from './graph-node.js';
import { isSymbolic, type SymbolicTensor } from './symbolic-tensor.js';

export interface Topology {
  /** Nodes in an order where every node follows the nodes of its inputs. */
  nodes: GraphNode[];
  /** Each layer once, in the order of its first node (input layers first). */
  layers: NodeLayer[];
}

/**
 * The nodes between `inputs` and `outputs`. Refuses, as Keras does, an output that needs an input
 * that was not given ("graph disconnected"), inputs that are not `input()` tensors, and duplicate
 * layer names.
 */
export function topology(inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[], modelName: string): Topology {
  for (const t of [...inputs, ...outputs]) {
    if (!isSymbolic(t)) throw InvalidArgumentError.expected(`inputs and outputs of model "${modelName}"`, 'symbolic tensors from input() and layers', t);
  }
  for (const t of inputs) {
    if (t.node.inputs.length > 0 || t.node.layer.className !== 'InputLayer') {
      throw new InvalidArgumentError(
        `Model "${modelName}": inputs must come from input(); "${t.name}" is the output of a ${t.node.layer.className} layer.`,
      );
    }
  }
  const order: GraphNode[] = [...new Set(inputs.map((t) => t.node))];
  const done = new Set<GraphNode>(order);
  const visiting = new Set<GraphNode>();
  const visit = (node: GraphNode, from: string): void => {
    if (done.has(node)) return;
    if (visiting.has(node)) throw new InvalidArgumentError(`Model "${modelName}": the graph has a cycle through layer "${node.layer.name}".`);
    if (node.inputs.length === 0) {
      throw new InvalidArgumentError(
        `Model "${modelName}": graph disconnected: output "${from}" needs input "${node.layer.name}", which is not among the ` +
          `model's inputs [${inputs.map((t) => t.name).join(', ')}].`,
      );
    }
    visiting.add(node);
    for (const t of node.inputs) visit(t.node, from);
    visiting.delete(node);
    done.add(node);
    order.push(node);
  };
  for (const t of outputs) visit(t.node, t.name);
  const layers: NodeLayer[] = [];
  const names = new Map<string, NodeLayer>();
  for (const node of order) {
    const seen = names.get(node.layer.name);
    if (seen === node.layer) continue;
    if (seen) throw new InvalidArgumentError(`Model "${modelName}": two different layers are named "${node.layer.name}"; layer names must be unique.`);
    names.set(node.layer.name, node.layer);
    layers.push(node.layer);
  }
  return { nodes: order, layers };
}
