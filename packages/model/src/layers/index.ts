import { Activation, type ActivationOptions } from './activation.js';
import { Dense, type DenseOptions } from './dense.js';
import { Dropout, type DropoutOptions } from './dropout.js';
import { Flatten, type FlattenOptions } from './flatten.js';
import { InputLayer, type InputLayerOptions } from './input-layer.js';

/** Factories in the style of `tf.layers`: `layers.dense({ units: 10 })`. */
export const layers = {
  dense: (options: DenseOptions) => new Dense(options),
  flatten: (options?: FlattenOptions) => new Flatten(options),
  dropout: (options: DropoutOptions) => new Dropout(options),
  activation: (options: ActivationOptions) => new Activation(options),
  input: (options: InputLayerOptions) => new InputLayer(options),
  /** Alias of `input`, as in tfjs-layers. */
  inputLayer: (options: InputLayerOptions) => new InputLayer(options),
};
