import { InputLayer, type InputLayerOptions } from '../layers/input-layer.js';
import { layerNodes, type GraphNode } from './graph-node.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/**
 * A symbolic model input (Keras's `keras.Input`): `input({ shape: [784] })`. Layers applied to it
 * build the graph that `model({ inputs, outputs })` turns into a model.
 */
export function input(options: InputLayerOptions): SymbolicTensor {
  return inputOf(new InputLayer(options));
}

/** The symbolic output of an existing InputLayer (its one node). */
export function inputOf(layer: InputLayer): SymbolicTensor {
  const nodes = layerNodes(layer);
  if (nodes[0]?.output) return nodes[0].output;
  const node: GraphNode = { layer: layer as never, inputs: [], listInput: false, index: 0 };
  node.output = new SymbolicTensor([...layer.batchShape], node);
  nodes.push(node);
  return node.output;
}
