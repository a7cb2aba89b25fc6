import { Activation, type ActivationOptions } from './activation.js';
import { Dense, type DenseOptions } from './dense.js';
import { Dropout, type DropoutOptions } from './dropout.js';
import { Flatten, type FlattenOptions } from './flatten.js';
import { InputLayer, type InputLayerOptions } from './input-layer.js';
import { Conv2D, type Conv2DOptions } from './conv2d.js';
import type { Pooling2DOptions } from './pooling2d.js';
import { MaxPooling2D } from './max-pooling2d.js';
import { AveragePooling2D } from './average-pooling2d.js';
import type { GlobalPooling2DOptions } from './global-pooling2d.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { BatchNormalization, type BatchNormalizationOptions } from './batch-normalization.js';
import { Reshape, type ReshapeOptions } from './reshape.js';
import { SpatialDropout2D, type SpatialDropout2DOptions } from './spatial-dropout2d.js';
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
  conv2d: (options: Conv2DOptions) => new Conv2D(options),
  maxPooling2d: (options?: Pooling2DOptions) => new MaxPooling2D(options),
  averagePooling2d: (options?: Pooling2DOptions) => new AveragePooling2D(options),
  globalAveragePooling2d: (options?: GlobalPooling2DOptions) => new GlobalAveragePooling2D(options),
  globalMaxPooling2d: (options?: GlobalPooling2DOptions) => new GlobalMaxPooling2D(options),
  batchNormalization: (options?: BatchNormalizationOptions) => new BatchNormalization(options),
  reshape: (options: ReshapeOptions) => new Reshape(options),
  spatialDropout2d: (options: SpatialDropout2DOptions) => new SpatialDropout2D(options),
  add: (options?: LayerOptions) => new Add(options),
  subtract: (options?: LayerOptions) => new Subtract(options),
  multiply: (options?: LayerOptions) => new Multiply(options),
  average: (options?: LayerOptions) => new Average(options),
  maximum: (options?: LayerOptions) => new Maximum(options),
  minimum: (options?: LayerOptions) => new Minimum(options),
  concatenate: (options?: ConcatenateOptions) => new Concatenate(options),
};
