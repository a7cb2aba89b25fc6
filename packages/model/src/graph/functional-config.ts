import { plainLayerConfig, type ConfigStyle } from '../sequential-config.js';
import type { Layer } from '../layers/layer.js';
import type { GraphNode, NodeLayer } from './graph-node.js';
import { layerNodes } from './graph-node.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

interface GraphModel {
  readonly name: string;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  readonly nodes: readonly GraphNode[];
  readonly layers: readonly unknown[];
}

/** A layer's own config, in the style asked (InputLayer and nested models take the style). */
function layerConfig(layer: NodeLayer, style: ConfigStyle): Record<string, unknown> {
  const withStyle = layer as unknown as { getConfig(o?: unknown): Record<string, unknown> };
  if (layer.className === 'InputLayer') return withStyle.getConfig(style);
  if (layer.className === 'Sequential' || layer.className === 'Functional') return withStyle.getConfig({ style });
  return plainLayerConfig(layer as unknown as Layer, style);
}

/** The node index of `node` among its layer's nodes that belong to this model (Keras re-numbers per model). */
function nodeIndexer(model: GraphModel): (node: GraphNode) => number {
  const inModel = new Set(model.nodes);
  return (node) => layerNodes(node.layer).filter((n) => inModel.has(n)).indexOf(node);
}

function keras3Tensor(t: SymbolicTensor, index: (n: GraphNode) => number): Record<string, unknown> {
  return { class_name: '__keras_tensor__', config: { shape: [...t.shape], dtype: 'float32', keras_history: [t.node.layer.name, index(t.node), t.tensorIndex] } };
}

/**
 * Keras's Functional config: `{ name, layers: [{ class_name, config, name, inbound_nodes }], input_layers,
 * output_layers }`. Keras 2 writes each node as a list of `[layer, node, tensor, kwargs]`; Keras 3 as
 * `{ args, kwargs }` with `__keras_tensor__` entries (a merge layer's list as its first argument).
 */
export function functionalConfig(model: GraphModel, style: ConfigStyle): Record<string, unknown> {
  const index = nodeIndexer(model);
  const layersSeen: NodeLayer[] = [];
  const nodesByLayer = new Map<NodeLayer, GraphNode[]>();
  for (const node of model.nodes) {
    if (!nodesByLayer.has(node.layer)) {
      nodesByLayer.set(node.layer, []);
      layersSeen.push(node.layer);
    }
    nodesByLayer.get(node.layer)!.push(node);
  }
  const layers = layersSeen.map((layer) => {
    const calls = nodesByLayer.get(layer)!.filter((n) => n.inputs.length > 0);
    const inbound = calls.map((n) => {
      if (style === 'keras2') return n.inputs.map((t) => [t.node.layer.name, index(t.node), t.tensorIndex, {}]);
      const args = n.inputs.map((t) => keras3Tensor(t, index));
      return { args: n.listInput ? [args] : args, kwargs: {} };
    });
    const entry: Record<string, unknown> = style === 'keras3'
      ? { module: 'keras.layers', class_name: layer.className, config: layerConfig(layer, style), registered_name: null }
      : { class_name: layer.className, config: layerConfig(layer, style) };
    if (style === 'keras3' && calls[0]) {
      const shapes = calls[0].inputs.map((t) => [...t.shape]);
      entry.build_config = { input_shape: calls[0].listInput ? shapes : shapes[0] };
    }
    entry.name = layer.name;
    entry.inbound_nodes = inbound;
    return entry;
  });
  const ref = (t: SymbolicTensor) => [t.node.layer.name, index(t.node), t.tensorIndex];
  const config: Record<string, unknown> = { name: model.name };
  if (style === 'keras3') config.trainable = true;
  config.layers = layers;
  config.input_layers = model.inputs.map(ref);
  config.output_layers = model.outputs.map(ref);
  return config;
}
