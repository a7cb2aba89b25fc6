import { InvalidArgumentError } from '@neuralkit/core';
import { layerNodes, type GraphNode, type NodeLayer } from './graph-node.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/**
 * Records `layer` applied to symbolic `inputs` (one tensor, or a list for merge layers) and returns
 * its symbolic output. The layer is built here, so shape errors surface while the model is defined.
 */
export function connect(layer: NodeLayer, inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicTensor {
  const listInput = Array.isArray(inputs);
  const list: SymbolicTensor[] = listInput ? [...(inputs as SymbolicTensor[])] : [inputs as SymbolicTensor];
  if (list.length === 0) throw InvalidArgumentError.expected(`inputs of layer "${layer.name}"`, 'at least one tensor', inputs);
  const shape = layer.buildForInputs(list.map((t) => t.shape));
  const nodes = layerNodes(layer);
  const node: GraphNode = { layer, inputs: list, listInput, index: nodes.length };
  node.output = new SymbolicTensor(shape, node);
  nodes.push(node);
  return node.output;
}
