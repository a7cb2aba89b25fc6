/**
 * Keras model configs as tfjs-layers reads and writes them. tfjs-layers (like tf.keras 2) puts
 * `batch_input_shape` on the first layer instead of an `InputLayer` entry, wants `dtype` as a string,
 * and writes camelCase optimizer configs (`learningRate`, `beta1`); these helpers convert both ways.
 */

import { InvalidArgumentError } from '@neuralkit/core';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keras 3 writes `dtype` as a DTypePolicy object; tfjs-layers wants the name. */
function plainDtype(dtype: unknown): unknown {
  if (isObject(dtype) && isObject(dtype.config) && typeof dtype.config.name === 'string') {
    return dtype.config.name;
  }
  return dtype;
}

function layerList(config: Json): Json[] {
  return Array.isArray(config.layers) ? (config.layers as unknown[]).filter(isObject) : [];
}

/** tfjs-layers 4.22 would load these silently with another meaning: refuse them, naming the layer. */
function refuseUnreadable(layer: Json): void {
  const config = layer.config as Json;
  if (layer.class_name === 'SpatialDropout2D') {
    throw new InvalidArgumentError(
      `Layer "${String(config.name)}" (SpatialDropout2D) has no counterpart in tfjs-layers 4.22 (it has SpatialDropout1D only), so tf.loadLayersModel could not read the file; save as .h5 or .keras instead.`,
    );
  }
  if (String(layer.class_name).startsWith('Global') && config.keepdims === true) {
    throw new InvalidArgumentError(
      `Layer "${String(config.name)}" (${String(layer.class_name)}) uses keepdims: true, which tfjs-layers 4.22 ignores (it would drop the spatial axes); save as .h5 instead, or follow it with a Reshape.`,
    );
  }
}

/**
 * A Sequential config (Keras 3 form, possibly with an InputLayer entry) as tfjs-layers loads it:
 * the InputLayer's shape moves onto the first layer as `batch_input_shape`.
 */
export function toTfjsSequentialConfig(config: Json): Json {
  const layers: Json[] = layerList(config).map((layer) => ({ ...layer, config: { ...(layer.config as Json) } }));
  let batchShape: unknown;
  const input = layers[0];
  if (input && input.class_name === 'InputLayer') {
    const inputConfig = input.config as Json;
    batchShape = inputConfig.batch_input_shape ?? inputConfig.batch_shape;
    layers.shift();
  }
  for (const layer of layers) {
    const layerConfig = layer.config as Json;
    refuseUnreadable(layer);
    if (layerConfig.dtype !== undefined) layerConfig.dtype = plainDtype(layerConfig.dtype);
    delete layerConfig.batch_shape;
  }
  const first = layers[0];
  if (first && batchShape !== undefined && (first.config as Json).batch_input_shape === undefined) {
    (first.config as Json).batch_input_shape = batchShape;
  }
  return { ...config, layers };
}

/** Whether a model to save is a Functional one (it has a graph), by class name (no instanceof across packages). */
export function isGraphModel(model: { className?: string }): boolean {
  return model.className === 'Functional';
}

/** A Functional config (Keras 2 node form) as tfjs-layers loads it: plain dtype names on every layer. */
export function toTfjsGraphConfig(config: Json): Json {
  const layers = layerList(config).map((layer) => {
    const layerConfig = { ...(layer.config as Json) };
    if (layerConfig.dtype !== undefined) layerConfig.dtype = plainDtype(layerConfig.dtype);
    delete layerConfig.batch_shape;
    if (layer.class_name === 'InputLayer') delete layerConfig.ragged;
    return { ...layer, config: layerConfig };
  });
  return { ...config, layers };
}

/** tfjs-layers writes `VarianceScaling` with `distribution: 'normal'`, which Keras 3 reads as truncated normal. */
function kerasInitializer(value: unknown): unknown {
  if (!isObject(value) || value.class_name !== 'VarianceScaling' || !isObject(value.config)) return value;
  if (value.config.distribution !== 'normal') return value;
  return { ...value, config: { ...value.config, distribution: 'truncated_normal' } };
}

/** A Sequential config written by tfjs-layers, in the form Keras (and `Sequential.fromConfig`) reads. */
export function fromTfjsSequentialConfig(config: Json): Json {
  const layers = layerList(config).map((layer) => {
    const layerConfig = { ...(layer.config as Json) };
    for (const key of Object.keys(layerConfig)) {
      if (key.endsWith('_initializer')) layerConfig[key] = kerasInitializer(layerConfig[key]);
    }
    return { ...layer, config: layerConfig };
  });
  return { ...config, layers };
}

/** `learningRate` → `learning_rate`, `beta1` → `beta_1` (tfjs-layers' optimizer config keys). */
function snakeKey(key: string): string {
  return key.replace(/([A-Z])/g, (c) => `_${c.toLowerCase()}`).replace(/^(beta|rho)(\d)$/, '$1_$2');
}

/** A training config as Keras reads it, from either Keras's or tfjs-layers' spelling. */
export function kerasTrainingConfig(trainingConfig: Json): Json {
  const optimizer = trainingConfig.optimizer_config;
  if (!isObject(optimizer) || !isObject(optimizer.config)) return trainingConfig;
  const config: Json = {};
  for (const [key, value] of Object.entries(optimizer.config)) config[snakeKey(key)] = value;
  return { ...trainingConfig, optimizer_config: { ...optimizer, config } };
}

export { isObject };
