import { Activation, type ActivationOptions } from './activation.js';
import { Dense, type DenseOptions } from './dense.js';
import { Dropout, type DropoutOptions } from './dropout.js';
import { Flatten, type FlattenOptions } from './flatten.js';
import { InputLayer, type InputLayerOptions } from './input-layer.js';
import type { LayerOptions } from './layer.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './merge/elementwise.js';
import { Concatenate, type ConcatenateOptions } from './merge/concatenate.js';

/** Factories in the style of `tf.layers`: `layers.dense({ units: 10 })`. */
export const layers = {
  dense: (options: DenseOptions) => new Dense(options),
  flatten: (options?: FlattenOptions) => new Flatten(options),
  dropout: (options: DropoutOptions) => new Dropout(options),
  activation: (options: ActivationOptions) => new Activation(options),
  input: (options: InputLayerOptions) => new InputLayer(options),
  /** Alias of `input`, as in tfjs-layers. */
  inputLayer: (options: InputLayerOptions) => new InputLayer(options),
  add: (options?: LayerOptions) => new Add(options),
  subtract: (options?: LayerOptions) => new Subtract(options),
  multiply: (options?: LayerOptions) => new Multiply(options),
  average: (options?: LayerOptions) => new Average(options),
  maximum: (options?: LayerOptions) => new Maximum(options),
  minimum: (options?: LayerOptions) => new Minimum(options),
  concatenate: (options?: ConcatenateOptions) => new Concatenate(options),
};
