import { InvalidArgumentError, Registry, configToOptions, type SerializedObject } from '@neuralkit/core';
import type { Layer } from './layer.js';
import { Activation } from './activation.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { InputLayer } from './input-layer.js';
import { Conv2D } from './conv2d.js';
import { MaxPooling2D } from './max-pooling2d.js';
import { AveragePooling2D } from './average-pooling2d.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalMaxPooling2D } from './global-max-pooling2d.js';
import { BatchNormalization } from './batch-normalization.js';
import { Reshape } from './reshape.js';
import { SpatialDropout2D } from './spatial-dropout2d.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './merge/elementwise.js';
import { Concatenate } from './merge/concatenate.js';

/** Every layer class by Keras class name. */
export const layerRegistry = new Registry<Layer>('layer class')
  .register(Dense)
  .register(Flatten)
  .register(Dropout)
  .register(Activation)
  .register(InputLayer)
  .register(Conv2D, ['Convolution2D'])
  .register(MaxPooling2D, ['MaxPool2D'])
  .register(AveragePooling2D, ['AvgPool2D'])
  .register(GlobalAveragePooling2D, ['GlobalAvgPool2D'])
  .register(GlobalMaxPooling2D, ['GlobalMaxPool2D'])
  .register(BatchNormalization)
  .register(Reshape)
  .register(SpatialDropout2D)
  .register(Add)
  .register(Subtract)
  .register(Multiply)
  .register(Average)
  .register(Maximum)
  .register(Minimum)
  .register(Concatenate);

const HARMLESS_WHEN_OFF = ['quantizationConfig', 'optional', 'loraAlpha', 'sparse', 'ragged'];

/**
 * A layer from Keras's `{ class_name, config }` (tf.keras 2 or Keras 3). An unknown class or
 * option is an error naming the layer.
 */
export function deserializeLayer(serialized: SerializedObject): Layer {
  const cls = layerRegistry.lookup(serialized.class_name);
  const options = configToOptions(serialized.config ?? {});
  // Keys newer Keras versions write with their "off" value; they change nothing here.
  for (const key of HARMLESS_WHEN_OFF) {
    if (options[key] === null || options[key] === false) delete options[key];
  }
  try {
    return new cls(options);
  } catch (error) {
    const name = typeof options.name === 'string' ? ` "${options.name}"` : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`Cannot load ${serialized.class_name} layer${name}: ${message}`, { cause: error });
  }
}
