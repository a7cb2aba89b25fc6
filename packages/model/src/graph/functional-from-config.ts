import { DataFormatError, InvalidArgumentError, isSerializedObject, type SerializedObject } from '@neuralkit/core';
import type { InputLayer } from '../layers/input-layer.js';
import { deserializeLayer } from '../layers/registry.js';
import { checkModelConfig } from '../config-limits.js';
import { Sequential } from '../sequential.js';
import { connect } from './connect.js';
import type { NodeLayer } from './graph-node.js';
import { inputOf } from './input.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

type Ref = [string, number, number];
interface NodeSpec {
  refs: Ref[];
  listInput: boolean;
}
interface LayerEntry extends SerializedObject {
  name?: string;
  inbound_nodes?: unknown[];
}

/** `[name, node, tensor]` from Keras 2's `[name, node, tensor, kwargs]` or Keras 3's `__keras_tensor__`. */
function refOf(value: unknown): Ref | undefined {
  if (Array.isArray(value) && typeof value[0] === 'string') return [value[0], Number(value[1] ?? 0), Number(value[2] ?? 0)];
  if (isSerializedObject(value) && value.class_name === '__keras_tensor__') {
    const history = (value.config as { keras_history?: unknown[] }).keras_history;
    if (Array.isArray(history)) return [String(history[0]), Number(history[1] ?? 0), Number(history[2] ?? 0)];
  }
  return undefined;
}

/** One inbound node in either generation's form. */
function nodeSpec(node: unknown, layer: string): NodeSpec {
  if (isSerializedObject(node as never) === false && node && typeof node === 'object' && !Array.isArray(node) && 'args' in node) {
    const args = (node as { args: unknown[] }).args;
    const listInput = Array.isArray(args[0]) && !refOf(args[0]);
    const items = listInput ? (args[0] as unknown[]) : args.filter((a) => refOf(a));
    return { refs: items.map((a) => refOf(a)).filter((r): r is Ref => r !== undefined), listInput };
  }
  if (Array.isArray(node)) {
    const refs = node.map(refOf);
    if (refs.every((r) => r)) return { refs: refs as Ref[], listInput: node.length > 1 };
  }
  throw new DataFormatError('model config', `layer "${layer}" has an inbound node that is neither Keras 2's [[name, node, tensor, {}]] nor Keras 3's { args, kwargs }: ${JSON.stringify(node)}.`);
}

/** `input_layers` / `output_layers`: a list of refs, one flat ref (Keras 3, one tensor), or a dict of refs. */
function endpointRefs(value: unknown, what: string): Ref[] {
  if (Array.isArray(value) && typeof value[0] === 'string') return [refOf(value)!];
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : undefined;
  const refs = list?.map(refOf);
  if (!refs || refs.length === 0 || refs.some((r) => !r)) throw InvalidArgumentError.expected(`\`${what}\` of the Functional config`, 'a list of [layer, node, tensor]', value);
  return refs as Ref[];
}

function makeLayer(entry: LayerEntry): NodeLayer {
  if (entry.class_name === 'Sequential') return Sequential.fromConfig(entry.config as never) as unknown as NodeLayer;
  if (entry.class_name === 'Functional' || entry.class_name === 'Model') {
    throw new InvalidArgumentError(`Nested Functional model "${String(entry.name)}" is not supported; expected layers or a nested Sequential.`);
  }
  return deserializeLayer({ class_name: entry.class_name, config: { ...(entry.config ?? {}), ...(entry.name && !(entry.config as { name?: unknown })?.name ? { name: entry.name } : {}) } }) as unknown as NodeLayer;
}

/** A Functional config's graph: its endpoints, and its layers in config order. */
export interface ConfigGraph {
  name: string | undefined;
  inputs: SymbolicTensor[];
  outputs: SymbolicTensor[];
  layerOrder: string[];
  layers: NodeLayer[];
}

/**
 * Rebuilds the graph of a Keras 2 (`Model`/`Functional`, node lists) or Keras 3 (`__keras_tensor__`)
 * Functional config: layers in order, each node once its inputs exist. A node that can never run
 * (a cycle, or an input naming a layer the config lacks) is an error naming it.
 */
export function graphFromConfig(config: unknown): ConfigGraph {
  const layers = new Map<string, NodeLayer>();
  try {
    return buildGraph(config, layers);
  } catch (error) {
    // Layers connected before the failure hold variables: a refused config leaves none behind.
    disposeLayers(layers.values());
    throw error;
  }
}

/** Frees the variables of layers (and nested models) that were made for a model that is not returned. */
export function disposeLayers(layers: Iterable<unknown>): void {
  for (const layer of layers) (layer as { dispose?: () => void }).dispose?.();
}

function buildGraph(config: unknown, layers: Map<string, NodeLayer>): ConfigGraph {
  const raw = config as { name?: unknown; layers?: unknown; input_layers?: unknown; output_layers?: unknown };
  if (!raw || !Array.isArray(raw.layers)) throw InvalidArgumentError.expected('Functional config', 'an object with a `layers` list', config);
  checkModelConfig(config, raw.layers);
  const pending: Array<{ layer: NodeLayer; spec: NodeSpec }> = [];
  const outputs = new Map<string, SymbolicTensor[]>();
  for (const item of raw.layers as LayerEntry[]) {
    if (!isSerializedObject(item)) throw InvalidArgumentError.expected('layer entry of a Functional config', '{ class_name, config, inbound_nodes }', item);
    const layer = makeLayer(item);
    layers.set(item.name ?? layer.name, layer);
    if (layer.className === 'InputLayer') outputs.set(layer.name, [inputOf(layer as unknown as InputLayer)]);
    for (const node of item.inbound_nodes ?? []) pending.push({ layer, spec: nodeSpec(node, layer.name) });
  }
  const tensor = ([name, node]: Ref) => outputs.get(name)?.[node];
  while (pending.length > 0) {
    const ready = pending.findIndex((p) => p.spec.refs.every((r) => tensor(r)));
    if (ready < 0) {
      const stuck = pending[0]!;
      const missing = stuck.spec.refs.find((r) => !layers.has(r[0]));
      if (missing) throw new DataFormatError('model config', `layer "${stuck.layer.name}" takes its input from layer "${missing[0]}", which the config does not define.`);
      throw new DataFormatError('model config', `the graph has a cycle: layers [${[...new Set(pending.map((p) => p.layer.name))].join(', ')}] wait on each other's outputs.`);
    }
    const { layer, spec } = pending.splice(ready, 1)[0]!;
    const inputs = spec.refs.map((r) => tensor(r)!);
    const out = connect(layer, spec.listInput ? inputs : inputs[0]!);
    outputs.set(layer.name, [...(outputs.get(layer.name) ?? []), out]);
  }
  const resolve = (refs: Ref[], what: string) => refs.map((r) => {
    const t = tensor(r);
    if (!t) throw new DataFormatError('model config', `${what} names layer "${r[0]}" (node ${r[1]}), which the config does not produce.`);
    return t;
  });
  return {
    name: typeof raw.name === 'string' ? raw.name : undefined,
    layerOrder: [...layers.values()].map((l) => l.name),
    layers: [...layers.values()],
    inputs: resolve(endpointRefs(raw.input_layers, 'input_layers'), 'input_layers'),
    outputs: resolve(endpointRefs(raw.output_layers, 'output_layers'), 'output_layers'),
  };
}
