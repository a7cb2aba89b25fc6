import { InvalidArgumentError, isSerializedObject, type SerializedObject } from '@neuralkit/core';
import type { Layer } from './layers/layer.js';
import { checkModelConfig } from './config-limits.js';
import { InputLayer } from './layers/input-layer.js';
import { deserializeLayer } from './layers/registry.js';
import type { Shape } from './layers/shape.js';

export type ConfigStyle = 'keras2' | 'keras3';

/** Keras's Sequential config: `{ name, layers: [InputLayer entry, ...] }` (tf.keras 2 form by default). */
export function sequentialConfig(
  model: { name: string; layers: readonly Layer[]; inputLayer: InputLayer | undefined; inputShape: Shape | undefined },
  style: ConfigStyle = 'keras2',
): Record<string, unknown> {
  const entries: SerializedObject[] = [];
  const batchShape = model.inputLayer?.batchShape ?? model.inputShape;
  if (batchShape) {
    const input = model.inputLayer ?? new InputLayer({ batchInputShape: batchShape, name: `${model.layers[0]?.name ?? 'input'}_input` });
    entries.push(entry(style, 'InputLayer', input.getConfig(style)));
  }
  for (const layer of model.layers) entries.push(entry(style, layer.className, plainLayerConfig(layer, style)));
  const config: Record<string, unknown> = { name: model.name, layers: entries };
  if (style === 'keras3') {
    config.trainable = true;
    if (batchShape) config.build_input_shape = [...batchShape];
  }
  return config;
}

/** Layers whose own config differs between tf.keras 2 and Keras 3: their `getConfig` takes the style. */
const STYLED_LAYERS = new Set(['SpatialDropout2D']);

/** A (non-input, non-model) layer's config in `style`: Keras 3 keeps no batch shape on it. */
export function plainLayerConfig(layer: Layer, style: ConfigStyle): Record<string, unknown> {
  const config = STYLED_LAYERS.has(layer.className)
    ? (layer as unknown as { getConfig(style: ConfigStyle): Record<string, unknown> }).getConfig(style)
    : layer.getConfig();
  if (style === 'keras3') delete config.batch_input_shape;
  return config;
}

function entry(style: ConfigStyle, className: string, config: Record<string, unknown>): SerializedObject {
  return style === 'keras3'
    ? { module: 'keras.layers', class_name: className, config, registered_name: null }
    : { class_name: className, config };
}

/** Layers (and the input layer) from a tf.keras 2.x, Keras 3 or tfjs-layers Sequential config. */
export function layersFromConfig(config: unknown): { name: string | undefined; input: InputLayer | undefined; layers: Layer[] } {
  // tf.keras < 2.2 wrote the layer list itself as the config.
  const raw = Array.isArray(config) ? { layers: config } : (config as { name?: unknown; layers?: unknown });
  if (!raw || !Array.isArray(raw.layers)) {
    throw InvalidArgumentError.expected('Sequential config', 'an object with a `layers` list', config);
  }
  checkModelConfig(config, raw.layers);
  let input: InputLayer | undefined;
  const layers: Layer[] = [];
  for (const item of raw.layers) {
    if (!isSerializedObject(item)) throw InvalidArgumentError.expected('layer entry in Sequential config', '{ class_name, config }', item);
    const layer = deserializeLayer(item);
    if (layer.className === 'InputLayer') input = layer as InputLayer;
    else layers.push(layer);
  }
  return { name: typeof raw.name === 'string' ? raw.name : undefined, input, layers };
}
